"""The registry of the six UN languages, and how a request picks one."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from babel import Locale
from flask import has_request_context, request

COOKIE = "lang"


@dataclass(frozen=True)
class Language:
    """A language of the site: its URL code and the Babel locale behind it."""

    code: str
    locale: Locale = field(compare=False)

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


def _language(code: str, locale: str) -> Language:
    return Language(code, Locale.parse(locale))


# The UN order: Arabic, Chinese, English, French, Russian, Spanish.
LANGUAGES = (
    _language("ar", "ar"),
    _language("zh", "zh_Hans"),
    _language("en", "en"),
    _language("fr", "fr"),
    _language("ru", "ru"),
    _language("es", "es"),
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


def language_from_path(path: str) -> Language | None:
    """The language named by the first segment of a URL path, if any."""
    return BY_CODE.get(path.lstrip("/").split("/", 1)[0])


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


def current_language() -> Language:
    """The language of the page being served: from its URL, English otherwise (or outside a
    request: a command, a template compiled in advance)."""
    if not has_request_context():
        return SOURCE
    return language_from_path(request.path) or SOURCE


def select_locale() -> str:
    """Flask-Babel locale selector."""
    return current_language().catalog


def init_app(app):
    """Give every template the page's language and the registry."""

    @app.context_processor
    def languages():
        return {"language": current_language(), "languages": LANGUAGES, "source": SOURCE}


def sort_key(text: str) -> str:
    """Sort key for a list of terms in any of the six languages.

    Accents and case are ignored, and the Arabic article too; Han characters sort in Unicode
    order, which is radical-and-stroke order.
    """
    folded = unicodedata.normalize("NFD", text.casefold())
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    return folded.removeprefix("ال")
