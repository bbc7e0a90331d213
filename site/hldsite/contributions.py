"""Suggestions and reviews: what the contribution pages do, apart from HTTP.

Every suggestion is checked by the same module as the PO files (checks.py) before it is
stored; accepting one publishes it with messages.publish and records the change.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import polib
from flask import current_app
from sqlalchemy import func, select, update

from . import catalogs, checks, messages
from .checks import Finding
from .content import Document
from .db import db
from .forms import UNREADABLE
from .i18n import Language
from .markup import form_pattern
from .models import Change, Reviewer, Suggestion, now

REPLACEMENT = "\ufffd"
CONTROL = UNREADABLE - {REPLACEMENT}


def translations_dir() -> Path:
    return Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"])


def catalog(language: Language) -> messages.Catalog:
    return messages.load(translations_dir(), language)


def normalize(text: str) -> str:
    """A text as a browser sends it, made comparable: NFC, Unix line breaks, no trailing space."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


@dataclass(frozen=True)
class GlossaryHit:
    """A glossary term in a message's English, its approved translation, and whether a text uses it."""

    term_id: str
    english: str
    approved: str


def glossary_hits(document: Document, message: messages.CatalogMessage, language: Language):
    """The glossary terms that occur in a message's English, with their approved translations."""
    translations = catalog(language)
    hits = []
    for term in document.terms:
        if form_pattern(term.forms.text, "en").search(message.source):
            approved = translations.by_context(term.term.context)
            hits.append(
                GlossaryHit(term.id, term.term.text, approved.published if approved else term.term.text)
            )
    return hits


def _rules(document: Document, language: Language) -> tuple[checks.GlossaryRule, ...]:
    translations = catalog(language)

    def text(item) -> str:
        found = translations.by_context(item.context)
        return found.published if found else item.text

    return catalogs.glossary_rules(document, text, language)


def findings(document: Document, message: messages.CatalogMessage, text: str, language: Language):
    """The checks' verdicts on a proposed text, with the two errors only a web form can make."""
    found = []
    if REPLACEMENT in text:
        found.append(checks.error("encoding", "the text contains bytes that are not valid UTF-8"))
    if any(c in CONTROL for c in text):
        found.append(checks.error("control", "the text contains control characters"))
    if message.is_pattern:
        # Glossary forms are match patterns (a|b*), not prose: emptiness, markup and bidi apply.
        if not text.strip():
            return [*found, checks.error("empty", "the translation is empty")]
        translation = checks.Translation(message.source, text, language, message.flags)
        return found + checks.markup(translation) + checks.bidi_controls(translation)
    translation = checks.Translation(
        message.source, text, language, message.flags, _rules(document, language)
    )
    return found + checks.check(translation)


def blocking(found: list[Finding]) -> bool:
    return any(f.blocking for f in found)


def suggest(language: Language, message: messages.CatalogMessage, text: str, note: str, author: str):
    """Store a suggestion (already checked), committed before the contributor is told it is saved."""
    suggestion = Suggestion(
        language=language.code, key=message.key, source=message.source, text=text, note=note, author=author
    )
    db.session.add(suggestion)
    db.session.commit()
    return suggestion


def open_suggestions(language: Language, key: str | None = None) -> list[Suggestion]:
    """Open suggestions, oldest first: the review queue, or one message's."""
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
    """Every accepted change of a message, newest first."""
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
    message = catalog(language).get(suggestion.key)
    _claim(suggestion, reviewer, "accepted")
    try:
        with messages.locked(translations_dir(), language) as path:
            before = messages.write_entry(path, message.key, text)
            change = Change(
                language=language.code,
                key=message.key,
                source=message.source,
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
    return change


def reject(suggestion: Suggestion, reviewer: Reviewer, reason: str) -> None:
    _claim(suggestion, reviewer, "rejected", reason)
    db.session.commit()


def export_po(language: Language) -> bytes:
    """The open suggestions of a language as a PO file: one entry per message, fuzzy, for review.

    The newest suggestion is the msgstr; every suggestion is kept as a translator comment.
    """
    translations = catalog(language)
    po = polib.POFile(wrapwidth=messages.WRAP)
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
    for message in translations:
        suggestions = by_key.get(message.key)
        if not suggestions:
            continue
        comment = "\n".join(
            f"Suggestion {s.id}, {s.created_at:%Y-%m-%d %H:%M} UTC, by {s.author or 'anonymous'}: {s.text}"
            + (f" (note: {s.note})" if s.note else "")
            for s in suggestions
        )
        po.append(
            polib.POEntry(
                msgctxt=message.context,
                msgid=message.source,
                msgstr=suggestions[-1].text,
                flags=["fuzzy"],
                tcomment=comment,
            )
        )
    return str(po).encode("utf-8")
