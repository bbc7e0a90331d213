"""The text of an edition, written by the site's own templates as XHTML, one document per part.

An edition is rendered as a page of its language would be (the same catalogs, the same rule for
what a reader sees, the same annotations), in a context of its own: the first glossary term of
the edition links to its note, once, whatever was rendered before.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from flask import Flask, render_template, url_for
from markupsafe import Markup

from .. import i18n
from ..catalogs import Text
from ..content import current_document, glossary_messages, plain_messages, summary_messages
from ..message_ids import MessageId
from ..templating import content_html, content_text
from . import Edition

STYLESHEET = Path(__file__).with_name("edition.css")
FIRST = date(2013, 10, 4)  # the round table: no text of an edition is older
# Pages of the PDF: A4, and the fonts of the six scripts, embedded by WeasyPrint.
PRINT = """
@page { size: A4; margin: 2cm 2.2cm; }
html { font-family: "Noto Serif", "Noto Naskh Arabic", "Noto Serif CJK SC", serif; font-size: 11pt; }
:lang(ar) { font-family: "Noto Naskh Arabic", "Noto Serif", serif; }
:lang(zh) { font-family: "Noto Serif CJK SC", "Noto Serif", serif; }
a { color: inherit; }
.title-page { break-after: page; }
.glossary { break-before: page; }
"""

# The documents of each format, in reading order: (file name, template). An EPUB's navigation
# document comes last, once the texts it names are known.
DOCUMENTS = {
    "epub": (
        ("title.xhtml", "editions/title.xhtml"),
        ("text.xhtml", "editions/text.xhtml"),
        ("glossary.xhtml", "editions/glossary.xhtml"),
        ("nav.xhtml", "editions/nav.xhtml"),
    ),
    "pdf": (("book.html", "editions/book.html"),),
}
# Where a text's links to its notes point: the glossary part, or the same document.
NOTES = {"epub": "glossary.xhtml", "pdf": ""}
# Which version of these templates and packagers built a file: part of every file's key.
LAYOUT = "1"


@dataclass
class Source:
    """An edition's text in a format: its documents, and when its texts last changed."""

    edition: Edition
    title: str
    parts: dict[str, str]
    modified: date
    # Texts of Arabic and Chinese script, which need a font embedded in an EPUB.
    characters: dict[str, str] = field(default_factory=dict)


class Notes:
    """Links from a text to its notes (glossary terms and abbreviations), the first of each per
    language, pointing into the glossary part (`href` is that part's address, "" in one file)."""

    def __init__(self, href: str):
        self.href = href
        self.seen: set[tuple[str, str]] = set()

    def link(self, html: Markup, language: i18n.Language, link_terms: bool = True) -> Markup:
        """The site's glossary links made links to the edition's notes; abbreviations linked too."""
        glossary = url_for("glossary.glossary", lang=language.code)
        text = str(html).replace("<br>", "<br/>")
        text = text.replace(
            f'<a class="term" href="{glossary}#',
            f'<a class="term" epub:type="noteref" role="doc-noteref" href="{self.href}#{language.code}-',
        )
        for abbreviation in current_document().abbreviations:
            key = (language.code, abbreviation.id)
            long = Markup.escape(content_text(abbreviation.long, language))
            opening = f'<abbr title="{long}">'
            if not link_terms or key in self.seen or opening not in text:
                continue
            self.seen.add(key)
            # The link inside the <abbr>: a PDF's link annotation then belongs to the link alone.
            start = text.index(opening) + len(opening)
            end = text.index("</abbr>", start)
            href = f"{self.href}#{language.code}-abbr-{abbreviation.id}"
            link = f'<a epub:type="noteref" role="doc-noteref" href="{href}">'
            text = text[:start] + link + text[start:end] + "</a>" + text[end:]
        return Markup(text)


def shown_texts(app: Flask, edition: Edition) -> Iterator[tuple[MessageId, Text]]:
    """The content texts of an edition in each of its languages, by the catalogs' rule."""
    catalogs = app.extensions["catalogs"]
    document = app.extensions["document"]
    for language in edition.languages:
        catalog = catalogs[language]
        for message in messages_of(document, edition.kind):
            yield message.message_id, catalog.text_for(message.message_id, message.text)


def modified_on(app: Flask, edition: Edition) -> date:
    """When an edition's texts last changed: its latest translation, or its English's revision."""
    revised = app.extensions["document"].revised
    dates = [shown.published for _, shown in shown_texts(app, edition) if shown.published]
    return max([*dates, *([revised] if revised else [])], default=FIRST)


def key(app: Flask, edition: Edition) -> str:
    """What an edition's file depends on, found without rendering it: the texts a reader sees in
    each of its languages (with their dates), the texts its templates use, the code that builds it.
    The same key, the same file: a text published elsewhere builds nothing. Remembered until the
    catalogs change."""
    catalogs = app.extensions["catalogs"]
    memo = catalogs.memo("edition-keys")
    if edition in memo:
        return memo[edition]
    revised = app.extensions["document"].revised
    h = hashlib.sha256(f"{LAYOUT}\0{code_digest()}\0{edition.filename}\0{revised}".encode())
    for message_id, shown in shown_texts(app, edition):
        h.update(f"{message_id}\0{shown.text}\0{shown.language.code}\0{shown.published}\0".encode())
    for language in edition.languages:
        catalog = catalogs[language]
        for entry in catalog:
            if entry.message_id.kind == "interface" and any(map(INTERFACE.search, entry.locations)):
                h.update(f"{entry.source}\0{catalog.shown(entry).text}\0".encode())
    memo[edition] = found = h.hexdigest()
    return found


def messages_of(document, kind: str) -> list:
    """The content texts of an edition: its text, the title page's framing, the notes."""
    notes = glossary_messages(document.terms, document.abbreviations)
    if kind == "summary":
        return [*summary_messages(document), *notes]
    return [*document.framing.values(), *plain_messages(document.intro, document.themes), *notes]


# Interface texts an edition may show: those of its templates and of the helpers they call.
INTERFACE = re.compile(r"templates/editions/|templates/components/download_links|templating\.py")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The digest of the templates, stylesheet and code that build editions."""
    here = Path(__file__).parent
    templates = (here.parent / "templates" / "editions").iterdir()
    files = sorted([*here.glob("*.py"), *here.glob("*.css"), *templates])
    h = hashlib.sha256()
    for path in files:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def render(app: Flask, edition: Edition) -> Source:
    """An edition's text, rendered in a fresh context of its language."""
    with app.app_context(), app.test_request_context(url_path(app, edition.language)):
        app.preprocess_request()
        notes = Notes(NOTES[edition.format])

        def text(item, language: i18n.Language | None = None, link_terms: bool = True) -> Markup:
            language = language or edition.language
            return notes.link(content_html(item, language, link_terms).html, language, link_terms)

        modified = modified_on(app, edition)
        context = {"edition": edition, "text": text, "xml_lang": xml_lang, "modified": modified}
        context["title"] = render_template("editions/title.txt", **context).strip()
        if edition.format == "pdf":
            context["stylesheet"] = Markup(STYLESHEET.read_text(encoding="utf-8") + PRINT)
        parts = {name: render_template(template, **context) for name, template in DOCUMENTS[edition.format]}
    characters = {
        script: "".join(sorted(set(found)))
        for script, pattern in SCRIPTS.items()
        if (found := pattern.findall("".join(parts.values())))
    }
    return Source(edition, context["title"], parts, modified, characters)


# Scripts a reading system may have no font for; their letters decide which fonts an EPUB embeds.
SCRIPTS = {
    "arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"),
    "han": re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"),
}


def url_path(app: Flask, language: i18n.Language) -> str:
    """The address of a language's download page, whose context an edition is rendered in."""
    with app.test_request_context():
        return url_for("downloads.index", lang=language.code)


def xml_lang(language: i18n.Language) -> Markup:
    """`lang`, `xml:lang` and `dir` of a part in a language."""
    return Markup('lang="{0}" xml:lang="{0}" dir="{1}"').format(language.tag, language.direction)
