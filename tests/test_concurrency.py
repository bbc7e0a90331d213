"""Many people at once against a real server: no acknowledged suggestion lost, every catalog valid."""

import http.cookiejar
import re
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import polib
import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from conftest import REVIEWER_PASSWORD, make_app
from hldsite.catalogs import catalog_path
from hldsite.db import db
from hldsite.i18n import BY_CODE
from hldsite.models import Change, Suggestion
from test_contribute import GOOD

pytestmark = pytest.mark.store

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
DECISION = re.compile(r'action="(/\w+/review/\d+/)"')
KEYS = ("p7", "p8", "p9")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person: their own cookies, no redirects followed (a 303 is the acknowledgement)."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, body, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post_form(self, path: str, data: dict) -> int:
        _, page = self.request(path)
        return self.request(path, {"csrf_token": TOKEN.search(page).group(1), **data})[0]


def test_concurrent_suggestions_and_accepts_lose_nothing(writable_translations, tmp_path, add_reviewer):
    # Every request also syncs published changes from the store, as a second server would.
    app = make_app(writable_translations, tmp_path / "store.sqlite3", CATALOG_SYNC_SECONDS=0)
    add_reviewer(app, "rev", "fr,es")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"

    def contribute(n: int) -> tuple[str, str, str] | None:
        code = ("fr", "es")[n % 2]
        key = KEYS[n % len(KEYS)]
        text = f"{GOOD[code][:-1]} ({n})."
        status = Browser(base).post_form(f"/{code}/contribute/{key}/", {"text": text, "note": f"n{n}"})
        return (code, key, text) if status == 303 else None

    def review(code: str, stop: threading.Event) -> int:
        reviewer = Browser(base)
        assert (
            reviewer.post_form(f"/{code}/review/sign-in/", {"name": "rev", "password": REVIEWER_PASSWORD})
            == 303
        )
        accepted = 0
        while not stop.is_set() or accepted == 0:
            _, queue = reviewer.request(f"/{code}/review/")
            actions, tokens = DECISION.findall(queue), TOKEN.findall(queue)
            if not actions:
                continue
            # The queue's first form: its token, its text as suggested.
            text = re.search(r'<textarea id="suggestion-\d+-text"[^>]*>([^<]*)</textarea>', queue).group(1)
            status, _ = reviewer.request(actions[0], {"csrf_token": tokens[1], "text": text, "accept": "1"})
            assert status == 303  # Published, or already decided by the other reviewer of the language.
            accepted += 1
        return accepted

    stop = threading.Event()
    with ThreadPoolExecutor(max_workers=10) as pool:
        reviewers = [pool.submit(review, code, stop) for code in ("fr", "es", "fr")]
        acknowledged = [a for a in pool.map(contribute, range(48)) if a]
        stop.set()
        accepted = sum(r.result() for r in reviewers)
    server.shutdown()

    assert len(acknowledged) == 48
    with app.app_context():
        suggestions = db.session.scalars(select(Suggestion)).all()
        changes = db.session.scalars(select(Change).order_by(Change.id)).all()
        # Every acknowledged suggestion is stored, once.
        assert sorted((s.language, s.key, s.text) for s in suggestions) == sorted(acknowledged)
        # Each accept published once (a reviewer who comes second is told so, and changes nothing).
        accepted_ids = sorted(s.id for s in suggestions if s.status == "accepted")
        assert sorted(c.suggestion_id for c in changes) == accepted_ids
        assert 0 < len(changes) <= accepted
        # Each catalog is valid and holds, for each message, the last accepted text.
        for code in ("fr", "es"):
            path = catalog_path(writable_translations, BY_CODE[code])
            assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)]).returncode == 0
            po = polib.pofile(str(path))
            last = {c.key: c.after for c in changes if c.language == code}
            assert {key: po.find(key, by="msgctxt").msgstr for key in last} == last
            # The chain of history is unbroken: each change replaced the text of the one before.
            for key in last:
                chain = [c for c in changes if c.language == code and c.key == key]
                assert all(a.after == b.before for a, b in zip(chain, chain[1:], strict=False))
