"""Blueprints: pages in each language under /<lang>/, and the language-neutral root.

Every page of a language lives in a blueprint made by `language_blueprint`, so all of
them share one way of reading, checking and remembering the language of the URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from flask import Blueprint, abort, current_app, redirect, request, url_for
from flask_babel import format_datetime, format_number, gettext
from markupsafe import Markup

from .. import i18n, markup
from ..content import Document

# Pages about one translation, and where the switcher sends a reader of English instead.
FALLBACK = {
    "contribute.message": "contribute.index",
    "review.queue": "contribute.index",
    "review.decide": "contribute.index",
}
TRANSLATED_ONLY = frozenset(FALLBACK)

# How long the language chosen with the switcher is remembered for `/`.
REMEMBER_SECONDS = 365 * 24 * 3600


def document() -> Document:
    """The summary loaded at start-up."""
    return current_app.extensions["document"]


class Page(NamedTuple):
    """A page that exists in several languages: an endpoint and its values."""

    endpoint: str
    values: dict

    def exists_in(self, language: i18n.Language) -> bool:
        """All pages exist in every language, but a comparison not with itself, and contribution
        pages about a translation not in English."""
        if self.endpoint in TRANSLATED_ONLY:
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


def pages() -> Iterator[Page]:
    """Every page that the site serves in each language."""
    yield Page("reading.summary", {})
    yield Page("reading.themes", {})
    for theme in document().themes:
        yield Page("reading.theme", {"slug": theme.slug})
        yield Page("plain.theme", {"slug": theme.slug})
    yield Page("plain.edition", {})
    yield Page("glossary.glossary", {})
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
    available = page.languages
    return PageLinks(
        switcher=[(language, page.url(language)) for language in i18n.LANGUAGES],
        alternates=[(language, page.url(language, _external=True)) for language in available],
        x_default=x_default,
        original=page.url(i18n.SOURCE),
    )


def _add_language(endpoint, values):
    values.setdefault("lang", i18n.current_language().code)


def _check_language(endpoint, values):
    if values.pop("lang") not in i18n.BY_CODE:
        abort(404)


def _remember_choice():
    """Links of the language switcher carry `?switch`: remember it, then show the clean URL."""
    if "switch" not in request.args:
        return None
    response = redirect(url_for(request.endpoint, **request.view_args), 303)
    response.set_cookie(
        i18n.COOKIE,
        i18n.current_language().code,
        max_age=REMEMBER_SECONDS,
        secure=request.is_secure,
        httponly=True,
        samesite="Lax",
    )
    return response


def language_blueprint(name: str, import_name: str) -> Blueprint:
    """A blueprint under /<lang>/ that checks, fills in and remembers the language."""
    bp = Blueprint(name, import_name, url_prefix="/<lang>")
    bp.url_defaults(_add_language)
    bp.url_value_preprocessor(_check_language)
    bp.before_request(_remember_choice)
    return bp


def init_app(app):
    """Register the blueprints and what every template may call."""
    from . import compare, contribute, glossary, plain, reading, review, root, wording

    for module in (root, reading, plain, glossary, compare, contribute, review):
        app.register_blueprint(module.bp)

    app.add_template_global(wording.message_label)
    # For components imported without context, which cannot see `language`.
    app.add_template_global(i18n.current_language)
    app.add_template_global(i18n.TRANSLATED, "translated_languages")
    app.add_template_global(markup.reveal)
    app.add_template_global(markup.diff)
    app.add_template_global(markup.invisible_names)
    app.add_template_global(format_datetime)
    app.add_template_global(format_number)

    @app.template_global()
    def status_name(status: str) -> str:
        return str(wording.STATUSES[status])

    @app.template_global()
    def finding_text(finding) -> str:
        return wording.finding_text(finding, i18n.current_language())

    @app.template_global()
    def form_errors(form) -> list[str]:
        """A form's errors as the page words them; a failed CSRF check is an expired form."""
        return [
            gettext("The form has expired. Check the text and send it again.")
            if name == "csrf_token"
            else str(error)
            for name, errors in form.errors.items()
            for error in errors
        ]

    @app.template_global()
    def contribution_url(endpoint: str, **values) -> str | None:
        """A contribution page: on this site, on the CONTRIBUTION_HOST, or none ("": a static export)."""
        host = current_app.config.get("CONTRIBUTION_HOST")
        if host is None:
            return url_for(endpoint, **values)
        return host.rstrip("/") + url_for(endpoint, **values) if host else None

    @app.template_global()
    def improve_url(message) -> str | None:
        """Where to suggest a better translation of a text; none on English pages."""
        if i18n.current_language() == i18n.SOURCE:
            return None
        return contribution_url("contribute.message", key=message.context)

    @app.template_global()
    def isolate(text: str) -> Markup:
        """A name of unknown direction (a person's), kept from reordering the sentence around it."""
        return Markup("<bdi>{}</bdi>").format(text)

    @app.context_processor
    def content():
        return {"document": document()}

    @app.template_global()
    def localized(item, link_terms: bool = True):
        """A content item as HTML in the page's language (see markup.localized)."""
        return markup.localized(item, document(), link_terms=link_terms)

    @app.template_global()
    def rendition(item, link_terms: bool = True) -> markup.Rendition:
        """A content item as HTML in the page's language, and whether that is the English."""
        return markup.rendition(item, document(), link_terms=link_terms)

    app.add_template_global(markup.translated)
    app.add_template_global(page_links)
    app.add_template_global(home_links)

    @app.template_global()
    def localized_in(language: i18n.Language, item, link_terms: bool = True):
        """A content item as HTML in another language than the page's."""
        return markup.localized(item, document(), link_terms=link_terms, language=language)

    @app.template_global()
    def language_name(language: i18n.Language) -> Markup:
        """A language's name in itself, marked with its language for the screen reader's voice."""
        return Markup('<span lang="{}" dir="{}">{}</span>').format(
            language.tag, language.direction, language.name
        )
