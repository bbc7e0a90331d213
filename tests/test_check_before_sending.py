"""Checking a text without sending it: the verdicts, the glossary, the reading level; nothing stored."""

import re

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from hldsite.db import db
from hldsite.i18n import TRANSLATED
from hldsite.models import Suggestion
from test_contribute import GOOD

every_translation = pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.code)
TERM = "glossary:racial-discrimination"  # a glossary term of p7's English


def wording(po, language, msgid: str, **values) -> str:
    """A text of the site as the page shows it: its translation if it has one, else the English."""
    entry = po[language.code].find(msgid)
    text = entry.msgstr if entry and entry.msgstr and not entry.fuzzy else msgid
    for name, value in values.items():
        text = text.replace(f"%({name})s", value)
    return text


def check(client, csrf_token, code: str, key: str, text: str) -> BeautifulSoup:
    url = f"/{code}/contribute/{key}/"
    data = {"csrf_token": csrf_token(client, url), "text": text, "check": "check"}
    response = client.post(url, data=data)
    assert response.status_code in (200, 422)
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def suggestions_stored(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Suggestion))


def term_line(html: BeautifulSoup, approved: str) -> str:
    """The glossary section's line for a term, by its approved translation."""
    section = html.select_one("section[aria-labelledby=terms-title]")
    [dd] = [dd for dd in section.select("dd") if dd.a.get_text() == approved]
    return " ".join(dd.get_text().split())


@every_translation
def test_checking_shows_the_verdicts_and_stores_nothing(app, client, csrf_token, po, language):
    html = check(client, csrf_token, language.code, "p7", "<b>" + GOOD[language.code] + "</b> 2013")
    alert = html.find(attrs={"role": "alert"}).get_text()
    assert wording(po, language, "HTML and other markup cannot be used in a translation.") in alert
    assert wording(po, language, "The numbers differ from those of the English.") in html.get_text()
    assert suggestions_stored(app) == 0


@every_translation
def test_checking_lists_the_glossary_terms_and_whether_the_text_uses_them(
    app, client, csrf_token, po, language
):
    approved = po[language.code].find(TERM, by="msgctxt").msgstr
    used = check(client, csrf_token, language.code, "p7", GOOD[language.code])
    assert term_line(used, approved) == f"{approved} · {wording(po, language, 'Used in your text')}"
    without = check(client, csrf_token, language.code, "p7", GOOD[language.code].replace(approved, ""))
    assert term_line(without, approved) == f"{approved} · {wording(po, language, 'Not used in your text')}"
    warning = wording(
        po, language, "The glossary's translation of this term is not used: %(term)s", term=approved
    )
    assert warning in without.get_text()
    assert suggestions_stored(app) == 0


@every_translation
def test_checking_a_plain_text_shows_its_reading_level_before_and_after(
    app, client, csrf_token, po, language
):
    key = "plain:children-1"
    current = po[language.code].find(key, by="msgctxt").msgstr
    # Its first sentence alone: a shorter, easier text.
    first = re.split(r"(?<=[.。])\s*", current)[0]
    html = check(client, csrf_token, language.code, key, first)
    [notice] = [p.get_text() for p in html.select(".notice-line")]
    # The figures in the page's number format (format_decimal "0.0"): before, then after.
    before, after = re.findall(r"\d+[.,٫]\d", notice)
    assert before != after
    assert suggestions_stored(app) == 0
