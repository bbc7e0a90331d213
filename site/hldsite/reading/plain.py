"""The plain-language edition: one theme at a time, or all in one read, with reading levels."""

from dataclasses import dataclass

from flask import Blueprint, render_template
from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l

from .. import readability
from ..catalogs import current_catalogs
from ..content import current_document
from ..i18n import Language, current_language
from .summary import theme_context

bp = Blueprint("plain", __name__, url_prefix="/<lang>")


@dataclass(frozen=True)
class Level:
    """A reading level as a reader is told it."""

    band: str
    measure: str
    score: str
    explanation: str


def level(text: str, language: Language) -> Level:
    """The reading level of a text, by its language's main measure (remembered per catalog version)."""
    memo = current_catalogs().memo("reading-levels")
    key = (language.code, text)
    if key not in memo:
        memo[key] = readability.measure(text, language.readability[:1]).score
    score = memo[key]
    target = language.readability[0]
    if target.higher_is_easier:
        explanation = _l(
            "On this scale a higher score means an easier text; plain language scores %(target)s or more.",
            target=target.bound,
        )
    else:
        explanation = _l(
            "Fewer characters per sentence mean an easier text; plain language has %(target)s or fewer.",
            target=target.bound,
        )
    return Level(
        readability.band(target, score),
        str(target.name),
        format_decimal(round(score, 1), "0.0"),
        str(explanation),
    )


def text_of(items) -> str:
    """Content items in the page's language, one per line, as the catalog's rule gives them."""
    catalog = current_catalogs()[current_language()]
    return "\n".join(catalog.text_for(item.message_id, item.text).text for item in items)


def messages(blocks) -> list:
    return [message for block in blocks for message in block.messages]


@bp.get("/plain/")
def edition():
    document = current_document()
    blocks = document.intro + tuple(block for theme in document.themes for block in theme.plain)
    return render_template(
        "plain_edition.html",
        themes=document.themes,
        level=level(text_of(messages(blocks)), current_language()),
    )


@bp.get("/themes/<slug>/plain/")
def theme(slug):
    context = theme_context(slug)
    language = current_language()
    return render_template(
        "plain_theme.html",
        plain_level=level(text_of(messages(context["theme"].plain)), language),
        original_level=level(text_of(context["theme"].paragraphs), language),
        **context,
    )
