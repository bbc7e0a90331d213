"""What the contribution store keeps: reviewers, suggestions, and the history of accepted changes."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from functools import cache

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from .db import db

NAME_LENGTH = 80
KEY_LENGTH = 120


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def new_token() -> str:
    return secrets.token_hex(16)


def new_receipt() -> str:
    """An unguessable address for a suggestion's receipt: 256 random bits."""
    return secrets.token_urlsafe(32)


@cache
def _unknown_hash() -> str:
    return generate_password_hash(secrets.token_hex(16))


def check_unknown_password(password: str) -> bool:
    """Hash a password as for a known reviewer, and refuse it: an unknown name costs as much."""
    check_password_hash(_unknown_hash(), password)
    return False


class Reviewer(UserMixin, db.Model):
    """A person who may accept or reject suggestions in some languages."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    # Language codes separated by commas ("fr,es").
    languages: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=now)
    # Part of every session's id (get_id): a new token ends every session of the reviewer.
    session_token: Mapped[str] = mapped_column(String(64), default=new_token)

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)
        self.end_sessions()

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def end_sessions(self) -> None:
        """End every session of the reviewer, on every device (signing out, a new password)."""
        self.session_token = new_token()

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    def may_review(self, code: str) -> bool:
        return code in self.language_codes


# A suggestion waits ("open") until a reviewer publishes ("accepted") or declines ("rejected") it,
# or its author withdraws it.
OPEN, WITHDRAWN = "open", "withdrawn"


class Suggestion(db.Model):
    """A proposed translation of one message, from anyone, waiting for or given a review."""

    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(String(8), index=True)
    key: Mapped[str] = mapped_column(String(KEY_LENGTH), index=True)
    # The English when the suggestion was made: the queue shows when it has changed since.
    source: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    created_at: Mapped[datetime] = mapped_column(default=now, index=True)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("reviewer.id"))
    reviewed_at: Mapped[datetime | None]
    reason: Mapped[str] = mapped_column(Text, default="")
    # The address of its receipt, the only way its author (who has no account) can see and withdraw it.
    receipt: Mapped[str] = mapped_column(String(64), unique=True, default=new_receipt)

    reviewer: Mapped[Reviewer | None] = relationship()


class Change(db.Model):
    """An accepted translation: who published what, when, instead of what."""

    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(String(8), index=True)
    key: Mapped[str] = mapped_column(String(KEY_LENGTH), index=True)
    source: Mapped[str] = mapped_column(Text)
    before: Mapped[str] = mapped_column(Text)
    after: Mapped[str] = mapped_column(Text)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("reviewer.id"))
    suggestion_id: Mapped[int | None] = mapped_column(ForeignKey("suggestion.id"))
    # A reviewer's revert: the earlier change whose text was published again.
    reverts_id: Mapped[int | None] = mapped_column(ForeignKey("change.id"))
    created_at: Mapped[datetime] = mapped_column(default=now, index=True)

    reviewer: Mapped[Reviewer] = relationship()
    suggestion: Mapped[Suggestion | None] = relationship()
    reverts: Mapped[Change | None] = relationship(remote_side=[id])

    @property
    def author(self) -> str:
        """Who wrote the text: the suggestion's named author, else nobody named."""
        return self.suggestion.author if self.suggestion else ""
