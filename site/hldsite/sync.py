"""Before each request: the store's published changes into this server's catalogs, then the
catalogs as they are on disk. One place, once per request.

Accepting a suggestion writes the catalog of the server that accepted it. The others, on other
machines with their own copies of the catalogs, look in the store at most once a second
(CATALOG_SYNC_SECONDS) for changes newer than the last they applied, and write them into their
own catalogs. Then `Catalogs.refresh` sees which files changed: their pages are rendered again.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from dataclasses import dataclass, field

from sqlalchemy import select

from .catalogs import Catalogs, UnknownMessage, write_entry
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
                    self.state.applied = apply_changes(self.app.extensions["catalogs"], self.state.applied)
        except Exception as exc:  # noqa: BLE001 - whatever the store's trouble, reading goes on
            # The pages go on being served from the catalogs on disk; the next second tries again.
            logger.warning("Cannot read published changes from the store: %s", exc)
        finally:
            self.state.lock.release()


def apply_changes(catalogs: Catalogs, after: int) -> int:
    """Publish the latest text of every message changed after `after`; the last id seen.

    For each language the latest texts are read again under the catalog's lock, which every
    accept on this server holds until its change is committed: an older text can never be
    written over a newer one.
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
            with catalogs.locked(language) as path:
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
                    with contextlib.suppress(UnknownMessage, ValueError):
                        write_entry(path, MessageId.parse(key), text)
    finally:
        db.session.remove()
    return rows[-1].id if rows else after


def init_app(app):
    app.config.setdefault("CATALOG_SYNC_SECONDS", 1.0)
    app.wsgi_app = Refresh(app.wsgi_app, app)
