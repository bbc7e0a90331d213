"""Fixtures: catalogs compiled fresh from the .po files, then app -> client -> runner."""

from pathlib import Path

import polib
import pytest
from babel.messages.mofile import write_mo
from bs4 import BeautifulSoup

from hldsite import create_app, data_dir
from hldsite.catalogs import DOMAIN, catalog_path, read_catalog
from hldsite.content import load
from hldsite.i18n import TRANSLATED

TRANSLATIONS = data_dir("translations")


@pytest.fixture(scope="session")
def compiled_translations(tmp_path_factory) -> Path:
    """Compile every catalog into a fresh folder, so no stale .mo can pass a test."""
    directory = tmp_path_factory.mktemp("translations")
    for language in TRANSLATED:
        target = catalog_path(directory, language).with_suffix(".mo")
        target.parent.mkdir(parents=True)
        with open(target, "wb") as f:
            write_mo(f, read_catalog(catalog_path(TRANSLATIONS, language)))
    (directory / f"{DOMAIN}.pot").write_bytes((TRANSLATIONS / f"{DOMAIN}.pot").read_bytes())
    return directory


@pytest.fixture
def app(compiled_translations):
    return create_app({"TESTING": True, "BABEL_TRANSLATION_DIRECTORIES": str(compiled_translations)})


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
