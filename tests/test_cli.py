"""`flask translate ...` runs Babel in-process over the catalogs."""

import shutil
import subprocess

import polib
import pytest
from bs4 import BeautifulSoup

from hldsite import create_app, data_dir
from hldsite.catalogs import catalog_path
from hldsite.i18n import BY_CODE, TRANSLATED


@pytest.fixture
def workspace(tmp_path):
    """A copy of the committed catalogs that a command may change."""
    shutil.copytree(
        data_dir("translations"), tmp_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.mo")
    )
    return tmp_path


def translate(directory, *args):
    app = create_app({"BABEL_TRANSLATION_DIRECTORIES": str(directory)})
    return app.test_cli_runner().invoke(args=["translate", *args])


def test_check_passes_on_the_committed_catalogs(workspace):
    result = translate(workspace, "check")
    assert result.exit_code == 0, result.output
    assert "5 catalogs complete, with no errors." in result.output


def test_check_reports_each_problem(workspace):
    path = catalog_path(workspace, TRANSLATED[0])
    po = polib.pofile(str(path))
    po.find("p3", by="msgctxt").msgstr = ""
    po.find("p4", by="msgctxt").flags.append("fuzzy")
    po.find("salutation", by="msgctxt").msgstr = "one line"
    title = po.find("%(page)s – %(document)s")
    title.msgstr = "%(page)s"
    po.save()
    result = translate(workspace, "check")
    assert result.exit_code == 1
    assert "ar: error: [p3] " in result.output and "Not translated." in result.output
    assert "[p4] " in result.output and "Marked fuzzy" in result.output
    assert (
        "[salutation] " in result.output
        and "Keep the line breaks of the English: it has 5 lines." in result.output
    )
    assert "Keep the placeholders of the English exactly as they are: %(document)s %(page)s" in result.output


def test_stats_counts_every_catalog(workspace):
    result = translate(workspace, "stats")
    assert result.exit_code == 0, result.output
    for language in TRANSLATED:
        assert f"{language.catalog:10}" in result.output and "100.0%" in result.output


def test_the_site_reads_a_catalog_as_it_is_on_disk(workspace):
    """No compile step: a .po file edited by hand is served from the next request on."""
    client = create_app({"TESTING": True, "BABEL_TRANSLATION_DIRECTORIES": str(workspace)}).test_client()
    assert "Résumé intégral" in client.get("/fr/").get_data(as_text=True)
    path = catalog_path(workspace, BY_CODE["fr"])
    po = polib.pofile(str(path))
    po.find("Full summary").msgstr = "Le résumé complet"
    po.find("p7", by="msgctxt").msgstr = "Un septième paragraphe revu à la main."
    po.save()
    page = client.get("/fr/").get_data(as_text=True)
    assert "Le résumé complet" in page and "Un septième paragraphe revu à la main." in page


def test_update_keeps_every_translation(workspace):
    before = {language: polib.pofile(str(catalog_path(workspace, language))) for language in TRANSLATED}
    result = translate(workspace, "update")
    assert result.exit_code == 0, result.output
    for language, old in before.items():
        new = polib.pofile(str(catalog_path(workspace, language)))
        assert [(e.msgctxt, e.msgid, e.msgstr) for e in new] == [(e.msgctxt, e.msgid, e.msgstr) for e in old]
        assert new.fuzzy_entries() == []


def test_update_marks_changed_source_fuzzy_and_keeps_the_previous_text(workspace):
    pot = polib.pofile(str(workspace / "messages.pot"))
    entry = pot.find("p7", by="msgctxt")
    old = entry.msgid
    entry.msgid = old.replace("general agreement", "broad agreement")
    pot.save()
    assert translate(workspace, "update").exit_code == 0
    po = polib.pofile(str(catalog_path(workspace, TRANSLATED[0])))
    changed = po.find("p7", by="msgctxt")
    assert changed.msgid == entry.msgid and "fuzzy" in changed.flags
    assert changed.previous_msgid == old
    path = catalog_path(workspace, TRANSLATED[0])
    assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)]).returncode == 0


def test_changed_english_shows_the_new_english_with_a_notice(workspace, tmp_path):
    """After the English of p7 changes, and until it is translated again, readers see the new
    English, marked as English, and are told why. (That `update` then marks the old translation
    fuzzy is tested above.)"""
    content = tmp_path / "content"
    shutil.copytree(data_dir("content"), content)
    summary = content / "summary.toml"
    summary.write_text(
        summary.read_text("utf-8").replace(
            "There was general agreement that manifestations", "There was broad agreement that manifestations"
        ),
        "utf-8",
    )
    config = {"BABEL_TRANSLATION_DIRECTORIES": str(workspace), "CONTENT_DIR": str(content)}
    client = create_app(config).test_client()
    for language in TRANSLATED:
        soup = BeautifulSoup(client.get(f"/{language.code}/").get_data(as_text=True), "html.parser")
        paragraph = soup.find(id="p7")
        assert paragraph.find("span", lang="en").get_text().startswith("There was broad agreement")
        notice = paragraph.find_previous_sibling("p")
        expected = polib.pofile(str(catalog_path(workspace, language))).find(
            "This paragraph is shown in English: its translation is being updated."
        )
        assert notice["class"] == ["outdated"] and notice.get_text() == expected.msgstr
        assert soup.find(id="p8").find("span", lang="en") is None
