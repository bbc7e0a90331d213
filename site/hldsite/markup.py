"""Turn a content message into HTML for a page: translated, line breaks kept, and annotated.

Annotations serve WCAG 3.1.3 and 3.1.4: the first occurrence of a glossary term on a page
links to its entry, abbreviations get <abbr title>, and in Arabic and Chinese text every
run of Latin script is isolated in <bdi> with its language, so it keeps its direction.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from flask import url_for
from markupsafe import Markup, escape

from . import i18n
from .catalogs import Catalog, Catalogs
from .checks import is_invisible
from .content import Document, form_pattern

LATIN_RUN = re.compile(
    r"[A-Za-z][A-Za-z0-9]*(?:[.'’&\-][A-Za-z0-9]+)*\.?(?:\s+[A-Za-z0-9][A-Za-z0-9]*(?:[.'’&\-][A-Za-z0-9]+)*\.?)*"
)
# Annotations remembered until the catalogs change: more entries than a whole site has, so the
# bound only guards against a flood of distinct texts.
MEMO_LIMIT = 50_000


@dataclass(frozen=True)
class Span:
    """A stretch of a text to wrap in an element."""

    start: int
    end: int
    open: Markup
    close: Markup


def _longest_form(forms: str) -> int:
    return max(len(form.strip().rstrip("*")) for form in forms.split("|"))


def _abbreviation_pattern(short: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(short)}(?![\w])")


def _free(spans: list[Span], start: int, end: int) -> bool:
    return all(end <= s.start or start >= s.end for s in spans)


@dataclass(frozen=True)
class Rules:
    """What to mark in a language's texts: abbreviations with their expansion, term patterns."""

    abbreviations: tuple[tuple[re.Pattern, str], ...]
    terms: tuple[tuple[str, re.Pattern], ...]


def rules(document: Document, catalog: Catalog) -> Rules:
    """What to mark in a language's texts, from its catalog."""

    def text(item) -> str:
        return catalog.text_for(item.message_id, item.text).text

    # A translation may quote an English title ("the UN Treaty Collection"): the English short
    # forms are expanded too, in the page's language.
    abbreviations = tuple(
        (_abbreviation_pattern(short), text(a.long))
        for a in document.abbreviations
        for short in dict.fromkeys((text(a.short), a.short.text))
        if short != text(a.long)
    )
    # Longer forms first, so that "irregular migrants" is linked as a whole before "migrant"
    # can claim part of it (in Chinese, 非正常移民 before 移民).
    forms = sorted(((t.id, text(t.forms)) for t in document.terms), key=lambda f: -_longest_form(f[1]))
    return Rules(
        abbreviations,
        tuple((term_id, form_pattern(forms, catalog.language.code)) for term_id, forms in forms),
    )


class Rendition(NamedTuple):
    """A content item as HTML, whether it is the English shown for a missing translation, and
    when the translation shown was published (None for English).

    It prints as its HTML in a template: `{{ content_html(item) }}`.
    """

    html: Markup
    untranslated: bool
    published: date | None = None

    def __html__(self) -> str:
        return self.html


@dataclass
class Annotator:
    """Annotates the texts of one page: the first occurrence of each glossary term on the page
    is linked, so it remembers the terms linked so far, in each of the page's languages.

    What it computes depends only on the text, the catalog, the address prefix and the terms
    already linked, so it is remembered under those (in the catalogs' memos): a page renders the
    same way every time, and the next page reuses the work.
    """

    document: Document
    catalogs: Catalogs
    prefix: str  # of the site's addresses (SCRIPT_NAME), part of every glossary link
    linked: dict[str, set[str]] = field(default_factory=dict)

    def rendition(self, item, language: i18n.Language, link_terms: bool = True) -> Rendition:
        """A content item as HTML in a language: its text by the catalog's rule, annotated; where
        the English is shown instead, marked as English."""
        catalog = self.catalogs[language]
        shown = catalog.text_for(item.message_id, item.text)
        if shown.language != language:
            html = self.annotate(shown.text, self.catalogs[shown.language], link_terms=False)
            return Rendition(
                Markup('<span lang="{}" dir="ltr">{}</span>').format(shown.language.tag, html), True
            )
        return Rendition(self.annotate(shown.text, catalog, link_terms=link_terms), False, shown.published)

    def annotate(self, text: str, catalog: Catalog, *, link_terms: bool = True) -> Markup:
        """HTML for a text: glossary links (first occurrence on the page), <abbr>, isolated Latin runs."""
        memo = self.catalogs.memo("annotations")
        linked = self.linked.setdefault(catalog.language.code, set()) if link_terms else None
        # The catalog (the object read from its file) names the rules the annotation follows.
        key = (catalog, text, self.prefix, None if linked is None else frozenset(linked))
        remembered = memo.get(key)
        if remembered is not None:
            html, newly_linked = remembered
            if linked is not None:
                linked.update(newly_linked)
            return html
        before = frozenset(linked or ())
        html = self._annotate(text, catalog, linked)
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        memo[key] = (html, frozenset(linked or ()) - before)
        return html

    def _rules(self, catalog: Catalog) -> Rules:
        memo = self.catalogs.memo("annotation-rules")
        if catalog not in memo:
            memo[catalog] = rules(self.document, catalog)
        return memo[catalog]

    def _annotate(self, text: str, catalog: Catalog, linked: set[str] | None) -> Markup:
        language = catalog.language
        found = self._rules(catalog)
        spans: list[Span] = []
        for pattern, long in found.abbreviations:
            for m in pattern.finditer(text):
                if _free(spans, m.start(), m.end()):
                    spans.append(
                        Span(m.start(), m.end(), Markup('<abbr title="{}">').format(long), Markup("</abbr>"))
                    )
        if language.isolates_latin:
            for m in LATIN_RUN.finditer(text):
                inner = [s for s in spans if m.start() <= s.start and s.end <= m.end()]
                if _free([s for s in spans if s not in inner], m.start(), m.end()):
                    spans.append(
                        Span(m.start(), m.end(), Markup('<bdi lang="en" dir="ltr">'), Markup("</bdi>"))
                    )
        if linked is not None:
            for term_id, pattern in found.terms:
                if term_id in linked:
                    continue
                match = next((m for m in pattern.finditer(text) if _free(spans, m.start(), m.end())), None)
                if match:
                    href = url_for("glossary.glossary", lang=language.code, _anchor=term_id)
                    link = Markup('<a class="term" href="{}">').format(href)
                    spans.append(Span(match.start(), match.end(), link, Markup("</a>")))
                    linked.add(term_id)
        return _render(text, spans)


def _render(text: str, spans: list[Span]) -> Markup:
    """Escape the text and insert the spans (which may nest but never cross); keep line breaks."""
    events = sorted(
        [(s.start, 1, -s.end, s.open) for s in spans] + [(s.end, 0, -s.start, s.close) for s in spans],
        key=lambda e: (e[0], e[1], e[2]),
    )
    out, position = [], 0
    for index, _, _, tag in events:
        out.append(escape(text[position:index]))
        out.append(tag)
        position = index
    out.append(escape(text[position:]))
    return Markup("").join(out).replace("\n", Markup("<br>\n"))


# Characters a translator cannot see but must get right, with their Unicode abbreviations.
INVISIBLE = {
    "\u00a0": ("NBSP", "NO-BREAK SPACE"),
    "\u202f": ("NNBSP", "NARROW NO-BREAK SPACE"),
    "\u2060": ("WJ", "WORD JOINER"),
    "\u00ad": ("SHY", "SOFT HYPHEN"),
    "\u200b": ("ZWSP", "ZERO WIDTH SPACE"),
    "\u200c": ("ZWNJ", "ZERO WIDTH NON-JOINER"),
    "\u200d": ("ZWJ", "ZERO WIDTH JOINER"),
    "\ufeff": ("BOM", "ZERO WIDTH NO-BREAK SPACE"),
    "\u200e": ("LRM", "LEFT-TO-RIGHT MARK"),
    "\u200f": ("RLM", "RIGHT-TO-LEFT MARK"),
    "\u061c": ("ALM", "ARABIC LETTER MARK"),
    "\u202a": ("LRE", "LEFT-TO-RIGHT EMBEDDING"),
    "\u202b": ("RLE", "RIGHT-TO-LEFT EMBEDDING"),
    "\u202c": ("PDF", "POP DIRECTIONAL FORMATTING"),
    "\u202d": ("LRO", "LEFT-TO-RIGHT OVERRIDE"),
    "\u202e": ("RLO", "RIGHT-TO-LEFT OVERRIDE"),
    "\u2066": ("LRI", "LEFT-TO-RIGHT ISOLATE"),
    "\u2067": ("RLI", "RIGHT-TO-LEFT ISOLATE"),
    "\u2068": ("FSI", "FIRST STRONG ISOLATE"),
    "\u2069": ("PDI", "POP DIRECTIONAL ISOLATE"),
}
# Also shown: separators (U+2028, U+2029) and every other format or unassigned character.
SEPARATORS = {"\u2028": "LSEP", "\u2029": "PSEP"}


def _label(char: str) -> tuple[str, str] | None:
    """A character's short label and Unicode name, if it cannot be seen."""
    if char in INVISIBLE:
        return INVISIBLE[char]
    if char in SEPARATORS or is_invisible(char):
        name = unicodedata.name(char, "UNASSIGNED")
        return SEPARATORS.get(char, f"U+{ord(char):04X}"), name
    return None


def invisible_names(texts) -> list[tuple[str, str]]:
    """The abbreviations and Unicode names of the invisible characters in some texts."""
    found = {char: label for text in texts if text for char in text if (label := _label(char))}
    return [found[char] for char in sorted(found)]


def revealed_html(text: str) -> Markup:
    """A text with its invisible characters shown as labelled boxes (NBSP, RLM, LSEP, U+200B...).

    The characters themselves are left out: a bidi control would reorder the labels around it.
    """
    out = []
    for char in text:
        label = _label(char)
        if label is None:
            out.append(escape(char))
            continue
        short, name = label
        title = f"U+{ord(char):04X} {name}"
        out.append(
            Markup('<abbr class="invisible" title="{}" lang="en" dir="ltr">{}</abbr>').format(title, short)
        )
    return Markup("").join(out)


TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def _tokens(text: str, language_code: str) -> list[str]:
    # Chinese has no spaces between words: compare character by character.
    return list(text) if language_code == "zh" else TOKEN.findall(text)


def diff_html(before: str, after: str, language_code: str, deleted: str, inserted: str) -> Markup:
    """HTML showing how `after` differs from `before`: <del> and <ins>, each labelled for screen readers.

    Strikethrough and underline carry the difference, not colour alone (WCAG 1.4.1).
    """
    a, b = _tokens(before, language_code), _tokens(after, language_code)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(revealed_html("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(
                Markup('<del><span class="visually-hidden">{}: </span>{}</del>').format(
                    deleted, revealed_html("".join(a[i1:i2]))
                )
            )
        if op in ("insert", "replace"):
            out.append(
                Markup('<ins><span class="visually-hidden">{}: </span>{}</ins>').format(
                    inserted, revealed_html("".join(b[j1:j2]))
                )
            )
    return Markup("").join(out)
