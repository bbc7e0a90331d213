"""Every server serves what any server published: the store's history is the truth.

Accepting a suggestion writes the catalog of the server that accepted it. The others, on
other machines with their own copies of the catalogs, look in the store at most once a
second (CATALOG_SYNC_SECONDS) for changes newer than the last they applied, and publish
them into their own catalogs; the catalogs' new version then renews their pages.
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from . import messages
from .db import db, ensure_schema
from .i18n import BY_CODE, TRANSLATED
from .models import Change


@dataclass
class SyncState:
    applied: int = 0
    due: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


def init_app(app):
    app.config.setdefault("CATALOG_SYNC_SECONDS", 1.0)
    app.extensions["catalog_sync"] = SyncState()


def maybe_sync(app) -> None:
    """Apply the store's newer changes to this server's catalogs, if a second has passed."""
    state: SyncState = app.extensions["catalog_sync"]
    now = time.monotonic()
    if now < state.due or not state.lock.acquire(blocking=False):
        return
    try:
        state.due = now + app.config["CATALOG_SYNC_SECONDS"]
        with app.app_context():
            state.applied = apply_changes(Path(app.config["BABEL_TRANSLATION_DIRECTORIES"]), state.applied)
    except Exception as exc:  # noqa: BLE001 - whatever the store's trouble, reading goes on
        # The pages go on being served from the catalogs on disk; the next second tries again.
        app.logger.warning("Cannot read published changes from the store: %s", exc)
    finally:
        state.lock.release()


def apply_changes(directory: Path, after: int) -> int:
    """Publish the latest text of every message changed after `after`; the last id seen.

    For each language the latest texts are read again under the catalog's lock, which every
    accept on this server holds until its change is committed: an older text can never be
    written over a newer one.
    """
    ensure_schema()
    try:
        rows = db.session.execute(
            select(Change.id, Change.language, Change.key).where(Change.id > after).order_by(Change.id)
        ).all()
        db.session.rollback()  # End the read, so that the reads under the locks see what is new.
        changed: dict[str, set[str]] = {}
        for _, code, key in rows:
            changed.setdefault(code, set()).add(key)
        for code, keys in changed.items():
            language = BY_CODE.get(code)
            if language not in TRANSLATED:
                continue
            with messages.locked(directory, language) as path:
                latest = dict(
                    db.session.execute(
                        select(Change.key, Change.after)
                        .where(Change.language == code, Change.key.in_(keys))
                        .order_by(Change.id)
                    ).all()
                )
                db.session.rollback()
                for key, text in latest.items():
                    # A text that this server's catalogs no longer have is left alone.
                    with contextlib.suppress(messages.UnknownMessage):
                        messages.write_entry(path, key, text)
    finally:
        db.session.remove()
    return rows[-1].id if rows else after
