"""The Flask application class, tuned for pages that link and translate a lot."""

from __future__ import annotations

from flask import Flask
from flask.globals import request_ctx
from flask.templating import Environment

from . import i18n

# The request's host is part of the key, so forged Host headers could grow it without end.
MEMO_LIMIT = 10_000


class SiteEnvironment(Environment):
    """Flask's Jinja environment, whose templates see the globals as one dictionary.

    By default a template's globals are a ChainMap over the environment's, so that globals added
    later still show; but each `{% from ... import %}` then compares every global name through
    it, on every render. The site adds all its globals while the app is made, before any
    template is loaded.
    """

    def make_globals(self, d):
        return {**self.globals, **(d or {})}


class Site(Flask):
    """Flask whose url_for builds each address once.

    A page links to some fifty addresses, and building one through the URL map costs more than
    rendering a paragraph; the answer depends only on what the key below holds.
    """

    jinja_environment = SiteEnvironment

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.url_memo: dict[tuple, str] = {}

    def url_for(self, endpoint: str, /, **options) -> str:
        try:
            ctx = request_ctx._get_current_object()
        except RuntimeError:  # outside a request: the rare case, built as Flask does
            return super().url_for(endpoint, **options)
        adapter = ctx.url_adapter
        try:
            key = (
                endpoint,
                # A relative endpoint (".theme") depends on the request's blueprint, and the
                # language filled in by the url_defaults on the language in the request's path.
                ctx.request.blueprint if endpoint[:1] == "." else None,
                i18n.language_from_path(ctx.request.path),
                adapter.server_name,
                adapter.script_name,
                adapter.url_scheme,
                adapter.subdomain,
                *sorted(options.items()),
            )
            return self.url_memo[key]
        except KeyError:
            pass
        except TypeError:  # a value that cannot be a key (a list): not remembered
            return super().url_for(endpoint, **options)
        url = super().url_for(endpoint, **options)
        if len(self.url_memo) >= MEMO_LIMIT:
            self.url_memo.clear()
        self.url_memo[key] = url
        return url
