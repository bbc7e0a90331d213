"""The pages that exist in several languages, and a page's links to itself in the others.

The language switcher, the `<link rel=alternate>` of every page, the sitemap and the static
export all list pages from here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from flask import request, url_for

from . import i18n
from .content import current_document

# Pages about one translation, and where the switcher sends a reader of English instead.
FALLBACK = {
    "contribute.message": "contribute.index",
    "review.queue": "contribute.index",
    "review.decide": "contribute.index",
}


class Page(NamedTuple):
    """A page that exists in several languages: an endpoint and its values."""

    endpoint: str
    values: dict

    def exists_in(self, language: i18n.Language) -> bool:
        """All pages exist in every language, but a comparison not with itself, and contribution
        pages about a translation not in English."""
        if self.endpoint in FALLBACK:
            return language != i18n.SOURCE
        return language.code != self.values.get("other")

    @property
    def languages(self) -> tuple[i18n.Language, ...]:
        """The languages the page exists in."""
        return tuple(language for language in i18n.LANGUAGES if self.exists_in(language))

    def url(self, language: i18n.Language, **options) -> str:
        """The page in a language; where it does not exist, the page that leads to its kind."""
        if not self.exists_in(language):
            return url_for(FALLBACK.get(self.endpoint, "compare.index"), lang=language.code, **options)
        return url_for(self.endpoint, lang=language.code, **self.values, **options)


def reading_pages() -> Iterator[Page]:
    """Every reading page, which the site serves in each language."""
    yield Page("reading.summary", {})
    yield Page("reading.themes", {})
    for theme in current_document().themes:
        yield Page("reading.theme", {"slug": theme.slug})
        yield Page("plain.theme", {"slug": theme.slug})
    yield Page("plain.edition", {})
    yield Page("glossary.glossary", {})
    yield Page("downloads.index", {})
    yield Page("compare.index", {})
    for other in i18n.LANGUAGES:
        yield Page("compare.summary", {"other": other.code})
        yield Page("compare.plain", {"other": other.code})


def current_page() -> Page:
    values = {k: v for k, v in request.view_args.items() if k != "suggestion_id"}
    endpoint = "review.queue" if request.endpoint == "review.decide" else request.endpoint
    return Page(endpoint, values)


class PageLinks(NamedTuple):
    """The links of a page to itself in other languages, for the switcher and the <head>."""

    switcher: list[tuple[i18n.Language, str]]
    alternates: list[tuple[i18n.Language, str]]
    x_default: str | None
    original: str


def home_links() -> list[tuple[i18n.Language, str]]:
    """The summary in each language: where an error page sends the reader."""
    return [(language, url_for("reading.summary", lang=language.code)) for language in i18n.LANGUAGES]


def page_links(error: bool = False) -> PageLinks:
    """The current page in each of the six languages; for an error page, the summary in each."""
    if error:
        return PageLinks(home_links(), [], None, url_for("reading.summary", lang=i18n.SOURCE.code))
    page = current_page()
    # Where a reader of another language lands: `/` chooses for the summary, else English.
    if request.endpoint == "reading.summary":
        x_default = url_for("root.index", _external=True)
    else:
        x_default = page.url(i18n.SOURCE, _external=True)
    return PageLinks(
        switcher=[(language, page.url(language)) for language in i18n.LANGUAGES],
        alternates=[(language, page.url(language, _external=True)) for language in page.languages],
        x_default=x_default,
        original=page.url(i18n.SOURCE),
    )
