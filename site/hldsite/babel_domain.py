"""Flask-Babel, set up so that an unreadable compiled catalog degrades to English instead of a 500."""

from __future__ import annotations

import struct
from functools import cached_property

from babel import support
from flask import current_app
from flask_babel import Babel, Domain, _get_current_context, get_locale

# What reading a damaged .mo file raises (bad magic number, truncated tables, bad encoding).
UNREADABLE = (OSError, ValueError, IndexError, struct.error, UnicodeDecodeError)


class CatalogDomain(Domain):
    """Flask-Babel's message domain, which serves English for a catalog it cannot read."""

    def get_translations(self):
        # Flask-Babel looks up the context, the locale and its cache on every message; a page asks
        # for about a hundred. The answer is kept for the request, for as long as its locale (an
        # object that force_locale replaces and restores) stays the same.
        ctx = _get_current_context()
        remembered = getattr(ctx, "site_translations", None) if ctx is not None else None
        if remembered is not None and remembered[0] is getattr(ctx, "babel_locale", None):
            return remembered[1]
        translations = self._load()
        if ctx is not None:
            ctx.site_translations = (getattr(ctx, "babel_locale", None), translations)
        return translations

    def _load(self):
        try:
            return super().get_translations()
        except UNREADABLE as exc:
            locale = str(get_locale())
            current_app.logger.error(
                "Cannot read the compiled %s catalog (%s): serving English.", locale, exc
            )
            # Remember the failure like a success, so it is logged once per process, not per message.
            fallback = support.NullTranslations()
            self.cache[locale, self.domain[0]] = fallback
            return fallback


class SiteBabel(Babel):
    """Flask-Babel with the domain above."""

    @cached_property
    def domain_instance(self):
        return CatalogDomain(domain=self.domain)
