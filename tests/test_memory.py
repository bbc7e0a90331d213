"""Translation memory: the editor offers the published translations of texts whose English is alike."""

import polib
import pytest
from babel.numbers import format_percent
from bs4 import BeautifulSoup

from hldsite.catalogs import catalog_path
from hldsite.i18n import TRANSLATED
from hldsite.message_ids import MessageId
from test_review import decide, suggest

every_translation = pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.code)

# Two plain-language passages with the same English: each is the other's match at 100 %.
TEXT, TWIN = "plain:intro-4.3", "plain:international-instruments-3.3"
# Two texts of the site one colon apart: 48 of their 49 characters in common.
COLON, NO_COLON = "Improve this translation:", "Improve this translation"


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def memory(client, code: str, key: str):
    """The memory's matches on a text's editor, by the address of each match's own editor."""
    html = page(client.get(f"/{code}/contribute/{key}/"))
    section = html.select_one("section[aria-labelledby=memory-title]")
    assert section.h2.get_text()
    return {item.a["href"]: item for item in section.select("ol > li")}


def key_of(po: polib.POFile, msgid: str) -> str:
    entry = po.find(msgid)
    return str(MessageId.of_entry(entry.msgctxt, entry.msgid))


def percent(value: float, language) -> str:
    return format_percent(value, locale=language.locale)


@every_translation
def test_a_text_with_the_same_english_is_offered_at_100_per_cent(client, po, language):
    matches = memory(client, language.code, TEXT)
    match = matches[f"/{language.code}/contribute/{TWIN}/"]
    assert percent(1, language) in match.select_one(".record__meta").get_text()
    english = match.select_one(".text-block[lang=en]")
    assert english["dir"] == "ltr"
    assert english.get_text() == po[language.code].find(TWIN, by="msgctxt").msgid
    translation = match.select_one(f".text-block[lang={language.tag}]")
    assert translation["dir"] == language.direction
    assert translation.get_text() == po[language.code].find(TWIN, by="msgctxt").msgstr


@every_translation
def test_a_near_duplicate_is_offered_with_its_similarity_in_the_page_format(client, po, language):
    catalog = po[language.code]
    matches = memory(client, language.code, key_of(catalog, COLON))
    match = matches[f"/{language.code}/contribute/{key_of(catalog, NO_COLON)}/"]
    assert percent(48 / 49, language) in match.select_one(".record__meta").get_text()
    assert match.select_one(f".text-block[lang={language.tag}]").get_text() == catalog.find(NO_COLON).msgstr
    # The other languages' translations, each in its own language, folded away.
    others = {dd["lang"]: dd.get_text() for dd in match.select("details dd")}
    assert others == {
        other.tag: po[other.code].find(NO_COLON).msgstr for other in TRANSLATED if other != language
    }
    assert match.details.summary.get_text()


@every_translation
def test_the_text_itself_is_never_offered(client, po, language):
    for key in (TEXT, TWIN, key_of(po[language.code], COLON), "p1"):
        assert f"/{language.code}/contribute/{key}/" not in memory(client, language.code, key)


def unpublish(translations, language, key: str, how: str) -> str:
    """Make a text untranslated or outdated in a catalog; the text it had."""
    path = catalog_path(translations, language)
    po = polib.pofile(str(path), wrapwidth=76)
    entry = po.find(key, by="msgctxt")
    text = entry.msgstr
    if how == "untranslated":
        entry.msgstr = ""
    else:
        entry.flags.append("fuzzy")
    po.save()
    return text


@every_translation
@pytest.mark.parametrize("how", ["untranslated", "outdated"])
def test_a_match_not_published_in_the_language_is_not_offered(
    writable_app, writable_translations, language, how
):
    unpublish(writable_translations, language, TWIN, how)
    client = writable_app.test_client()
    assert f"/{language.code}/contribute/{TWIN}/" not in memory(client, language.code, TEXT)
    # Another language still has it published: the match is offered there.
    other = next(other for other in TRANSLATED if other != language)
    assert f"/{other.code}/contribute/{TWIN}/" in memory(client, other.code, TEXT)


@every_translation
def test_a_newly_published_text_is_offered_at_once(
    writable_app, writable_translations, csrf_token, add_reviewer, sign_in, language
):
    text = unpublish(writable_translations, language, TWIN, "untranslated")
    client = writable_app.test_client()
    twin = f"/{language.code}/contribute/{TWIN}/"
    assert twin not in memory(client, language.code, TEXT)  # the memory is built without it
    suggest(client, csrf_token, language.code, key=TWIN, text=text)
    add_reviewer(writable_app, "rev", language.code)
    sign_in(client, language.code, "rev")
    assert decide(client, csrf_token, language.code, accept="1").status_code == 303
    match = memory(client, language.code, TEXT)[twin]
    assert match.select_one(f".text-block[lang={language.tag}]").get_text() == text
