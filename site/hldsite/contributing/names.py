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
KINDS = {
    "theme": _l("Theme heading"),
    "plain": _l("Plain-language passage"),
    "glossary": _l("Glossary entry"),
    "abbreviation": _l("Abbreviation"),
    "interface": _l("Text of the site"),
    "summary": _l("Heading or framing of the summary"),
}


def message_label(entry: Entry) -> str:
    """A text's name: "Paragraph 7", "Theme heading", "Text of the site"..."""
    number = entry.message_id.paragraph_number
    if number is not None:
        return _("Paragraph %(number)s", number=number)
    return str(KINDS[entry.message_id.kind])


def status_name(status: str) -> str:
    """A text's state in words: "Translated", "Not translated yet"..."""
    return str(STATUSES[status])
