"""The checks of a translation, each an object with its id, severity, wording and rule.

The same checks judge a suggestion on the site, a reviewer's accept and a catalog file
(`flask translate check`). Errors block a translation; warnings are shown but do not. A check
words its finding for the reader, in the page's language (in English on the command line);
the facts a rule needs about a language (its script, punctuation, length) are on the registry.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .catalogs import Catalog
from .content import Document
from .i18n import Language
from .markup import form_pattern

# Flag on a message whose translation may equal the English (a name, a code).
ALLOW_IDENTICAL = "allow-identical"

PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[#0\- +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
MARKUP = re.compile(r"</?[A-Za-z][^<>]*>|<!--|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")
EMBEDDINGS = "\u202a\u202b\u202d\u202e"  # LRE RLE LRO RLO, closed by PDF
ISOLATES = "\u2066\u2067\u2068"  # LRI RLI FSI, closed by PDI
PDF, PDI = "\u202c", "\u2069"
LETTER = re.compile(r"[^\W\d_]")
WORD = re.compile(r"[^\W\d_]+")
NUMBER = re.compile(r"\d+")
# Control characters (the line break apart), and the mark of bytes that were not UTF-8.
CONTROL = {chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0)) if c != 0x0A}
REPLACEMENT = "\ufffd"


@dataclass(frozen=True)
class GlossaryRule:
    """A glossary term: how it appears in English, and its approved forms in the target language."""

    term: str
    source: re.Pattern
    target: re.Pattern


@dataclass(frozen=True)
class Translation:
    """What a check looks at: the English, the proposed text, and what is known about them."""

    source: str
    text: str
    language: Language
    flags: frozenset[str] = frozenset()
    glossary: tuple[GlossaryRule, ...] = field(default=())
    # Glossary forms are match patterns (a|b*), not prose: the prose checks do not apply.
    is_pattern: bool = False


@dataclass(frozen=True)
class Check:
    """One check: its id, whether it blocks, what it is called, its rule and its wording.

    The rule yields a detail for each problem it finds (the placeholders, the term...); the
    wording turns a detail into a sentence for the reader, in the page's language.
    """

    id: str
    blocking: bool
    name: str
    rule: Callable[[Translation], Iterator[str]] | None
    wording: Callable[[str, Language], str]
    for_patterns: bool = False


@dataclass(frozen=True)
class Finding:
    """One problem a check found in a translation."""

    check: Check
    detail: str = ""

    @property
    def code(self) -> str:
        return self.check.id

    @property
    def blocking(self) -> bool:
        return self.check.blocking

    def explain(self, language: Language) -> str:
        """The problem in a sentence, in the language of the page (English outside one)."""
        return self.check.wording(self.detail, language)


def placeholders(text: str) -> list[str]:
    """The printf-style placeholders of a message, sorted."""
    return sorted(PLACEHOLDER.findall(text))


def language_display_name(language: Language) -> str:
    """A language's name in the page's language ("arabe" on a French page)."""
    return language.locale.get_display_name(get_locale() or "en")


def always(text) -> Callable[[str, Language], str]:
    """A wording that is always the same sentence."""
    return lambda detail, language: str(text)


# Rules: each yields a detail per problem.


def empty(t: Translation) -> Iterator[str]:
    if not t.text.strip():
        yield ""


def encoding(t: Translation) -> Iterator[str]:
    if REPLACEMENT in t.text and REPLACEMENT not in t.source:
        yield ""


def control(t: Translation) -> Iterator[str]:
    if any(c in CONTROL and c not in t.source for c in t.text):
        yield ""


def identical(t: Translation) -> Iterator[str]:
    # One word or a code ("Sections", "migrant", "UNODC") may well be the same in both languages.
    is_phrase = len(WORD.findall(PLACEHOLDER.sub("", t.source))) >= 2
    if is_phrase and t.text.strip() == t.source.strip() and ALLOW_IDENTICAL not in t.flags:
        yield ""


def placeholder_changes(t: Translation) -> Iterator[str]:
    if placeholders(t.source) != placeholders(t.text):
        yield " ".join(placeholders(t.source))


def line_breaks(t: Translation) -> Iterator[str]:
    if t.text.count("\n") != t.source.count("\n"):
        yield str(t.source.count("\n") + 1)


def markup(t: Translation) -> Iterator[str]:
    if MARKUP.search(t.text) and not MARKUP.search(t.source):
        yield ""


def bidi_controls(t: Translation) -> Iterator[str]:
    """Embeddings close with PDF and isolates with PDI, properly nested."""
    stack = []
    for char in t.text:
        if char in EMBEDDINGS or char in ISOLATES:
            stack.append(PDF if char in EMBEDDINGS else PDI)
        elif char in (PDF, PDI) and (not stack or stack.pop() != char):
            yield "closed"
            return
    if stack:
        yield "opened"


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(["ar", "zh", "en", "fr", "ru", "es"])
    return identifier


def _is_latin(char: str) -> bool:
    return char.isascii() or "LATIN" in unicodedata.name(char, "")


def language_of_text(t: Translation) -> Iterator[str]:
    """The text is in the target language: by its script, and for Latin script by py3langid."""
    text = PLACEHOLDER.sub("", unicodedata.normalize("NFC", t.text))
    letters = LETTER.findall(text)
    if len(letters) < 12:
        return
    script = t.language.script
    own = len(script.findall(text)) if script else sum(_is_latin(c) for c in letters)
    if own / len(letters) < 0.5:
        yield ""
        return
    if script is not None or len(text.split()) < 5:
        return
    found, probability = _identifier().classify(text)
    non_latin = {"ar", "zh", "ru"}
    if found != t.language.code and found not in non_latin and probability > 0.99:
        yield found


def length(t: Translation) -> Iterator[str]:
    if len(t.source) < 30:
        return
    low, high = t.language.length_ratio
    ratio = len(t.text) / len(t.source)
    if not low <= ratio <= high:
        yield f"{ratio:.1f}"


def glossary_terms(t: Translation) -> Iterator[str]:
    for rule in t.glossary:
        if rule.source.search(t.source) and not rule.target.search(t.text):
            yield rule.term


def punctuation(t: Translation) -> Iterator[str]:
    text = PLACEHOLDER.sub("", t.text)
    found = next((m for rule in t.language.punctuation if (m := re.search(rule, text))), None)
    if found is not None:
        yield found.group(0).strip() or found.group(0)


def _numbers(text: str) -> Counter:
    digits = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)
    return Counter(n.lstrip("0") or "0" for n in NUMBER.findall(digits))


def numbers(t: Translation) -> Iterator[str]:
    if _numbers(t.source) != _numbers(t.text):
        yield ""


CHECKS = (
    Check("empty", True, _l("Empty"), empty, always(_l("The translation is empty.")), for_patterns=True),
    Check(
        "encoding",
        True,
        _l("Unreadable characters"),
        encoding,
        always(_l("The text contains characters that could not be read (shown as �).")),
        for_patterns=True,
    ),
    Check(
        "control",
        True,
        _l("Control characters"),
        control,
        always(_l("The text contains control characters: remove them.")),
        for_patterns=True,
    ),
    Check(
        "identical",
        True,
        _l("Unchanged English"),
        identical,
        always(_l("The translation is the English text unchanged.")),
    ),
    Check(
        "placeholders",
        True,
        _l("Placeholders"),
        placeholder_changes,
        lambda detail, language: _(
            "Keep the placeholders of the English exactly as they are: %(placeholders)s", placeholders=detail
        ),
    ),
    Check(
        "lines",
        True,
        _l("Line breaks"),
        line_breaks,
        lambda detail, language: _(
            "Keep the line breaks of the English: it has %(count)s lines.", count=detail
        ),
    ),
    Check(
        "markup",
        True,
        _l("Markup"),
        markup,
        always(_l("HTML and other markup cannot be used in a translation.")),
        for_patterns=True,
    ),
    Check(
        "bidi",
        True,
        _l("Direction marks"),
        bidi_controls,
        always(
            _l(
                "A bidirectional control character is opened without being closed, "
                "or closed without being opened."
            )
        ),
        for_patterns=True,
    ),
    Check(
        "language",
        True,
        _l("Language"),
        language_of_text,
        lambda detail, language: _(
            "The text does not look like %(language)s.", language=language_display_name(language)
        ),
    ),
    Check(
        "length",
        True,
        _l("Length"),
        length,
        always(
            _l(
                "The length is far from that of the English: "
                "check that all of the text, and only it, is translated."
            )
        ),
    ),
    Check(
        "glossary",
        False,
        _l("Glossary"),
        glossary_terms,
        lambda detail, language: _(
            "The glossary's translation of this term is not used: %(term)s", term=detail
        ),
    ),
    Check(
        "punctuation",
        False,
        _l("Punctuation"),
        punctuation,
        lambda detail, language: str(language.punctuation_rule),
    ),
    Check(
        "numbers", False, _l("Numbers"), numbers, always(_l("The numbers differ from those of the English."))
    ),
)

# The state of a catalog entry, for `flask translate check`: not rules of a text.
MISSING = Check(
    "missing", True, "Missing", None, always("Missing from the catalog: run `flask translate update`.")
)
OUTDATED = Check("outdated", True, "Outdated", None, always("Marked fuzzy: review it and remove the flag."))
UNTRANSLATED = Check("untranslated", True, "Untranslated", None, always("Not translated."))


def check(t: Translation) -> list[Finding]:
    """Every finding for a translation, errors first; an empty text has no other."""
    findings = []
    for each in CHECKS:
        if t.is_pattern and not each.for_patterns:
            continue
        findings += [Finding(each, detail) for detail in each.rule(t)]
        if each.id == "empty" and findings:
            return findings
    return sorted(findings, key=lambda f: not f.blocking)


def glossary_rules(document: Document, catalog: Catalog) -> tuple[GlossaryRule, ...]:
    """Each glossary term's English forms, and its approved forms in the catalog's language."""

    def text(item) -> str:
        return catalog.text_for(item.message_id, item.text).text

    return tuple(
        GlossaryRule(
            text(term.term),
            form_pattern(term.forms.text, "en"),
            form_pattern(text(term.forms), catalog.language.code),
        )
        for term in document.terms
    )


def check_entry(entry, text: str, catalog: Catalog, rules: tuple[GlossaryRule, ...]) -> list[Finding]:
    """The findings for a text proposed for one of a catalog's entries (rules: glossary_rules)."""
    is_pattern = entry.message_id.is_pattern
    translation = Translation(
        entry.source, text, catalog.language, entry.flags, () if is_pattern else rules, is_pattern
    )
    return check(translation)


def catalog_findings(catalog: Catalog, template: Catalog, document: Document) -> list[tuple[object, Finding]]:
    """Everything that keeps a catalog from being complete and correct, with the checks' warnings,
    each with the entry it is about."""
    found: list[tuple[object, Finding]] = []
    for expected in template:
        try:
            catalog.entry(expected.message_id)
        except KeyError:
            found.append((expected, Finding(MISSING)))
    rules = glossary_rules(document, catalog)
    for entry in catalog:
        if entry.status == "outdated":
            found.append((entry, Finding(OUTDATED)))
        elif entry.status == "untranslated":
            found.append((entry, Finding(UNTRANSLATED)))
        else:
            found += [(entry, finding) for finding in check_entry(entry, entry.text, catalog, rules)]
    return found
