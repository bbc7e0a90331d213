"""Several servers, one store: a translation accepted through one is served by another."""

import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import make_app
from test_contribute import GOOD

pytestmark = pytest.mark.store

# Server B, in a process of its own, with its own copy of the catalogs and the same store.
SERVER = """
import sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from conftest import make_app
from werkzeug.serving import make_server
app = make_app(Path({translations!r}), Path({store!r}), CATALOG_SYNC_SECONDS=0.2)
server = make_server("127.0.0.1", 0, app, threaded=True)
print(server.server_port, flush=True)
server.serve_forever()
"""


def test_a_translation_accepted_on_one_server_is_served_by_another(
    site_translations, tmp_path, csrf_token, add_reviewer, sign_in
):
    store = tmp_path / "store.sqlite3"
    mine = Path(shutil.copytree(site_translations, tmp_path / "a"))
    theirs = Path(shutil.copytree(site_translations, tmp_path / "b"))
    app = make_app(mine, store)
    code = SERVER.format(tests=str(Path(__file__).parent), translations=str(theirs), store=str(store))
    other = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        port = int(other.stdout.readline())

        def served() -> str:
            """Paragraph 7 as server B shows it, without its glossary links."""
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/fr/", timeout=10) as response:
                return BeautifulSoup(response.read(), "html.parser").find(id="p7").get_text()

        assert served() != GOOD["fr"]
        client = app.test_client()
        url = "/fr/contribute/p7/"
        assert (
            client.post(url, data={"csrf_token": csrf_token(client, url), "text": GOOD["fr"]}).status_code
            == 303
        )
        add_reviewer(app, "rev", "fr")
        sign_in(client, "fr", "rev")
        queue = client.get("/fr/review/").get_data(as_text=True)
        token = csrf_token(client, "/fr/review/")
        action = re.search(r'action="/fr/review/(\d+)/"', queue).group(1)
        response = client.post(
            f"/fr/review/{action}/", data={"csrf_token": token, "text": GOOD["fr"], "accept": "1"}
        )
        assert response.status_code == 303
        deadline = time.monotonic() + 10
        while served() != GOOD["fr"]:
            assert time.monotonic() < deadline, "the other server never served the accepted translation"
            time.sleep(0.1)
        # It wrote the change into its own catalog, which stays valid.
        catalog = theirs / "fr" / "LC_MESSAGES" / "messages.po"
        assert GOOD["fr"].split()[0] in catalog.read_text("utf-8")
        assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(catalog)]).returncode == 0
    finally:
        other.terminate()
        other.wait(timeout=10)
        other.stdout.close()


def test_reading_goes_on_when_the_store_is_unreachable(site_translations, tmp_path, caplog, expected):
    from hldsite import create_app
    from hldsite.i18n import BY_CODE

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "BABEL_TRANSLATION_DIRECTORIES": str(site_translations),
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'no-such-folder' / 'store.sqlite3'}",
        }
    )
    response = app.test_client().get("/ru/")
    assert response.status_code == 200
    assert expected(BY_CODE["ru"], "Full summary") in response.get_data(as_text=True)
    assert "The contribution store is not ready, it cannot be reached" in caplog.text
