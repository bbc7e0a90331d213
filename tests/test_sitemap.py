"""The sitemap lists every page in every language with its alternates."""

import xml.etree.ElementTree as ET

from hldsite.i18n import LANGUAGES

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_sitemap_lists_every_page_with_alternates(client, document):
    response = client.get("/sitemap.xml")
    assert response.mimetype == "application/xml"
    root = ET.fromstring(response.data)
    paths = ["", "themes/", "plain/", "glossary/", "downloads/", "compare/"]
    paths += [f"themes/{theme.slug}/{version}" for theme in document.themes for version in ("", "plain/")]
    expected = {f"http://localhost/{language.code}/{path}" for language in LANGUAGES for path in paths}
    expected |= {
        f"http://localhost/{language.code}/{kind}compare/{other.code}/"
        for language in LANGUAGES
        for other in LANGUAGES
        for kind in ("", "plain/")
        if other != language
    }
    urls = root.findall("s:url", NS)
    assert {url.findtext("s:loc", namespaces=NS) for url in urls} == expected
    assert len(urls) == len(expected) == 6 * 24 + 6 * 5 * 2
    for url in urls:
        loc = url.findtext("s:loc", namespaces=NS)
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        assert loc in alternates.values()
        if "/compare/" in loc.removesuffix("compare/"):
            assert len(alternates) == 5 and loc.split("/")[-2] not in {
                tag.split("-")[0] for tag in alternates
            }
        else:
            assert set(alternates) == {language.tag for language in LANGUAGES}


def test_every_sitemap_page_is_served(client):
    root = ET.fromstring(client.get("/sitemap.xml").data)
    for loc in root.iterfind("s:url/s:loc", NS):
        assert client.get(loc.text).status_code == 200


def test_robots_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.mimetype == "text/plain"
    assert "Sitemap: http://localhost/sitemap.xml" in response.get_data(as_text=True)
