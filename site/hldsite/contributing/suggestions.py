"""Suggestions and reviews, apart from HTTP: how a suggestion becomes a published text.

A suggestion is checked (checks.py) before it is stored; a reviewer's accept checks the text
again, writes it into the language's .po under the catalog's lock, and records the change in
the store while the lock is held. Every server then serves it (sync.py, catalogs.py).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import polib
from sqlalchemy import func, select, update

from .. import checks
from ..catalogs import WRAP, Catalog, Entry, current_catalogs, write_entry
from ..content import Document
from ..db import db
from ..i18n import Language
from ..markup import form_pattern
from ..message_ids import MessageId
from ..models import Change, Reviewer, Suggestion, now


def normalize(text: str) -> str:
    """A text as a browser sends it, made comparable: NFC, Unix line breaks, no trailing space."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


@dataclass(frozen=True)
class GlossaryHit:
    """A glossary term in a text's English, and its approved translation."""

    term_id: str
    english: str
    approved: str


def glossary_hits(document: Document, entry: Entry, catalog: Catalog) -> list[GlossaryHit]:
    """The glossary terms that occur in a text's English, with their approved translations."""
    return [
        GlossaryHit(term.id, term.term.text, catalog.text_for(term.term.message_id, term.term.text).text)
        for term in document.terms
        if form_pattern(term.forms.text, "en").search(entry.source)
    ]


def findings(document: Document, entry: Entry, text: str, catalog: Catalog) -> list[checks.Finding]:
    """The checks' verdicts on a text proposed for an entry."""
    return checks.check_entry(entry, text, catalog, checks.glossary_rules(document, catalog))


def blocking(found: list[checks.Finding]) -> bool:
    return any(f.blocking for f in found)


def suggest(language: Language, entry: Entry, text: str, note: str, author: str) -> Suggestion:
    """Store a suggestion (already checked), committed before the contributor is told it is saved."""
    suggestion = Suggestion(
        language=language.code,
        key=str(entry.message_id),
        source=entry.source,
        text=text,
        note=note,
        author=author,
    )
    db.session.add(suggestion)
    db.session.commit()
    return suggestion


def open_suggestions(language: Language, key: str | None = None) -> list[Suggestion]:
    """Open suggestions, oldest first: the review queue, or one text's."""
    query = select(Suggestion).where(Suggestion.language == language.code, Suggestion.status == "open")
    if key is not None:
        query = query.where(Suggestion.key == key)
    return list(db.session.scalars(query.order_by(Suggestion.created_at, Suggestion.id)))


def open_counts() -> dict[tuple[str, str], int]:
    """How many open suggestions each (language, key) has."""
    rows = db.session.execute(
        select(Suggestion.language, Suggestion.key, func.count())
        .where(Suggestion.status == "open")
        .group_by(Suggestion.language, Suggestion.key)
    )
    return {(language, key): count for language, key, count in rows}


def history(language: Language, key: str) -> list[Change]:
    """Every accepted change of a text, newest first."""
    query = select(Change).where(Change.language == language.code, Change.key == key)
    return list(db.session.scalars(query.order_by(Change.created_at.desc(), Change.id.desc())))


class AlreadyReviewed(Exception):
    """Someone else accepted or rejected the suggestion first."""


def _claim(suggestion: Suggestion, reviewer: Reviewer, status: str, reason: str = "") -> None:
    """Mark an open suggestion reviewed, atomically: of two reviewers at once, only one succeeds."""
    claimed = db.session.execute(
        update(Suggestion)
        .where(Suggestion.id == suggestion.id, Suggestion.status == "open")
        .values(status=status, reviewer_id=reviewer.id, reviewed_at=now(), reason=reason)
        .execution_options(synchronize_session="fetch")
    )
    if claimed.rowcount != 1:
        db.session.rollback()
        raise AlreadyReviewed(suggestion.id)


def accept(suggestion: Suggestion, reviewer: Reviewer, text: str, language: Language) -> Change:
    """Publish a text for a suggestion's message, and record who did it and what it replaced.

    The change is committed while the catalog's lock is held, so the order of the history is the
    order of the writes (syncing servers rely on it); a failure on either side before the commit
    leaves the store as it was.
    """
    catalogs = current_catalogs()
    entry = catalogs[language].entry(MessageId.parse(suggestion.key))
    _claim(suggestion, reviewer, "accepted")
    try:
        with catalogs.locked(language) as path:
            before = write_entry(path, entry.message_id, text)
            change = Change(
                language=language.code,
                key=suggestion.key,
                source=entry.source,
                before=before,
                after=text,
                reviewer_id=reviewer.id,
                suggestion_id=suggestion.id,
            )
            db.session.add(change)
            db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    catalogs.refresh()
    return change


def reject(suggestion: Suggestion, reviewer: Reviewer, reason: str) -> None:
    _claim(suggestion, reviewer, "rejected", reason)
    db.session.commit()


def export_po(language: Language) -> bytes:
    """The open suggestions of a language as a PO file: one entry per text, fuzzy, for review.

    The newest suggestion is the msgstr; every suggestion is kept as a translator comment.
    """
    po = polib.POFile(wrapwidth=WRAP)
    po.metadata = {
        "Project-Id-Version": "hld2013-rt2 suggestions",
        "Language": language.catalog,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    by_key: dict[str, list[Suggestion]] = {}
    for suggestion in open_suggestions(language):
        by_key.setdefault(suggestion.key, []).append(suggestion)
    for entry in current_catalogs()[language]:
        suggestions = by_key.get(str(entry.message_id))
        if not suggestions:
            continue
        comment = "\n".join(
            f"Suggestion {s.id}, {s.created_at:%Y-%m-%d %H:%M} UTC, by {s.author or 'anonymous'}: {s.text}"
            + (f" (note: {s.note})" if s.note else "")
            for s in suggestions
        )
        po.append(
            polib.POEntry(
                msgctxt=entry.message_id.context,
                msgid=entry.source,
                msgstr=suggestions[-1].text,
                flags=["fuzzy"],
                tcomment=comment,
            )
        )
    return str(po).encode("utf-8")
