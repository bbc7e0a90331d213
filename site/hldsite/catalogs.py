"""The catalogs: each language's .po file, read into the one model every part of the site uses.

Pages, contribution views, checks, the export and the statistics read a translation through
`Catalog`: its entries with their state, and `Catalog.text_for`, the one rule for what a reader
sees. Flask-Babel takes its messages from the same model (`CatalogDomain`), so interface texts
and content follow the same rule. The .po files are the published truth: `Catalogs.refresh`
(once per request, see sync) reads a file again when it changed on disk and starts every memo
afresh under the new `version`; a translation is written only under the catalog's lock.
"""

from __future__ import annotations

import fcntl
import io
import logging
import os
import re
import stat
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

import polib
from babel import support
from flask import current_app
from flask_babel import Domain, get_locale

from .checks import unsafe_to_show
from .i18n import LANGUAGES, SOURCE, TRANSLATED, Language
from .message_ids import MessageId
from .po_headers import revised, stamp

DOMAIN = "messages"
WRAP = 76
STATUSES = ("translated", "outdated", "untranslated")
# The translator comment that dates a text's publication: `# published: 2026-12-03` (UTC).
PUBLISHED = "published"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
logger = logging.getLogger(__name__)


def template_path(directory: Path) -> Path:
    return directory / f"{DOMAIN}.pot"


def catalog_path(directory: Path, language: Language) -> Path:
    return directory / language.catalog / "LC_MESSAGES" / f"{DOMAIN}.po"


class UnknownMessage(KeyError):
    """No message of the catalog has this id (a forged or outdated address)."""


@dataclass(frozen=True)
class Entry:
    """One message of a catalog: its English, its translation, and what the catalog says of it."""

    message_id: MessageId
    source: str
    text: str
    fuzzy: bool
    previous: str | None
    flags: frozenset[str]
    notes: str
    locations: tuple[str, ...]
    # When its text was last published (its `# published:` comment); None if it has no valid one.
    published: date | None = None

    @property
    def key(self) -> str:
        """The entry's name as written in addresses (see message_ids)."""
        return str(self.message_id)

    @property
    def status(self) -> str:
        """translated, outdated (its English changed: fuzzy) or untranslated."""
        if not self.text:
            return "untranslated"
        return "outdated" if self.fuzzy else "translated"


class Text(NamedTuple):
    """What a reader sees for a message, the language it is in, and when that translation was
    published (None for the English)."""

    text: str
    language: Language
    published: date | None = None


def _entry(po_entry: polib.POEntry) -> Entry:
    return Entry(
        message_id=MessageId.of_entry(po_entry.msgctxt, po_entry.msgid),
        source=po_entry.msgid,
        text=po_entry.msgstr,
        fuzzy=po_entry.fuzzy,
        previous=po_entry.previous_msgid,
        flags=frozenset(po_entry.flags),
        # Extracted comments are wrapped in the PO file; the note is one text.
        notes=" ".join((po_entry.comment or "").split()),
        locations=tuple(dict.fromkeys(path for path, _ in po_entry.occurrences)),
        published=published_on(po_entry.tcomment),
    )


def _is_published_line(line: str) -> bool:
    return line.partition(":")[0].strip() == PUBLISHED


def published_on(tcomment: str | None) -> date | None:
    """The date a translator comment gives for a text's publication; None if none or malformed."""
    for line in (tcomment or "").splitlines():
        if _is_published_line(line):
            value = line.partition(":")[2].strip()
            try:
                return date.fromisoformat(value) if ISO_DATE.fullmatch(value) else None
            except ValueError:  # 2026-02-30
                return None
    return None


def dated(tcomment: str | None, day: date) -> str:
    """A translator comment saying the text was published on `day`, its other lines kept."""
    lines = [line for line in (tcomment or "").splitlines() if not _is_published_line(line)]
    return "\n".join([*lines, f"{PUBLISHED}: {day.isoformat()}"])


def today() -> date:
    """The day it is now, in UTC: the publication date of a text written now."""
    return datetime.now(UTC).date()


class Catalog:
    """The messages of one language, in catalog order (the document's, then the interface's).

    A text that would break a page or hide something from its reader (the rendering checks:
    markup, formatting, invisible characters...) is `unsafe`: the site shows the English instead.
    The gate keeps such texts out; this catches one written into a file by hand.
    """

    def __init__(self, language: Language, entries: tuple[Entry, ...] = ()):
        self.language = language
        self.entries = entries
        self._by_id = {entry.message_id: entry for entry in entries}
        self.unsafe = {
            entry.message_id: found
            for entry in entries
            if entry.status == "translated" and (found := unsafe_to_show(entry, language))
        }

    @classmethod
    def read(cls, path: Path, language: Language) -> Catalog:
        po = polib.pofile(str(path), wrapwidth=WRAP)
        catalog = cls(language, tuple(_entry(e) for e in po if not e.obsolete))
        for message_id, found in catalog.unsafe.items():
            logger.error(
                "The %s catalog's text for %s cannot be shown (%s): the English is shown instead.",
                language.catalog,
                message_id,
                ", ".join(f.code for f in found),
            )
        return catalog

    def __iter__(self):
        return iter(self.entries)

    def entry(self, message_id: MessageId) -> Entry:
        try:
            return self._by_id[message_id]
        except KeyError:
            raise UnknownMessage(str(message_id)) from None

    def text_for(self, message_id: MessageId, english: str) -> Text:
        """What a reader sees: the translation if it is translated, not outdated, and of this
        English; else the English. The one rule: pages, views, checks and export all use it."""
        entry = self._by_id.get(message_id)
        if (
            entry is not None
            and entry.status == "translated"
            and entry.source == english
            and message_id not in self.unsafe
        ):
            return Text(entry.text, self.language, entry.published)
        return Text(english, SOURCE)

    def shown(self, entry: Entry) -> Text:
        """What a reader sees for one of the catalog's entries."""
        return self.text_for(entry.message_id, entry.source)

    def neighbours(self, entry: Entry) -> tuple[Entry | None, Entry | None]:
        """The entries before and after it of the same kind: a paragraph's neighbours in the text."""
        same = [e for e in self.entries if e.message_id.kind == entry.message_id.kind]
        same = [e for e in same if not e.message_id.is_pattern]
        if entry not in same:
            return None, None
        i = same.index(entry)
        return (same[i - 1] if i else None), (same[i + 1] if i + 1 < len(same) else None)

    def counts(self) -> dict[str, int]:
        statuses = [entry.status for entry in self.entries]
        return {status: statuses.count(status) for status in STATUSES}

    @cached_property
    def translations(self) -> support.NullTranslations:
        """The catalog as gettext translations (for Flask-Babel and the templates' `_()`): the
        entries a reader sees translated, by `text_for`."""
        po = polib.POFile()
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        for entry in self.entries:
            if self.shown(entry).language == self.language and self.language != SOURCE:
                po.append(
                    polib.POEntry(msgctxt=entry.message_id.context, msgid=entry.source, msgstr=entry.text)
                )
        return support.Translations(io.BytesIO(po.to_binary()))


class Catalogs:
    """Every language's catalog, read again when its file changes, and the version they are at.

    Whatever is computed from the catalogs (annotated texts, reading levels, whole pages) is
    remembered under `version`, or in a `memo`, which starts empty whenever a file changed.
    """

    def __init__(self, directory: Path):
        self.directory = directory
        self.version: tuple = ()
        self._stamps: dict[str, tuple] = {}
        self._read: dict[str, tuple[tuple, Catalog]] = {}
        self._memos: dict[str, dict] = {}
        self._lock = threading.Lock()
        self.refresh()

    def _stamp(self, language: Language) -> tuple:
        try:
            found = os.stat(catalog_path(self.directory, language))
        except OSError:
            return ()
        return (found.st_mtime_ns, found.st_size, found.st_ino)

    def refresh(self) -> tuple:
        """Look at the files; if one changed, it is read again and every memo starts afresh."""
        version = tuple(self._stamp(language) for language in TRANSLATED)
        if version != self.version:
            with self._lock:
                self._memos = {}
                self._stamps = {
                    language.code: stamp for language, stamp in zip(TRANSLATED, version, strict=True)
                }
                self.version = version
        return version

    def __getitem__(self, language: Language) -> Catalog:
        if language == SOURCE:
            return SOURCE_CATALOG
        stamp = self._stamps[language.code]
        found = self._read.get(language.code)
        if found is None or found[0] != stamp:
            found = (stamp, self._load(language))
            self._read[language.code] = found
        return found[1]

    def _load(self, language: Language) -> Catalog:
        path = catalog_path(self.directory, language)
        try:
            return Catalog.read(path, language)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            # Read again only when the file changes: logged once, and the pages are in English.
            logger.error("Cannot read the %s catalog (%s): serving English.", language.catalog, exc)
            return Catalog(language)

    def path(self, language: Language) -> Path:
        """Where a language's .po file is."""
        return catalog_path(self.directory, language)

    def template(self) -> Catalog:
        """The template (.pot): every message the catalogs must have."""
        return Catalog.read(template_path(self.directory), SOURCE)

    def memo(self, name: str) -> dict:
        """A dictionary for what is computed from the catalogs: empty again when they change."""
        with self._lock:
            return self._memos.setdefault(name, {})

    @contextmanager
    def locked(self, language: Language):
        """Hold a language's .po for writing, across threads and processes."""
        path = self.path(language)
        with open(path.parent / f".{path.name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield path
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)


SOURCE_CATALOG = Catalog(SOURCE)
BY_CATALOG = {language.catalog: language for language in LANGUAGES}


def write_entry(path: Path, message_id: MessageId, text: str, on: date | None = None) -> str:
    """Write a translation into a .po, atomically; the caller holds `Catalogs.locked`.

    The message stops being fuzzy and loses its `#|` previous English: a reviewer approved it
    against the current English. It is dated as published `on` that day (today, UTC, unless
    given). Returns the text it replaced.
    """
    po = polib.pofile(str(path), wrapwidth=WRAP)
    entry = next(
        (e for e in po if not e.obsolete and MessageId.of_entry(e.msgctxt, e.msgid) == message_id), None
    )
    if entry is None:
        raise UnknownMessage(str(message_id))
    before = entry.msgstr
    if before == text and not entry.fuzzy:
        return before  # Already so: the file, and its time, stay as they are.
    entry.msgstr = text
    entry.fuzzy = False
    entry.previous_msgid = entry.previous_msgctxt = None
    entry.tcomment = dated(entry.tcomment, on or today())
    write_po(path, po)
    return before


class CatalogError(Exception):
    """A catalog would not read back as it was meant to be written: nothing was written."""


def write_po(path: Path, po: polib.POFile) -> None:
    """Write a catalog, atomically and dated, once it is proved to read back exactly as meant (a
    line separator in a text, read by a careless tool, splits a line: the text would change)."""

    def texts(catalog) -> list[tuple]:
        return [(e.msgctxt, e.msgid, e.msgstr, e.fuzzy, e.obsolete) for e in catalog]

    revised(po)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as tmp:
        tmp.write(str(po).encode("utf-8"))
        tmp.flush()
        os.fsync(tmp.fileno())
    try:
        back = polib.pofile(tmp.name, wrapwidth=WRAP)
        if texts(back) != texts(po):
            wrong = next(m for m, r in zip(texts(po), texts(back), strict=False) if m != r)
            raise CatalogError(f"{path}: [{wrong[0] or wrong[1][:40]}] would not read back as written")
        keep_mode(tmp.name, path)
        os.replace(tmp.name, path)
    except BaseException:
        os.unlink(tmp.name)
        raise


def keep_mode(new: str, old: Path) -> None:
    """Give a file that replaces another the permissions of the one it replaces."""
    try:
        os.chmod(new, stat.S_IMODE(os.stat(old).st_mode))
    except FileNotFoundError:
        os.chmod(new, 0o644)


def update_catalog(directory: Path, language: Language) -> None:
    """Merge the template into a catalog: changed English turns fuzzy and is kept as `#|` lines;
    texts no longer in the template are dropped.

    polib merges as msgmerge does, without fuzzy matching (which pairs unrelated short strings,
    "Plain language" with "Full summary"): a content message is matched by its msgctxt instead,
    same id, new English.
    """
    path = catalog_path(directory, language)
    po = polib.pofile(str(path), wrapwidth=WRAP)
    template = polib.pofile(str(template_path(directory)), wrapwidth=WRAP)
    translated_before = {e.msgctxt: e for e in po if e.msgctxt and e.msgstr and not e.obsolete}
    # Flags a translator set (allow-identical) survive the merge, which takes the template's.
    flags_before = {(e.msgctxt, e.msgid): [f for f in e.flags if f != "fuzzy"] for e in po}
    po.merge(template)
    for entry in po:
        entry.flags += [f for f in flags_before.get((entry.msgctxt, entry.msgid), []) if f not in entry.flags]
        old = translated_before.get(entry.msgctxt)
        if entry.obsolete or entry.msgstr or old is None or old.msgid == entry.msgid:
            continue
        entry.msgstr, entry.previous_msgid = old.msgstr, old.msgid
        entry.tcomment = old.tcomment  # its publication date, until it is published again
        entry.fuzzy = True
    # In the template's order, as msgmerge writes it. Texts that left the template are dropped
    # (git keeps them): a catalog holds what the site shows, and nothing else.
    order = {(e.msgctxt, e.msgid): i for i, e in enumerate(template)}
    po[:] = sorted((e for e in po if not e.obsolete), key=lambda e: order[(e.msgctxt, e.msgid)])
    po.metadata["POT-Creation-Date"] = template.metadata["POT-Creation-Date"]
    stamp(po, language)
    write_po(path, po)


class CatalogDomain(Domain):
    """Flask-Babel's messages, from the site's catalogs rather than from .mo files."""

    def __init__(self, catalogs: Catalogs):
        super().__init__()
        self.catalogs = catalogs

    def get_translations(self) -> support.NullTranslations:
        locale = get_locale()
        language = BY_CATALOG.get(str(locale), SOURCE) if locale is not None else SOURCE
        return self.catalogs[language].translations


def current_catalogs() -> Catalogs:
    """The application's catalogs."""
    return current_app.extensions["catalogs"]


def init_app(app):
    """Read the catalogs of BABEL_TRANSLATION_DIRECTORIES; Flask-Babel's messages come from them."""
    catalogs = Catalogs(Path(app.config["BABEL_TRANSLATION_DIRECTORIES"]))
    app.extensions["catalogs"] = catalogs
    domain = CatalogDomain(catalogs)

    @app.url_value_preprocessor
    def use_the_catalogs(endpoint, values):
        domain.as_default()
