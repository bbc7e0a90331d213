"""Form errors as GOV.UK's pattern: each problem of the summary links to its field, only fields with a
problem are invalid, and each shows its message next to it, named by its aria-describedby.

Every kind of failed submission of every form, in every language that has the form (English has
the sign-in form only: it has no catalog to suggest to or review).
"""

import pytest
from bs4 import BeautifulSoup

from hldsite.i18n import LANGUAGES, TRANSLATED
from hldsite.models import NAME_LENGTH
from test_contribute import GOOD
from test_review import decide, suggest

every_language = pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
every_translation = pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.code)

WRONG_PAIR = "The name or the password is not right."
TOO_LONG = "This is longer than %(max)d characters."
CONTROL = "The text contains control characters: remove them."
MARKUP = "HTML and other markup cannot be used in a translation."


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def assert_tied(html: BeautifulSoup, wanted: dict[str, str]) -> None:
    """The summary links to the fields of `wanted` (field id: message) in their order, only those
    fields are invalid, and each names, in aria-describedby, the element next to it with its message."""
    summary = html.find(attrs={"role": "alert"})
    links = summary.select("li a")
    assert list(dict.fromkeys(a["href"] for a in links)) == [f"#{field_id}" for field_id in wanted]
    assert [e["id"] for e in html.select('[aria-invalid="true"]')] == list(wanted)
    for field_id, message in wanted.items():
        control = html.find(id=field_id)
        described = control["aria-describedby"].split()
        assert f"{field_id}-error" in described
        error = html.find(id=f"{field_id}-error")
        assert message in error.get_text()
        assert message in [a.get_text() for a in links if a["href"] == f"#{field_id}"]
        # Next to its field: in the field's group, before the control, as GOV.UK places it.
        assert error.find_parent(class_="field") is control.find_parent(class_="field")
        assert error.find_next(["input", "textarea"]) is control
    for control in html.select("form input[id], form textarea[id]"):
        # Every description a control names exists; a field without a problem names no error.
        for described in control.get("aria-describedby", "").split():
            assert html.find(id=described) is not None, described
        if control["id"] not in wanted:
            assert html.find(id=f"{control['id']}-error") is None


# Sign-in

SIGN_IN = {
    # name, password: {field id: message, or (message, its limit)}
    "empty name": ("", "a password", {"name": "Enter your name."}),
    "empty password": ("reviewer", "", {"password": "Enter your password."}),
    "both empty": ("", "", {"name": "Enter your name.", "password": "Enter your password."}),
    # A wrong pair is the password's problem; an unknown name must look exactly the same.
    "wrong password": ("reviewer", "not the password", {"password": WRONG_PAIR}),
    "unknown name": ("nobody", "a long enough password", {"password": WRONG_PAIR}),
    "long name": ("x" * (NAME_LENGTH + 1), "a password", {"name": (TOO_LONG, NAME_LENGTH)}),
    "long password": ("reviewer", "x" * 201, {"password": (TOO_LONG, 200)}),
}


def worded(expected, language, wanted: dict) -> dict[str, str]:
    """The messages of `wanted` as the page in `language` words them."""
    return {
        field: expected(language, message[0]).replace("%(max)d", str(message[1]))
        if isinstance(message, tuple)
        else expected(language, message)
        for field, message in wanted.items()
    }


@every_language
@pytest.mark.parametrize("case", SIGN_IN)
def test_each_sign_in_problem_is_tied_to_its_field(
    app, client, csrf_token, add_reviewer, expected, language, case
):
    name, password, wanted = SIGN_IN[case]
    add_reviewer(app, "reviewer", "fr")
    url = f"/{language.code}/review/sign-in/"
    response = client.post(
        url, data={"csrf_token": csrf_token(client, url), "name": name, "password": password}
    )
    assert response.status_code == (401 if WRONG_PAIR in wanted.values() else 422)
    html = page(response)
    assert_tied(html, worded(expected, language, wanted))
    # The name typed is kept; the password never comes back.
    assert html.find(id="name").get("value", "") == name
    assert not html.find(id="password").get("value")


# Suggestion


def suggestion_cases(code: str) -> dict:
    """Each kind of refused suggestion: the fields sent, and {field id: message}."""
    good = GOOD[code]
    return {
        "empty text": ({"text": ""}, {"text": "The translation is empty."}),
        "refused text": ({"text": f"<b>{good[:20]}</b>{good[20:]}"}, {"text": MARKUP}),
        "control note": ({"text": good, "note": "Zoé\x1b[31m"}, {"note": CONTROL}),
        "long author": (
            {"text": good, "author": "x" * (NAME_LENGTH + 1)},
            {"author": (TOO_LONG, NAME_LENGTH)},
        ),
        # A form error stops the form before the checks judge the text.
        "two fields": (
            {"text": "", "note": "\x07", "author": "x" * (NAME_LENGTH + 1)},
            {"note": CONTROL, "author": (TOO_LONG, NAME_LENGTH)},
        ),
    }


@every_translation
@pytest.mark.parametrize("case", suggestion_cases("fr"))
def test_each_suggestion_problem_is_tied_to_its_field(app, client, csrf_token, expected, language, case):
    data, wanted = suggestion_cases(language.code)[case]
    url = f"/{language.code}/contribute/p7/"
    response = client.post(url, data={"csrf_token": csrf_token(client, url), **data})
    assert response.status_code == 422
    html = page(response)
    assert_tied(html, worded(expected, language, wanted))
    # The hint is still read with the text box, and what was typed is kept.
    assert html.find(id="text")["aria-describedby"].split()[0] == "text-hint"
    assert html.find(id="text").get_text() == data["text"]


def test_an_expired_form_links_to_its_first_field_and_marks_none_invalid(client):
    url = "/fr/contribute/p7/"
    client.get(url)
    html = page(client.post(url, data={"text": GOOD["fr"]}))
    assert [a["href"] for a in html.find(attrs={"role": "alert"}).select("li a")] == ["#text"]
    assert html.select('[aria-invalid="true"]') == []
    assert html.select(".field-error") == []


# Decision

DECISIONS = {
    # what the reviewer sends: {field: message}
    "reject without reason": (
        {"reject": "1", "reason": "  "},
        {"reason": "Give a reason for rejecting, so that the contributor can learn from it."},
    ),
    "accept refused text": ({"accept": "1", "text": "<b>x</b> TEXT"}, {"text": MARKUP}),
    "long reason": ({"reject": "1", "reason": "x" * 1001}, {"reason": (TOO_LONG, 1000)}),
}


@every_translation
@pytest.mark.parametrize("case", DECISIONS)
def test_each_decision_problem_is_tied_to_its_field(
    app, csrf_token, add_reviewer, sign_in, expected, language, case
):
    client = app.test_client()
    suggest(client, csrf_token, language.code)
    add_reviewer(app, "rev", language.code)
    assert sign_in(client, language.code, "rev").status_code == 303
    data, wanted = DECISIONS[case]
    if "text" in data:
        data = {**data, "text": data["text"].replace("TEXT", GOOD[language.code])}
    response = decide(client, csrf_token, language.code, **data)
    assert response.status_code == 422
    html = page(response)
    # Each suggestion's fields have ids of their own: suggestion-N-text, suggestion-N-reason.
    prefix = (
        html.find(attrs={"role": "alert"})
        .find_parent("section")["aria-labelledby"]
        .split()[0]
        .removesuffix("-title")
    )
    assert_tied(
        html, {f"{prefix}-{field}": text for field, text in worded(expected, language, wanted).items()}
    )
    assert html.find(id=f"{prefix}-text")["aria-describedby"].split()[0] == f"{prefix}-text-hint"
