"""The reading site for the co-chair's summary of Round table 2 (HLD 2013)."""

import contextlib
import os
import secrets
import tempfile
from pathlib import Path

from flask import Flask
from jinja2 import FileSystemBytecodeCache, StrictUndefined

from . import (
    assets,
    cache,
    catalogs,
    cli,
    content,
    contributing,
    db,
    errors,
    i18n,
    reading,
    security,
    sync,
    templating,
)

PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Find content/ or translations/: inside an installed package, else in the checkout."""
    packaged = PACKAGE / name
    return packaged if packaged.is_dir() else PACKAGE.parents[1] / name


def instance_secret(instance: Path) -> str:
    """The key that signs sessions: made once per installation and kept in the instance folder."""
    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        # Written aside, then linked into place: a process starting at the same moment reads
        # the whole key or makes its own attempt fail, never a half-written file.
        fd, tmp = tempfile.mkstemp(dir=instance)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
        os.unlink(tmp)
    return path.read_text().strip()


def create_app(test_config=None):
    """Create and configure the application: the reading half, the contribution half."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        CONTENT_DIR=str(data_dir("content")),
        BABEL_TRANSLATION_DIRECTORIES=str(data_dir("translations")),
        # The longest form a person can send: a paragraph, a note and a name, with room to spare.
        MAX_CONTENT_LENGTH=64 * 1024,
        MAX_FORM_MEMORY_SIZE=64 * 1024,
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        # FLASK_SQLALCHEMY_DATABASE_URI, FLASK_SECRET_KEY...: settings from the environment.
        app.config.from_prefixed_env()
    else:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret(Path(app.instance_path))
    app.jinja_options = {
        **app.jinja_options,
        "undefined": StrictUndefined,
        # Templates compiled once per machine, not once per process (Jinja's per-user folder).
        "bytecode_cache": FileSystemBytecodeCache(),
    }
    app.jinja_env.policies["ext.i18n.trimmed"] = True

    i18n.init_app(app)
    catalogs.init_app(app)
    content.init_app(app)
    templating.init_app(app)
    db.init_app(app)
    reading.init_app(app)
    contributing.init_app(app)
    assets.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    cli.init_app(app)
    cache.init_app(app)
    app.extensions["language_endpoints"] = i18n.language_endpoints(app)
    # Outermost: every request first brings the catalogs up to date.
    sync.init_app(app)
    return app
