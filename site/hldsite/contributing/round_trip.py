"""The offline round trip, apart from HTTP: a language's texts as a PO file, and a file sent back
judged entry by entry through the same gate as the web form, into a report of what became of each.

Each entry of the file carries what it was based on: its English is the msgid, and an extracted
comment (`#.`, which Poedit and other PO editors keep) holds the fingerprint of the translation
published when it was downloaded. A text changed on the site since then is a conflict: it is
shown beside the contributor's, never suggested over it.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, replace
from datetime import datetime
from importlib.metadata import version

import polib
from babel.messages.catalog import Catalog as BabelCatalog
from flask_babel import lazy_gettext as _l

from ..catalogs import WRAP, Catalog, Entry, UnknownMessage
from ..content import Document
from ..db import db
from ..gate import blocking
from ..i18n import Language, language_for_tag
from ..message_ids import MessageId
from ..models import Suggestion
from ..po_headers import PACKAGE, PROJECT, stamp
from .forms import TEXT_LENGTH, TOO_LONG
from .suggestions import digest, findings, normalize

MAX_BYTES = 2 * 1000 * 1000
MIMETYPE = "text/x-gettext-translation"
BASE_LINE = f"{PROJECT} base: {{}}"
# A tool that wraps comments (msgcat, a PO editor set to wrap) may put the code on a line of its own.
BASE = re.compile(r"\bbase:\s+([0-9a-f]{32})\b")
HOW_TO = """\
Translate these texts in Poedit or any PO editor, then send the file back
on {address}: each text you change becomes a suggestion that a
reviewer reads before it is published. A text marked fuzzy is not sent.
Each text's note ends with "{project} base:" and a code: the translation
published when the file was downloaded. Leave it as it is: it tells the
site whether the text has changed since."""
# polib and Babel both read an unterminated string as if it were closed, losing what follows:
# every line that is not a comment must be a keyword and a whole quoted string, or a string.
PO_LINE = re.compile(r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"')

SUGGESTED, REFUSED, CONFLICT, SKIPPED, UNCHANGED = "suggested", "refused", "conflict", "skipped", "unchanged"
OUTCOMES = (SUGGESTED, REFUSED, CONFLICT, SKIPPED, UNCHANGED)  # as the report lists them

NOT_ON_THE_SITE = _l("This text is not on the site: it was removed or its English changed.")
TWICE = _l("This text is in the file twice: only the first one was read.")
NEEDS_WORK = _l("Marked as needing work (fuzzy) in the file: clear the mark when the text is ready.")
NO_BASE = _l(
    "The file does not say which translation this text was based on. Download the file again, "
    "and keep the notes of its texts."
)


def base_of(text: str) -> str:
    """The fingerprint of a published translation, as a downloaded file carries it."""
    return digest(normalize(text))


def download(catalog: Catalog, when: datetime) -> bytes:
    """A language's texts as a PO file: the current texts (outdated ones fuzzy, with the English
    they were translated from), each with the fingerprint of its published translation."""
    language = catalog.language
    po = polib.POFile(wrapwidth=WRAP)
    stamp(po, language)
    po.header += "\n" + HOW_TO.format(address=f"/{language.code}/contribute/offline/", project=PROJECT)
    po.metadata.update(
        {
            "PO-Revision-Date": when.strftime("%Y-%m-%d %H:%M+0000"),
            "Language": language.catalog,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": BabelCatalog(locale=language.locale).plural_forms,
            "X-Generator": f"{PROJECT} {version(PACKAGE)}",
            "X-Downloaded": when.strftime("%Y-%m-%d %H:%M:%S+0000"),
            "X-Disclaimer": "not an official United Nations translation",
        }
    )
    for entry in catalog:
        po.append(
            polib.POEntry(
                msgctxt=entry.message_id.context,
                msgid=entry.source,
                msgstr=entry.text,
                flags=sorted(entry.flags),
                previous_msgid=entry.previous if entry.fuzzy else None,
                comment="\n".join(filter(None, (entry.notes, BASE_LINE.format(base_of(entry.text))))),
                occurrences=[(path, "") for path in entry.locations],
            )
        )
    return str(po).encode("utf-8")


class Unreadable(Exception):
    """A file that cannot be read as this language's texts at all; `message` says why."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def read_upload(data: bytes, language: Language) -> polib.POFile:
    """Parse a file sent back: UTF-8, PO, of this language; Unreadable with why if it is not."""
    if not data.strip():
        raise Unreadable(_l("The file is empty."))
    if b"\0" in data:
        raise Unreadable(_l("This is not a PO file. Send the .po file you translated."))
    try:
        text = data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise Unreadable(
            _l("The file is not in UTF-8. Save it as UTF-8 (Poedit does) and send it again.")
        ) from None
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if line and not line.startswith("#") and not PO_LINE.fullmatch(line):
            raise Unreadable(_l("This is not a PO file, or it is damaged at line %(line)s.", line=number))
    # polib reads a string as a path when a file of that name exists: the text goes in a file.
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".po") as file:
        file.write(text)
        file.flush()
        try:
            po = polib.pofile(file.name, encoding="utf-8", wrapwidth=WRAP)
        except (OSError, ValueError):
            raise Unreadable(_l("This is not a PO file. Send the .po file you translated.")) from None
    tag = po.metadata.get("Language", "").strip()
    if tag and language_for_tag(tag) != language:
        raise Unreadable(
            _l("This file is for another language (%(tag)s). Send it from that language's page.", tag=tag)
        )
    return po


@dataclass(frozen=True)
class Outcome:
    """What became of one entry of the file: the site's text (None if it names none), the file's
    English and translation, and why it was refused or skipped (findings or sentences)."""

    kind: str
    entry: Entry | None
    source: str
    text: str
    reasons: tuple = ()
    suggestion: Suggestion | None = None
    # For a conflict: the published translation is no longer the one the file was based on.
    published_changed: bool = False

    @property
    def english_changed(self) -> bool:
        return self.entry is not None and self.entry.source != self.source


@dataclass(frozen=True)
class Report:
    """Every entry of a file, in its order, with what became of it."""

    outcomes: tuple[Outcome, ...]

    def of(self, kind: str) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.kind == kind]

    @property
    def counts(self) -> dict[str, int]:
        return {kind: len(self.of(kind)) for kind in OUTCOMES}

    @property
    def knows_the_site(self) -> bool:
        """Whether any entry of the file is a text of the site."""
        return any(outcome.entry is not None for outcome in self.outcomes)

    @property
    def accepted(self) -> bool:
        """Something became a suggestion, or the file changed nothing and nothing was refused."""
        return bool(self.of(SUGGESTED)) or not (self.of(REFUSED) or self.of(CONFLICT))


def judge_file(catalog: Catalog, document: Document, po: polib.POFile) -> Report:
    """What each entry of a file would become; nothing is stored (see `store`)."""
    outcomes, seen = [], set()
    for item in po:
        if item.obsolete:
            continue  # a PO editor keeps texts it no longer has as obsolete entries
        text = normalize(item.msgstr)
        try:
            entry = catalog.entry(MessageId.of_entry(item.msgctxt, item.msgid))
        except (ValueError, UnknownMessage):
            outcomes.append(Outcome(SKIPPED, None, item.msgid, text, (NOT_ON_THE_SITE,)))
            continue
        if entry.message_id in seen:
            outcomes.append(Outcome(SKIPPED, entry, item.msgid, text, (TWICE,)))
            continue
        seen.add(entry.message_id)
        outcomes.append(judge_entry(catalog, document, entry, item, text))
    return Report(tuple(outcomes))


def judge_entry(
    catalog: Catalog, document: Document, entry: Entry, item: polib.POEntry, text: str
) -> Outcome:
    """What one entry of a file becomes: the contributor's change, if any, through the gate."""
    found_base = BASE.search(item.comment or "")
    base = found_base.group(1) if found_base else None
    outcome = Outcome(UNCHANGED, entry, item.msgid, text)
    if text == normalize(entry.text) or base_of(text) == base:
        return outcome  # as published, or as it was downloaded: the contributor changed nothing
    if item.fuzzy:
        return replace(outcome, kind=SKIPPED, reasons=(NEEDS_WORK,))
    if base is None:
        return replace(outcome, kind=SKIPPED, reasons=(NO_BASE,))
    if item.msgid != entry.source or base != base_of(entry.text):
        return replace(outcome, kind=CONFLICT, published_changed=base != base_of(entry.text))
    if len(text) > TEXT_LENGTH:
        return replace(outcome, kind=REFUSED, reasons=(TOO_LONG % {"max": TEXT_LENGTH},))
    found = findings(document, entry, text, catalog)
    if blocking(found):
        return replace(outcome, kind=REFUSED, reasons=tuple(f for f in found if f.blocking))
    return replace(outcome, kind=SUGGESTED, reasons=tuple(found))


def store(report: Report, language: Language, author: str) -> Report:
    """Store every suggestion of a report in one transaction: all of them, or none."""
    outcomes = []
    try:
        for outcome in report.outcomes:
            if outcome.kind == SUGGESTED:
                suggestion = Suggestion(
                    language=language.code,
                    key=outcome.entry.key,
                    source=outcome.entry.source,
                    text=outcome.text,
                    note="",
                    author=author,
                )
                db.session.add(suggestion)
                outcome = replace(outcome, suggestion=suggestion)
            outcomes.append(outcome)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return Report(tuple(outcomes))
