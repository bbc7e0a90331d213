"""Glossary, first-occurrence links, abbreviations and isolated Latin runs, in every language."""

import re

import pytest

from hldsite.i18n import LANGUAGES

by_code = pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
CONTENT_PAGES = ["", "themes/children/", "themes/trafficking-and-smuggling/", "plain/"] + [
    f"themes/{slug}/plain/" for slug in ("human-rights", "trafficking-and-smuggling", "way-forward")
]


@by_code
def test_glossary_defines_every_term(read, document, expected, language):
    soup = read(f"/{language.code}/glossary/")
    for term in document.terms:
        entry = soup.find(id=term.id)
        assert entry.find("dfn").get_text() == expected(
            language, term.term.text, term.term.message_id.context
        )
        assert entry.find("dd").get_text() == expected(
            language, term.definition.text, term.definition.message_id.context
        )
    assert not soup.select("main a.term")


@by_code
@pytest.mark.parametrize("path", CONTENT_PAGES)
def test_each_term_is_linked_once_per_page(read, language, path):
    links = [a["href"] for a in read(f"/{language.code}/{path}").select("main a.term")]
    assert len(links) == len(set(links))
    assert all(href.startswith(f"/{language.code}/glossary/#") for href in links)


@by_code
def test_every_term_is_linked_somewhere(client, read, document, language):
    linked = set()
    for path in ["", "plain/"] + [f"themes/{t.slug}/plain/" for t in document.themes]:
        linked |= {a["href"].split("#")[1] for a in read(f"/{language.code}/{path}").select("main a.term")}
    assert {term.id for term in document.terms} - linked == set()


@pytest.mark.parametrize("path", ["themes/trafficking-and-smuggling/plain/", "plain/", ""])
def test_first_occurrence_is_the_link(read, path):
    """In the running text of an English page, no mention of a linked term comes before its link."""
    main = read(f"/en/{path}").find("main")
    seen = ""
    for block in main.find_all(["p", "li"]):
        if block.find_parent(["nav", "header"]) or block.find_parent(class_=["notice", "reading-level"]):
            continue
        for node in block.find_all(string=True):
            link = node.find_parent("a", class_="term")
            if link is None:
                seen += str(node)
            else:
                assert link.get_text().lower() not in seen.lower(), f"{link.get_text()!r} before its link"


@by_code
@pytest.mark.parametrize("path", CONTENT_PAGES + ["glossary/", "themes/"])
def test_every_abbreviation_is_expanded(read, language, path):
    main = read(f"/{language.code}/{path}").find("main")
    for node in main.find_all(string=re.compile(r"[A-ZА-ЯЁ]{2,}")):
        if node.find_parent(attrs={"translate": "no"}):
            continue
        for run in re.findall(r"[A-ZА-ЯЁ]{2,}", node):
            abbr = node.find_parent("abbr")
            assert abbr is not None and abbr.get("title"), f"{run!r} in {node!r} is not expanded"


@pytest.mark.parametrize("code", ["ar", "zh"])
@pytest.mark.parametrize("path", CONTENT_PAGES + ["glossary/"])
def test_latin_runs_in_arabic_and_chinese_are_isolated(read, code, path):
    soup = read(f"/{code}/{path}")
    for node in soup.find("main").find_all(string=re.compile("[A-Za-z]")):
        holder = node.find_parent(lambda tag: tag.has_attr("lang"))
        assert holder is not None and holder["lang"] != soup.html["lang"] and holder.get("dir") == "ltr", node
