"""The plain-language edition: one theme at a time, or all in one read, with reading levels."""

from dataclasses import dataclass
from functools import cache

from flask import render_template
from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l

from .. import i18n, readability
from ..markup import translated
from . import document, language_blueprint
from .reading import theme_context

bp = language_blueprint("plain", __name__)

MEASURE_NAMES = {
    "en": _l("Flesch reading ease"),
    "es": _l("Fernández-Huerta index"),
    "fr": _l("Kandel-Moles index"),
    "ru": _l("Oborneva index"),
    "ar": _l("OSMAN index"),
    "zh": _l("Chinese characters per sentence"),
}
# Bands of the 0-100 scales (higher is easier), and of characters per sentence (lower is easier).
BANDS = (
    (80, _l("very easy")),
    (70, _l("easy")),
    (60, _l("fairly easy")),
    (50, _l("fairly difficult")),
    (30, _l("difficult")),
)
CHARACTER_BANDS = (
    (15, _l("very easy")),
    (20, _l("easy")),
    (28, _l("fairly easy")),
    (40, _l("fairly difficult")),
    (60, _l("difficult")),
)
VERY_DIFFICULT = _l("very difficult")


@dataclass(frozen=True)
class Level:
    """A reading level as a reader is told it."""

    band: str
    measure: str
    score: str
    explanation: str


@cache
def _measure(text: str, code: str) -> readability.Reading:
    return readability.measure(text, code)


def level(text: str) -> Level:
    """The reading level of a text in the page's language."""
    code = i18n.current_language().code
    reading = _measure(text, code)
    target = readability.TARGETS[code]
    if reading.higher_is_easier:
        band = next((name for floor, name in BANDS if reading.score >= floor), VERY_DIFFICULT)
        explanation = _l(
            "On this scale a higher score means an easier text; plain language scores %(target)s or more.",
            target=target,
        )
    else:
        band = next((name for ceiling, name in CHARACTER_BANDS if reading.score <= ceiling), VERY_DIFFICULT)
        explanation = _l(
            "Fewer characters per sentence mean an easier text; plain language has %(target)s or fewer.",
            target=target,
        )
    return Level(
        str(band), str(MEASURE_NAMES[code]), format_decimal(round(reading.score, 1), "0.0"), str(explanation)
    )


def plain_text(blocks) -> str:
    return "\n".join(translated(message) for block in blocks for message in block.messages)


@bp.app_template_global()
def plain_level(theme) -> Level:
    return level(plain_text(theme.plain))


@bp.app_template_global()
def original_level(theme) -> Level:
    return level("\n".join(translated(p) for p in theme.paragraphs))


@bp.app_template_global()
def edition_level() -> Level:
    return level(plain_text(document().intro + tuple(b for t in document().themes for b in t.plain)))


@bp.get("/plain/")
def edition():
    return render_template("plain_edition.html", themes=document().themes)


@bp.get("/themes/<slug>/plain/")
def theme(slug):
    return render_template("plain_theme.html", **theme_context(slug))
