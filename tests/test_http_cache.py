"""HTTP caching: reading pages revalidate by ETag, assets are kept a year, the render cache stays current."""

import pytest
from bs4 import BeautifulSoup

from conftest import make_app

READING = [
    "/fr/",
    "/ar/themes/children/plain/",
    "/zh/glossary/",
    "/ru/compare/es/",
    "/sitemap.xml",
    "/languages/",
]


@pytest.mark.parametrize("render_cache", [True, False], ids=["cached", "uncached"])
@pytest.mark.parametrize("url", READING)
def test_reading_pages_answer_conditional_requests(site_translations, tmp_path, url, render_cache):
    client = make_app(site_translations, tmp_path / "s.sqlite3", RENDER_CACHE=render_cache).test_client()
    first = client.get(url)
    assert first.status_code == 200
    assert first.headers["Cache-Control"] == "public, no-cache"
    etag = first.headers["ETag"]
    again = client.get(url)
    assert again.get_data() == first.get_data()
    assert again.headers["ETag"] == etag
    unchanged = client.get(url, headers={"If-None-Match": etag})
    assert unchanged.status_code == 304
    assert unchanged.get_data() == b""
    assert unchanged.headers["ETag"] == etag
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_the_cache_keeps_the_security_headers(client):
    client.get("/fr/")
    cached = client.get("/fr/")
    assert cached.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert cached.headers["X-Content-Type-Options"] == "nosniff"
    # The server dates each response: a date stored with the page would be stale.
    assert "Date" not in cached.headers


@pytest.mark.parametrize(
    "url", ["/fr/contribute/", "/fr/contribute/p7/", "/fr/review/sign-in/", "/fr/no-such-page/"]
)
def test_contribution_and_error_pages_are_not_cached_publicly(client, url):
    response = client.get(url)
    assert "public" not in response.headers.get("Cache-Control", "")
    assert "ETag" not in response.headers


def test_the_stylesheet_has_a_hashed_name_and_is_kept_a_year(client):
    href = BeautifulSoup(client.get("/es/").get_data(as_text=True), "html.parser").select_one(
        "link[rel=stylesheet]"
    )["href"]
    assert href.startswith("/assets/style.") and href.endswith(".css")
    response = client.get(href)
    assert response.status_code == 200
    assert response.mimetype == "text/css"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get("/assets/style.0000000000.css").status_code == 404


def test_query_strings_and_posts_bypass_the_cache(client):
    client.get("/fr/")
    switched = client.get("/fr/?switch")
    assert switched.status_code == 303
    assert "lang=fr" in switched.headers["Set-Cookie"]
    assert client.post("/fr/").status_code == 405


def test_a_forged_host_does_not_poison_the_cache(client):
    """Pages hold absolute addresses made from the Host header: each host has its own entry."""
    forged = client.get("/fr/", headers={"Host": "evil.example"}).get_data(as_text=True)
    assert 'href="http://evil.example/ru/"' in forged
    page = client.get("/fr/").get_data(as_text=True)
    assert "evil.example" not in page
    assert 'href="http://localhost/ru/"' in page


def test_gunicorn_sends_one_date_on_a_miss_and_on_a_hit(site_translations, tmp_path):
    """The server dates every response itself (gunicorn adds a Date to whatever the app sends):
    the app adds none of its own, cached or not."""
    import http.client
    import os
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path

    from conftest import store_url

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    root = Path(__file__).resolve().parents[1]
    env = {
        **os.environ,
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "FLASK_SECRET_KEY": "x",
        "FLASK_BABEL_TRANSLATION_DIRECTORIES": str(site_translations),
        "FLASK_SQLALCHEMY_DATABASE_URI": store_url(tmp_path / "store.sqlite3"),
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    config = str(root / "gunicorn.conf.py")
    server = subprocess.Popen([str(gunicorn), "--config", config, "hldsite:create_app()"], env=env, cwd=root)
    try:
        deadline = time.monotonic() + 60
        for url in ["/fr/", "/ar/glossary/", "/sitemap.xml", "/es/contribute/p7/", "/zh/no-such-page/"]:
            for _ in ("miss", "hit"):
                while True:
                    try:
                        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                        connection.request("GET", url)
                        response = connection.getresponse()
                        break
                    except ConnectionRefusedError:
                        assert time.monotonic() < deadline
                        time.sleep(0.1)
                response.read()
                dates = [name for name, _ in response.getheaders() if name.lower() == "date"]
                assert dates == ["Date"], url
                connection.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.parametrize(
    "url", ["/fr/", "/ar/glossary/", "/sitemap.xml", "/es/contribute/p7/", "/zh/no-such-page/"]
)
def test_werkzeugs_server_sends_one_date_on_a_miss_and_on_a_hit(site_translations, tmp_path, url):
    """Werkzeug's server (`flask run`) adds a Date to a response without one: on a miss the page
    once had a second, from the app's conditional response."""
    import http.client
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, make_app(site_translations, tmp_path / "s.sqlite3"), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        for _ in ("miss", "hit"):
            connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=10)
            connection.request("GET", url)
            response = connection.getresponse()
            response.read()
            assert [name for name, _ in response.getheaders() if name.lower() == "date"] == ["Date"]
            connection.close()
    finally:
        server.shutdown()
        thread.join()
