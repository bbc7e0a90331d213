"""HTTP caching of the reading pages: ETag and Cache-Control, and a render cache in each process.

A reading page depends only on its URL and the catalogs, so each process keeps the page as it
rendered it, keyed by its URL (scheme, host, path) and the catalogs' version (the times of the
.po files). An accepted translation changes a .po: every process sees a new version on its next
request and renders again. The cache sits in front of Flask (WSGI), so a hit costs a dictionary
lookup and five stat calls, less than the smallest Flask request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from flask import request

from .reading import BLUEPRINTS

# Blueprints and endpoints whose pages depend on the URL alone.
READING_BLUEPRINTS = frozenset(blueprint.name for blueprint in BLUEPRINTS if blueprint.name != "root")
READING_ENDPOINTS = frozenset({"root.sitemap", "root.robots", "root.languages", "downloads.index"})
MAX_ENTRIES = 2000


def is_reading_page() -> bool:
    return request.blueprint in READING_BLUEPRINTS or request.endpoint in READING_ENDPOINTS


def never_store(response):
    """A contribution page is one person's (a form's token, a reviewer's queue): kept by no cache."""
    response.cache_control.private = True
    response.cache_control.no_store = True
    return response


def init_app(app):
    """Mark reading pages cacheable and revalidated by ETag; put the render cache in front."""

    @app.after_request
    def cache_headers(response):
        if request.method in ("GET", "HEAD") and response.status_code == 200 and is_reading_page():
            # Stored anywhere, but checked with the server on each use: an accepted translation
            # is live at once, and an unchanged page costs a 304.
            response.cache_control.public = True
            response.cache_control.no_cache = True
            response.add_etag()
            response.make_conditional(request)
            # make_conditional dates the response; the server dates every response itself.
            response.headers.pop("Date", None)
        return response

    if app.config.setdefault("RENDER_CACHE", True):
        catalogs = app.extensions["catalogs"]
        # The catalogs were brought up to date for this request before it reached here (sync.py).
        app.wsgi_app = RenderCache(app.wsgi_app, lambda: catalogs.version)


@dataclass(frozen=True)
class Entry:
    """A page as rendered: its catalogs' version, status line, headers and body."""

    version: tuple
    headers: list[tuple[str, str]]
    body: bytes
    etag: str


class RenderCache:
    """WSGI middleware keeping the public 200 responses to GET requests without a query."""

    def __init__(self, app, version: Callable[[], tuple]):
        self.app = app
        self.version = version
        self.entries: dict[tuple, Entry] = {}

    def __call__(self, environ, start_response) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        if method not in ("GET", "HEAD") or environ.get("QUERY_STRING"):
            return self.app(environ, start_response)
        # Pages hold absolute addresses (alternates, the sitemap) made from the request's scheme,
        # host and prefix: a page asked for with another Host, forged or not, is another entry.
        key = (
            environ.get("wsgi.url_scheme"),
            environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME')}:{environ.get('SERVER_PORT')}",
            environ.get("SCRIPT_NAME", ""),
            environ.get("PATH_INFO", ""),
        )
        version = self.version()
        entry = self.entries.get(key)
        if entry is not None and entry.version == version:
            return self._serve(entry, environ, start_response, method)
        captured = {}

        def capture(status, headers, exc_info=None):
            captured.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        body = self.app(environ, capture)
        if method != "GET" or not self._cacheable(captured):
            return body
        try:
            data = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        # The server dates each response itself; a stored Date would be wrong tomorrow.
        headers = [(k, v) for k, v in captured["headers"] if k.lower() != "date"]
        etag = next((v for k, v in headers if k.lower() == "etag"), "")
        if len(self.entries) >= MAX_ENTRIES:
            self.entries.clear()
        self.entries[key] = Entry(version, headers, data, etag)
        return [data]

    @staticmethod
    def _cacheable(captured) -> bool:
        if not captured.get("status", "").startswith("200"):
            return False
        names = {k.lower(): v for k, v in captured["headers"]}
        return "public" in names.get("cache-control", "") and "set-cookie" not in names and "etag" in names

    @staticmethod
    def _serve(entry: Entry, environ, start_response, method: str) -> Iterable[bytes]:
        wanted = environ.get("HTTP_IF_NONE_MATCH", "")
        if entry.etag and entry.etag in (tag.strip() for tag in wanted.split(",")):
            kept = [(k, v) for k, v in entry.headers if k.lower() not in ("content-length", "content-type")]
            start_response("304 NOT MODIFIED", kept)
            return []
        start_response("200 OK", entry.headers)
        return [] if method == "HEAD" else [entry.body]
