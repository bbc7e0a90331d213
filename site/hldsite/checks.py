"""The checks of a translation, each an object with its id, severity, name, rule and wording.

The gate (gate.py) runs them on every text that would reach a catalog, and `flask translate
check` on the catalogs as they are. Errors block a text; warnings are shown but do not; notices
inform (the reading level of a plain text). A check words what it found for the reader, in the
page's language (in English on the command line); the facts a rule needs about a language (its
script, punctuation, length, readability targets) are on the registry (i18n.py).

A check proves a text safe by doing with it what the site will do: an interface text is
rendered as markup and formatted with the English's own placeholders (`_()` in templates), so
its markup is compared with the English's and it is formatted here first.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from . import readability
from .content import Document, form_pattern
from .i18n import Language
from .message_ids import MessageId

if TYPE_CHECKING:
    from .catalogs import Catalog, Entry

# Flag on a message whose translation may equal the English (a name, a code).
ALLOW_IDENTICAL = "allow-identical"
ERROR, WARNING, NOTICE = "error", "warning", "notice"

PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[#0\- +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
NAMED_PLACEHOLDER = re.compile(r"%\((\w+)\)")
PERCENT = re.compile(r"%(?:\([^)]*\)?)?[#0\- +]*\d*(?:\.\d+)?.?", re.DOTALL)
MARKUP = re.compile(r"</?[A-Za-z][^<>]*>|<!--|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")
# Characters that make a text markup when the page inserts it as is (an interface text).
MARKUP_CHARACTERS = '<>&"'
EMBEDDINGS = "\u202a\u202b\u202d\u202e"  # LRE RLE LRO RLO, closed by PDF
ISOLATES = "\u2066\u2067\u2068"  # LRI RLI FSI, closed by PDI
PDF, PDI = "\u202c", "\u2069"
# Invisible characters a translation may need: direction marks, isolates and embeddings (kept
# balanced by the bidi check), and the joiners of Arabic script.
INVISIBLE_ALLOWED = set(
    "\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
INVISIBLE_CATEGORIES = {"Cf", "Zl", "Zp", "Co", "Cn", "Cs"}
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
class Reading:
    """A plain text's whole theme as published, and as it would read with the proposed text."""

    before: str
    after: str


@dataclass(frozen=True)
class Translation:
    """What a check looks at: the English, the proposed text, and what is known about them.

    `current` and `waiting` are given for a proposal (a suggestion, a reviewer's text): the text
    published now, and the texts already suggested and waiting for review.
    """

    source: str
    text: str
    language: Language
    flags: frozenset[str] = frozenset()
    glossary: tuple[GlossaryRule, ...] = ()
    message_id: MessageId = MessageId("summary", "text")
    current: str | None = None
    waiting: frozenset[str] = frozenset()
    reading: Reading | None = None

    @property
    def is_interface(self) -> bool:
        """A text of the site's interface: rendered as markup, and formatted."""
        return self.message_id.kind == "interface"


@dataclass(frozen=True)
class Check:
    """One check: its id, severity, name, rule and wording.

    The rule yields a detail for each problem it finds (the placeholders, the term...); the
    wording turns a detail into a sentence for the reader, in the page's language.
    """

    id: str
    severity: str
    name: str
    rule: Callable[[Translation], Iterator[object]] | None
    wording: Callable[[object, Language], str]
    # Glossary forms are match patterns (a|b*), not prose: only these checks apply to them.
    for_patterns: bool = False

    @property
    def blocking(self) -> bool:
        return self.severity == ERROR


@dataclass(frozen=True)
class Finding:
    """One problem a check found in a translation (or, for a notice, one fact about it)."""

    check: Check
    detail: object = ""

    @property
    def code(self) -> str:
        return self.check.id

    @property
    def blocking(self) -> bool:
        return self.check.blocking

    @property
    def severity(self) -> str:
        return self.check.severity

    def explain(self, language: Language) -> str:
        """The finding in a sentence, in the language of the page (English outside one)."""
        return self.check.wording(self.detail, language)


def placeholders(text: str) -> list[str]:
    """The printf-style placeholders of a message, sorted."""
    return sorted(PLACEHOLDER.findall(text))


def language_display_name(language: Language) -> str:
    """A language's name in the page's language ("arabe" on a French page)."""
    return language.locale.get_display_name(get_locale() or "en")


def always(text) -> Callable[[object, Language], str]:
    """A wording that is always the same sentence."""
    return lambda detail, language: str(text)


def character_names(characters) -> str:
    """Characters by their code point and Unicode name: "U+2028 LINE SEPARATOR"."""
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'UNASSIGNED')}" for c in dict.fromkeys(characters))


# Rules: each yields a detail per problem.


def empty(t: Translation) -> Iterator[object]:
    if not t.text.strip():
        yield ""


def encoding(t: Translation) -> Iterator[object]:
    if REPLACEMENT in t.text and REPLACEMENT not in t.source:
        yield ""


def control(t: Translation) -> Iterator[object]:
    if any(c in CONTROL and c not in t.source for c in t.text):
        yield ""


def is_invisible(char: str) -> bool:
    """A character that shows nothing and is not one a translation may need."""
    return unicodedata.category(char) in INVISIBLE_CATEGORIES and char not in INVISIBLE_ALLOWED


def invisible(t: Translation) -> Iterator[object]:
    """Separators (U+2028, U+2029), zero-width and format characters: unseen by a reviewer, and
    changed by tools (a line separator splits a line)."""
    found = [c for c in t.text if is_invisible(c) and c not in t.source]
    if found:
        yield character_names(found)


def unchanged(t: Translation) -> Iterator[object]:
    if t.current is not None and t.text == t.current:
        yield ""


def already_waiting(t: Translation) -> Iterator[object]:
    if t.text in t.waiting:
        yield ""


def identical(t: Translation) -> Iterator[object]:
    # One word or a code ("Sections", "migrant", "UNODC") may well be the same in both languages.
    is_phrase = len(WORD.findall(PLACEHOLDER.sub("", t.source))) >= 2
    if is_phrase and t.text.strip() == t.source.strip() and ALLOW_IDENTICAL not in t.flags:
        yield ""


def placeholder_changes(t: Translation) -> Iterator[object]:
    if placeholders(t.source) != placeholders(t.text):
        yield " ".join(placeholders(t.source))


def formatting(t: Translation) -> Iterator[object]:
    """An interface text is formatted with the English's placeholders, always (`_()` in a
    template): it must format, or every page that shows it fails."""
    if not t.is_interface:
        return
    values = {name: 1 for name in NAMED_PLACEHOLDER.findall(t.source)}  # 1 fits %s, %d and %f alike
    try:
        Markup(t.text) % values
    except (KeyError, ValueError, TypeError):
        allowed = {*PLACEHOLDER.findall(t.source), "%%"}
        stray = [m.group(0) for m in PERCENT.finditer(t.text) if m.group(0) not in allowed]
        yield " ".join(dict.fromkeys(stray or ["%"]))


def line_breaks(t: Translation) -> Iterator[object]:
    if t.text.count("\n") != t.source.count("\n"):
        yield str(t.source.count("\n") + 1)


class _Structure(HTMLParser):
    """The tags, attributes, references and comments of a piece of HTML, in order."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.parts: list[tuple] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.parts.append(("<", tag, tuple(sorted(name for name, _ in attrs))))

    def handle_endtag(self, tag):
        self.parts.append(("</", tag))

    def handle_entityref(self, name):
        self.parts.append(("&", name))

    def handle_charref(self, name):
        self.parts.append(("&#", name))

    def handle_comment(self, data):
        self.parts.append(("<!--",))

    def handle_decl(self, decl):
        self.parts.append(("<!",))

    def handle_pi(self, data):
        self.parts.append(("<?",))


def markup(t: Translation) -> Iterator[object]:
    """Markup: an interface text is inserted as it is (trusted markup), so it may carry only the
    markup its English carries; a content text is escaped, and markup has no place in it."""
    if not t.is_interface:
        if MARKUP.search(t.text) and not MARKUP.search(t.source):
            yield ""
        return
    extra = [c for c in MARKUP_CHARACTERS if t.text.count(c) > t.source.count(c)]
    if extra:
        yield " ".join(extra)
    elif _Structure(t.text).parts != _Structure(t.source).parts:
        yield "structure"


def bidi_controls(t: Translation) -> Iterator[object]:
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


def language_of_text(t: Translation) -> Iterator[object]:
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


def length(t: Translation) -> Iterator[object]:
    if len(t.source) < 30:
        return
    low, high = t.language.length_ratio
    ratio = len(t.text) / len(t.source)
    if not low <= ratio <= high:
        yield f"{ratio:.1f}"


def reading_targets(t: Translation) -> Iterator[object]:
    """A plain text must keep its theme at its language's readability targets."""
    if t.reading is None:
        return
    targets = t.language.readability
    before = readability.measure(t.reading.before, targets)
    after = readability.measure(t.reading.after, targets)
    for (target, was), (_target, now) in zip(before.scores, after.scores, strict=True):
        if not target.met_by(now):
            yield (target, was, now)


def reading_level(t: Translation) -> Iterator[object]:
    """The theme's reading level before and after, in words and figures, for a plain text."""
    if t.reading is None:
        return
    main = t.language.readability[:1]
    before = readability.measure(t.reading.before, main).score
    yield (main[0], before, readability.measure(t.reading.after, main).score)


def glossary_terms(t: Translation) -> Iterator[object]:
    for rule in t.glossary:
        if rule.source.search(t.source) and not rule.target.search(t.text):
            yield rule.term


def punctuation(t: Translation) -> Iterator[object]:
    text = PLACEHOLDER.sub("", t.text)
    found = next((m for rule in t.language.punctuation if (m := re.search(rule, text))), None)
    if found is not None:
        yield found.group(0).strip() or found.group(0)


def _numbers(text: str) -> Counter:
    digits = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)
    return Counter(n.lstrip("0") or "0" for n in NUMBER.findall(digits))


def numbers(t: Translation) -> Iterator[object]:
    if _numbers(t.source) != _numbers(t.text):
        yield ""


# Wordings that need more than a sentence.


def figure(value: float) -> str:
    return format_decimal(round(value, 1), "0.0")


def reading_wording(detail, language: Language) -> str:
    target, was, now = detail
    values = {
        "measure": str(target.name),
        "after": figure(now),
        "before": figure(was),
        "target": figure(target.bound),
    }
    if target.higher_is_easier:
        return _(
            "With this text, the plain text of the theme would miss a reading target: %(measure)s "
            "%(after)s (now %(before)s), where plain language needs %(target)s or more. Use shorter "
            "sentences and more common words.",
            **values,
        )
    return _(
        "With this text, the plain text of the theme would miss a reading target: %(measure)s "
        "%(after)s (now %(before)s), where plain language needs %(target)s or fewer. Use shorter "
        "sentences and more common words.",
        **values,
    )


def level_wording(detail, language: Language) -> str:
    target, was, now = detail
    return _(
        "Reading level of the theme: %(before_band)s now (%(measure)s %(before)s), %(after_band)s "
        "with this text (%(after)s).",
        before_band=readability.band(target, was),
        measure=str(target.name),
        before=figure(was),
        after_band=readability.band(target, now),
        after=figure(now),
    )


def markup_wording(detail, language: Language) -> str:
    if not detail:
        return str(_l("HTML and other markup cannot be used in a translation."))
    if detail == "structure":
        return _("Keep the markup of the English exactly as it is, with no other tags or attributes.")
    return _(
        "A text of the site cannot contain these characters: %(characters)s (the page would read them "
        "as code). Use the quotation marks of your language instead of straight ones, and words "
        "instead of the other signs.",
        characters=detail,
    )


CHECKS = (
    Check("empty", ERROR, _l("Empty"), empty, always(_l("The translation is empty.")), for_patterns=True),
    Check(
        "encoding",
        ERROR,
        _l("Unreadable characters"),
        encoding,
        always(_l("The text contains characters that could not be read (shown as �).")),
        for_patterns=True,
    ),
    Check(
        "control",
        ERROR,
        _l("Control characters"),
        control,
        always(_l("The text contains control characters: remove them.")),
        for_patterns=True,
    ),
    Check(
        "invisible",
        ERROR,
        _l("Invisible characters"),
        invisible,
        lambda detail, language: _(
            "The text contains characters that cannot be seen: %(characters)s. Remove them; "
            "a new line is written as a line break.",
            characters=detail,
        ),
        for_patterns=True,
    ),
    Check(
        "unchanged",
        ERROR,
        _l("Unchanged"),
        unchanged,
        always(_l("This is the translation already published. Change it to suggest a better one.")),
        for_patterns=True,
    ),
    Check(
        "waiting",
        ERROR,
        _l("Already suggested"),
        already_waiting,
        always(
            _l("The same suggestion is already waiting for a reviewer: thank you, it need not be sent again.")
        ),
        for_patterns=True,
    ),
    Check(
        "identical",
        ERROR,
        _l("Unchanged English"),
        identical,
        always(_l("The translation is the English text unchanged.")),
    ),
    Check(
        "placeholders",
        ERROR,
        _l("Placeholders"),
        placeholder_changes,
        lambda detail, language: _(
            "Keep the placeholders of the English exactly as they are: %(placeholders)s", placeholders=detail
        ),
    ),
    Check(
        "format",
        ERROR,
        _l("Percent signs"),
        formatting,
        lambda detail, language: _(
            "The site could not fill in this text: %(found)s. Keep the placeholders of the English as "
            "they are, and write a percent sign as %%%%.",
            found=detail,
        ),
    ),
    Check(
        "lines",
        ERROR,
        _l("Line breaks"),
        line_breaks,
        lambda detail, language: _(
            "Keep the line breaks of the English: it has %(count)s lines.", count=detail
        ),
    ),
    Check("markup", ERROR, _l("Markup"), markup, markup_wording, for_patterns=True),
    Check(
        "bidi",
        ERROR,
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
        ERROR,
        _l("Language"),
        language_of_text,
        lambda detail, language: _(
            "The text does not look like %(language)s.", language=language_display_name(language)
        ),
    ),
    Check(
        "length",
        ERROR,
        _l("Length"),
        length,
        always(
            _l(
                "The length is far from that of the English: "
                "check that all of the text, and only it, is translated."
            )
        ),
    ),
    Check("readability", ERROR, _l("Reading level"), reading_targets, reading_wording),
    Check(
        "glossary",
        WARNING,
        _l("Glossary"),
        glossary_terms,
        lambda detail, language: _(
            "The glossary's translation of this term is not used: %(term)s", term=detail
        ),
    ),
    Check(
        "punctuation",
        WARNING,
        _l("Punctuation"),
        punctuation,
        lambda detail, language: str(language.punctuation_rule),
    ),
    Check(
        "numbers",
        WARNING,
        _l("Numbers"),
        numbers,
        always(_l("The numbers differ from those of the English.")),
    ),
    Check("reading-level", NOTICE, _l("Reading level"), reading_level, level_wording),
)

# The state of a catalog entry, for `flask translate check`: not rules of a text.
MISSING = Check(
    "missing", ERROR, "Missing", None, always("Missing from the catalog: run `flask translate update`.")
)
OUTDATED = Check("outdated", ERROR, "Outdated", None, always("Marked fuzzy: review it and remove the flag."))
UNTRANSLATED = Check("untranslated", ERROR, "Untranslated", None, always("Not translated."))
UNDATED = Check(
    "undated",
    ERROR,
    "Undated",
    None,
    always("No valid publication date: add the line `# published: YYYY-MM-DD` (the day, UTC) above it."),
)
SEVERITIES = {ERROR: 0, WARNING: 1, NOTICE: 2}
# What must hold of a text for the site to show it at all: the rest is a translator's concern.
RENDERING = frozenset({"encoding", "control", "invisible", "format", "markup", "bidi"})


def check(t: Translation, only: frozenset[str] | None = None) -> list[Finding]:
    """Every finding for a translation (or those of some checks), errors first; an empty text has
    no other."""
    findings = []
    for each in CHECKS:
        if (t.message_id.is_pattern and not each.for_patterns) or (only is not None and each.id not in only):
            continue
        findings += [Finding(each, detail) for detail in each.rule(t)]
        if each.id == "empty" and findings:
            return findings
    return sorted(findings, key=lambda f: SEVERITIES[f.severity])


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


def unsafe_to_show(entry: Entry, language: Language) -> list[Finding]:
    """What in an entry's text would break a page or hide from its reader: the rendering checks."""
    translation = Translation(entry.source, entry.text, language, entry.flags, message_id=entry.message_id)
    return check(translation, RENDERING)
