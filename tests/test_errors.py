"""Unknown languages, pages and methods get a clear page with the right status, never a 500."""

import shutil

import pytest

from hldsite import create_app
from hldsite.i18n import LANGUAGES


def assert_lists_all_languages(soup):
    links = soup.find("main").select("ul.language-list a")
    assert [(a.get_text(), a["lang"], a["hreflang"], a["href"]) for a in links] == [
        (language.name, language.tag, language.tag, f"/{language.code}/") for language in LANGUAGES
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/xx/",
        "/EN/",
        "/zh_Hans/",
        "/zh-Hans/themes/",
        "/en/nothing/",
        "/fr/themes/nothing/",
        "/fr/themes/children/extra/",
        "/fr/themes/%ff%fe/",
        "/fr/themes/..%2f..%2fetc%2fpasswd/",
        "/%00/",
        "/en/themes/children/%0d%0aSet-Cookie:x=1/",
        "/" + "a" * 3000 + "/",
    ],
)
def test_unknown_pages_are_404_and_list_every_language(read, url):
    soup = read(url, status=404)
    assert_lists_all_languages(soup)
    assert len(soup.find_all("h1")) == 1


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_404_speaks_the_language_of_the_url(read, expected, language):
    soup = read(f"/{language.code}/no-such-page/", status=404)
    assert soup.html["lang"] == language.tag
    assert soup.h1.get_text() == expected(language, "Page not found")
    assert not soup.find_all("link", rel="alternate")


def test_unknown_language_404_is_in_english(read):
    soup = read("/de/", status=404)
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text() == "Page not found"


def test_missing_trailing_slash_redirects(client):
    response = client.get("/fr")
    assert response.status_code == 308
    assert response.location.endswith("/fr/")


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_posting_to_a_page_is_405_in_the_page_language(client, expected, language):
    response = client.post(f"/{language.code}/", data={"x": "<script>"})
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
    assert expected(language, "This address cannot be used that way") in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/", "/fr/", "/ar/themes/children/plain/", "/xx/", "/sitemap.xml"])
def test_every_response_carries_the_security_headers(client, url):
    headers = client.get(url).headers
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "script-src" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize(
    "damage",
    [b"\x00 not a catalog " * 8, b'msgid "a"\nmsgstr "b\nmsgid', b"\xff\xfe\x00\x01" * 40],
    ids=["binary", "syntax", "encoding"],
)
def test_a_damaged_catalog_degrades_to_english_not_a_500(site_translations, tmp_path, caplog, damage):
    broken = tmp_path / "translations"
    shutil.copytree(site_translations, broken)
    (broken / "fr" / "LC_MESSAGES" / "messages.po").write_bytes(damage)
    client = create_app({"TESTING": True, "BABEL_TRANSLATION_DIRECTORIES": str(broken)}).test_client()
    for _ in range(2):
        response = client.get("/fr/")
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        assert 'lang="fr"' in page and "There was consensus that States" in page
    assert sum("Cannot read the fr catalog" in r.getMessage() for r in caplog.records) == 1
    assert "Hubo consenso en que los Estados" in client.get("/es/").get_data(as_text=True)
