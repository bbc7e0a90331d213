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
