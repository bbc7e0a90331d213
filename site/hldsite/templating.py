"""What templates may call, registered in one place; each name says what it returns.

Interface texts are `_()` in templates: Jinja's i18n extension, its callables taking the message
from the request's catalog. Content is shown through two helpers: `content_text` (the text a
reader sees, by the catalog's rule) and `content_html` (the same, annotated: glossary links,
abbreviations, direction; marked as English where the translation is missing).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from babel import support
from flask import current_app, g, request, url_for
from flask_babel import gettext
from flask_login import current_user
from markupsafe import Markup

from . import i18n, markup
from .assets import asset_url
from .catalogs import Catalogs, current_catalogs
from .content import current_document
from .contributing.names import message_label, status_name
from .pages import home_links, page_links


@dataclass
class Rendering:
    """What the templates of a request need, found once: its language, the catalogs, and the
    annotator of its page (which knows the glossary terms the page has linked so far)."""

    language: i18n.Language
    catalogs: Catalogs
    annotator: markup.Annotator

    @cached_property
    def messages(self) -> support.NullTranslations:
        """The request's interface texts: its language's catalog, as gettext translations."""
        return self.catalogs[self.language].translations


def rendering() -> Rendering:
    """The request's Rendering, made at its first use."""
    found = g.get("rendering")
    if found is None:
        catalogs = current_catalogs()
        annotator = markup.Annotator(current_document(), catalogs, request.script_root)
        found = g.rendering = Rendering(i18n.current_language(), catalogs, annotator)
    return found


def content_text(item, language: i18n.Language | None = None) -> str:
    """A content item's text, as a reader of the page's language (or another) sees it."""
    page = rendering()
    return page.catalogs[language or page.language].text_for(item.message_id, item.text).text


def content_html(item, language: i18n.Language | None = None, link_terms: bool = True) -> markup.Rendition:
    """A content item as HTML in the page's language (or another), marked as English where
    its translation is missing; it prints as its HTML."""
    page = rendering()
    return page.annotator.rendition(item, language or page.language, link_terms)


def language_name(language: i18n.Language) -> Markup:
    """A language's name in itself, marked with its language for the screen reader's voice."""
    return Markup('<span lang="{}" dir="{}">{}</span>').format(
        language.tag, language.direction, language.name
    )


def isolated(text: str) -> Markup:
    """A name of unknown direction (a person's), kept from reordering the sentence around it."""
    return Markup("<bdi>{}</bdi>").format(text)


def contribution_url(endpoint: str, **values) -> str | None:
    """A contribution page: on this site, on the CONTRIBUTION_HOST, or none ("": a static export)."""
    host = current_app.config.get("CONTRIBUTION_HOST")
    if host is None:
        return url_for(endpoint, **values)
    return host.rstrip("/") + url_for(endpoint, **values) if host else None


def improve_url(item) -> str | None:
    """Where to suggest a better translation of a content item; none on English pages."""
    if i18n.current_language() == i18n.SOURCE:
        return None
    return contribution_url("contribute.message", key=str(item.message_id))


def finding_text(finding) -> str:
    """A check's finding as a sentence in the page's language."""
    return finding.explain(i18n.current_language())


def form_errors(form) -> list[str]:
    """A form's errors as the page words them; a failed CSRF check is an expired form."""
    return [
        gettext("The form has expired. Check the text and send it again.")
        if name == "csrf_token"
        else str(error)
        for name, errors in form.errors.items()
        for error in errors
    ]


HELPERS = (
    asset_url,
    content_html,
    content_text,
    contribution_url,
    finding_text,
    form_errors,
    home_links,
    improve_url,
    isolated,
    language_name,
    message_label,
    page_links,
    status_name,
    markup.diff_html,
    markup.invisible_names,
    markup.revealed_html,
)


def init_app(app):
    """Register the helpers, and what every template sees: the language, the registry, the document."""
    # Flask-Babel installed Jinja's i18n extension; its messages are the request's catalog's (as
    # Flask-Babel's own would be), looked up without going through the locale each time.
    app.jinja_env.install_gettext_callables(
        gettext=lambda string: rendering().messages.ugettext(string),
        ngettext=lambda singular, plural, n: rendering().messages.ungettext(singular, plural, n),
        pgettext=lambda context, string: rendering().messages.upgettext(context, string),
        npgettext=lambda context, singular, plural, n: rendering().messages.unpgettext(
            context, singular, plural, n
        ),
        newstyle=True,
    )
    for helper in HELPERS:
        app.add_template_global(helper)
    # Flask-Login's own context processor would load the user for every page, reading the session.
    app.add_template_global(current_user, "current_user")

    @app.context_processor
    def page_context():
        return {
            "language": i18n.current_language(),
            "languages": i18n.LANGUAGES,
            "source": i18n.SOURCE,
            "document": current_document(),
        }

    @app.before_request
    def new_rendering():
        # A context may serve several requests (a command, a test): each its own language and page.
        g.pop("rendering", None)
