"""The gate: every text that would reach a catalog is judged here first, whatever its path.

The paths: a suggestion on the site (judged before it is stored; the contributor can ask for the
verdicts before sending); a reviewer's accept, with the text as edited; the store's published
changes, applied by every server at start and while running (sync.py); and `flask translate
update`, whose result `catalogs.write_po` refuses to write if it would not read back as written.
`flask translate check` gives the same verdicts on the files as they are, and a catalog edited by
hand is judged again when it is read: a text that would break a page is not shown (catalogs.py).
"""

from __future__ import annotations

from datetime import date

from .catalogs import Catalog, Catalogs, Entry, write_entry
from .checks import (
    MISSING,
    OUTDATED,
    UNDATED,
    UNTRANSLATED,
    Finding,
    Reading,
    Translation,
    check,
    glossary_rules,
)
from .content import Document
from .i18n import Language
from .message_ids import MessageId


class Refused(Exception):
    """The gate refused a text: its blocking findings are in `findings`."""

    def __init__(self, message_id: MessageId, findings: list[Finding]):
        super().__init__(f"{message_id}: {', '.join(f.code for f in findings)}")
        self.message_id = message_id
        self.findings = findings


def blocking(found: list[Finding]) -> bool:
    return any(f.blocking for f in found)


def reading(entry: Entry, text: str, catalog: Catalog, document: Document) -> Reading | None:
    """For a plain-language text: its theme's plain text as published, and with this text."""
    if entry.message_id.kind != "plain":
        return None
    groups = [document.intro, *(theme.plain for theme in document.themes)]
    for blocks in groups:
        items = [message for block in blocks for message in block.messages]
        if any(item.message_id == entry.message_id for item in items):
            shown = [catalog.text_for(item.message_id, item.text).text for item in items]
            proposed = [
                text if item.message_id == entry.message_id else now
                for item, now in zip(items, shown, strict=True)
            ]
            return Reading("\n".join(shown), "\n".join(proposed))
    return None


def judge(
    entry: Entry,
    text: str,
    catalog: Catalog,
    document: Document,
    *,
    proposal: bool = False,
    waiting: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Every verdict on a text for an entry: errors first, then warnings, then notices.

    A proposal (a suggestion) is also judged against what is published and what is waiting.
    """
    current = catalog.shown(entry)
    translation = Translation(
        entry.source,
        text,
        catalog.language,
        entry.flags,
        () if entry.message_id.is_pattern else glossary_rules(document, catalog),
        entry.message_id,
        current=current.text if proposal and current.language == catalog.language else None,
        waiting=waiting,
        reading=reading(entry, text, catalog, document),
    )
    return check(translation)


def publish(
    catalogs: Catalogs,
    language: Language,
    entry: Entry,
    text: str,
    document: Document,
    on: date | None = None,
) -> str:
    """Write a text into a language's catalog if the gate lets it through; the text it replaced.

    The caller holds the catalog's lock (`with catalogs.locked(language):`). Refused if the text
    fails; a text already published is written again as it is (that clears an outdated mark).
    The catalog dates it as published today, or `on` the day it was first published elsewhere.
    """
    catalogs.refresh()  # judged against the file as it is now, under the lock
    found = [f for f in judge(entry, text, catalogs[language], document) if f.blocking]
    if found:
        raise Refused(entry.message_id, found)
    return write_entry(catalogs.path(language), entry.message_id, text, on)


def catalog_findings(catalog: Catalog, template: Catalog, document: Document) -> list[tuple[Entry, Finding]]:
    """Everything that keeps a catalog from being complete and correct, with the checks' warnings,
    each with the entry it is about: what `flask translate check` reports."""
    found: list[tuple[Entry, Finding]] = []
    for expected in template:
        try:
            catalog.entry(expected.message_id)
        except KeyError:
            found.append((expected, Finding(MISSING)))
    for entry in catalog:
        if entry.status == "outdated":
            found.append((entry, Finding(OUTDATED)))
        elif entry.status == "untranslated":
            found.append((entry, Finding(UNTRANSLATED)))
        else:
            if entry.published is None:
                found.append((entry, Finding(UNDATED)))
            found += [
                (entry, f) for f in judge(entry, entry.text, catalog, document) if f.code != "reading-level"
            ]
    return found
