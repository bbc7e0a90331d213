"""How the contribution pages name a text and its state, in the reader's language."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..catalogs import Entry

STATUSES = {
    "translated": _l("Translated"),
    "outdated": _l("Outdated: the English has changed"),
    "untranslated": _l("Not translated yet"),
}
# What became of a suggestion, as its receipt and the review queue say it.
SUGGESTION_STATES = {
    "open": _l("Waiting for review"),
    "accepted": _l("Published"),
    "rejected": _l("Not published"),
    "withdrawn": _l("Withdrawn by its author"),
}
KINDS = {
    "theme": _l("Theme heading"),
    "plain": _l("Plain-language passage"),
    "glossary": _l("Glossary entry"),
    "abbreviation": _l("Abbreviation"),
    "interface": _l("Text of the site"),
    "summary": _l("Heading or framing of the summary"),
}
# The texts around the summary's paragraphs, by id (content/summary.toml's [framing]).
FRAMING = {
    "event": _l("Name of the conference"),
    "motto": _l("Slogan"),
    "venue-dates": _l("Place and dates"),
    "round-table": _l("Number of the round table"),
    "round-table-theme": _l("Theme of the round table"),
    "date-time": _l("Date and time"),
    "summary-by": _l("Byline"),
    "co-chair": _l("Name and title of the co-chair"),
    "salutation": _l("Salutation"),
    "closing": _l("Closing words"),
}


def message_label(entry: Entry) -> str:
    """A text's name: "Paragraph 7", "Salutation", "Theme heading", "Text of the site"..."""
    message_id = entry.message_id
    number = message_id.paragraph_number
    if number is not None:
        return _("Paragraph %(number)s", number=number)
    if message_id.kind == "summary" and message_id.id in FRAMING:
        return str(FRAMING[message_id.id])
    if message_id.kind == "theme" and message_id.part == "plain":
        return _("Plain-language heading of a theme")
    return str(KINDS[message_id.kind])


def framing_name(framing_id: str) -> str:
    """The name of a framing text of the summary: "Salutation", "Closing words"..."""
    return str(FRAMING[framing_id])


def status_name(status: str) -> str:
    """A text's state in words: "Translated", "Not translated yet"..."""
    return str(STATUSES[status])


def suggestion_state(status: str) -> str:
    """What became of a suggestion, in words: "Waiting for review", "Published"..."""
    return str(SUGGESTION_STATES[status])
