"""What templates may call, registered in one place; each name says what it returns.

Interface texts are `_()` in templates: Jinja's i18n extension, its callables taking the message
from the request's catalog. Content is shown through two helpers: `content_text` (the text a
reader sees, by the catalog's rule) and `content_html` (the same, annotated: glossary links,
abbreviations, direction; marked as English where the translation is missing).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from babel import support
from babel.dates import format_date
from babel.lists import format_list
from babel.units import format_unit
from flask import current_app, g, request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup, escape

from . import i18n, markup
from .assets import asset_url
from .catalogs import Catalogs, current_catalogs
from .content import current_document
from .contributing.forms import field_problems
from .contributing.names import framing_name, message_label, status_name, suggestion_state
from .pages import home_links, page_links

# Said on every page, in its language: the site speaks for no one but its contributors.
NOT_OFFICIAL = _l(
    "This is not an official website of the United Nations, and its translations are not official "
    "translations. The English summary is a United Nations document; the texts written for this site "
    "may be reused under the CC BY 4.0 licence."
)


@dataclass
class Rendering:
    """What the templates of a request need, found once: its language, the catalogs, and the
    annotator of its page (which knows the glossary terms the page has linked so far)."""

    language: i18n.Language
    catalogs: Catalogs
    annotator: markup.Annotator
    # When each translation shown so far was published: the page changed on the latest.
    published: list[date] = field(default_factory=list)

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
    found = page.annotator.rendition(item, language or page.language, link_terms)
    if found.published:
        page.published.append(found.published)
    return found


def long_date(day: date) -> Markup:
    """A date as the page's language writes it in full ("3 December 2026"), machine-readable too."""
    return Markup('<time datetime="{}">{}</time>').format(
        day.isoformat(), format_date(day, "long", locale=rendering().language.style)
    )


def page_changed() -> date | None:
    """When the page last changed: its latest translation shown so far, or its English's revision.

    Called at the end of a page (its footer), once every text has been shown.
    """
    revised = current_document().revised
    return max([*rendering().published, *([revised] if revised else [])], default=None)


def edition_files(kind: str) -> list:
    """The files of an edition in the page's language (built if their text changed)."""
    from .editions import FORMATS, Edition  # the editions render with these helpers
    from .editions.store import built

    return [built(Edition(kind, rendering().language, None, format)) for format in FORMATS]


def file_size(size: int) -> Markup:
    """A file's size as the page's language writes it: "154 kB", "154 ko", "154 КБ"; in Chinese
    the unit is Latin ("154 kB"), isolated as every Latin run of a Chinese page is."""
    language = rendering().language
    written = format_unit(max(1, round(size / 1000)), "digital-kilobyte", "short", locale=language.style)
    if language.isolates_latin and markup.LATIN_RUN.search(written):
        return Markup('<bdi lang="en" dir="ltr">{}</bdi>').format(written)
    return Markup("{}").format(written)


def page_language() -> i18n.Language:
    """The language of the page being rendered (macros imported without context ask for it)."""
    return rendering().language


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


def improve_url(item, language: i18n.Language | None = None) -> str | None:
    """Where to suggest a better translation of a content item in the page's language (or
    another); none for English, the original."""
    language = language or i18n.current_language()
    if language == i18n.SOURCE:
        return None
    return contribution_url("contribute.message", key=str(item.message_id), lang=language.code)


def part_links(parts, context: str = "") -> list[tuple[str, str, str]]:
    """Where to improve each of several texts shown together, given as (item, name) pairs; the
    context (whose parts they are) is for screen readers. None in English."""
    return [(url, name, context) for item, name in parts if (url := improve_url(item))]


def framing_links(*ids: str) -> list[tuple[str, str, str]]:
    """Where to improve each of the summary's framing texts, named; none in English."""
    framing = current_document().framing
    return part_links([(framing[i], framing_name(i)) for i in ids])


def item_links(messages, context: str = "") -> list[tuple[str, str, str]]:
    """Where to improve each item of a list, named "item 1", "item 2"...; none in English."""
    return part_links(
        [(message, gettext("item %(number)s", number=n)) for n, message in enumerate(messages, start=1)],
        context,
    )


def theme_links(themes) -> list[tuple[str, str, str]]:
    """Where to improve each theme's heading, named "Heading of theme 1"...; none in English."""
    return part_links(
        [(theme, gettext("Heading of theme %(number)s", number=n)) for n, theme in enumerate(themes, start=1)]
    )


def interface_links() -> list[tuple[str, str, str]]:
    """Where to improve the texts of the site itself (menus, buttons, notes); none in English."""
    if i18n.current_language() == i18n.SOURCE:
        return []
    url = contribution_url("contribute.index", kind="interface")
    return [(url, gettext("Texts of the site"), "")] if url else []


def source_links(block) -> Markup:
    """Links from a plain-language block to the texts of the full summary it renders, listed as
    the page's language lists things: its paragraphs, the salutation, the closing words, or the
    heading (the other framing texts)."""
    positions = {p.id: p.position for p in current_document().paragraphs}
    places = {
        "salutation": gettext("the salutation"),
        "closing": gettext("the closing words"),
        "heading": gettext("the heading"),
    }
    links = []
    for source in block.sources:
        if source in positions:
            anchor, name = source, gettext("paragraph %(number)s", number=positions[source])
        else:
            anchor = source if source in places else "heading"
            name = places[anchor]
        link = Markup('<a href="{}">{}</a>').format(url_for("reading.summary", _anchor=anchor), name)
        if link not in links:
            links.append(link)
    return listed(links)


def listed(items: list[Markup]) -> Markup:
    """Items joined as the page's language joins a list: "a, b and c", "a、b和c", "a وb"."""
    tokens = [f"\x00{n}\x00" for n in range(len(items))]
    joined = escape(format_list(tokens, locale=rendering().language.style))
    for token, item in zip(tokens, items, strict=True):
        joined = joined.replace(token, item)
    return Markup(joined)


def finding_text(finding) -> str:
    """A check's finding as a sentence in the page's language."""
    return finding.explain(i18n.current_language())


HELPERS = (
    asset_url,
    content_html,
    content_text,
    contribution_url,
    edition_files,
    field_problems,
    file_size,
    finding_text,
    framing_links,
    framing_name,
    home_links,
    improve_url,
    interface_links,
    isolated,
    item_links,
    language_name,
    long_date,
    message_label,
    page_changed,
    page_language,
    part_links,
    page_links,
    source_links,
    status_name,
    suggestion_state,
    theme_links,
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
            "not_official": NOT_OFFICIAL,
        }

    @app.before_request
    def new_rendering():
        # A context may serve several requests (a command, a test): each its own language and page.
        g.pop("rendering", None)
