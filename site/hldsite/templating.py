"""Jinja environments with one overlay per locale, whose templates call its translations directly.

A message in a template, `_("Themes")`, otherwise finds the request's translations on every call
(the request context, Flask-Babel's state, the locale), which costs more than looking the message
up. Each locale gets its own environment instead: an overlay sharing the globals, filters and
loader, whose `_`, `gettext` and `pgettext` are bound to the locale's translations. A template
is compiled once for all of them (the code does not depend on the locale), then instantiated in
each. An environment is replaced when Flask-Babel's translations for its locale are (when the
catalogs change, see catalogs.init_app), so a template belongs to the locale in force when it was
taken from `app.jinja_env`: take it in the request that renders it.
"""

from __future__ import annotations

import contextlib

from babel import support
from flask.templating import Environment
from jinja2.bccache import Bucket, BytecodeCache, FileSystemBytecodeCache

from .babel_domain import template_messages


class CompiledTemplates(BytecodeCache):
    """The compiled code of each template, kept in memory for the process and on disk for the
    next one (Jinja's per-user temporary folder), so a new process does not compile again.

    Every app configures Jinja the same way, so the code of a template depends only on its
    source, which the bucket checks, with the Jinja and Python versions.
    """

    def __init__(self):
        self.code: dict[str, bytes] = {}
        try:
            self.disk: FileSystemBytecodeCache | None = FileSystemBytecodeCache()
        except (OSError, RuntimeError):  # no private temporary folder: memory only
            self.disk = None

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])
        elif self.disk is not None:
            with contextlib.suppress(OSError, EOFError, ValueError):
                self.disk.load_bytecode(bucket)
            if bucket.code is not None:
                self.code[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()
        if self.disk is not None:
            # A read-only or full disk only costs the next process a compile.
            with contextlib.suppress(OSError):
                self.disk.dump_bytecode(bucket)


COMPILED = CompiledTemplates()


class SiteEnvironment(Environment):
    """Flask's Jinja environment, able to make the environment of a locale; its templates see
    the globals as one dictionary."""

    translations: support.NullTranslations | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.bytecode_cache = COMPILED

    def make_globals(self, d):
        # By default a template's globals are a ChainMap over the environment's, so that globals
        # added later still show; each `{% from … import %}` then compares every global name
        # through it, on every render. The site adds all its globals while the app is made.
        return {**self.globals, **(d or {})}

    def for_translations(self, translations: support.NullTranslations) -> SiteEnvironment:
        """An overlay whose templates' message functions use these translations."""
        # A template cache of its own (templates hold their globals); the compiled code is shared.
        overlay = self.overlay(cache_size=self.cache.capacity if self.cache is not None else 400)
        overlay.translations = translations
        overlay.globals = {**self.globals, **template_messages(translations)}
        return overlay
