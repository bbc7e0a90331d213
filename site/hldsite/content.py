"""The summary as data: loaded once from content/, extracted for translators."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

CONTENT_FILE = "summary.toml"


class ContentError(ValueError):
    """The content file is not a valid summary."""


@dataclass(frozen=True)
class Message:
    """One translatable text: its context (a stable id), the English, a note."""

    context: str
    text: str
    note: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the body, with the anchor it has in every language."""

    id: str
    text: str
    theme: str | None
    position: int

    @property
    def context(self) -> str:
        return self.id


@dataclass(frozen=True)
class Theme:
    """A group of paragraphs about one subject."""

    slug: str
    title: str
    paragraphs: tuple[Paragraph, ...]

    @property
    def context(self) -> str:
        return f"theme:{self.slug}"

    @property
    def text(self) -> str:
        return self.title


@dataclass(frozen=True)
class Document:
    """The whole summary: framing text, paragraphs in order, themes and facts."""

    framing: Mapping[str, Message]
    paragraphs: tuple[Paragraph, ...]
    themes: tuple[Theme, ...]
    facts: Mapping[str, object]

    def theme(self, slug: str) -> Theme | None:
        return next((t for t in self.themes if t.slug == slug), None)

    def messages(self) -> Iterator[Message]:
        """Yield every translatable text in reading order, themes last."""
        yield from self.framing.values()
        count = len(self.paragraphs)
        titles = {t.slug: t.title for t in self.themes}
        for p in self.paragraphs:
            where = f"Paragraph {p.position} of {count}"
            theme = f"theme: {titles[p.theme]}" if p.theme else "introduction, no theme"
            yield Message(p.id, p.text, f"{where}; {theme}.")
        for t in self.themes:
            note = (
                "Title of a theme: a heading added to this edition to group "
                "paragraphs " + ", ".join(p.id for p in t.paragraphs) + "."
            )
            yield Message(t.context, t.title, note)


def parse(data: Mapping) -> Document:
    """Build a Document from the parsed content file, checking its references."""
    try:
        framing = {key: Message(key, entry["text"], entry["note"]) for key, entry in data["framing"].items()}
        paragraphs = tuple(
            Paragraph(p["id"], p["text"], p.get("theme"), n)
            for n, p in enumerate(data["paragraphs"], start=1)
        )
        slugs = [t["slug"] for t in data["themes"]]
        themes = tuple(
            Theme(t["slug"], t["title"], tuple(p for p in paragraphs if p.theme == t["slug"]))
            for t in data["themes"]
        )
        facts = MappingProxyType(dict(data["document"]))
    except (KeyError, TypeError) as exc:
        raise ContentError(f"missing or malformed field: {exc}") from exc
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
    return Document(MappingProxyType(framing), paragraphs, themes, facts)


def load(directory: Path) -> Document:
    """Read and parse the content file in `directory`."""
    with open(directory / CONTENT_FILE, "rb") as f:
        return parse(tomllib.load(f))


def extract_content(fileobj, keywords, comment_tags, options):
    """Babel extractor: one message per text, its id as msgctxt, a note for translators."""
    raw = fileobj.read()
    document = parse(tomllib.loads(raw.decode("utf-8")))
    lines = raw.decode("utf-8").splitlines()
    for message in document.messages():
        yield (
            _line_of(lines, message),
            "pgettext",
            (message.context, message.text),
            [message.note],
        )


def _line_of(lines: list[str], message: Message) -> int:
    """Find the line that introduces a message, for the .pot's source reference."""
    key = message.context.removeprefix("theme:")
    markers = (f'id = "{key}"', f'slug = "{key}"', f"[framing.{key}]")
    return next((n for n, line in enumerate(lines, start=1) if line.strip() in markers), 0)
