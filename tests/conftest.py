"""Fixtures: a copy of the catalogs, a migrated store, then app -> client -> runner."""

import hashlib
import os
import re
import shutil
import tempfile
from functools import cache
from pathlib import Path

import flask_migrate
import polib
import pytest
from bs4 import BeautifulSoup
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

from hldsite import create_app, data_dir
from hldsite.catalogs import DOMAIN, catalog_path
from hldsite.content import load
from hldsite.db import db
from hldsite.i18n import TRANSLATED

TRANSLATIONS = data_dir("translations")


@pytest.fixture(scope="session")
def site_translations(tmp_path_factory) -> Path:
    """The committed catalogs, copied: the site reads the .po files as they are."""
    directory = tmp_path_factory.mktemp("translations")
    for language in TRANSLATED:
        target = catalog_path(directory, language)
        target.parent.mkdir(parents=True)
        shutil.copy2(catalog_path(TRANSLATIONS, language), target)
    (directory / f"{DOMAIN}.pot").write_bytes((TRANSLATIONS / f"{DOMAIN}.pot").read_bytes())
    return directory


def _postgres(base: str):
    return create_engine(make_url(base), isolation_level="AUTOCOMMIT", poolclass=NullPool)


@cache
def migrated_template() -> str:
    """A store with the schema applied, once per test process: `flask db upgrade`, as deployed.

    Each test's store is a copy of it (a file, or a PostgreSQL database made from it).
    """
    base = os.environ.get("TEST_DATABASE_URL")
    if base:
        name = f"template_{os.getpid()}"
        engine = _postgres(base)
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        url = make_url(base).set(database=name).render_as_string(hide_password=False)
    else:
        url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'template.sqlite3'}"
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()  # PostgreSQL copies a template only when nobody is connected to it.
    return url


def store_url(database: Path) -> str:
    """The store for a test: a copy of the migrated store, as a SQLite file or with
    TEST_DATABASE_URL a PostgreSQL database of its own.

    The same path gives the same database, so two apps of one test share their store.
    """
    template = migrated_template()
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        if not database.exists():
            database.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(make_url(template).database, database)
        return f"sqlite:///{database}"
    name = "t_" + hashlib.sha256(str(database).encode()).hexdigest()[:20]
    engine = _postgres(base)
    with engine.connect() as connection:
        if not connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar():
            template_name = make_url(template).database
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template_name}"'))
    engine.dispose()
    return make_url(base).set(database=name).render_as_string(hide_password=False)


# Where every app of a run keeps its built editions (set once per run by `editions_directory`).
EDITIONS: dict[str, Path] = {}


@pytest.fixture(scope="session", autouse=True)
def editions_directory(tmp_path_factory) -> Path:
    """One cache of built editions for the whole run, shared by its workers: building all of them
    takes minutes, and a file is named by the digest of its text and written whole, so sharing is safe."""
    base = tmp_path_factory.getbasetemp()
    # Under xdist each worker's base is a folder of the run's own, which the workers share.
    directory = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "editions"
    directory.mkdir(exist_ok=True)
    EDITIONS["directory"] = directory
    return directory


def make_app(translations: Path, database: Path, **config):
    """The app on its own store, with the session key and rate limits a test can rely on."""
    url = store_url(database)
    if "directory" in EDITIONS:
        config.setdefault("EDITIONS_DIRECTORY", str(EDITIONS["directory"]))
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "BABEL_TRANSLATION_DIRECTORIES": str(translations),
            "SQLALCHEMY_DATABASE_URI": url,
            # Many apps in one run: no pool keeps PostgreSQL connections open between requests.
            "SQLALCHEMY_ENGINE_OPTIONS": {} if url.startswith("sqlite") else {"poolclass": NullPool},
            "SUGGESTION_RATE_LIMIT": "1000 per minute",
            "LOGIN_RATE_LIMIT": "1000 per minute",
            **config,
        }
    )


@pytest.fixture
def app(site_translations, tmp_path):
    return make_app(site_translations, tmp_path / "store.sqlite3")


@pytest.fixture
def writable_translations(site_translations, tmp_path) -> Path:
    """A copy of the catalogs that a test may publish into."""
    return Path(shutil.copytree(site_translations, tmp_path / "translations"))


@pytest.fixture
def writable_app(writable_translations, tmp_path):
    return make_app(writable_translations, tmp_path / "store.sqlite3")


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def po():
    """The committed catalogs as polib sees them, by language code."""
    return {language.code: polib.pofile(str(catalog_path(TRANSLATIONS, language))) for language in TRANSLATED}


@pytest.fixture(scope="session")
def document():
    return load(data_dir("content"))


@pytest.fixture
def read(client):
    """GET a URL, check its status, and return the parsed HTML."""

    def read(url: str, status: int = 200) -> BeautifulSoup:
        response = client.get(url)
        assert response.status_code == status, f"{url}: {response.status_code}"
        return BeautifulSoup(response.get_data(as_text=True), "html.parser")

    return read


@pytest.fixture(scope="session")
def expected(po):
    """The translation of a content or UI message that a page in `language` must show."""

    def expected(language, msgid: str, context: str | None = None) -> str:
        if language not in TRANSLATED:
            return msgid
        entry = po[language.code].find(msgid, msgctxt=context) if context else po[language.code].find(msgid)
        assert entry and entry.msgstr, f"{language.code}: no translation for {context or msgid!r}"
        return entry.msgstr

    return expected


CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
REVIEWER_PASSWORD = "a long enough password"


def get_csrf_token(client, url: str) -> str:
    """The CSRF token of the form on a page (which also starts the session it belongs to)."""
    return CSRF.search(client.get(url).get_data(as_text=True)).group(1)


@pytest.fixture
def csrf_token():
    return get_csrf_token


@pytest.fixture
def add_reviewer():
    """Create a reviewer through the CLI, as a maintainer would."""

    def add_reviewer(app, name: str, languages: str) -> None:
        result = app.test_cli_runner().invoke(
            args=["reviewer", "add", name, "--languages", languages, "--password", REVIEWER_PASSWORD]
        )
        assert result.exit_code == 0, result.output

    return add_reviewer


@pytest.fixture
def sign_in():
    def sign_in(client, lang: str, name: str, password: str = REVIEWER_PASSWORD):
        url = f"/{lang}/review/sign-in/"
        data = {"csrf_token": get_csrf_token(client, url), "name": name, "password": password}
        return client.post(url, data=data)

    return sign_in
