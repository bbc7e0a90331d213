"""A language's catalog as the contribution pages see it: every message with a stable key and status.

The .po file is the published truth. It is read again only when it changes on disk, and
written only by `publish`, under a lock, so that concurrent accepts never lose one another.
"""

from __future__ import annotations

import fcntl
import hashlib
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import polib

from .catalogs import catalog_path, write_atomically
from .i18n import Language

WRAP = 76
PARAGRAPH = re.compile(r"p(\d+)")
# Kinds of message, by the shape of their msgctxt (see content.py); UI strings have none.
KINDS = ("summary", "theme", "plain", "glossary", "abbreviation", "interface")


class UnknownMessage(KeyError):
    """No message of the catalog has this key (a forged or outdated address)."""


def key_of(entry: polib.POEntry) -> str:
    """A message's address: its msgctxt id, or for a UI string a hash of its English."""
    if entry.msgctxt:
        return entry.msgctxt
    return "ui-" + hashlib.sha256(entry.msgid.encode("utf-8")).hexdigest()[:12]


def kind_of(context: str | None) -> str:
    if context is None:
        return "interface"
    prefix = context.split(":", 1)[0]
    return {"theme": "theme", "plain": "plain", "glossary": "glossary", "abbr": "abbreviation"}.get(
        prefix, "summary"
    )


@dataclass(frozen=True)
class CatalogMessage:
    """One message: its key, English, current translation, and what the catalog says about it."""

    key: str
    context: str | None
    source: str
    text: str
    fuzzy: bool
    previous: str | None
    flags: frozenset[str]
    notes: str
    locations: tuple[str, ...]

    @property
    def status(self) -> str:
        """translated, outdated (its English changed: fuzzy) or untranslated."""
        if not self.text:
            return "untranslated"
        return "outdated" if self.fuzzy else "translated"

    @property
    def kind(self) -> str:
        return kind_of(self.context)

    @property
    def published(self) -> str:
        """What the site shows in this language: the translation, or the English where it has none."""
        return self.text if self.status == "translated" else self.source

    @property
    def is_pattern(self) -> bool:
        """Glossary forms are match patterns (a|b*), not prose: the prose checks do not apply."""
        return (self.context or "").endswith(":forms")


@dataclass(frozen=True)
class Catalog:
    """The messages of one language, in catalog order (the order of the document, then the UI)."""

    language: Language
    messages: tuple[CatalogMessage, ...]

    def __iter__(self) -> Iterator[CatalogMessage]:
        return iter(self.messages)

    # Indexes, built once per catalog read: a contribution page looks up about a hundred messages.
    @cached_property
    def _by_key(self) -> dict[str, CatalogMessage]:
        return {m.key: m for m in self.messages}

    @cached_property
    def _by_context(self) -> dict[str, CatalogMessage]:
        return {m.context: m for m in self.messages if m.context}

    def get(self, key: str) -> CatalogMessage:
        try:
            return self._by_key[key]
        except KeyError:
            raise UnknownMessage(key) from None

    def by_context(self, context: str) -> CatalogMessage | None:
        return self._by_context.get(context)

    def neighbours(self, message: CatalogMessage) -> tuple[CatalogMessage | None, CatalogMessage | None]:
        """The messages before and after it of the same kind: a paragraph's neighbours in the text."""
        same = [m for m in self.messages if m.kind == message.kind and not m.is_pattern]
        if message not in same:
            return None, None
        i = same.index(message)
        return (same[i - 1] if i else None), (same[i + 1] if i + 1 < len(same) else None)

    def counts(self) -> dict[str, int]:
        statuses = [m.status for m in self.messages]
        return {s: statuses.count(s) for s in ("translated", "outdated", "untranslated")}


def _message(entry: polib.POEntry) -> CatalogMessage:
    return CatalogMessage(
        key=key_of(entry),
        context=entry.msgctxt,
        source=entry.msgid,
        text=entry.msgstr,
        fuzzy=entry.fuzzy,
        previous=entry.previous_msgid,
        flags=frozenset(entry.flags),
        # Extracted comments are wrapped in the PO file; the note is one text.
        notes=" ".join((entry.comment or "").split()),
        locations=tuple(dict.fromkeys(path for path, _ in entry.occurrences)),
    )


_cache: dict[Path, tuple[tuple[int, int], Catalog]] = {}
_cache_lock = threading.Lock()


def load(directory: Path, language: Language) -> Catalog:
    """A language's catalog, read again only when its file has changed."""
    path = catalog_path(directory, language)
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    with _cache_lock:
        cached = _cache.get(path)
        if cached and cached[0] == stamp:
            return cached[1]
    entries = polib.pofile(str(path), wrapwidth=WRAP)
    catalog = Catalog(language, tuple(_message(e) for e in entries if not e.obsolete))
    with _cache_lock:
        _cache[path] = (stamp, catalog)
    return catalog


@contextmanager
def locked(directory: Path, language: Language):
    """Hold a language's catalog for writing, across threads and processes."""
    path = catalog_path(directory, language)
    with open(path.parent / f".{path.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield path
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def publish(directory: Path, language: Language, key: str, text: str) -> str:
    """Write a translation into the .po and the .mo under the catalog's lock; the text it replaced."""
    with locked(directory, language) as path:
        return write_entry(path, key, text)


def write_entry(path: Path, key: str, text: str) -> str:
    """Write a translation into a .po and its .mo, atomically; the caller holds `locked`.

    The message stops being fuzzy and loses its `#|` previous English: a reviewer approved it
    against the current English. Returns the text it replaced.
    """
    po = polib.pofile(str(path), wrapwidth=WRAP)
    entry = next((e for e in po if not e.obsolete and key_of(e) == key), None)
    if entry is None:
        raise UnknownMessage(key)
    before = entry.msgstr
    if before == text and not entry.fuzzy:
        return before  # Already so: the files, and their times, stay as they are.
    entry.msgstr = text
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    entry.previous_msgid = entry.previous_msgctxt = None
    write_atomically(path, str(po).encode("utf-8"))
    # Fuzzy entries stay out of the .mo, as msgfmt leaves them out.
    write_atomically(path.with_suffix(".mo"), po.to_binary())
    return before


def paragraph_number(context: str | None) -> int | None:
    match = PARAGRAPH.fullmatch(context or "")
    return int(match.group(1)) if match else None
