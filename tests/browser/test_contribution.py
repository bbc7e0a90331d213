"""The contribution pages in headless Chromium: every check of the reading pages, and the editor's
flow by keyboard with what a screen reader announces, in each language."""

import urllib.request

import pytest

from conftest import REVIEWER_PASSWORD
from hldsite.i18n import LANGUAGES, TRANSLATED
from test_contribute import GOOD

from . import checks
from .conftest import REVIEWER, language_of, receipt_of

PATHS = (
    [f"/{language.code}/contribute/" for language in LANGUAGES]
    + [f"/{language.code}/contribute/languages/" for language in LANGUAGES]
    + [f"/{language.code}/review/sign-in/" for language in LANGUAGES]
    + [f"/{language.code}/contribute/p7/" for language in TRANSLATED]
    + [f"/{language.code}/contribute/?status=suggested" for language in TRANSLATED]
    + [f"/{language.code}/contribute/receipt/{receipt_of(language)}/" for language in TRANSLATED]
    + [f"/{language.code}/contribute/contributors/" for language in TRANSLATED]
    + [f"/{language.code}/contribute/offline/" for language in TRANSLATED]
)
every_translation = pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.code)
every_language = pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)


@pytest.mark.parametrize("path", PATHS)
def test_contribution_page_meets_wcag(page, base_url, path):
    assert checks.wcag(page, base_url + path, language_of(path).tag) == {}


@pytest.mark.parametrize("path", PATHS)
def test_contribution_html_is_valid(base_url, validator, path):
    with urllib.request.urlopen(base_url + path) as response:
        assert checks.html_errors(response.read().decode(), validator) == []


def sign_in_by_keyboard(page, base_url, code: str, password: str = REVIEWER_PASSWORD) -> None:
    page.goto(f"{base_url}/{code}/review/sign-in/")
    tab_to(page, "#name")
    page.keyboard.type(REVIEWER)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    submit(page)


def submit(page) -> None:
    """Press Enter on the focused control and wait for the page the form leads to."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def tab_to(page, selector: str, limit: int = 200) -> None:
    """Press Tab until the element has the focus, as a keyboard user would reach it."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reaches {selector}")


@every_translation
def test_review_queue_meets_wcag_and_is_valid(page, base_url, validator, language):
    sign_in_by_keyboard(page, base_url, language.code)
    assert page.url == f"{base_url}/{language.code}/review/"
    assert checks.html_errors(page.content(), validator) == []
    assert checks.wcag(page, page.url, language.tag) == {}


@every_language
def test_signing_in_by_keyboard_announces_a_wrong_password(page, base_url, expected, language):
    sign_in_by_keyboard(page, base_url, language.code, "not the password")
    alert = page.get_by_role("alert")
    assert expected(language, "The name or the password is not right.") in alert.inner_text()
    assert checks.axe(page) == []
    sign_in_by_keyboard(page, base_url, language.code)
    # From a page in a language the reviewer does not review (English), their first language's queue.
    landing = language if language in TRANSLATED else TRANSLATED[0]
    assert page.url == f"{base_url}/{landing.code}/review/"


@every_translation
def test_the_editor_by_keyboard_with_what_is_announced(page, base_url, expected, language):
    url = f"{base_url}/{language.code}/contribute/p9/"
    page.goto(url)
    # The text box is named by its label, and has the language and direction of its text.
    box = page.get_by_role("textbox", name=expected(language, "Your translation"), exact=True)
    assert (box.get_attribute("lang"), box.get_attribute("dir")) == (language.tag, language.direction)
    # An empty suggestion: the problem is announced (role=alert) and links to the box.
    tab_to(page, "#text")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    tab_to(page, "form button[type=submit]")
    submit(page)
    alert = page.get_by_role("alert")
    assert expected(language, "The translation is empty.") in alert.inner_text()
    assert box.get_attribute("aria-invalid") == "true"
    assert checks.axe(page) == [] and checks.contrast(page) == []
    tab_to(page, ".problem-summary a")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "text"
    # A good one: typed, sent with Enter on the button, confirmed politely (role=status).
    page.keyboard.type(GOOD[language.code])
    tab_to(page, "form button[type=submit]")
    submit(page)
    status = page.get_by_role("status")
    thanks = "Thank you. Your suggestion is saved: a reviewer will read it before it is published."
    assert expected(language, thanks) in status.inner_text()
    assert checks.axe(page) == [] and checks.contrast(page) == []
