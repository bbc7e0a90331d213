"""Glossary, first-occurrence links, abbreviations and isolated Latin runs, in every language."""

import re
import tomllib

import pytest

from hldsite import data_dir
from hldsite.content import GLOSSARY_FILE, ContentError, parse
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
        assert entry.find("dd").contents[0].get_text().strip() == expected(
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


@by_code
def test_every_definition_shows_its_source(read, document, expected, language):
    soup = read(f"/{language.code}/glossary/")
    label = expected(language, "Source: %(source)s")
    for term in document.terms:
        line = soup.find(id=term.id).find(class_="glossary__source").get_text()
        source = expected(language, term.source.text, term.source.message_id.context)
        assert line == label.replace("%(source)s", source)


# Where a definition can come from: a treaty's article, a resolution, a glossary's entry, a
# body's general comment, a publication; or, said as such, the general meaning of the word.
SOURCE_KINDS = re.compile(
    r"\barticles? \d|\bresolutions? \d+/\d+|\bentr(y|ies) “|General Comment No\. \d|"
    r"^General meaning|^Plain definition written for this project|OHCHR, “|OHCHR, [A-Z]"
)


def test_every_english_source_names_where_in_its_source(document):
    for term in document.terms:
        assert SOURCE_KINDS.search(term.source.text), term.id


def first_sentence(text: str) -> str:
    return re.split(r"(?<=\.)\s", text, maxsplit=1)[0]


def test_no_definition_is_circular(document):
    """A definition's first sentence does not use the word it defines (nor a part of a name)."""
    for term in document.terms:
        words = {w for w in re.findall(r"[a-z]+", term.term.text.lower()) if len(w) > 3}
        defining = first_sentence(term.definition.text).lower()
        assert term.term.text.lower() not in defining, term.id
        if term.id == "high-level-dialogue":
            assert not words & set(re.findall(r"[a-z]+", defining)), defining


def definition(document, term_id: str) -> str:
    return next(t for t in document.terms if t.id == term_id).definition.text


# What a lawyer of the body that wrote each instrument would check first: the elements that the
# first edition got wrong, each as the instrument states it.
LEGAL_ELEMENTS = {
    "trafficking-in-persons": [
        r"consent",  # Trafficking Protocol art. 3 (b): consent is irrelevant once the means are used
        r"child\b.{0,80}\b(none of the means|no means|without (any of )?the means)",  # art. 3 (c)
        r"exploit",
        r"(does not|need not|without) (have to )?cross\w* a border|(inside|within) (one|a single) country",
    ],
    "smuggling-of-migrants": [
        r"(financial|material) (benefit|gain)|money",  # art. 3 (a)
        r"\barriv",  # the link usually ends on arrival
        r"(cannot|not) be (prosecuted|punished)|not (become )?liable",  # art. 5
    ],
    # Convention art. 37 (2): only a party to the Convention may become a party to a protocol.
    "convention-protocol": [
        r"party to (that|the) Convention (before|first)|only a party to (that|the) Convention"
    ],
    "irregular-migration": [r"\bleav", r"\bent(er|ry)"],
    "ratify-or-accede": [r"\bbound\b|\bbind"],
}


@pytest.mark.parametrize("term_id", sorted(LEGAL_ELEMENTS))
def test_legal_definitions_state_what_the_instrument_says(document, term_id):
    text = definition(document, term_id)
    missing = [p for p in LEGAL_ELEMENTS[term_id] if not re.search(p, text, re.IGNORECASE | re.DOTALL)]
    assert missing == [], text


# Said wrongly by the first edition, or in words the 2013 summary never used.
LEGALLY_WRONG = {
    "trafficking-in-persons": [r"victims? do(es)? not (agree|consent)", r"against (their|the victim’s) will"],
    "smuggling-of-migrants": [r"ends? at the border", r"victims? of smuggling"],
    "irregular-migration": [r"^Irregular migration is (entering|entry)"],
}


@pytest.mark.parametrize("term_id", sorted(LEGALLY_WRONG))
def test_legal_definitions_avoid_the_known_errors(document, term_id):
    text = definition(document, term_id)
    assert [p for p in LEGALLY_WRONG[term_id] if re.search(p, text, re.IGNORECASE)] == []


def test_no_term_the_2013_summary_never_used_is_presented_as_its_own(document):
    """ "Regular pathways" came later (the 2018 Global Compact): not a term, not a theme title."""
    english = " ".join(
        [t.term.text + " " + t.definition.text for t in document.terms]
        + [t.title + " " + t.plain_title.text for t in document.themes]
    )
    assert "pathway" not in english.lower()
    assert not any(t.id.startswith("regular-pathway") for t in document.terms)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["terms"][0].pop("source"), "source"),
        (lambda d: d["terms"][3].update(source=""), "name no source"),
        (lambda d: d["terms"][-1].update(source="   "), "name no source"),
    ],
)
def test_a_definition_without_its_source_is_refused(change, message):
    data = tomllib.loads((data_dir("content") / GLOSSARY_FILE).read_text("utf-8"))
    change(data)
    with pytest.raises(ContentError, match=message):
        parse(GLOSSARY_FILE, data)
