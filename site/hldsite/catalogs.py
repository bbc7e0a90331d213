"""The gettext catalogs: where they live, how complete they are, what is wrong in them."""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import polib
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from . import babel_domain, checks
from .checks import Finding
from .content import Document
from .i18n import TRANSLATED, Language
from .markup import form_pattern

DOMAIN = "messages"


def template_path(directory: Path) -> Path:
    return directory / f"{DOMAIN}.pot"


def catalog_path(directory: Path, language: Language) -> Path:
    return directory / language.catalog / "LC_MESSAGES" / f"{DOMAIN}.po"


def uncompiled(directory: Path) -> list[Language]:
    """Languages whose .mo is missing or older than their .po: their pages would be silently stale."""
    stale = []
    for language in TRANSLATED:
        source = catalog_path(directory, language)
        compiled = source.with_suffix(".mo")
        if source.exists() and (not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime):
            stale.append(language)
    return stale


def compiled_paths(directory: Path) -> tuple[str, ...]:
    """The compiled catalogs, as the paths compiled_version checks on every request."""
    return tuple(str(catalog_path(directory, language).with_suffix(".mo")) for language in TRANSLATED)


def compiled_version(paths: tuple[str, ...]) -> tuple[int, ...]:
    """When each compiled catalog last changed: a new value means new text to serve."""
    stamps = []
    for path in paths:
        try:
            stamps.append(os.stat(path).st_mtime_ns)
        except FileNotFoundError:
            stamps.append(0)
    return tuple(stamps)


def init_app(app):
    """Serve a catalog changed on disk from the next request on, in every process.

    Flask-Babel keeps catalogs once loaded; an accepted suggestion rewrites a .mo (in whichever
    worker accepted it), so each request compares the files' times and drops stale catalogs.
    Also warn, on the first request, about catalogs that would be served stale or in English
    (not at start-up: `flask translate compile` itself starts the app before compiling).
    """
    directory = Path(app.config["BABEL_TRANSLATION_DIRECTORIES"])
    paths = compiled_paths(directory)
    app.extensions["catalog_version"] = compiled_version(paths)
    pending = [True]

    @app.before_request
    def reload_changed_catalogs():
        from .sync import maybe_sync

        maybe_sync(app)
        version = compiled_version(paths)
        if version != app.extensions["catalog_version"]:
            app.extensions["babel"].instance.domain_instance.cache.clear()
            # And what this context found already (the app context, and Flask-Babel's state in
            # its `g`, may outlive a request: in tests, in `flask export`).
            babel_domain.forget()
            app.extensions.get("annotations", {}).clear()
            app.extensions["catalog_version"] = version
        if pending:
            pending.clear()
            for language in uncompiled(directory):
                app.logger.warning(
                    "The %s catalog is not compiled or is older than its .po: its pages show old or "
                    "English text. Run `flask --app hldsite translate compile`.",
                    language.catalog,
                )


def read_catalog(path: Path) -> Catalog:
    with open(path, "rb") as f:
        return read_po(f)


def _entries(catalog: Catalog) -> list[Message]:
    """The messages of a catalog without its header entry."""
    return [m for m in catalog if m.id]


def _is_translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return all(strings) and not message.fuzzy


@dataclass(frozen=True)
class Stats:
    """How much of one language's catalog is done."""

    language: Language
    translated: int
    fuzzy: int
    untranslated: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        return 100 * self.translated / self.total if self.total else 100.0


def catalog_stats(directory: Path, language: Language) -> Stats:
    """Count translated, fuzzy and untranslated messages in a language's catalog."""
    entries = _entries(read_catalog(catalog_path(directory, language)))
    translated = sum(_is_translated(m) for m in entries)
    fuzzy = sum(bool(m.fuzzy) for m in entries)
    return Stats(language, translated, fuzzy, len(entries) - translated - fuzzy)


def catalog_findings(directory: Path, language: Language, document: Document) -> list[tuple[str, Finding]]:
    """Everything that keeps a catalog from being complete and correct, with the checks' warnings.

    Each finding comes with the name of its message; the errors are the ones a suggestion on the
    site would be refused for, from the same module.
    """
    template = read_catalog(template_path(directory))
    catalog = read_catalog(catalog_path(directory, language))
    findings = [
        (_name(expected), checks.error("missing", "missing; run `flask translate update`"))
        for expected in _entries(template)
        if catalog.get(expected.id, expected.context) is None
    ]
    rules = glossary_rules(document, _texts(catalog), language)
    for message in _entries(catalog):
        if message.fuzzy:
            findings.append(
                (_name(message), checks.error("fuzzy", "marked fuzzy; review it and remove the flag"))
            )
        elif not _is_translated(message):
            findings.append((_name(message), checks.error("untranslated", "not translated")))
        elif isinstance(message.string, str) and not (message.context or "").endswith(":forms"):
            # Glossary forms are match patterns, not prose: only their presence is checked.
            translation = checks.Translation(
                message.id, message.string, language, frozenset(message.flags), rules
            )
            findings += [(_name(message), finding) for finding in checks.check(translation)]
    return findings


def glossary_rules(document: Document, text, language: Language) -> tuple[checks.GlossaryRule, ...]:
    """Each glossary term's English forms and approved forms in a language, from its catalog."""
    return tuple(
        checks.GlossaryRule(
            text(term.term),
            form_pattern(term.forms.text, "en"),
            form_pattern(text(term.forms), language.code),
        )
        for term in document.terms
    )


def update_catalog(directory: Path, language: Language) -> None:
    """Merge the template into a catalog: changed English turns fuzzy and is kept as `#|` lines."""
    path = catalog_path(directory, language)
    catalog = read_catalog(path)
    # Babel's fuzzy matching pairs unrelated short strings ("Plain language" with "Full
    # summary"). A content message is matched by its msgctxt id instead: same id, new English.
    catalog.update(read_catalog(template_path(directory)), no_fuzzy_matching=True, update_creation_date=False)
    obsolete = {m.context: key for key, m in catalog.obsolete.items() if m.context}
    for message in catalog:
        if not message.context or message.string or message.context not in obsolete:
            continue
        old = catalog.obsolete.pop(obsolete[message.context])
        if old.string:
            message.string, message.previous_id = old.string, [old.id]
            message.flags.add("fuzzy")
    buffer = io.BytesIO()
    # Babel wraps `#|` lines of long messages into invalid PO (Babel 2.19), so polib writes them.
    write_po(buffer, catalog, width=76, include_previous=False)
    po = polib.pofile(buffer.getvalue().decode("utf-8"), wrapwidth=76)
    previous = {(m.context, m.id): m.previous_id[0] for m in catalog if m.previous_id}
    for entry in po:
        entry.previous_msgid = previous.get((entry.msgctxt, entry.msgid))
    write_atomically(path, str(po).encode("utf-8"))


def write_atomically(path: Path, data: bytes) -> None:
    """Replace a file so that a reader sees the old or the new content, never half."""
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as tmp:
        tmp.write(data)
        tmp.flush()
        os.fsync(tmp.fileno())
    os.replace(tmp.name, path)


def _name(message: Message) -> str:
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    short = msgid if len(msgid) <= 40 else msgid[:37] + "..."
    return f"[{message.context}] {short}" if message.context else repr(short)


def translator(directory: Path, language: Language):
    """A function giving a content message's text in a language, read from its .po file.

    Untranslated and fuzzy messages give the English, as the site shows them.
    """
    if language not in TRANSLATED:
        return lambda message: message.text
    return _texts(read_catalog(catalog_path(directory, language)))


def _texts(catalog: Catalog):
    """A content message's text from a catalog already read; English where not translated."""

    def translate(message) -> str:
        entry = catalog.get(message.text, message.context)
        return entry.string if entry is not None and _is_translated(entry) else message.text

    return translate
