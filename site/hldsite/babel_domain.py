"""Flask-Babel, set up so that an unreadable compiled catalog degrades to English instead of a 500,
and so that each of a page's hundred or so messages costs a lookup, not a walk through proxies."""

from __future__ import annotations

import struct
from functools import cached_property
from typing import NamedTuple

from babel import Locale, support
from flask import current_app, g
from flask_babel import Babel, Domain, force_locale, get_locale, get_translations, refresh
from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup

from . import i18n

# What reading a damaged .mo file raises (bad magic number, truncated tables, bad encoding).
UNREADABLE = (OSError, ValueError, IndexError, struct.error, UnicodeDecodeError)


class CatalogDomain(Domain):
    """Flask-Babel's message domain, which serves English for a catalog it cannot read."""

    def get_translations(self):
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


class Current(NamedTuple):
    """The locale in force, the site's language for it, and its translations."""

    locale: Locale | None
    language: i18n.Language
    translations: support.NullTranslations


# The proxy's own accessor, bound once: `g._get_current_object` looked up through the proxy on
# each message would cost as much as the lookup it replaces.
_current_g = g._get_current_object


def _state() -> dict | None:
    """Flask-Babel's state in the current context (locale, forced locale), if it has one yet."""
    try:
        state = vars(_current_g()).get("_flask_babel")
    except RuntimeError:
        return None
    return None if state is None else vars(state)


def current() -> Current:
    """What Flask-Babel would find for a message, found once per request and locale.

    Flask-Babel looks up the context, the domain, the locale and its cache on every message. The
    answer is kept beside Flask-Babel's own state, for as long as its locale (an object that
    force_locale replaces and restores, and flask_babel.refresh drops) stays the same.
    """
    state = _state()
    if state is not None:
        remembered = state.get("site_current")
        if remembered is not None and remembered.locale is state.get("babel_locale"):
            return remembered
    translations = get_translations()
    locale = get_locale()
    found = Current(locale, i18n.language_for_tag(str(locale)) or i18n.SOURCE, translations)
    state = _state()
    if state is not None:
        state["site_current"] = found
    return found


def current_in(language: i18n.Language) -> Current:
    """What current() finds under force_locale(language), without switching: for a text in
    another language than the page's (side-by-side pages). Found once per request and language."""
    found = current()
    if found.language == language:
        return found
    state = _state()
    others = state.setdefault("site_others", {}) if state is not None else {}
    if language.code not in others:
        with force_locale(language.catalog):
            others[language.code] = current()
    return others[language.code]


def forget() -> None:
    """Drop what this context found (the catalogs changed): Flask-Babel's state and ours."""
    refresh()
    state = _state()
    if state is not None:
        state.pop("site_current", None)
        state.pop("site_others", None)


def _formatted(eval_ctx: EvalContext, text: str, variables: dict) -> str:
    # As Jinja's newstyle gettext does: a message is always a format string ("%%" is "%"), and
    # under autoescaping it is markup whose values are escaped. Without a "%" there is nothing
    # to format.
    if eval_ctx.autoescape:
        text = Markup(text)
    return text % variables if variables or "%" in text else text


def template_messages(translations: support.NullTranslations | None = None) -> dict:
    """`_`, `gettext` and `pgettext` for templates: bound to a locale's translations (the globals
    of its environment, see templating), or finding the request's on each call."""
    if translations is not None:
        ugettext, upgettext = translations.ugettext, translations.upgettext
    else:

        def ugettext(string):
            return current().translations.ugettext(string)

        def upgettext(context, string):
            return current().translations.upgettext(context, string)

    @pass_eval_context
    def template_gettext(eval_ctx: EvalContext, string: str, /, **variables) -> str:
        return _formatted(eval_ctx, ugettext(string), variables)

    @pass_eval_context
    def template_pgettext(eval_ctx: EvalContext, context: str, string: str, /, **variables) -> str:
        return _formatted(eval_ctx, upgettext(context, string), variables)

    return {"_": template_gettext, "gettext": template_gettext, "pgettext": template_pgettext}


class SiteBabel(Babel):
    """Flask-Babel with the domain above, and templates that find translations the quick way."""

    def init_app(self, app, *args, **kwargs):
        super().init_app(app, *args, **kwargs)
        # Flask-Babel's `_` calls Jinja's `gettext`, which calls Flask-Babel's lookup, each through
        # the template context: three calls a message. These do the same in one.
        app.jinja_env.globals.update(template_messages())

    @cached_property
    def domain_instance(self):
        return CatalogDomain(domain=self.domain)
