"""Checks of one translation: the same verdicts for a PO file and for a suggestion on the site.

Errors block a translation; warnings are shown but do not. Each finding has a stable code, so
that a page can word it in the reader's language, and an English description for the CLI.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from .i18n import Language

# Flag on a message whose translation may equal the English (a name, a code).
ALLOW_IDENTICAL = "allow-identical"

PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[#0\- +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
MARKUP = re.compile(r"</?[A-Za-z][^<>]*>|<!--|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")
EMBEDDINGS = "\u202a\u202b\u202d\u202e"  # LRE RLE LRO RLO, closed by PDF
ISOLATES = "\u2066\u2067\u2068"  # LRI RLI FSI, closed by PDI
PDF, PDI = "\u202c", "\u2069"
SCRIPTS = {
    "ar": re.compile("[\u0600-\u06ff\u0750-\u077f]"),
    "zh": re.compile("[\u3400-\u9fff]"),
    "ru": re.compile("[\u0400-\u04ff]"),
}
LETTER = re.compile(r"[^\W\d_]")
WORD = re.compile(r"[^\W\d_]+")
NUMBER = re.compile(r"\d+")
# Length of a translation against the English, outside which it is surely not the same text.
LENGTH_RATIO = {"zh": (0.1, 1.2), "ar": (0.3, 2.5)}
DEFAULT_LENGTH_RATIO = (0.33, 3.0)
HAN = "\u3400-\u9fff"
ARABIC = "\u0600-\u06ff"
# Each language's punctuation conventions, as (pattern that breaks them, what is wrong).
PUNCTUATION = {
    "fr": [
        (r" [:;?!»]", "an ordinary space before : ; ? ! or »: use a non-breaking space"),
        (r"« ", "an ordinary space after «: use a non-breaking space"),
        (r"[^\s\u00a0\u202f\d][:;?!](\s|$)", "no space before : ; ? !"),
        (r"[\"“”]", "English quotation marks: use « »"),
    ],
    "es": [(r"[\"]", "straight quotation marks")],
    "ru": [(r"[\"“”]", "English quotation marks: use «ёлочки»")],
    "zh": [
        (rf"[{HAN}]\s+[{HAN}]", "a space between Han characters"),
        (rf"[{HAN}][,.;:?!()]|[,;:?!()][{HAN}]", "half-width punctuation next to Han characters"),
        (r"[\"]", "straight quotation marks"),
    ],
    "ar": [(rf"[{ARABIC}]\s*[,;?]", "Latin , ; ? in Arabic text: use ، ؛ ؟")],
}


@dataclass(frozen=True)
class Finding:
    """One problem of a translation."""

    code: str
    description: str
    blocking: bool
    # What the page needs to word it: the term, the placeholders, the number of lines.
    detail: str = ""


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


def placeholders(text: str) -> list[str]:
    """The printf-style placeholders of a message, sorted."""
    return sorted(PLACEHOLDER.findall(text))


def error(code: str, description: str, detail: str = "") -> Finding:
    return Finding(code, description, True, detail)


def warning(code: str, description: str, detail: str = "") -> Finding:
    return Finding(code, description, False, detail)


def check(t: Translation) -> list[Finding]:
    """Every finding for a translation, errors first."""
    if not t.text.strip():
        return [error("empty", "the translation is empty")]
    findings = [f for rule in RULES for f in rule(t)]
    return sorted(findings, key=lambda f: not f.blocking)


# Errors


def identical(t: Translation) -> list[Finding]:
    # One word or a code ("Sections", "migrant", "UNODC") may well be the same in both languages.
    is_phrase = len(WORD.findall(PLACEHOLDER.sub("", t.source))) >= 2
    if is_phrase and t.text.strip() == t.source.strip() and ALLOW_IDENTICAL not in t.flags:
        return [error("identical", "the translation is the English text unchanged")]
    return []


def placeholder_changes(t: Translation) -> list[Finding]:
    expected, found = placeholders(t.source), placeholders(t.text)
    if expected == found:
        return []
    missing = sorted((Counter(expected) - Counter(found)).elements())
    extra = sorted((Counter(found) - Counter(expected)).elements())
    parts = ([f"missing {', '.join(missing)}"] if missing else []) + (
        [f"added {', '.join(extra)}"] if extra else []
    )
    description = f"placeholders differ from the English: {'; '.join(parts)}"
    return [error("placeholders", description, " ".join(expected))]


def line_breaks(t: Translation) -> list[Finding]:
    if t.text.count("\n") != t.source.count("\n"):
        lines = t.source.count("\n") + 1
        return [error("lines", f"the English has {lines} lines; keep the line breaks", str(lines))]
    return []


def markup(t: Translation) -> list[Finding]:
    if MARKUP.search(t.text) and not MARKUP.search(t.source):
        return [error("markup", "HTML or markup is not allowed in a translation")]
    return []


def bidi_controls(t: Translation) -> list[Finding]:
    """Embeddings close with PDF and isolates with PDI, properly nested."""
    stack = []
    for char in t.text:
        if char in EMBEDDINGS or char in ISOLATES:
            stack.append(PDF if char in EMBEDDINGS else PDI)
        elif char in (PDF, PDI) and (not stack or stack.pop() != char):
            return [error("bidi", "a bidirectional control character is closed without being opened")]
    if stack:
        return [error("bidi", "a bidirectional control character is opened and never closed")]
    return []


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(["ar", "zh", "en", "fr", "ru", "es"])
    return identifier


def language_of_text(t: Translation) -> list[Finding]:
    """The text is in the target language: by script for Arabic, Chinese, Russian, else by py3langid."""
    text = PLACEHOLDER.sub("", unicodedata.normalize("NFC", t.text))
    letters = LETTER.findall(text)
    if len(letters) < 12:
        return []
    code = t.language.code
    scripts = {lang: len(pattern.findall(text)) for lang, pattern in SCRIPTS.items()}
    own = scripts.get(code, len([c for c in letters if c.isascii() or "LATIN" in unicodedata.name(c, "")]))
    if own / len(letters) < 0.5:
        return [error("language", f"the text does not look like {t.language.locale.english_name}")]
    if code in SCRIPTS or len(text.split()) < 5:
        return []
    found, probability = _identifier().classify(text)
    if found != code and found not in SCRIPTS and probability > 0.99:
        return [error("language", f"the text looks like {found}, not {t.language.locale.english_name}")]
    return []


def length(t: Translation) -> list[Finding]:
    if len(t.source) < 30:
        return []
    low, high = LENGTH_RATIO.get(t.language.code, DEFAULT_LENGTH_RATIO)
    ratio = len(t.text) / len(t.source)
    if not low <= ratio <= high:
        return [error("length", f"the translation is {ratio:.1f} times as long as the English")]
    return []


# Warnings


def glossary_terms(t: Translation) -> list[Finding]:
    return [
        warning(
            "glossary", f"“{rule.term}” is in the English but its approved translation is not used", rule.term
        )
        for rule in t.glossary
        if rule.source.search(t.source) and not rule.target.search(t.text)
    ]


def punctuation(t: Translation) -> list[Finding]:
    text = PLACEHOLDER.sub("", t.text)
    findings = [
        warning("punctuation", why)
        for rule, why in PUNCTUATION.get(t.language.code, [])
        if re.search(rule, text)
    ]
    if t.language.code == "es" and (text.count("¿") != text.count("?") or text.count("¡") != text.count("!")):
        findings.append(warning("punctuation", "a question or exclamation without its opening ¿ or ¡"))
    return findings


def _numbers(text: str) -> Counter:
    digits = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)
    return Counter(n.lstrip("0") or "0" for n in NUMBER.findall(digits))


def numbers(t: Translation) -> list[Finding]:
    if _numbers(t.source) != _numbers(t.text):
        return [warning("numbers", "the numbers differ from those of the English")]
    return []


RULES = (
    identical,
    placeholder_changes,
    line_breaks,
    markup,
    bidi_controls,
    language_of_text,
    length,
    glossary_terms,
    punctuation,
    numbers,
)
