"""Paths a reader takes between pages: from a theme to the same theme side by side."""

import pytest

from hldsite import data_dir
from hldsite.content import load
from hldsite.i18n import LANGUAGES

THEMES = load(data_dir("content")).themes
EDITIONS = {
    # The theme page, and the words of its links to the theme side by side.
    "summary": ("/{lang}/themes/{slug}/", "Read this theme side by side with %(language)s"),
    "plain": (
        "/{lang}/themes/{slug}/plain/",
        "Read this theme in plain language side by side with %(language)s",
    ),
}
by_language = pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
by_edition = pytest.mark.parametrize("edition", EDITIONS)
by_theme = pytest.mark.parametrize("slug", [theme.slug for theme in THEMES])


def side_by_side_links(read, edition: str, language, slug: str) -> list:
    """A theme page's links to the same theme side by side, one per other language, in order."""
    links = read(EDITIONS[edition][0].format(lang=language.code, slug=slug)).select(".side-by-side-links a")
    others = [other for other in LANGUAGES if other != language]
    assert [a["hreflang"] for a in links] == [other.tag for other in others]
    return list(zip(others, links, strict=True))


def title_of(document, edition: str, slug: str):
    theme = document.theme(slug)
    return theme if edition == "summary" else theme.plain_title


@by_language
@by_edition
@by_theme
def test_side_by_side_from_a_theme_opens_at_that_theme(read, document, expected, language, edition, slug):
    title = title_of(document, edition, slug)
    for other, link in side_by_side_links(read, edition, language, slug):
        path, _, anchor = link["href"].partition("#")
        assert anchor == slug
        target = read(path)
        assert len(target.find_all(id=anchor)) == 1
        row = target.find(id=anchor)
        # The row holds the theme's heading in the page's language, then in the other.
        mine, theirs = row.find_all(class_="pair__cell", recursive=False)
        assert (mine["lang"], theirs["lang"]) == (language.tag, other.tag)
        assert mine.h2.get_text().strip() == expected(language, title.text, title.message_id.context)
        assert theirs.find(class_="pair__heading").get_text().strip() == expected(
            other, title.text, title.message_id.context
        )


@by_language
@by_edition
def test_links_to_a_theme_side_by_side_name_the_theme_and_the_language(read, expected, language, edition):
    wording = expected(language, EDITIONS[edition][1])
    for other, link in side_by_side_links(read, edition, language, THEMES[0].slug):
        named = link.find("span", lang=other.tag)
        assert (named.get_text(), named["dir"]) == (other.name, other.direction)
        assert link.get_text().strip() == wording % {"language": other.name}
