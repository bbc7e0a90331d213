"""Browser fixtures: the site on loopback, Debian's Chromium through Playwright, the Nu checker.

One browser and one validator serve the whole run (per xdist worker); nothing is downloaded.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from conftest import REVIEWER_PASSWORD, make_app
from hldsite import create_app
from hldsite.catalogs import current_catalogs
from hldsite.contributing import suggestions
from hldsite.db import db
from hldsite.i18n import BY_CODE, SOURCE, TRANSLATED
from hldsite.message_ids import MessageId
from hldsite.models import Reviewer
from test_contribute import GOOD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
VNU_JAR = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
REVIEWER = "réviseur"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


def language_of(path: str):
    """The language a path of the site is in (the chooser and the sitemap are framed in English)."""
    return BY_CODE.get(path.split("/")[1], SOURCE)


def site_paths() -> list[str]:
    """Every page of the sitemap, as a path: a new page is covered without touching the tests."""
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    root = ET.fromstring(app.test_client().get("/sitemap.xml").data)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return [loc.text.removeprefix("http://localhost") for loc in root.iterfind("s:url/s:loc", ns)]


def receipt_of(language) -> str:
    """The receipt of the published suggestion of the test site, known in advance (43 characters)."""
    return f"{language.code}-receipt".ljust(43, "x")


@pytest.fixture(scope="session")
def site_app(site_translations, tmp_path_factory):
    """The site on its own copy of the catalogs and its own store, with something to review.

    In each language: a published change of p7 (so its history shows a difference) and an open
    suggestion with a right-to-left mark and a no-break space (so the view shows them).
    """
    directory = tmp_path_factory.mktemp("site")
    translations = Path(shutil.copytree(site_translations, directory / "translations"))
    app = make_app(translations, directory / "store.sqlite3")
    with app.app_context():
        reviewer = Reviewer(name=REVIEWER, languages=",".join(language.code for language in TRANSLATED))
        reviewer.set_password(REVIEWER_PASSWORD)
        db.session.add(reviewer)
        db.session.commit()
        for language in TRANSLATED:
            message = current_catalogs()[language].entry(MessageId("summary", "p7"))
            published = suggestions.suggest(language, message, GOOD[language.code], "", "Zoé")
            published.receipt = receipt_of(language)
            suggestions.accept(published, reviewer, GOOD[language.code], language)
            marked = GOOD[language.code][:-1] + "\u200f\u00a0" + GOOD[language.code][-1]
            suggestions.suggest(language, message, marked, "Une note.", "")
    return app


@pytest.fixture(scope="session")
def base_url(site_app):
    """The site served on a free loopback port in a thread."""
    server = make_server("127.0.0.1", 0, site_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: the test command installs it"
    # Playwright gives the browser a fresh temporary profile of its own.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # The checks inject axe-core and their own script and styles, which the site's CSP forbids.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, process=None, seconds: int = 300) -> None:
    """Wait until the checker answers; its JVM takes about a minute to read its schemas."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            if time.monotonic() > deadline or (process is not None and process.poll() is not None):
                pytest.fail(f"the Nu HTML Checker did not answer at {url}")
            time.sleep(0.5)


@pytest.fixture(scope="session")
def validator():
    """The Nu HTML Checker as a local server; its URL to POST pages to.

    scripts/test starts one for the whole run (VNU_URL) while the other tests run; without it,
    the session starts its own.
    """
    if url := os.environ.get("VNU_URL"):
        _wait_for(url)
        yield url
        return
    assert VNU_JAR.exists(), "vnu.jar is missing: the test command runs npm install"
    port = _free_port()
    process = subprocess.Popen(
        [
            "java",
            "-Dnu.validator.servlet.bind-address=127.0.0.1",
            "-cp",
            str(VNU_JAR),
            "nu.validator.servlet.Main",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    directory = ARTIFACTS / "screenshots"
    directory.mkdir(parents=True, exist_ok=True)
    return directory
