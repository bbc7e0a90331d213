"""The catalogs are complete, well-formed, typographically right, and the template is current."""

import shutil
import subprocess

import polib
import pytest

from hldsite import create_app, data_dir
from hldsite.catalogs import Catalog, catalog_path, template_path
from hldsite.checks import placeholders
from hldsite.gate import catalog_findings
from hldsite.i18n import SOURCE, TRANSLATED

TRANSLATIONS = data_dir("translations")
by_catalog = pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.code)


def entries(po):
    return [entry for entry in po if not entry.obsolete]


def test_template_is_not_stale(tmp_path):
    """Extracting now gives the committed .pot: commit `flask translate extract` after changes."""
    app = create_app({"BABEL_TRANSLATION_DIRECTORIES": str(tmp_path)})
    result = app.test_cli_runner().invoke(args=["translate", "extract"])
    assert result.exit_code == 0, result.output

    def messages(path):
        return [(e.msgctxt, e.msgid, e.comment, e.occurrences, e.flags) for e in polib.pofile(str(path))]

    assert messages(template_path(tmp_path)) == messages(template_path(TRANSLATIONS))


def test_template_has_every_content_message_with_its_id(document):
    pot = polib.pofile(str(template_path(TRANSLATIONS)))
    content = {(e.msgctxt, e.msgid): e.comment for e in pot if e.msgctxt}
    for paragraph in document.paragraphs:
        assert f"Paragraph {paragraph.position} of 12" in content[(paragraph.id, paragraph.text)]
    for theme in document.themes:
        assert (f"theme:{theme.slug}", theme.title) in content
    for key, message in document.framing.items():
        assert (key, message.text) in content


@by_catalog
def test_every_message_is_translated_and_none_fuzzy(po, language):
    catalog = po[language.code]
    template = polib.pofile(str(template_path(TRANSLATIONS)))
    assert {(e.msgctxt, e.msgid) for e in entries(catalog)} == {(e.msgctxt, e.msgid) for e in template}
    assert catalog.untranslated_entries() == []
    assert catalog.fuzzy_entries() == []
    assert catalog.percent_translated() == 100


@by_catalog
def test_placeholders_and_line_breaks_are_kept(po, language):
    for entry in entries(po[language.code]):
        assert placeholders(entry.msgstr) == placeholders(entry.msgid), entry.msgid
        assert entry.msgstr.count("\n") == entry.msgid.count("\n"), entry.msgid
        assert entry.msgstr == entry.msgstr.strip(), f"stray space around {entry.msgid!r}"


@by_catalog
def test_gnu_msgfmt_accepts_the_catalog(language):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is missing: the test command installs it (apt-get install gettext)"
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", "/dev/null", str(catalog_path(TRANSLATIONS, language))],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "fuzzy" not in result.stderr and "untranslated" not in result.stderr, result.stderr


@by_catalog
def test_catalog_has_no_errors_and_keeps_its_typography(document, language):
    """The checks a suggestion would meet find no error, and no punctuation slip, in the catalog."""
    catalog = Catalog.read(catalog_path(TRANSLATIONS, language), language)
    template = Catalog.read(template_path(TRANSLATIONS), SOURCE)
    findings = catalog_findings(catalog, template, document)
    found = [
        f"{entry.key}: {f.explain(language)}"
        for entry, f in findings
        if f.blocking or f.code == "punctuation"
    ]
    assert found == []


@by_catalog
def test_quotations_use_the_language_marks(po, language):
    # Spanish and Arabic UN texts use either angle or curly quotation marks.
    marks = {"fr": "«", "ru": "«", "es": "«“", "zh": "“", "ar": "«“"}[language.code]
    # A citation of a source may name a quoted title or entry in other words; any other quotation
    # stays a quotation.
    quoted = [
        e for e in entries(po[language.code]) if "“" in e.msgid and not (e.msgctxt or "").endswith(":source")
    ]
    assert quoted, "the source quotes the round-table theme in p1"
    for entry in quoted:
        assert any(mark in entry.msgstr for mark in marks), entry.msgctxt
    # Typewriter quotation marks are never a language's marks.
    assert [e.msgctxt or e.msgid for e in entries(po[language.code]) if '"' in e.msgstr] == []


@pytest.mark.parametrize("code", ["es"])
def test_spanish_questions_and_exclamations_open(po, code):
    for entry in entries(po[code]):
        assert entry.msgstr.count("¿") == entry.msgstr.count("?"), entry.msgid
        assert entry.msgstr.count("¡") == entry.msgstr.count("!"), entry.msgid
