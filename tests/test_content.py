"""The content model: every text has a stable id and a theme, and bad content is refused."""

import tomllib

import pytest

from hldsite import data_dir
from hldsite.content import CONTENT_FILE, ContentError, extract_content, parse_summary

CONTENT = data_dir("content")
SOURCE = (CONTENT / CONTENT_FILE).read_text("utf-8")


def test_themes_cover_every_body_paragraph(document):
    themed = [p.id for t in document.themes for p in t.paragraphs]
    assert themed == [p.id for p in document.paragraphs if p.theme]
    assert [p.id for p in document.paragraphs if not p.theme] == ["p1", "p2"]
    assert len(document.themes) == 9


def test_paragraph_ids_and_theme_slugs_are_stable(document):
    assert [p.id for p in document.paragraphs] == [f"p{n}" for n in range(1, 13)]
    assert [t.slug for t in document.themes] == [
        "human-rights",
        "children",
        "women-and-girls",
        "racism-and-xenophobia",
        "international-instruments",
        "regular-migration",
        "trafficking-and-smuggling",
        "migrants-in-crisis",
        "way-forward",
    ]


def test_extractor_gives_each_text_its_id_and_a_note():
    with open(CONTENT / CONTENT_FILE, "rb") as f:
        found = list(extract_content(f, {}, [], {}))
    by_context = {
        messages[0]: (lineno, funcname, messages[1], notes) for lineno, funcname, messages, notes in found
    }
    lineno, funcname, text, notes = by_context["p7"]
    assert funcname == "pgettext"
    assert text.startswith("There was general agreement that manifestations")
    [note] = notes
    assert note.startswith(
        "Paragraph 7 of 12; theme: Racism, racial discrimination, xenophobia and related intolerance. "
    )
    # The paragraph's own note for translators follows where it stands.
    assert "aggravate" in note
    assert SOURCE.splitlines()[lineno - 1] == 'id = "p7"'
    assert by_context["salutation"][2].count("\n") == 4
    assert "theme:way-forward" in by_context


def mutate(change):
    data = tomllib.loads(SOURCE)
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["paragraphs"][3].update(theme="nowhere"), "unknown theme"),
        (lambda d: d["paragraphs"][3].update(id="p3"), "unique"),
        (lambda d: d["themes"].append({"slug": "empty", "title": "Empty"}), "no paragraphs"),
        (lambda d: d["themes"].append(dict(d["themes"][0])), "unique"),
    ],
)
def test_malformed_content_is_refused_with_a_reason(change, message):
    with pytest.raises(ContentError, match=message):
        parse_summary(mutate(change))
