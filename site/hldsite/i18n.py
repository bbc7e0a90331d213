"""The six UN languages: one registry of what the site knows about each, and how a request gets one.

The registry drives everything that differs by language: addresses, the switcher, negotiation,
text direction, the checks of a translation (its script, its punctuation, its length against
the English) and the readability targets of the plain-language edition.

A request's language is found once, from its address, by `pull_language` (Flask's URL value
preprocessor): everything else reads it from `current_language()`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from babel import Locale
from flask import abort, current_app, g, has_app_context, redirect, request, url_for
from flask_babel import Babel, refresh
from flask_babel import lazy_gettext as _l

from . import readability as r

COOKIE = "lang"
# How long the language chosen with the switcher is remembered for `/`.
REMEMBER_SECONDS = 365 * 24 * 3600
HAN = "\u3400-\u9fff"
ARABIC = "\u0600-\u06ff"


@dataclass(frozen=True)
class Language:
    """A language of the site: its URL code, the Babel locale behind it, and its facts."""

    code: str
    locale: Locale = field(compare=False)
    # Letters of its own script (None: Latin), for the check that a text is in the language.
    script: re.Pattern | None = field(default=None, compare=False, repr=False)
    # Its texts hold runs of Latin script (UNODC, H.E.) that must keep their direction.
    isolates_latin: bool = field(default=False, compare=False, repr=False)
    # How long a translation may be against the English, outside which it is surely not the text.
    length_ratio: tuple[float, float] = field(default=(0.33, 3.0), compare=False, repr=False)
    # Patterns that break the language's punctuation conventions, and the rule in words.
    punctuation: tuple[str, ...] = field(default=(), compare=False, repr=False)
    punctuation_rule: str = field(default="", compare=False, repr=False)
    # The readability targets of a plain text (the guide's), the main measure first.
    readability: tuple[r.Target, ...] = field(default=(), compare=False, repr=False)
    # Where the UN's editorial style follows another locale's conventions (lists, dates).
    conventions: Locale | None = field(default=None, compare=False, repr=False)

    @property
    def style(self) -> Locale:
        """The locale whose conventions the language's UN texts follow: lists, dates."""
        return self.conventions or self.locale

    @cached_property
    def tag(self) -> str:
        """BCP 47 tag for `lang` and `hreflang` (zh-Hans, never zh_Hans)."""
        return "-".join(filter(None, (self.locale.language, self.locale.script, self.locale.territory)))

    @cached_property
    def name(self) -> str:
        """The language's name in itself, capitalised as a menu item."""
        name = self.locale.get_language_name(self.locale)
        return name[:1].upper() + name[1:]

    @cached_property
    def direction(self) -> str:
        return self.locale.text_direction

    @cached_property
    def catalog(self) -> str:
        """Directory name of the language's gettext catalog."""
        return str(self.locale)


# The UN order: Arabic, Chinese, English, French, Russian, Spanish.
LANGUAGES = (
    Language(
        "ar",
        Locale.parse("ar"),
        script=re.compile("[\u0600-\u06ff\u0750-\u077f]"),
        isolates_latin=True,
        length_ratio=(0.3, 2.5),
        punctuation=(rf"[{ARABIC}]\s*[,;?]",),
        punctuation_rule=_l("Arabic punctuation: the Arabic comma ، semicolon ؛ and question mark ؟."),
        readability=(r.Target(_l("OSMAN index"), r.osman, 70), *r.SENTENCE_LENGTH),
    ),
    Language(
        "zh",
        Locale.parse("zh_Hans"),
        script=re.compile(f"[{HAN}]"),
        isolates_latin=True,
        length_ratio=(0.1, 1.2),
        punctuation=(
            rf"[{HAN}]\s+[{HAN}]",
            rf"[{HAN}][,.;:?!()]|[,;:?!()][{HAN}]",
            r"[\"]",
        ),
        punctuation_rule=_l(
            "Chinese punctuation: full-width marks next to Chinese characters, and no spaces between them."
        ),
        readability=(
            r.Target(_l("Chinese characters per sentence"), r.han_characters_per_sentence, 20, False),
            r.Target(_l("characters in the longest sentence"), r.longest_chinese_sentence, 35, False),
        ),
    ),
    Language(
        "en",
        Locale.parse("en"),
        # UN English writes "a, b and c", with no serial comma (CLDR's international English).
        conventions=Locale.parse("en_001"),
        readability=(
            r.Target(_l("Flesch reading ease"), r.flesch_reading_ease, 70),
            r.Target(_l("Flesch-Kincaid grade"), r.flesch_kincaid_grade, 6, False),
            *r.SENTENCE_LENGTH,
        ),
    ),
    Language(
        "fr",
        Locale.parse("fr"),
        punctuation=(
            r" [:;?!»]",
            r"« ",
            r"[^\s\u00a0\u202f\d][:;?!](\s|$)",
            r"[\"“”]",
        ),
        punctuation_rule=_l(
            "French punctuation: a non-breaking space before : ; ? ! and inside « », and no straight quotes."
        ),
        readability=(r.Target(_l("Kandel-Moles index"), r.kandel_moles, 70), *r.SENTENCE_LENGTH),
    ),
    Language(
        "ru",
        Locale.parse("ru"),
        script=re.compile("[\u0400-\u04ff]"),
        punctuation=(r"[\"“”]",),
        punctuation_rule=_l("Russian punctuation: quotation marks « » rather than English ones."),
        readability=(r.Target(_l("Oborneva index"), r.oborneva, 60), *r.SENTENCE_LENGTH),
    ),
    Language(
        "es",
        Locale.parse("es"),
        punctuation=(
            r"[\"]",
            # A question or an exclamation whose sentence has no opening ¿ or ¡ before it.
            r"(?:^|[.!?…]\s+)[^¿.!?…]*\?",
            r"(?:^|[.!?…]\s+)[^¡.!?…]*!",
        ),
        punctuation_rule=_l("Spanish punctuation: opening ¿ and ¡, and no straight quotation marks."),
        readability=(
            r.Target(_l("Fernández-Huerta index"), r.fernandez_huerta, 70),
            r.Target(_l("INFLESZ index"), r.szigriszt_pazos, 65),
            *r.SENTENCE_LENGTH,
        ),
    ),
)
BY_CODE = {language.code: language for language in LANGUAGES}
SOURCE = BY_CODE["en"]
TRANSLATED = tuple(language for language in LANGUAGES if language != SOURCE)

# Tags whose primary subtag is not our URL code but mean a language we serve.
ALIASES = {"cmn": "zh", "arb": "ar"}


def language_for_tag(tag: str) -> Language | None:
    """Map a BCP 47 or POSIX tag (zh-CN, zh_Hans, ar-EG, fr) to a served language."""
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    return BY_CODE.get(ALIASES.get(primary, primary))


def current_language() -> Language:
    """The language of the request being served (see pull_language); English outside one."""
    return g.get("language", SOURCE) if has_app_context() else SOURCE


def pull_language(endpoint: str | None, values: dict | None) -> None:
    """Find the request's language once, from its address, and keep it in `g.language`.

    A page's address names it (`/<lang>/...`), and the URL defaults put it back into every
    address the page builds. An address that matched no page has no values: its first segment
    decides, so that its error page speaks the language it asked for.
    """
    if values is None:
        code = request.path.lstrip("/").split("/", 1)[0]
        language = BY_CODE.get(code, SOURCE)
    elif "lang" in values:
        language = BY_CODE.get(values.pop("lang"))
    else:
        language = SOURCE  # the pages above the languages: /, the sitemap
    # A context may serve several requests (a command, a test): Flask-Babel forgets its locale.
    g.language = language or SOURCE
    refresh()
    if language is None:
        abort(404)


def add_language(endpoint: str, values: dict) -> None:
    """Give every address that takes a language the request's."""
    if "lang" not in values and endpoint in current_app.extensions["language_endpoints"]:
        values["lang"] = current_language().code


def language_endpoints(app) -> frozenset[str]:
    """The endpoints whose addresses name a language (once the blueprints are registered)."""
    return frozenset(rule.endpoint for rule in app.url_map.iter_rules() if "lang" in rule.arguments)


def remember_switch():
    """Links of the language switcher carry `?switch`: remember the choice, then show the clean URL."""
    if "switch" not in request.args or request.url_rule is None or "lang" not in request.url_rule.arguments:
        return None
    response = redirect(url_for(request.endpoint, **request.view_args), 303)
    response.set_cookie(
        COOKIE,
        current_language().code,
        max_age=REMEMBER_SECONDS,
        secure=request.is_secure,
        httponly=True,
        samesite="Lax",
    )
    return response


def negotiate() -> Language:
    """Choose a language for `/`: remembered choice, then Accept-Language, then English."""
    remembered = BY_CODE.get(request.cookies.get(COOKIE, ""))
    if remembered:
        return remembered
    # Werkzeug has already dropped malformed items and sorted the rest by quality.
    for tag, quality in request.accept_languages:
        language = language_for_tag(tag)
        if language and quality > 0:
            return language
    return SOURCE


def select_locale() -> str:
    """Flask-Babel's locale selector: the request's language."""
    return current_language().catalog


babel = Babel()


def init_app(app):
    """Find each request's language from its address; Flask-Babel follows it."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", SOURCE.catalog)
    babel.init_app(app, locale_selector=select_locale)
    app.url_value_preprocessor(pull_language)
    app.url_defaults(add_language)
    app.before_request(remember_switch)


def sort_key(text: str) -> str:
    """Sort key for a list of terms in any of the six languages.

    Accents and case are ignored, and the Arabic article too; Han characters sort in Unicode
    order, which is radical-and-stroke order.
    """
    folded = unicodedata.normalize("NFD", text.casefold())
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    return folded.removeprefix("ال")
