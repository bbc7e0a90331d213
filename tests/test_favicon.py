"""The site's icon: at /favicon.ico, where browsers look whatever a page says, and in every page's head."""

import pytest
from bs4 import BeautifulSoup

from conftest import make_app
from hldsite.export import export
from hldsite.i18n import LANGUAGES

ICO = b"\x00\x00\x01\x00"


def test_favicon_is_an_icon_kept_a_day(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.mimetype in ("image/vnd.microsoft.icon", "image/x-icon")
    assert response.data.startswith(ICO)
    # Images of 16, 32 and 48 pixels: the first byte of each directory entry is its width.
    count = int.from_bytes(response.data[4:6], "little")
    assert sorted(response.data[6 + 16 * n] for n in range(count)) == [16, 32, 48]
    assert response.cache_control.max_age == 24 * 3600 and response.headers["ETag"]


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_every_page_names_its_icons(client, language):
    head = BeautifulSoup(client.get(f"/{language.code}/glossary/").get_data(as_text=True), "html.parser").head
    ico, svg = head.select('link[rel="icon"]')
    assert client.get(ico["href"]).data.startswith(ICO)
    assert svg["type"] == "image/svg+xml"
    drawn = client.get(svg["href"])
    assert drawn.mimetype == "image/svg+xml" and b"<svg" in drawn.data
    assert drawn.cache_control.immutable


def test_export_writes_the_icon_at_its_root(site_translations, tmp_path, client):
    app = make_app(site_translations, tmp_path / "store.sqlite3", CONTRIBUTION_HOST="")
    export(app, tmp_path / "site", "https://rt2.example.org", workers=1)
    assert (tmp_path / "site" / "favicon.ico").read_bytes() == client.get("/favicon.ico").data
