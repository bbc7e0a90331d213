"""Each paragraph offers its permanent link and says when its translation was published; each page
says when it last changed. The dates are the catalogs' (`# published:`) and the content's (`revised`)."""

import re
import shutil
import subprocess
import tomllib
from datetime import UTC, date, datetime
from pathlib import Path

import polib
import pytest
from babel.dates import format_date
from bs4 import BeautifulSoup

from conftest import make_app
from hldsite import create_app, data_dir
from hldsite.catalogs import catalog_path, dated, published_on, update_catalog, write_entry
from hldsite.content import CONTENT_FILE, GLOSSARY_FILE, PLAIN_FILE
from hldsite.i18n import BY_CODE, LANGUAGES, TRANSLATED
from hldsite.message_ids import MessageId
from test_contribute import GOOD
from test_loop import suggest
from test_review import decide

every_language = pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
every_translation = pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.code)

LONG_AGO = date(2020, 1, 2)  # every translation's date in the dated copy
REVISED = date(2020, 1, 1)  # the English's, there
KNOWN = date(2026, 3, 5)
# 5 March 2026 as each language writes it in full (Babel's "long" format, the UN's English).
KNOWN_WRITTEN = {
    "ar": "5 مارس 2026",
    "zh": "2026年3月5日",
    "en": "5 March 2026",
    "fr": "5 mars 2026",
    "ru": "5 марта 2026\u202fг.",
    "es": "5 de marzo de 2026",
}


def soup(client, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, url
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def meta_of(page: BeautifulSoup, anchor: str):
    """The small line under a paragraph: its permanent link and its date."""
    return page.find(id=anchor).find_next_sibling("p", class_="paragraph-meta")


def edit(directory: Path, language, change) -> None:
    """Change a catalog by hand (as a translator with a text editor would)."""
    path = catalog_path(directory, language)
    po = polib.pofile(str(path))
    for entry in po:
        change(entry)
    po.save()


def today() -> date:
    return datetime.now(UTC).date()


def written_on(day: date, language) -> str:
    """A date as a page in `language` writes it (Babel's long format, the UN's conventions)."""
    return format_date(day, "long", locale=language.style)


@pytest.fixture
def dated_app(writable_translations, tmp_path):
    """The site with every translation published long ago and its English revised before that."""
    content = Path(shutil.copytree(data_dir("content"), tmp_path / "content"))
    for name in (CONTENT_FILE, PLAIN_FILE, GLOSSARY_FILE):
        path = content / name
        path.write_text(
            re.sub(r"(?m)^revised = .*$", f"revised = {REVISED}", path.read_text("utf-8")), "utf-8"
        )
    for language in TRANSLATED:
        edit(writable_translations, language, lambda e: setattr(e, "tcomment", dated(e.tcomment, LONG_AGO)))
    return make_app(writable_translations, tmp_path / "store.sqlite3", CONTENT_DIR=str(content))


# The permanent link.


@every_language
@pytest.mark.parametrize("url", ["/{code}/", "/{code}/themes/racism-and-xenophobia/"])
def test_a_paragraph_offers_its_permanent_link_with_the_same_anchor_in_every_language(
    client, expected, language, url
):
    page = soup(client, url.format(code=language.code))
    link = meta_of(page, "p7").find("a")
    assert link["href"] == "#p7"
    name = expected(language, "Paragraph %(number)s") % {"number": 7}
    hidden = link.find(class_="visually-hidden")
    assert hidden is not None and expected(language, "permanent link") in hidden.get_text()
    hidden.extract()
    assert link.get_text() == name


# The date of a paragraph's translation.


@every_translation
def test_a_translated_paragraph_says_in_its_language_when_its_translation_was_published(
    site_translations, tmp_path, language
):
    translations = Path(shutil.copytree(site_translations, tmp_path / "translations"))
    edit(
        translations,
        language,
        lambda e: setattr(e, "tcomment", dated(e.tcomment, KNOWN)) if e.msgctxt == "p7" else None,
    )
    client = create_app({"TESTING": True, "BABEL_TRANSLATION_DIRECTORIES": str(translations)}).test_client()
    for url in (f"/{language.code}/", f"/{language.code}/themes/racism-and-xenophobia/"):
        time = meta_of(soup(client, url), "p7").find("time")
        assert time["datetime"] == "2026-03-05"
        assert time.get_text() == KNOWN_WRITTEN[language.code]


def test_english_the_original_shows_no_translation_date(client):
    page = soup(client, "/en/")
    assert page.select(".paragraph-meta") and not page.select(".paragraph-meta time")
    assert "Translation published" not in page.get_text()


@every_translation
def test_a_paragraph_shown_in_english_for_an_outdated_translation_shows_no_date(
    site_translations, tmp_path, language
):
    translations = Path(shutil.copytree(site_translations, tmp_path / "translations"))
    edit(translations, language, lambda e: e.flags.append("fuzzy") if e.msgctxt == "p7" else None)
    client = create_app({"TESTING": True, "BABEL_TRANSLATION_DIRECTORIES": str(translations)}).test_client()
    page = soup(client, f"/{language.code}/")
    assert page.find(id="p7").find("span", lang="en") is not None
    meta = meta_of(page, "p7")
    assert meta.find("a")["href"] == "#p7" and meta.find("time") is None
    assert meta_of(page, "p8").find("time") is not None


@every_translation
def test_plain_language_passages_and_side_by_side_cells_show_their_dates(client, language):
    plain = soup(client, f"/{language.code}/plain/")
    assert plain.select(".paragraph-meta time")
    pairs = soup(client, f"/{language.code}/compare/en/")
    cell = pairs.find(id="p7").select(".pair__cell")
    assert cell[0].select_one(".paragraph-meta time") is not None
    assert cell[1].select_one(".paragraph-meta") is None  # the English, the original


# When the page changed, and publishing.


@every_translation
def test_publishing_a_text_dates_it_today_and_the_page_changed_today(
    dated_app, csrf_token, add_reviewer, sign_in, language
):
    code = language.code
    client = dated_app.test_client()
    written = {day: written_on(day, language) for day in (LONG_AGO, today())}
    page = soup(client, f"/{code}/")
    assert meta_of(page, "p7").find("time")["datetime"] == LONG_AGO.isoformat()
    changed = page.select_one("footer .page-changed time")
    assert changed["datetime"] == LONG_AGO.isoformat() and changed.get_text() == written[LONG_AGO]

    suggest(client, csrf_token, code)
    add_reviewer(dated_app, "rev", code)
    sign_in(client, code, "rev")
    assert decide(client, csrf_token, code, accept="1").status_code == 303

    page = soup(client, f"/{code}/")
    assert GOOD[code] in page.find(id="p7").get_text()
    assert meta_of(page, "p7").find("time").get_text() == written[today()]
    assert meta_of(page, "p8").find("time")["datetime"] == LONG_AGO.isoformat()
    assert page.select_one("footer .page-changed time")["datetime"] == today().isoformat()
    # A page without p7 did not change.
    other = soup(client, f"/{code}/themes/children/")
    assert other.select_one("footer .page-changed time")["datetime"] == LONG_AGO.isoformat()


def test_an_english_page_changed_when_its_english_was_revised(dated_app):
    page = soup(dated_app.test_client(), "/en/")
    assert page.select_one("footer .page-changed time")["datetime"] == REVISED.isoformat()


def test_an_error_page_says_nothing_of_a_change(client):
    page = soup(client, "/fr/no-such-page/", status=404)
    assert page.select_one(".page-changed") is None


# The catalog keeps the dates.


def test_writing_a_text_dates_it_and_keeps_other_translator_comments(site_translations, tmp_path):
    translations = Path(shutil.copytree(site_translations, tmp_path / "translations"))
    language = BY_CODE["fr"]
    note = "Checked against the UN terminology."
    edit(
        translations,
        language,
        lambda e: setattr(e, "tcomment", f"{note}\npublished: 2020-01-02") if e.msgctxt == "p7" else None,
    )
    path = catalog_path(translations, language)
    write_entry(path, MessageId.parse("p7"), "Un septième paragraphe.")
    entry = polib.pofile(str(path)).find("p7", by="msgctxt")
    assert entry.tcomment == f"{note}\npublished: {today()}"
    assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)]).returncode == 0


@pytest.mark.parametrize("english_changed", [False, True], ids=["same English", "changed English"])
def test_update_catalog_keeps_the_publication_dates(site_translations, tmp_path, english_changed):
    translations = Path(shutil.copytree(site_translations, tmp_path / "translations"))
    if english_changed:
        pot = polib.pofile(str(translations / "messages.pot"))
        entry = pot.find("p7", by="msgctxt")
        entry.msgid = entry.msgid.replace("general agreement", "broad agreement")
        pot.save()
    for language in TRANSLATED:
        path = catalog_path(translations, language)
        before = dates(path)
        assert before, "the catalog has dated translations"
        update_catalog(translations, language)
        assert dates(path) == before


def dates(path: Path) -> dict:
    """Each translated entry's translator comment and publication date, by its name (a content
    text keeps its name when its English changes)."""
    return {
        (e.msgctxt, "" if e.msgctxt else e.msgid): (e.tcomment, published_on(e.tcomment))
        for e in polib.pofile(str(path))
        if e.msgstr and published_on(e.tcomment)
    }


def test_translate_check_reports_a_translation_without_a_valid_date(site_translations, tmp_path):
    translations = Path(shutil.copytree(site_translations, tmp_path / "translations"))

    def undate(entry):
        if entry.msgctxt == "p3":
            entry.tcomment = ""
        elif entry.msgctxt == "p4":
            entry.tcomment = "published: 3 December 2026"

    edit(translations, BY_CODE["fr"], undate)
    result = (
        create_app({"BABEL_TRANSLATION_DIRECTORIES": str(translations)})
        .test_cli_runner()
        .invoke(args=["translate", "check"])
    )
    assert result.exit_code == 1
    for key in ("p3", "p4"):
        assert f"fr: error: [{key}] " in result.output
    assert "No valid publication date: add the line `# published: YYYY-MM-DD`" in result.output
    assert "[p5]" not in result.output


# The English's own date.


@pytest.mark.parametrize("name", [CONTENT_FILE, PLAIN_FILE, GLOSSARY_FILE])
def test_each_content_file_is_revised_no_earlier_than_its_last_commit(document, name):
    path = data_dir("content") / name
    try:
        found = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", path.name],
            cwd=path.parent,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    if not found:
        pytest.skip("not committed yet")
    revised = tomllib.loads(path.read_text("utf-8"))["revised"]
    assert revised >= date.fromisoformat(found)
    assert document.revised >= revised
