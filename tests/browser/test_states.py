"""Accessibility in every state, not only as pages load: every focused element in both colour
schemes, and every form after each kind of failed submission, in each language."""

import re

import pytest
from playwright.sync_api import expect

from conftest import REVIEWER_PASSWORD
from hldsite.i18n import LANGUAGES, TRANSLATED
from test_contribute import GOOD
from test_form_errors import DECISIONS, SIGN_IN, WRONG_PAIR, suggestion_cases, worded

from . import checks
from .conftest import REVIEWER

every_language = pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
SCHEMES = ("light", "dark")


def submit(page, button: str) -> int:
    """Press Enter on a form's button, as a keyboard user sends it; the status of the answer."""
    with page.expect_navigation() as navigation:
        page.locator(button).press("Enter")
    return navigation.value.status


def fill(page, url: str, fields: dict[str, str], button: str = "form:has(#password) button") -> int:
    """Load a form, type into its fields (by id) and send it."""
    page.goto(url)
    for field_id, value in fields.items():
        page.locator(f"#{field_id}").fill(value)
    return submit(page, button)


def sign_in(page, base_url: str, code: str) -> None:
    fill(page, f"{base_url}/{code}/review/sign-in/", {"name": REVIEWER, "password": REVIEWER_PASSWORD})


def focus_in_both_schemes(page) -> dict[str, list[str]]:
    """Tab through the page as it is, then measure each focused element in each colour scheme."""
    checks.focus_walk(page)
    found = {}
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        found[scheme] = checks.focus_contrast(page)
    return found


@every_language
def test_every_focused_element_keeps_its_contrast_in_both_schemes(page, base_url, language):
    """Focused text 7:1 on its own background, the focus indicator 3:1 against the page, in each
    state a keyboard user meets: a current tab, an error summary, a signed-in queue."""
    code = language.code
    translated = language in TRANSLATED
    states = {
        "theme, current tab": lambda: page.goto(f"{base_url}/{code}/themes/children/"),
        "plain theme": lambda: page.goto(f"{base_url}/{code}/themes/children/plain/"),
        "glossary": lambda: page.goto(f"{base_url}/{code}/glossary/"),
        # Filtered to the texts with suggestions: the same filters and table, a few rows (all 400
        # texts' links would take seven seconds of Tab in each language).
        "contribute index": lambda: page.goto(f"{base_url}/{code}/contribute/?status=suggested"),
        "sign-in": lambda: page.goto(f"{base_url}/{code}/review/sign-in/"),
        "sign-in, problems": lambda: fill(page, f"{base_url}/{code}/review/sign-in/", {}),
    }
    if translated:
        states |= {
            "contribute text": lambda: page.goto(f"{base_url}/{code}/contribute/p7/"),
            "contribute text, problems": lambda: fill(
                page, f"{base_url}/{code}/contribute/p7/", {"text": ""}, "form:has(#text) button[name=submit]"
            ),
            "review queue": lambda: (sign_in(page, base_url, code), page.goto(f"{base_url}/{code}/review/")),
        }
    found = {}
    for state, arrive in states.items():
        page.emulate_media(color_scheme="light")
        arrive()
        for scheme, problems in focus_in_both_schemes(page).items():
            if problems:
                found[f"{state} ({scheme})"] = problems
    assert found == {}


# The rules as they were before focus kept its colours: a current tab stayed near-white (dark
# scheme) and an error summary's link stayed red on the yellow focus fill.
OLD_RULES = ".versions [aria-current] { color: var(--text); } .problem-summary a { color: var(--error); }"


@pytest.mark.parametrize(
    ("scheme", "wanted"),
    [
        ("light", ['a[href="#name"] "Enter your name.": text 6.03:1']),
        (
            "dark",
            [
                'a[aria-current="page"][href="/en/themes/children/"] "Original text": text 1.16:1',
                'a[href="#name"] "Enter your name.": text 1.26:1',
            ],
        ),
    ],
)
def test_the_focus_walk_catches_colours_that_override_the_focus_style(page, base_url, scheme, wanted):
    page.emulate_media(color_scheme=scheme)
    found = []
    for arrive in (
        lambda: page.goto(f"{base_url}/en/themes/children/"),
        lambda: fill(page, f"{base_url}/en/review/sign-in/", {}),
    ):
        arrive()
        page.add_style_tag(content=OLD_RULES)
        checks.focus_walk(page)
        found += checks.focus_contrast(page)
    assert all(problem in found for problem in wanted), found


FORMS = {
    # form: (address, its submit button)
    "sign-in": ("/{code}/review/sign-in/", "form:has(#password) button"),
    "suggestion": ("/{code}/contribute/p7/", "form:has(#text) button[name=submit]"),
    "decision": ("/{code}/review/", "form:has(#PREFIX-text) button[name=ACTION]"),
}
# Each form in each language that has it (English has no catalog to suggest to or review).
FORMS_BY_LANGUAGE = [
    pytest.param(language, form, id=f"{language.code}-{form}")
    for language in LANGUAGES
    for form in FORMS
    if form == "sign-in" or language in TRANSLATED
]


def failures(form: str, code: str) -> dict:
    """Each kind of failed submission of a form: (fields by name, {field name: message})."""
    if form == "sign-in":
        return {
            kind: ({"name": REVIEWER if name == "reviewer" else name, "password": password}, wanted)
            for kind, (name, password, wanted) in SIGN_IN.items()
        }
    if form == "suggestion":
        return suggestion_cases(code)
    return {
        kind: ({name: value.replace("TEXT", GOOD[code]) for name, value in data.items()}, wanted)
        for kind, (data, wanted) in DECISIONS.items()
    }


def arriving(page, url: str, fields: dict[str, str], button: str, status: int):
    """What brings the page back to a failed submission, in a colour scheme, for checks.wcag.

    The form is sent again only when the page has left that state (following the skip link adds
    #main to its address) or when asked to: a change of scheme or of emulated media needs none.
    """
    sent = []

    def arrive(scheme: str = "light", again: bool = False) -> None:
        page.emulate_media(color_scheme=scheme, reduced_motion="no-preference", forced_colors="none")
        if again or not sent or "#" in page.url:
            assert fill(page, url, fields, button) == status
            sent.append(url)

    return arrive


@pytest.mark.parametrize(("language", "form"), FORMS_BY_LANGUAGE)
def test_every_failure_of_a_form_meets_wcag_and_leads_to_its_fields(page, base_url, expected, language, form):
    path, button = FORMS[form]
    url = base_url + path.format(code=language.code)
    prefix = ""
    if form == "decision":
        sign_in(page, base_url, language.code)
        page.goto(url)
        # The oldest suggestion's form: its fields are suggestion-N-text and suggestion-N-reason.
        prefix = page.locator("section.review textarea").first.get_attribute("id").removesuffix("text")
    found = {}
    for number, (kind, (data, wanted)) in enumerate(failures(form, language.code).items()):
        # The decision's button is a field of the form data, not one to type into.
        fields = {
            f"{prefix}{name}": value for name, value in data.items() if name not in ("accept", "reject")
        }
        wanted = {f"{prefix}{name}": message for name, message in wanted.items()}
        action = "accept" if "accept" in data else "reject"
        sender = button.replace("PREFIX-", prefix).replace("ACTION", action)
        arrive = arriving(page, url, fields, sender, 401 if WRONG_PAIR in wanted.values() else 422)
        # Every check of the page (both schemes, zoom, reflow, spacing) after the first kind of
        # failure; after the others, which change only the messages and marks, axe on the page.
        if number == 0 and (problems := checks.wcag(page, url, language.tag, arrive=arrive)):
            found[kind] = problems
        arrive(again=True)
        if number > 0 and (problems := checks.axe(page)):
            found[kind] = problems
        # Each link of the summary leads to its field, which alone is invalid and is described by
        # its message (what a screen reader reads with it).
        links = page.locator(".problem-summary a")
        hrefs = list(dict.fromkeys(links.evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")))
        assert hrefs == [f"#{field_id}" for field_id in wanted], kind
        for field_id, message in worded(expected, language, wanted).items():
            page.locator(f'.problem-summary a[href="#{field_id}"]').first.focus()
            page.keyboard.press("Enter")
            assert page.evaluate("() => document.activeElement.id") == field_id, kind
            expect(page.locator(f"#{field_id}")).to_have_accessible_description(
                re.compile(re.escape(message))
            )
        invalid = page.locator('[aria-invalid="true"]').evaluate_all("(fields) => fields.map((f) => f.id)")
        assert invalid == list(wanted), kind
    assert found == {}
