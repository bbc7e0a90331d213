"""Before each request: the store's published changes into this server's catalogs, then the
catalogs as they are on disk. One place, once per request.

Accepting a suggestion writes the catalog of the server that accepted it. The others, on other
machines with their own copies of the catalogs, look in the store at most once a second
(CATALOG_SYNC_SECONDS) for changes newer than the last they applied, and write them into their
own catalogs. Then `Catalogs.refresh` sees which files changed: their pages are rendered again.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field

from sqlalchemy import select

from . import gate
from .catalogs import Catalogs, UnknownMessage
from .content import Document, current_document
from .db import db, store_ready
from .i18n import BY_CODE, TRANSLATED
from .message_ids import MessageId
from .models import Change

logger = logging.getLogger(__name__)


@dataclass
class SyncState:
    applied: int = 0
    due: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Refresh:
    """WSGI middleware, in front of everything else: bring the catalogs up to date."""

    def __init__(self, wsgi_app, app):
        self.wsgi_app = wsgi_app
        self.app = app
        self.state = SyncState()
        # The changes the gate refused, each logged once by this process.
        self.refused: set[int] = set()

    def __call__(self, environ, start_response):
        self.pull()
        self.app.extensions["catalogs"].refresh()
        return self.wsgi_app(environ, start_response)

    def pull(self) -> None:
        """Apply the store's newer changes to this server's catalogs, if a second has passed."""
        now = time.monotonic()
        if now < self.state.due or not self.state.lock.acquire(blocking=False):
            return
        try:
            self.state.due = now + self.app.config["CATALOG_SYNC_SECONDS"]
            with self.app.app_context():
                if store_ready():
                    self.state.applied = apply_changes(
                        self.app.extensions["catalogs"], current_document(), self.state.applied, self.refused
                    )
        except Exception as exc:  # noqa: BLE001 - whatever the store's trouble, reading goes on
            # The pages go on being served from the catalogs on disk; the next second tries again.
            logger.warning("Cannot read published changes from the store: %s", exc)
        finally:
            self.state.lock.release()


def apply_changes(catalogs: Catalogs, document: Document, after: int, refused: set[int]) -> int:
    """Publish the latest good text of every message changed after `after`; the last id seen.

    Every text passes the gate (gate.py) first. A change it refuses (written before the gate
    existed, or into the store by hand) is held back, logged once, and the latest change of the
    same text that passes is published instead; if none does, the catalog keeps its text. The
    review queue of the language lists what is held back.

    For each language the texts are read again under the catalog's lock, which every accept on
    this server holds until its change is committed: an older text can never be written over a
    newer one.
    """
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
            with catalogs.locked(language):
                history = db.session.execute(
                    select(Change.id, Change.key, Change.after, Change.created_at)
                    .where(Change.language == code, Change.key.in_(keys))
                    .order_by(Change.id.desc())
                ).all()
                db.session.rollback()
                done: set[str] = set()
                for change_id, key, text, created_at in history:
                    if key not in done and publish(
                        catalogs, language, key, text, document, change_id, refused, created_at.date()
                    ):
                        done.add(key)
    finally:
        db.session.remove()
    return rows[-1].id if rows else after


def publish(catalogs, language, key, text, document, change_id, refused, on) -> bool:
    """Publish one change through the gate, dated `on` the day it was accepted (in UTC); False if it
    cannot be (refused, or no such text)."""
    try:
        entry = catalogs[language].entry(MessageId.parse(key))
        gate.publish(catalogs, language, entry, text, document, on)
    except (UnknownMessage, ValueError):
        return True  # A text that this server's catalogs no longer have is left alone.
    except gate.Refused as exc:
        if change_id not in refused:
            refused.add(change_id)
            logger.error(
                "The published change %s of the %s text %s is held back: %s. The last good text stays.",
                change_id,
                language.code,
                key,
                ", ".join(f.code for f in exc.findings),
            )
        return False
    return True


def init_app(app):
    app.config.setdefault("CATALOG_SYNC_SECONDS", 1.0)
    app.wsgi_app = Refresh(app.wsgi_app, app)
