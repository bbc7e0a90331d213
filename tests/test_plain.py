"""Every theme has a plain-language version that meets its language's targets, on its own page."""

import pytest

from hldsite import data_dir, readability
from hldsite.catalogs import SOURCE_CATALOG, Catalog, catalog_path
from hldsite.i18n import LANGUAGES, SOURCE

by_code = pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
TRANSLATIONS = data_dir("translations")


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
    assert [h2["id"] for h2 in soup.find_all("h2")] == [theme.slug for theme in document.themes]
