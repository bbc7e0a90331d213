"""The project says what may be reused and under which terms, and never claims to be the UN:
licence files, package metadata, the README, the PO headers, and every page."""

import re
import tomllib
from pathlib import Path

import polib
import pytest

from hldsite import data_dir
from hldsite.catalogs import catalog_path, template_path
from hldsite.i18n import LANGUAGES, TRANSLATED

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = data_dir("translations")
by_code = pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
CATALOGS = [template_path(TRANSLATIONS)] + [catalog_path(TRANSLATIONS, language) for language in TRANSLATED]
# What Babel writes when nobody says otherwise, and what the first edition claimed.
PLACEHOLDERS = re.compile(
    r"FIRST AUTHOR|EMAIL@ADDRESS|FULL NAME|YEAR-MO-DA|LANGUAGE <LL@li\.org>|\bVERSION\b|ORGANIZATION"
)
UN_CLAIM = re.compile(r"Copyright \(C\) \d{4} United Nations|(?<!not )an official (website|translation)")


def test_the_code_and_the_texts_each_have_a_licence():
    code = (ROOT / "LICENSE").read_text("utf-8")
    texts = (ROOT / "LICENSES" / "CC-BY-4.0.txt").read_text("utf-8")
    assert code.startswith("BSD 3-Clause License") and "the hld2013-rt2 contributors" in code
    assert "Attribution 4.0 International" in texts and "Section 1 -- Definitions." in texts


def test_the_package_declares_both_licences():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["license"] == "BSD-3-Clause AND CC-BY-4.0"
    assert sorted(project["license-files"]) == ["LICENSE", "LICENSES/*.txt"]
    assert "Unofficial" in project["description"]


def test_the_readme_names_the_licences_and_the_original():
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Licences", 1)[1]
    assert "BSD 3-Clause" in section and "(LICENSE)" in section
    assert "Creative Commons Attribution 4.0 International" in section and "LICENSES/CC-BY-4.0.txt" in section
    assert "is a\n  United Nations document" in section or "is a United Nations document" in section
    assert "not an official website of the United Nations" in readme


def catalog_name(path: Path) -> str:
    return path.parent.parent.name if path.suffix == ".po" else "template"


@pytest.mark.parametrize("path", CATALOGS, ids=catalog_name)
def test_every_catalog_header_is_real(path):
    raw = path.read_text("utf-8")
    header = raw.split('msgid ""', 1)[0] + raw.split("\n\n", 1)[0]
    assert not PLACEHOLDERS.search(header), PLACEHOLDERS.search(header).group()
    assert not UN_CLAIM.search(header)
    po = polib.pofile(str(path))
    assert "Creative Commons Attribution" in po.header and "LICENSES/CC-BY-4.0.txt" in po.header
    assert "United Nations document" in po.header and "not\nofficial United Nations translations" in po.header
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert po.metadata["Project-Id-Version"] == f"hld2013-rt2 {version}"
    assert re.fullmatch(r"/[a-z]{2}/contribute/(languages/)?", po.metadata["Report-Msgid-Bugs-To"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d\+0000", po.metadata["PO-Revision-Date"])
    assert not [entry for entry in po if entry.obsolete]


def test_writing_a_translation_dates_the_catalog(writable_app, writable_translations):
    from hldsite.catalogs import write_entry
    from hldsite.message_ids import MessageId

    path = catalog_path(writable_translations, TRANSLATED[0])
    before = polib.pofile(str(path))
    before.metadata["PO-Revision-Date"] = "2000-01-01 00:00+0000"
    before.save()
    write_entry(path, MessageId.parse("p3"), "نص جديد للفقرة الثالثة.")
    after = polib.pofile(str(path))
    assert after.metadata["PO-Revision-Date"] > "2026-"
    assert after.header == before.header


def test_translate_update_rewrites_a_header_left_by_babel(writable_app, writable_translations):
    path = catalog_path(writable_translations, TRANSLATED[2])
    po = polib.pofile(str(path))
    po.header = "Copyright (C) 2026 United Nations\nFIRST AUTHOR <EMAIL@ADDRESS>, 2026."
    po.metadata["Project-Id-Version"] = "hld2013-rt2 VERSION"
    po.metadata["Report-Msgid-Bugs-To"] = "EMAIL@ADDRESS"
    po.save()
    result = writable_app.test_cli_runner().invoke(args=["translate", "update"])
    assert result.exit_code == 0, result.output
    raw = path.read_text("utf-8")
    assert not PLACEHOLDERS.search(raw.split("\n\n", 1)[0])
    assert "United Nations\n" not in raw.split("\n\n", 1)[0]


NOT_OFFICIAL = (
    "This is not an official website of the United Nations, and its translations are not official "
    "translations. The English summary is a United Nations document; the texts written for this site "
    "may be reused under the CC BY 4.0 licence."
)


@by_code
@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("", 200),
        ("themes/", 200),
        ("plain/", 200),
        ("glossary/", 200),
        ("compare/", 200),
        ("contribute/", 200),
        ("review/sign-in/", 200),
        ("no-such-page/", 404),
        ("themes/nowhere/", 404),
    ],
)
def test_every_page_says_it_is_not_an_official_un_site(read, expected, language, path, status):
    footer = read(f"/{language.code}/{path}", status).find("footer")
    assert expected(language, NOT_OFFICIAL) in footer.get_text()


def test_the_chooser_of_languages_says_so_in_every_language(read, expected):
    soup = read("/languages/")
    notices = {p["lang"]: p.get_text() for p in soup.find("footer").find_all("p", lang=True)}
    assert notices == {language.tag: expected(language, NOT_OFFICIAL) for language in LANGUAGES}
    assert "United Nations ·" not in soup.get_text()


@pytest.mark.parametrize("path", ["/en/", "/fr/glossary/", "/languages/", "/sitemap.xml", "/zz/"])
def test_no_header_claims_the_site_is_the_uns(client, path):
    response = client.get(path)
    assert not any("United Nations" in value for _, value in response.headers.items())
