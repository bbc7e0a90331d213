"""The Flask application class, tuned for pages that link and translate a lot."""

from __future__ import annotations

from functools import cached_property

from flask import Flask
from flask.globals import request_ctx
from flask.sessions import SecureCookieSessionInterface

from . import i18n
from .babel_domain import current
from .templating import SiteEnvironment

# The request's host is part of the key, so forged Host headers could grow it without end.
MEMO_LIMIT = 10_000


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, without making a signer for a request that brings no cookie
    (every reader's request): its session is empty either way."""

    def open_session(self, app, request):
        if app.secret_key and "HTTP_COOKIE" not in request.environ:
            return self.session_class()
        return super().open_session(app, request)


class Site(Flask):
    """Flask with templates compiled per locale, and a url_for that builds each address once."""

    jinja_environment = SiteEnvironment
    session_interface = SessionInterface()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.url_memo: dict[tuple, str] = {}
        self.locale_environments: dict[str, SiteEnvironment] = {}

    @cached_property
    def base_jinja_env(self) -> SiteEnvironment:
        """The environment Flask would make: globals, filters, loader, and templates as written."""
        return self.create_jinja_environment()

    @property
    def jinja_env(self) -> SiteEnvironment:
        """The environment of the locale in force, whose templates' messages call its
        translations directly (see templating); outside any context, the base environment."""
        found = current()
        if found.locale is None:
            return self.base_jinja_env
        key = str(found.locale)
        environment = self.locale_environments.get(key)
        # The translations object is new when the catalogs were reloaded.
        if environment is None or environment.translations is not found.translations:
            environment = self.base_jinja_env.for_translations(found.translations)
            self.locale_environments[key] = environment
        return environment

    def url_for(self, endpoint: str, /, **options) -> str:
        """Flask's url_for, remembered: a page links to some fifty addresses, and building one
        through the URL map costs more than rendering a paragraph."""
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
