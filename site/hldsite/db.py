"""The contribution store: SQLAlchemy on SQLite in the instance folder unless configured otherwise.

The schema is made and changed only by the migrations (Flask-Migrate, Alembic), applied as a
deployment step: `flask --app hldsite db upgrade`. A site whose store is behind says so in its
log when it starts serving, and its contribution pages answer 503 until the upgrade is done;
reading is never affected.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import abort, current_app
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
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
UPGRADE = "flask --app hldsite db upgrade"
logger = logging.getLogger(__name__)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(directory=str(MIGRATIONS), render_as_batch=True)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(connection, record):
    """SQLite: wait for a writer instead of failing, let readers run beside it, enforce foreign keys."""
    if type(connection).__module__.startswith("sqlite3"):
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


@cache
def latest_revision() -> str:
    """The newest migration's revision: what the store's schema must be at."""
    heads = ScriptDirectory(str(MIGRATIONS)).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads; merge them")
    return heads[0]


def schema_problem() -> str | None:
    """Why the store cannot be used (unreachable, or its schema behind), or None if it can."""
    try:
        with db.engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as exc:
        return f"it cannot be reached ({getattr(exc, 'orig', None) or exc})"
    if current != latest_revision():
        return f"its schema is at {current or 'nothing'}, the site needs {latest_revision()}: run `{UPGRADE}`"
    return None


def store_ready() -> bool:
    """Whether the store can be used; checked again, and logged, until it can."""
    state = current_app.extensions["store"]
    if state["ready"]:
        return True
    problem = schema_problem()
    if problem != state["problem"]:
        state["problem"] = problem
        if problem:
            logger.error(
                "The contribution store is not ready, %s. Until then suggestions and reviews answer 503.",
                problem,
            )
    state["ready"] = problem is None
    return state["ready"]


def require_store() -> None:
    """Answer 503 while the store is not ready (a before_request of the contribution pages)."""
    if not store_ready():
        abort(503)


def init_app(app):
    """Configure the store: a SQLite file in the instance folder unless a URL is given.

    Whether it is ready is said in the log at the first request (and by gunicorn.conf.py when
    a worker starts), not here: `flask db upgrade` itself creates the app before upgrading.
    """
    app.config.setdefault(
        "SQLALCHEMY_DATABASE_URI", f"sqlite:///{Path(app.instance_path) / 'contributions.sqlite3'}"
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    db.init_app(app)
    migrate.init_app(app, db)
    app.extensions["store"] = {"ready": False, "problem": None}
