"""The reading pages of one language: the full summary, the themes, one theme."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import pgettext
from markupsafe import Markup, escape

from .. import i18n
from ..content import Document

bp = Blueprint("reading", __name__, url_prefix="/<lang>")

# How long the language chosen with the switcher is remembered for `/`.
REMEMBER_SECONDS = 365 * 24 * 3600


class Page(NamedTuple):
    """A reading page, the same in every language: an endpoint and its values."""

    endpoint: str
    values: dict

    def url(self, language: i18n.Language, **options) -> str:
        return url_for(self.endpoint, lang=language.code, **self.values, **options)


def document() -> Document:
    """The summary loaded at start-up."""
    return current_app.extensions["document"]


def pages() -> Iterator[Page]:
    """Every reading page, once per language-independent address."""
    yield Page("reading.summary", {})
    yield Page("reading.themes", {})
    for theme in document().themes:
        yield Page("reading.theme", {"slug": theme.slug})


@bp.url_defaults
def add_language(endpoint, values):
    values.setdefault("lang", i18n.current_language().code)


@bp.url_value_preprocessor
def check_language(endpoint, values):
    if values.pop("lang") not in i18n.BY_CODE:
        abort(404)


@bp.before_request
def remember_choice():
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


@bp.get("/")
def summary():
    return render_template("summary.html", document=document())


@bp.get("/themes/")
def themes():
    return render_template("themes.html", themes=document().themes)


@bp.get("/themes/<slug>/")
def theme(slug):
    themes = document().themes
    current = document().theme(slug) or abort(404)
    index = themes.index(current)
    return render_template(
        "theme.html",
        theme=current,
        number=index + 1,
        count=len(themes),
        previous=themes[index - 1] if index > 0 else None,
        next=themes[index + 1] if index + 1 < len(themes) else None,
    )


@bp.app_context_processor
def content():
    return {"document": document()}


@bp.app_template_global()
def translated(item) -> str:
    """The text of a content item (paragraph, theme, framing) in the page's language."""
    return pgettext(item.context, item.text)


@bp.app_template_global()
def localized(item) -> Markup:
    """The item's text as HTML: line breaks kept, and marked English if untranslated."""
    text = translated(item)
    html = Markup("<br>\n").join(escape(line) for line in text.split("\n"))
    if text == item.text and i18n.current_language() != i18n.SOURCE:
        return Markup('<span lang="{}" dir="ltr">{}</span>').format(i18n.SOURCE.tag, html)
    return html


@bp.app_template_global()
def x_default_url() -> str:
    """Where a reader of another language lands: `/` chooses for the summary, else English."""
    if request.endpoint == "reading.summary":
        return url_for("root.index", _external=True)
    return Page(request.endpoint, request.view_args).url(i18n.SOURCE, _external=True)


@bp.app_template_global()
def page_alternates(external: bool = False) -> list[tuple[i18n.Language, str]]:
    """The current reading page in each language."""
    page = Page(request.endpoint, request.view_args)
    return [(language, page.url(language, _external=external)) for language in i18n.LANGUAGES]
