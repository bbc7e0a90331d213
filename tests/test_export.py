"""The static export: every reading page, byte-identical to the running site, in its own language."""

import gzip
import os
import re
import subprocess
import sys

import brotli
import pytest
from bs4 import BeautifulSoup

from conftest import make_app
from hldsite.export import export, file_for, site_paths
from hldsite.i18n import LANGUAGES

# A link within the site, without its fragment or query (a static host ignores ?switch).
HREF = re.compile(r'href="(/[^"#?]*)')


@pytest.fixture(scope="module")
def exported(site_translations, tmp_path_factory):
    """One export for the module (it renders all 200 pages), without contribution links."""
    directory = tmp_path_factory.mktemp("export")
    app = make_app(site_translations, directory / "store.sqlite3", CONTRIBUTION_HOST="")
    # In one process; the command below renders in several.
    report = export(app, directory / "site", "https://rt2.example.org", workers=1)
    return app, directory / "site", report


def test_every_page_is_byte_identical_to_the_running_site(exported):
    app, site, _ = exported
    client = app.test_client()
    paths = site_paths(app)
    assert len(paths) > 190
    for path in paths:
        assert (site / file_for(path)).read_bytes() == client.get(
            path, base_url="https://rt2.example.org"
        ).get_data(), path


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_every_exported_page_is_in_its_own_language(exported, expected, language):
    """Flask-Babel keeps the locale per request context: an export must not write one language everywhere."""
    _, site, _ = exported
    name = expected(language, "Round table 2: summary by the Co-Chair")
    files = [f for f in (site / language.code).rglob("index.html")]
    assert len(files) > 30
    for file in files:
        html = BeautifulSoup(file.read_text("utf-8"), "html.parser")
        assert html.html["lang"] == language.tag, file
        assert html.select_one(".site-name").get_text() == name, file
    not_found = BeautifulSoup((site / language.code / "404.html").read_text("utf-8"), "html.parser")
    assert not_found.html["lang"] == language.tag
    assert not_found.h1.get_text() == expected(language, "Page not found")


def test_every_link_leads_to_an_exported_file(exported):
    _, site, _ = exported
    missing = set()
    for page in site.rglob("*.html"):
        for href in HREF.findall(page.read_text("utf-8")):
            if not (site / file_for(href)).exists():
                missing.add(href)
    assert missing == set()


def test_the_root_lets_a_reader_choose_a_language(exported):
    _, site, _ = exported
    html = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    links = html.select("nav.languages li a")
    assert [(a["href"], a["hreflang"], a.get_text()) for a in links] == [
        (f"/{language.code}/", language.tag, language.name) for language in LANGUAGES
    ]
    assert [a["lang"] for a in links] == [language.tag for language in LANGUAGES]
    assert [s["lang"] for s in html.select(".language-choice__title")] == [
        language.tag for language in LANGUAGES
    ]


def test_compressed_copies_hold_the_same_bytes(exported):
    _, site, _ = exported
    for page in [site / "fr" / "index.html", site / "sitemap.xml", *(site / "assets").glob("*.css")]:
        data = page.read_bytes()
        assert gzip.decompress(page.with_name(page.name + ".gz").read_bytes()) == data
        assert brotli.decompress(page.with_name(page.name + ".br").read_bytes()) == data


def test_assets_carry_their_hash_and_pages_use_it(exported):
    _, site, _ = exported
    [css] = [p for p in (site / "assets").iterdir() if p.suffix == ".css"]
    assert re.fullmatch(r"style\.[0-9a-f]{10}\.css", css.name)
    assert f'href="/assets/{css.name}"' in (site / "ar" / "index.html").read_text("utf-8")


def test_the_sitemap_uses_the_public_address(exported):
    _, site, _ = exported
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://rt2.example.org/fr/glossary/</loc>" in sitemap
    assert "localhost" not in sitemap


def test_without_a_contribution_host_no_contribution_link_is_exported(exported):
    _, site, _ = exported
    for page in site.rglob("*.html"):
        assert "/contribute/" not in page.read_text("utf-8"), page


def test_contribution_links_can_point_to_another_host(site_translations, tmp_path):
    app = make_app(
        site_translations, tmp_path / "store.sqlite3", CONTRIBUTION_HOST="https://translate.example.org"
    )
    html = BeautifulSoup(app.test_client().get("/fr/").get_data(as_text=True), "html.parser")
    assert html.select_one("#p1 + p.improve a")["href"] == "https://translate.example.org/fr/contribute/p1/"
    assert (
        html.select_one("footer .improve a")["href"] == "https://translate.example.org/fr/contribute/event/"
    )
    assert html.select(".sections a")[-1]["href"] == "https://translate.example.org/fr/contribute/"


def test_the_export_command_reports_what_it_wrote(site_translations, tmp_path):
    app = make_app(site_translations, tmp_path / "store.sqlite3")
    result = app.test_cli_runner().invoke(
        args=["export", str(tmp_path / "out"), "--base-url", "https://rt2.example.org/"]
    )
    assert result.exit_code == 0, result.output
    assert re.fullmatch(
        r"\d+ pages and files, \d+ with \.gz and \.br, in [\d.]+ s \([\d.]+ s rendering, "
        r"the languages in \d+ process(es)?\)\.\n",
        result.output,
    )
    assert (tmp_path / "out" / "zh" / "plain" / "compare" / "ru" / "index.html").exists()
    # The command runs in an app context: each page must still be in its own language.
    for language in LANGUAGES:
        for page in ["index.html", "404.html", "glossary/index.html"]:
            html = BeautifulSoup((tmp_path / "out" / language.code / page).read_text("utf-8"), "html.parser")
            assert html.html["lang"] == language.tag, (language.code, page)
    assert not (tmp_path / ".out.partial").exists()


def test_the_flask_command_writes_the_same_files(exported, site_translations, tmp_path):
    """`flask export` runs inside an app context, whose `g` a naive export shares between pages (and
    with it Flask-Babel's locale), and renders the languages in forked processes: its files are
    the same as those of the export in one process, byte for byte."""
    _, site, _ = exported
    env = {
        **os.environ,
        "FLASK_BABEL_TRANSLATION_DIRECTORIES": str(site_translations),
        "FLASK_SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'store.sqlite3'}",
        "FLASK_SECRET_KEY": "x",
    }
    command = [sys.executable, "-m", "flask", "--app", "hldsite", "export", str(tmp_path / "out")]
    command += ["--base-url", "https://rt2.example.org", "--workers", "3"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "languages in 3 processes" in result.stdout
    mine = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    theirs = {
        p.relative_to(tmp_path / "out"): p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()
    }
    assert sorted(theirs) == sorted(mine)
    assert [name for name in mine if mine[name] != theirs[name]] == []
