"""Side by side: two languages aligned by message id, each cell with its own lang and dir."""

import pytest

from hldsite.i18n import LANGUAGES

PAIRS = [(a, b) for a in LANGUAGES for b in LANGUAGES if a != b]
by_pair = pytest.mark.parametrize(("first", "second"), PAIRS, ids=lambda language: language.code)


def cells(row):
    return row.find_all(class_="pair__cell", recursive=False)


def shown(cell) -> str:
    """A cell's text, without its link to improve it."""
    return cell.find(["p", "h2"], class_=lambda c: c != "improve").get_text().strip()


@by_pair
def test_summary_side_by_side_aligns_every_paragraph(read, document, expected, first, second):
    soup = read(f"/{first.code}/compare/{second.code}/")
    rows = {row["id"]: row for row in soup.select(".pair[id]")}
    for paragraph in document.paragraphs:
        a, b = cells(rows[paragraph.id])
        assert (a["lang"], a["dir"], b["lang"], b["dir"]) == (
            first.tag,
            first.direction,
            second.tag,
            second.direction,
        )
        assert shown(a) == expected(first, paragraph.text, paragraph.id)
        assert shown(b) == expected(second, paragraph.text, paragraph.id)
    marked = soup.h1.find("span", lang=second.tag)
    assert marked.get_text() == second.name and marked["dir"] == second.direction
    ids = [row["id"] for row in soup.select(".pair[id]")]
    assert [i for i in ids if i in {p.id for p in document.paragraphs}] == [p.id for p in document.paragraphs]


@by_pair
def test_plain_side_by_side_aligns_every_block(read, document, expected, first, second):
    soup = read(f"/{first.code}/plain/compare/{second.code}/")
    rows = {row["id"]: row for row in soup.select(".pair[id]")}
    for theme in document.themes:
        for block in theme.plain:
            for message in block.messages:
                a, b = cells(rows[str(message.message_id).removeprefix("plain:")])
                assert shown(a) == expected(first, message.text, message.message_id.context)
                assert shown(b) == expected(second, message.text, message.message_id.context)
                assert (a["lang"], b["lang"]) == (first.tag, second.tag)


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_compare_with_itself_or_unknown_is_404(client, language):
    assert client.get(f"/{language.code}/compare/{language.code}/").status_code == 404
    assert client.get(f"/{language.code}/compare/de/").status_code == 404
    assert client.get(f"/{language.code}/plain/compare/xx/").status_code == 404


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_side_by_side_is_linked_from_every_page(read, language):
    for path in ["", "themes/", "themes/children/", "themes/children/plain/", "glossary/", "plain/"]:
        sections = read(f"/{language.code}/{path}").find("nav", class_="sections")
        assert sections.find("a", href=f"/{language.code}/compare/")
    chooser = read(f"/{language.code}/compare/").find("main")
    targets = {a["href"] for a in chooser.select("ul.language-list a")}
    assert targets == {
        f"/{language.code}/{kind}compare/{other.code}/"
        for other in LANGUAGES
        if other != language
        for kind in ("", "plain/")
    }


def test_switcher_on_a_comparison_keeps_the_second_language(read):
    links = read("/fr/compare/es/").find("nav", class_="languages").find_all("a")
    assert [a["href"] for a in links] == [
        "/ar/compare/es/?switch",
        "/zh/compare/es/?switch",
        "/en/compare/es/?switch",
        "/fr/compare/es/?switch",
        "/ru/compare/es/?switch",
        "/es/compare/?switch",
    ]
