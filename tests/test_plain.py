"""Every theme has a plain-language version that meets its language's targets, on its own page."""

import re
import tomllib
from collections import Counter

import pytest

from hldsite import data_dir, readability
from hldsite.catalogs import SOURCE_CATALOG, Catalog, catalog_path
from hldsite.content import CONTENT_FILE, GLOSSARY_FILE, PLAIN_FILE, ContentError, combine, parse
from hldsite.i18n import LANGUAGES, SOURCE

by_code = pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
TRANSLATIONS = data_dir("translations")
CONTENT = data_dir("content")
FILES = (CONTENT_FILE, GLOSSARY_FILE)


def translator(language):
    """A content item's text in a language, as the site shows it: read from the committed catalog."""
    catalog = (
        SOURCE_CATALOG if language == SOURCE else Catalog.read(catalog_path(TRANSLATIONS, language), language)
    )
    return lambda item: catalog.text_for(item.message_id, item.text).text


def plain_text(theme, text) -> str:
    return "\n".join(text(message) for block in theme.plain for message in block.messages)


@by_code
def test_every_plain_text_meets_the_targets_of_its_language(document, language):
    text = translator(language)
    missed = {
        theme.slug: readability.measure(plain_text(theme, text), language.readability).missed
        for theme in document.themes
    }
    intro = "\n".join(text(m) for block in document.intro for m in block.messages)
    missed["introduction"] = readability.measure(intro, language.readability).missed
    assert {slug: misses for slug, misses in missed.items() if misses} == {}


@by_code
def test_plain_text_is_easier_than_the_original(document, language):
    text = translator(language)
    for theme in document.themes:
        plain = readability.measure(plain_text(theme, text), language.readability)
        original = readability.measure("\n".join(text(p) for p in theme.paragraphs), language.readability)
        easier = plain.score > original.score if plain.higher_is_easier else plain.score < original.score
        assert easier, theme.slug


@by_code
def test_plain_theme_page_shows_the_plain_text_labelled(read, document, expected, language):
    for theme in document.themes:
        soup = read(f"/{language.code}/themes/{theme.slug}/plain/")
        main = soup.find("main")
        shown = [p.get_text() for p in main.select(":scope > p:not(.eyebrow):not(.notice), :scope > ul > li")]
        for block in theme.plain:
            for message in block.messages:
                assert expected(language, message.text, message.message_id.context) in shown
        assert expected(language, "Plain language") in main.find(class_="eyebrow").get_text()
        versions = main.find("nav", class_="versions").find_all("a")
        assert [a["href"] for a in versions] == [
            f"/{language.code}/themes/{theme.slug}/",
            f"/{language.code}/themes/{theme.slug}/plain/",
        ]
        assert versions[1]["aria-current"] == "page"


@by_code
def test_original_theme_page_links_its_plain_version(read, language):
    versions = read(f"/{language.code}/themes/children/").find("nav", class_="versions").find_all("a")
    assert versions[0]["aria-current"] == "page"
    assert versions[1]["href"] == f"/{language.code}/themes/children/plain/"


@by_code
def test_switching_language_keeps_theme_and_version(read, language):
    links = read(f"/{language.code}/themes/way-forward/plain/").find("nav", class_="languages").find_all("a")
    assert [a["href"] for a in links] == [
        f"/{other.code}/themes/way-forward/plain/?switch" for other in LANGUAGES
    ]


@by_code
def test_plain_page_states_its_reading_level_in_words(read, expected, language):
    level = read(f"/{language.code}/themes/children/plain/").find(class_="reading-level").get_text()
    bands = [expected(language, band) for band in ("very easy", "easy", "fairly easy")]
    assert any(
        expected(language, "Reading level of this text: %(level)s.").replace("%(level)s", b) in level
        for b in bands
    )
    hard = [expected(language, band) for band in ("fairly difficult", "difficult", "very difficult")]
    original = expected(language, "The original passage: %(level)s.")
    assert any(original.replace("%(level)s", b) in level for b in hard)


@by_code
def test_plain_edition_has_every_block_in_one_page(read, document, expected, language):
    soup = read(f"/{language.code}/plain/")
    text = soup.find("main").get_text()
    blocks = list(document.intro) + [block for theme in document.themes for block in theme.plain]
    for block in blocks:
        for message in block.messages:
            assert expected(language, message.text, message.message_id.context) in text
    assert [h2["id"] for h2 in soup.select("section.theme > h2")] == [theme.slug for theme in document.themes]


def blocks_of(document):
    return [*document.intro, *(block for theme in document.themes for block in theme.plain)]


def test_every_block_names_its_sources_and_every_text_of_the_summary_is_accounted_for(document):
    texts = [p.id for p in document.paragraphs] + list(document.framing)
    rendered = set()
    for block in blocks_of(document):
        assert block.sources, block.id
        assert set(block.sources) <= set(texts), block.id
        rendered |= set(block.sources)
    # Every paragraph is rendered; a framing text may be left out, with its reason.
    assert {p.id for p in document.paragraphs} <= rendered
    assert rendered | set(document.left_out) == set(texts)
    assert not rendered & set(document.left_out)
    assert all(len(reason.split()) >= 5 for reason in document.left_out.values())


def theme_block(data, n=0):
    return data["themes"][0]["blocks"][n]


def render_nothing_of(data, paragraph: str) -> None:
    for block in (b for theme in data["themes"] for b in theme["blocks"]):
        block["sources"] = [s for s in block["sources"] if s != paragraph] or ["p1"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: theme_block(d).pop("sources"), "sources"),
        (lambda d: theme_block(d).update(sources=[]), "names no source"),
        (lambda d: d["intro"][0].update(sources=[]), "names no source"),
        (lambda d: theme_block(d).update(sources=["p13"]), "unknown sources"),
        (lambda d: theme_block(d).update(sources=["P3"]), "unknown sources"),
        (lambda d: theme_block(d).update(sources=["p3", "signature"]), "unknown sources"),
        (lambda d: d.update(left_out=[e for e in d["left_out"] if e["id"] != "motto"]), "neither renders"),
        (lambda d: d.update(left_out=[]), "neither renders"),
        (
            lambda d: render_nothing_of(d, "p9"),
            r"neither renders nor leaves out \['p9'\]",
        ),
        (lambda d: d["left_out"].append({"id": "p4", "reason": "Not needed here at all."}), "both"),
        (lambda d: d["left_out"].append({"id": "postscript", "reason": "Not in the summary."}), "unknown"),
        (lambda d: d["left_out"][0].update(reason=" "), "reason"),
        (lambda d: d["themes"][0].pop("title"), "title"),
    ],
)
def test_plain_content_without_its_sources_is_refused(change, message):
    data = tomllib.loads((CONTENT / PLAIN_FILE).read_text("utf-8"))
    change(data)
    summary, glossary = (parse(name, tomllib.loads((CONTENT / name).read_text("utf-8"))) for name in FILES)
    with pytest.raises(ContentError, match=message):
        combine(summary, parse(PLAIN_FILE, data), glossary)


def expected_sources(document, block, language, expected):
    """The links a block's source line must show: each paragraph, or the part of the summary."""
    positions = {p.id: p.position for p in document.paragraphs}
    links = []
    for source in block.sources:
        if source in positions:
            link = (
                f"/{language.code}/#{source}",
                expected(language, "paragraph %(number)s").replace("%(number)s", str(positions[source])),
            )
        else:
            anchor = source if source in ("salutation", "closing") else "heading"
            names = {"salutation": "the salutation", "closing": "the closing words", "heading": "the heading"}
            link = (f"/{language.code}/#{anchor}", expected(language, names[anchor]))
        if link not in links:
            links.append(link)
    return links


@by_code
@pytest.mark.parametrize("path", ["plain/", "themes/{slug}/plain/"])
def test_every_block_links_to_what_it_renders_in_the_full_summary(read, document, expected, language, path):
    summary = read(f"/{language.code}/")
    pages = (
        [(read(f"/{language.code}/plain/"), blocks_of(document))]
        if path == "plain/"
        else [(read(f"/{language.code}/themes/{t.slug}/plain/"), t.plain) for t in document.themes]
    )
    label = expected(language, "Source in the full summary: %(links)s").split("%(links)s")[0]
    for soup, blocks in pages:
        lines = soup.find("main").find_all(class_="source")
        assert len(lines) == len(blocks)
        for line, block in zip(lines, blocks, strict=True):
            assert line.get_text().startswith(label)
            links = [(a["href"], a.get_text()) for a in line.find_all("a")]
            assert links == expected_sources(document, block, language, expected)
            for href, _ in links:
                assert summary.find(id=href.split("#")[1]) is not None, href


def test_plain_english_is_held_to_govuk_level():
    english = {str(target.name): target for target in SOURCE.readability}
    reading_ease = english["Flesch reading ease"]
    grade = english["Flesch-Kincaid grade"]
    assert reading_ease.bound >= 70 and reading_ease.higher_is_easier
    assert grade.bound <= 6 and not grade.higher_is_easier


@by_code
def test_plain_pages_are_headed_in_plain_words(read, document, expected, language):
    for theme in document.themes:
        soup = read(f"/{language.code}/themes/{theme.slug}/plain/")
        heading = soup.find("h1").get_text()
        assert heading == expected(language, theme.plain_title.text, theme.plain_title.message_id.context)
        assert heading != expected(language, theme.title, theme.message_id.context)
        # The original theme page keeps the theme's own title.
        original = read(f"/{language.code}/themes/{theme.slug}/").find("h1").get_text()
        assert original == expected(language, theme.title, theme.message_id.context)
    english = [theme.plain_title.text for theme in document.themes]
    assert all(len(title.split()) <= 6 for title in english), english


# Claims the summary does not make, in the words a plain text might use: a smuggled migrant as
# the crime's "victim" (the Smuggling Protocol makes the migrant its object), extortion or racism
# stated as facts (the summary speaks of a risk, of what aggravates vulnerability), "violence"
# weakened, "general agreement" turned into a majority, "expressed interest" into a decision.
NOT_IN_THE_SUMMARY = {
    "en": [
        r"\bvictims? of (migrant )?smuggling",
        r"\bsmuggling victims?",
        r"\bsmuggled (migrants|people|persons) (are|were|become) (the )?victims",
        r"\bforce[sd]? (them|migrants|people) to pay",
        r"\bpay\b.{0,30}\bthreats?\b",
        r"\bmigrants (face|suffer|experience|meet) (racism|xenophobia|discrimination)",
        r"\bhurt\b",
        r"\b(most|many|some) (speakers|participants|people|delegations|countries) agreed",
        r"\bwant(s|ed)? to start",
        r"\bregular pathways?\b",
    ],
    "fr": [
        r"\bvictimes? du trafic (illicite )?de migrants",
        r"\bla plupart des (intervenants|participants|orateurs)",
    ],
    "es": [
        r"\bvíctimas? del tráfico (ilícito )?de migrantes",
        r"\bla mayoría de (los )?(oradores|participantes)",
    ],
    "ru": [r"жертв\w* незаконного ввоза", r"большинство (выступающих|участников|ораторов)"],
    "ar": [r"ضحايا تهريب", r"(معظم|أغلب) (المتحدثين|المشاركين)"],
    "zh": [r"偷运\S{0,4}受害者", r"(大多数|多数)(发言者|与会者)"],
}


@by_code
def test_plain_texts_make_no_claim_the_summary_does_not_make(document, language):
    text = translator(language)
    plain = "\n".join(text(m) for block in blocks_of(document) for m in block.messages)
    plain += "\n" + "\n".join(text(theme.plain_title) for theme in document.themes)
    found = [p for p in NOT_IN_THE_SUMMARY[language.code] if re.search(p, plain, re.IGNORECASE)]
    assert found == []


@by_code
def test_plain_texts_are_not_written_to_the_score(document, language):
    """A plain text is varied prose: no sentence opening (its first three words) is repeated on
    and on, and no sentence is a fragment of a word or two."""
    text = translator(language)
    for theme in document.themes:
        sentences = [
            s.strip()
            for m in (m for block in theme.plain for m in block.messages)
            for s in re.split(r"(?<=[.!?。！？])\s*", text(m))
            if s.strip()
        ]
        if language.code != "zh":
            openings = Counter(" ".join(s.lower().split()[:3]) for s in sentences)
            assert max(openings.values()) <= 3, (theme.slug, openings.most_common(2))
            assert min(len(s.split()) for s in sentences) >= 3, theme.slug


@by_code
def test_sources_are_listed_as_the_language_lists(read, document, language):
    """ "a, b and c" in UN English (no serial comma), "a、b和c" in Chinese, "a وb وc" in Arabic."""
    block = next(b for b in document.intro if {"p1", "co-chair", "salutation"} <= set(b.sources))
    index = list(document.intro).index(block)
    line = read(f"/{language.code}/plain/").find("main").find_all(class_="source")[index]
    listed = line.get_text().split(":" if language.code != "zh" else "：", 1)[1]
    assert len(line.find_all("a")) >= 3
    latin_comma = {"en": ", ", "fr": ", ", "es": ", ", "ru": ", ", "ar": None, "zh": None}[language.code]
    if latin_comma:
        assert latin_comma in listed
    else:
        assert "," not in listed
    conjunction = {"en": " and ", "fr": " et ", "es": " y ", "ru": " и ", "ar": " و", "zh": "和"}
    assert conjunction[language.code] in listed
    assert ", and " not in listed and ", et " not in listed
    if language.code == "zh":
        assert "、" in listed and " " not in listed
