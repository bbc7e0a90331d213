"""The summary as data: loaded once from content/, extracted for translators.

Three hand-edited files: summary.toml (the original), plain.toml (the plain-language
edition) and glossary.toml (terms and abbreviations). Every text in them is a gettext
message whose msgctxt is a stable id.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from flask import current_app

from .message_ids import MessageId

# Clitics written together with the next word in Arabic: wa-, fa-, bi-, ka-, li- (and pairs).
ARABIC_PROCLITICS = "(?:[وف]?[بكل]?)"
CONTENT_FILE = "summary.toml"
PLAIN_FILE = "plain.toml"
GLOSSARY_FILE = "glossary.toml"


@cache
def form_pattern(forms: str, language_code: str) -> re.Pattern:
    """A regex for the `|`-separated forms of a glossary term (a trailing * is any ending)."""
    alternatives = sorted((f.strip() for f in forms.split("|") if f.strip()), key=len, reverse=True)
    body = "|".join(re.escape(f.rstrip("*")) + (r"\w*" if f.endswith("*") else "") for f in alternatives)
    if language_code == "zh":
        return re.compile(f"(?:{body})")
    prefix = ARABIC_PROCLITICS if language_code == "ar" else ""
    return re.compile(rf"(?<!\w){prefix}(?:{body})(?!\w)", re.IGNORECASE)


class ContentError(ValueError):
    """The content files do not make a valid summary."""


@dataclass(frozen=True)
class Message:
    """One translatable text: its name, the English, a note for translators."""

    message_id: MessageId
    text: str
    note: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the body, with the anchor it has in every language."""

    id: str
    text: str
    theme: str | None
    position: int
    note: str = ""

    @property
    def message_id(self) -> MessageId:
        return MessageId("summary", self.id)


@dataclass(frozen=True)
class Block:
    """A block of plain-language text: one paragraph, or the items of a list, and the texts of
    the summary it renders (paragraph or framing ids)."""

    id: str
    messages: tuple[Message, ...]
    is_list: bool
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Theme:
    """A group of paragraphs about one subject, with its plain-language version."""

    slug: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    plain: tuple[Block, ...] = ()
    # The heading of its plain-language page, in plain words.
    plain_title: Message | None = None

    @property
    def message_id(self) -> MessageId:
        return MessageId("theme", self.slug)

    @property
    def text(self) -> str:
        return self.title


@dataclass(frozen=True)
class Term:
    """A glossary entry: the term, its definition, its forms in running text, and where the
    definition comes from (a treaty's article, the IOM Glossary's entry)."""

    id: str
    term: Message
    definition: Message
    forms: Message
    source: Message


@dataclass(frozen=True)
class Abbreviation:
    """An abbreviation and what it stands for."""

    id: str
    short: Message
    long: Message


@dataclass(frozen=True)
class Document:
    """The whole summary: framing, paragraphs, themes, plain edition, glossary, facts."""

    framing: Mapping[str, Message]
    paragraphs: tuple[Paragraph, ...]
    themes: tuple[Theme, ...]
    facts: Mapping[str, object]
    intro: tuple[Block, ...] = ()
    terms: tuple[Term, ...] = ()
    abbreviations: tuple[Abbreviation, ...] = ()
    # Texts of the summary the plain edition leaves out, with the reason.
    left_out: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # When the English was last changed: the latest `revised` of the content files.
    revised: date | None = None

    def theme(self, slug: str) -> Theme | None:
        return next((t for t in self.themes if t.slug == slug), None)

    def place(self, message_id: MessageId) -> Place | None:
        """Where the site shows a content message (None for an interface text)."""
        if message_id.kind == "summary":
            if any(p.id == message_id.id for p in self.paragraphs):
                return Place("reading.summary", {}, message_id.id)
            return Place("reading.summary", {}, None) if message_id.id in self.framing else None
        if message_id.kind == "theme":
            if self.theme(message_id.id) is None:
                return None
            endpoint = "plain.theme" if message_id.part == "plain" else "reading.theme"
            return Place(endpoint, {"slug": message_id.id}, None)
        if message_id.kind == "plain":
            for theme in self.themes:
                if any(block.id == message_id.id for block in theme.plain):
                    return Place("plain.theme", {"slug": theme.slug}, None)
            if any(block.id == message_id.id for block in self.intro):
                return Place("plain.edition", {}, None)
            return None
        if message_id.kind in ("glossary", "abbreviation"):
            return Place("glossary.glossary", {}, None)
        return None


class Place(NamedTuple):
    """A page of the site (an endpoint and its values) and an anchor on it."""

    endpoint: str
    values: dict
    anchor: str | None


def summary_messages(document: Document) -> Iterator[Message]:
    yield from document.framing.values()
    count = len(document.paragraphs)
    titles = {t.slug: t.title for t in document.themes}
    for p in document.paragraphs:
        theme = f"theme: {titles[p.theme]}" if p.theme else "introduction, no theme"
        note = f"Paragraph {p.position} of {count}; {theme}." + (f" {p.note}" if p.note else "")
        yield Message(p.message_id, p.text, note)
    for t in document.themes:
        ids = ", ".join(p.id for p in t.paragraphs)
        yield Message(t.message_id, t.title, f"Title of a theme: a heading added to group paragraphs {ids}.")


def plain_messages(intro: tuple[Block, ...], themes: tuple[Theme, ...]) -> Iterator[Message]:
    for block in intro:
        yield from block.messages
    for theme in themes:
        if theme.plain_title is not None:
            yield theme.plain_title
        for block in theme.plain:
            yield from block.messages


def glossary_messages(terms: tuple[Term, ...], abbreviations: tuple[Abbreviation, ...]) -> Iterator[Message]:
    for term in terms:
        yield from (term.term, term.definition, term.forms, term.source)
    for abbreviation in abbreviations:
        yield from (abbreviation.short, abbreviation.long)


PLAIN_NOTE = (
    "Plain-language version, {where}, block {n} of {count}. Write it plainly in your language: short "
    "sentences, common words, active voice; keep every point, add none."
)


def _blocks(entries: list, where: str) -> tuple[Block, ...]:
    blocks = []
    for n, entry in enumerate(entries, start=1):
        sources = tuple(entry["sources"])
        note = PLAIN_NOTE.format(where=where, n=n, count=len(entries))
        note += f" It renders {', '.join(sources)} of the summary." + (
            f" {entry['note']}" if "note" in entry else ""
        )
        block_id = entry["id"]
        if "list" in entry:
            items = entry["list"]
            messages = tuple(
                Message(MessageId("plain", block_id, str(i)), text, f"{note} List item {i} of {len(items)}.")
                for i, text in enumerate(items, start=1)
            )
            blocks.append(Block(block_id, messages, True, sources))
        else:
            message = Message(MessageId("plain", block_id), entry["text"], note)
            blocks.append(Block(block_id, (message,), False, sources))
    return tuple(blocks)


def parse_summary(data: Mapping) -> Document:
    """Build a Document from the parsed summary file, checking its references."""
    framing = {
        key: Message(MessageId("summary", key), entry["text"], entry["note"])
        for key, entry in data["framing"].items()
    }
    paragraphs = tuple(
        Paragraph(p["id"], p["text"], p.get("theme"), n, p.get("note", ""))
        for n, p in enumerate(data["paragraphs"], start=1)
    )
    slugs = [t["slug"] for t in data["themes"]]
    themes = tuple(
        Theme(t["slug"], t["title"], tuple(p for p in paragraphs if p.theme == t["slug"]))
        for t in data["themes"]
    )
    ids = [p.id for p in paragraphs] + list(framing)
    if len(set(ids)) != len(ids):
        raise ContentError("paragraph and framing ids must be unique")
    if len(set(slugs)) != len(slugs):
        raise ContentError("theme slugs must be unique")
    for p in paragraphs:
        if p.theme is not None and p.theme not in slugs:
            raise ContentError(f"paragraph {p.id} names unknown theme {p.theme!r}")
    for t in themes:
        if not t.paragraphs:
            raise ContentError(f"theme {t.slug!r} has no paragraphs")
    return Document(MappingProxyType(framing), paragraphs, themes, MappingProxyType(dict(data["document"])))


PLAIN_TITLE_NOTE = (
    "Heading of the plain-language page of the theme, in plain words. The theme's own title is the "
    "message theme:{slug}."
)


def parse_plain(
    data: Mapping,
) -> tuple[tuple[Block, ...], dict[str, tuple[Message, tuple[Block, ...]]], dict]:
    """The plain edition's introduction; each theme's plain heading and blocks, by slug; and the
    texts of the summary it leaves out, with the reason."""
    intro = _blocks(data["intro"], "introduction")
    themes = {
        t["slug"]: (
            Message(
                MessageId("theme", t["slug"], "plain"), t["title"], PLAIN_TITLE_NOTE.format(slug=t["slug"])
            ),
            _blocks(t["blocks"], f"theme {t['slug']!r}"),
        )
        for t in data["themes"]
    }
    left_out = {entry["id"]: entry["reason"] for entry in data.get("left_out", [])}
    return intro, themes, left_out


SOURCE_NOTE = (
    "Where the definition comes from: give each instrument and publication its official title in your "
    "language (the UN Treaty Collection, the IOM Glossary), and its article or entry."
)


def parse_glossary(data: Mapping) -> tuple[tuple[Term, ...], tuple[Abbreviation, ...]]:
    """The glossary terms and the abbreviations."""
    forms_note = (
        "Not shown: how the term appears in your texts, separated by |, a trailing * for any ending. "
        "The first occurrence on each page links to the glossary."
    )
    terms = tuple(
        Term(
            t["id"],
            Message(MessageId("glossary", t["id"]), t["term"], "A glossary term, as a heading of its entry."),
            Message(
                MessageId("glossary", t["id"], "definition"), t["definition"], "Plain definition of the term."
            ),
            Message(MessageId("glossary", t["id"], "forms"), t["forms"], forms_note),
            Message(MessageId("glossary", t["id"], "source"), t["source"], SOURCE_NOTE),
        )
        for t in data["terms"]
    )
    short_note = (
        "An abbreviation as written in your texts; if your language writes it in full, the full name."
    )
    abbreviations = tuple(
        Abbreviation(
            a["id"],
            Message(MessageId("abbreviation", a["id"]), a["short"], short_note),
            Message(
                MessageId("abbreviation", a["id"], "long"),
                a["long"],
                "What the abbreviation stands for, in full.",
            ),
        )
        for a in data["abbreviations"]
    )
    if unsourced := [t.id for t in terms if not t.source.text.strip()]:
        raise ContentError(f"glossary terms {unsourced} name no source")
    return terms, abbreviations


def parse(name: str, data: Mapping):
    """One content file's data as the model; ContentError names what is wrong."""
    try:
        return {CONTENT_FILE: parse_summary, PLAIN_FILE: parse_plain, GLOSSARY_FILE: parse_glossary}[name](
            data
        )
    except (KeyError, TypeError) as exc:
        raise ContentError(f"{name}: missing or malformed field: {exc}") from exc


def combine(document: Document, plain, glossary) -> Document:
    """Attach the plain edition and the glossary to the summary, checking they match: every text
    of the summary is rendered by some plain block, or left out with a reason."""
    intro, by_slug, left_out = plain
    slugs = [t.slug for t in document.themes]
    if sorted(by_slug) != sorted(slugs):
        raise ContentError(f"plain versions {sorted(by_slug)} do not match the themes {sorted(slugs)}")
    themes = tuple(
        Theme(t.slug, t.title, t.paragraphs, by_slug[t.slug][1], by_slug[t.slug][0]) for t in document.themes
    )
    texts = [p.id for p in document.paragraphs] + list(document.framing)
    blocks = [*intro, *(block for theme in themes for block in theme.plain)]
    rendered = {source for block in blocks for source in block.sources}
    for block in blocks:
        if not block.sources:
            raise ContentError(f"plain block {block.id} names no source")
        if unknown := set(block.sources) - set(texts):
            raise ContentError(f"plain block {block.id} names unknown sources {sorted(unknown)}")
    if missing := [text for text in texts if text not in rendered and text not in left_out]:
        raise ContentError(f"the plain edition neither renders nor leaves out {missing}")
    if unknown := sorted(set(left_out) - set(texts)):
        raise ContentError(f"the plain edition leaves out unknown texts {unknown}")
    if both := sorted(set(left_out) & rendered):
        raise ContentError(f"the plain edition both renders and leaves out {both}")
    if unexplained := sorted(key for key, reason in left_out.items() if not reason.strip()):
        raise ContentError(f"the plain edition leaves out {unexplained} without a reason")
    terms, abbreviations = glossary
    ids = [t.id for t in terms] + [a.id for a in abbreviations]
    if len(set(ids)) != len(ids):
        raise ContentError("glossary and abbreviation ids must be unique")
    names = [m.message_id for m in plain_messages(intro, themes)]
    if len(set(names)) != len(names):
        raise ContentError("plain-language block ids must be unique")
    return Document(
        document.framing,
        document.paragraphs,
        themes,
        document.facts,
        intro,
        terms,
        abbreviations,
        MappingProxyType(left_out),
    )


def revised_on(name: str, data: Mapping) -> date:
    """When a content file's English was last changed: its top-level `revised` date."""
    revised = data.get("revised")
    if type(revised) is not date:
        raise ContentError(
            f"{name}: `revised` must be the date its English last changed (revised = 2026-12-03)"
        )
    return revised


def load(directory: Path) -> Document:
    """Read and check the three content files in `directory`."""
    parsed, revised = {}, []
    for name in (CONTENT_FILE, PLAIN_FILE, GLOSSARY_FILE):
        with open(directory / name, "rb") as f:
            data = tomllib.load(f)
        parsed[name] = parse(name, data)
        revised.append(revised_on(name, data))
    document = combine(parsed[CONTENT_FILE], parsed[PLAIN_FILE], parsed[GLOSSARY_FILE])
    return dataclasses.replace(document, revised=max(revised))


def init_app(app):
    """Load the content once, at start-up."""
    app.extensions["document"] = load(Path(app.config["CONTENT_DIR"]))


def current_document() -> Document:
    """The summary as loaded at start-up."""
    return current_app.extensions["document"]


def extract_content(fileobj, keywords, comment_tags, options):
    """Babel extractor: one message per text, its id as msgctxt, a note for translators."""
    name = Path(fileobj.name).name
    raw = fileobj.read().decode("utf-8")
    parsed = parse(name, tomllib.loads(raw))
    if name == CONTENT_FILE:
        messages = summary_messages(parsed)
    elif name == PLAIN_FILE:
        intro, themes, _ = parsed
        messages = plain_messages(intro, tuple(Theme(s, "", (), b, t) for s, (t, b) in themes.items()))
    else:
        messages = glossary_messages(*parsed)
    lines = raw.splitlines()
    for message in messages:
        context = message.message_id.context
        yield _line_of(lines, message.message_id), "pgettext", (context, message.text), [message.note]


def _line_of(lines: list[str], message_id: MessageId) -> int:
    """Find the line that introduces a message, for the .pot's source reference."""
    key = message_id.id
    markers = (f'id = "{key}"', f'slug = "{key}"', f"[framing.{key}]")
    return next((n for n, line in enumerate(lines, start=1) if line.strip() in markers), 0)
