"""The contribution store: SQLAlchemy on SQLite in the instance folder unless configured otherwise.

The schema is made and changed only by the migrations (Flask-Migrate, Alembic), applied on
first use, so a new checkout needs no setup and an old database is brought up to date.
"""

from __future__ import annotations

import fcntl
import hashlib
import tempfile
import threading
from pathlib import Path

from alembic import command
from flask import current_app
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Names for constraints, so that migrations can refer to them on every database.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(directory=str(MIGRATIONS), render_as_batch=True)
_upgrade_lock = threading.Lock()


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(connection, record):
    """SQLite: wait for a writer instead of failing, let readers run beside it, enforce foreign keys."""
    if type(connection).__module__.startswith("sqlite3"):
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def init_app(app):
    """Configure the store: a SQLite file in the instance folder unless a URL is given."""
    app.config.setdefault(
        "SQLALCHEMY_DATABASE_URI", f"sqlite:///{Path(app.instance_path) / 'contributions.sqlite3'}"
    )
    db.init_app(app)
    migrate.init_app(app, db)
    app.extensions["store_ready"] = False


def ensure_schema() -> None:
    """Apply pending migrations once per process, before the first use of the store.

    A file lock (per database, in the temporary folder) keeps two processes starting together
    from migrating at the same time.
    """
    app = current_app._get_current_object()
    if app.extensions["store_ready"]:
        return
    with _upgrade_lock:
        if app.extensions["store_ready"]:
            return
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        url = app.config["SQLALCHEMY_DATABASE_URI"]
        name = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
        with open(Path(tempfile.gettempdir()) / f"hldsite-migrate-{name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            config = app.extensions["migrate"].migrate.get_config(str(MIGRATIONS))
            config.attributes["quiet"] = True
            command.upgrade(config, "head")
        app.extensions["store_ready"] = True
