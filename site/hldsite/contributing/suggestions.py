"""Suggestions and reviews, apart from HTTP: how a suggestion becomes a published text.

A suggestion passes the gate (gate.py) before it is stored; a reviewer's accept passes it again,
with the text as accepted, is written into the language's .po under the catalog's lock, and the
change is recorded in the store while the lock is held. Every server then serves it (sync.py).
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

import polib
from sqlalchemy import func, select, update

from .. import gate
from ..catalogs import WRAP, Catalog, Entry, UnknownMessage, current_catalogs
from ..checks import Finding
from ..content import Document, current_document, form_pattern
from ..db import db
from ..i18n import Language
from ..message_ids import MessageId
from ..models import OPEN, WITHDRAWN, Change, Reviewer, Suggestion, now


def normalize(text: str) -> str:
    """A text as a browser sends it, made comparable: NFC, Unix line breaks, no trailing space."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def digest(text: str) -> str:
    """A short fingerprint of a text: what a form carries to say which version its sender saw."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


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


def findings(
    document: Document, entry: Entry, text: str, catalog: Catalog, proposal: bool = True
) -> list[Finding]:
    """The gate's verdicts on a text for an entry; for a proposal, also against what is published
    and what already waits for review."""
    waiting = (
        frozenset(s.text for s in open_suggestions(catalog.language, str(entry.message_id)))
        if proposal
        else frozenset()
    )
    return gate.judge(entry, text, catalog, document, proposal=proposal, waiting=waiting)


def held_back(language: Language, catalog: Catalog, document: Document) -> list[tuple[Change, list[Finding]]]:
    """Published changes the gate now refuses (written before it, or into the store by hand):
    the latest of each text, with why. Their texts are not applied to any catalog (sync.py)."""
    latest = (
        select(func.max(Change.id))
        .where(Change.language == language.code)
        .group_by(Change.key)
        .scalar_subquery()
    )
    held = []
    for change in db.session.scalars(select(Change).where(Change.id.in_(latest)).order_by(Change.id)):
        try:
            entry = catalog.entry(MessageId.parse(change.key))
        except (UnknownMessage, ValueError):
            continue
        found = [f for f in gate.judge(entry, change.after, catalog, document) if f.blocking]
        if found:
            held.append((change, found))
    return held


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


def by_receipt(token: str) -> Suggestion | None:
    """The suggestion whose receipt has this address, if any."""
    return db.session.scalar(select(Suggestion).where(Suggestion.receipt == token))


def suggestions_of(language: Language, status: str | None = None) -> list[Suggestion]:
    """A language's suggestions in a state (every state if None), oldest first."""
    query = select(Suggestion).where(Suggestion.language == language.code)
    if status is not None:
        query = query.where(Suggestion.status == status)
    return list(db.session.scalars(query.order_by(Suggestion.created_at, Suggestion.id)))


def open_suggestions(language: Language, key: str | None = None) -> list[Suggestion]:
    """Open suggestions, oldest first: the review queue, or one text's."""
    query = select(Suggestion).where(Suggestion.language == language.code, Suggestion.status == OPEN)
    if key is not None:
        query = query.where(Suggestion.key == key)
    return list(db.session.scalars(query.order_by(Suggestion.created_at, Suggestion.id)))


def open_counts() -> dict[tuple[str, str], int]:
    """How many open suggestions each (language, key) has."""
    rows = db.session.execute(
        select(Suggestion.language, Suggestion.key, func.count())
        .where(Suggestion.status == OPEN)
        .group_by(Suggestion.language, Suggestion.key)
    )
    return {(language, key): count for language, key, count in rows}


def history(language: Language, key: str) -> list[Change]:
    """Every accepted change of a text, newest first."""
    query = select(Change).where(Change.language == language.code, Change.key == key)
    return list(db.session.scalars(query.order_by(Change.created_at.desc(), Change.id.desc())))


def contributors(language: Language) -> tuple[list[tuple[str, int]], int]:
    """Who wrote a language's published texts: each named author with how many, most first, and
    how many texts were published without a name."""
    rows = db.session.execute(
        select(Suggestion.author, func.count(func.distinct(Change.id)))
        .join(Change, Change.suggestion_id == Suggestion.id)
        .where(Change.language == language.code)
        .group_by(Suggestion.author)
    ).all()
    named = sorted(((author, n) for author, n in rows if author), key=lambda row: (-row[1], row[0]))
    return named, sum(n for author, n in rows if not author)


class AlreadyReviewed(Exception):
    """Someone else accepted or rejected the suggestion first (or its author withdrew it)."""


def _claim(suggestion: Suggestion, values: dict) -> None:
    """Move an open suggestion to another state, atomically: of two people at once, only one succeeds."""
    claimed = db.session.execute(
        update(Suggestion)
        .where(Suggestion.id == suggestion.id, Suggestion.status == OPEN)
        .values(**values)
        .execution_options(synchronize_session="fetch")
    )
    if claimed.rowcount != 1:
        db.session.rollback()
        raise AlreadyReviewed(suggestion.id)


def _review(suggestion: Suggestion, reviewer: Reviewer, status: str, reason: str = "") -> None:
    _claim(suggestion, {"status": status, "reviewer_id": reviewer.id, "reviewed_at": now(), "reason": reason})


def withdraw(suggestion: Suggestion) -> None:
    """Its author takes back a suggestion that is still waiting."""
    _claim(suggestion, {"status": WITHDRAWN, "reviewed_at": now()})
    db.session.commit()


def _publish(
    language: Language, key: str, text: str, reviewer: Reviewer, expected: str | None = None, **link
):
    """Publish a text through the gate and record the change (`link`: the suggestion or the change
    it comes from). The change is committed while the catalog's lock is held, so the order of the
    history is the order of the writes (syncing servers rely on it); a failure on either side
    before the commit leaves the store as it was. With `expected`, the digest of the text the
    reviewer saw, nothing is published if the text has changed since (ChangedMeanwhile)."""
    catalogs = current_catalogs()
    entry = catalogs[language].entry(MessageId.parse(key))
    try:
        with catalogs.locked(language):
            catalogs.refresh()
            if expected is not None and digest(catalogs[language].entry(entry.message_id).text) != expected:
                raise ChangedMeanwhile(key)
            before = gate.publish(catalogs, language, entry, text, current_document())
            change = Change(
                language=language.code,
                key=key,
                source=entry.source,
                before=before,
                after=text,
                reviewer_id=reviewer.id,
                **link,
            )
            db.session.add(change)
            db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    catalogs.refresh()
    return change


def accept(suggestion: Suggestion, reviewer: Reviewer, text: str, language: Language) -> Change:
    """Publish a text for a suggestion's message, and record who did it and what it replaced."""
    current_catalogs()[language].entry(MessageId.parse(suggestion.key))  # still a text of the catalog
    _review(suggestion, reviewer, "accepted")
    return _publish(language, suggestion.key, text, reviewer, suggestion_id=suggestion.id)


def reject(suggestion: Suggestion, reviewer: Reviewer, reason: str) -> None:
    _review(suggestion, reviewer, "rejected", reason)
    db.session.commit()


def decide_all(
    chosen: list[Suggestion], reviewer: Reviewer, language: Language, reason: str | None
) -> tuple[list[Suggestion], list[tuple[Suggestion, list[Finding]]], list[Suggestion]]:
    """Accept each suggestion as it is (reason None) or reject each with the reason.

    Each is decided on its own, so one refused by the gate or decided by someone else meanwhile
    does not undo the others: what was done, what the gate refused and why, what was already decided.
    """
    done, refused, decided = [], [], []
    for suggestion in chosen:
        try:
            if suggestion.status != OPEN:
                raise AlreadyReviewed(suggestion.id)
            if reason is not None:
                reject(suggestion, reviewer, reason)
            else:
                catalog = current_catalogs()[language]
                entry = catalog.entry(MessageId.parse(suggestion.key))
                found = [
                    f
                    for f in findings(current_document(), entry, suggestion.text, catalog, False)
                    if f.blocking
                ]
                if found:
                    refused.append((suggestion, found))
                    continue
                accept(suggestion, reviewer, suggestion.text, language)
            done.append(suggestion)
        except AlreadyReviewed:
            decided.append(suggestion)
        except gate.Refused as refusal:
            refused.append((suggestion, refusal.findings))
        except (UnknownMessage, ValueError):
            refused.append((suggestion, []))
    return done, refused, decided


class ChangedMeanwhile(Exception):
    """The text was published again since the reviewer looked at it: nothing was reverted."""


def revert(change: Change, reviewer: Reviewer, language: Language, expected: str) -> Change:
    """Publish again the text a change replaced (an earlier version), through the gate, recorded as a change.

    `expected` is the digest of the text the reviewer saw as current: if another change came first,
    the revert is refused rather than undoing a change the reviewer never saw.
    """
    return _publish(language, change.key, change.before, reviewer, expected, reverts_id=change.id)


def export_po(language: Language) -> bytes:
    """The open suggestions of a language as a PO file: one entry per text, fuzzy, for review.

    The newest suggestion that passes the gate is the msgstr; every suggestion is kept as a
    translator comment, those the gate refuses with why (they cannot be published as they are).
    """
    catalog = current_catalogs()[language]
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
    for entry in catalog:
        suggestions = by_key.get(str(entry.message_id))
        if not suggestions:
            continue
        lines, usable = [], []
        for s in suggestions:
            refused = [
                f.code
                for f in findings(current_document(), entry, s.text, catalog, proposal=False)
                if f.blocking
            ]
            who = s.author or "anonymous"
            line = f"Suggestion {s.id}, {s.created_at:%Y-%m-%d %H:%M} UTC, by {who}: {s.text}"
            line += f" (note: {s.note})" if s.note else ""
            line += f" [refused by the checks: {', '.join(refused)}]" if refused else ""
            lines.append(line)
            if not refused:
                usable.append(s)
        po.append(
            polib.POEntry(
                msgctxt=entry.message_id.context,
                msgid=entry.source,
                msgstr=usable[-1].text if usable else "",
                flags=["fuzzy"],
                tcomment="\n".join(lines),
            )
        )
    return str(po).encode("utf-8")
