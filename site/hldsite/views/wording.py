"""How the contribution pages name things in the reader's language: messages, statuses, findings."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import i18n
from ..checks import Finding
from ..messages import CatalogMessage, paragraph_number

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
PUNCTUATION = {
    "fr": _l(
        "French punctuation: a non-breaking space before : ; ? ! and inside « », and no straight quotes."
    ),
    "es": _l("Spanish punctuation: opening ¿ and ¡, and no straight quotation marks."),
    "ru": _l("Russian punctuation: quotation marks « » rather than English ones."),
    "zh": _l("Chinese punctuation: full-width marks next to Chinese characters, and no spaces between them."),
    "ar": _l("Arabic punctuation: the Arabic comma ، semicolon ؛ and question mark ؟."),
}
FINDINGS = {
    "empty": _l("The translation is empty."),
    "identical": _l("The translation is the English text unchanged."),
    "markup": _l("HTML and other markup cannot be used in a translation."),
    "bidi": _l(
        "A bidirectional control character is opened without being closed, or closed without being opened."
    ),
    "length": _l(
        "The length is far from that of the English: check that all of the text, and only it, is translated."
    ),
    "encoding": _l("The text contains characters that could not be read (shown as �)."),
    "control": _l("The text contains control characters: remove them."),
    "numbers": _l("The numbers differ from those of the English."),
}


def message_label(message: CatalogMessage) -> str:
    """A message's name: "Paragraph 7", "Theme heading", "Text of the site"..."""
    number = paragraph_number(message.context)
    if number is not None:
        return _("Paragraph %(number)s", number=number)
    return str(KINDS[message.kind])


def finding_text(finding: Finding, language: i18n.Language) -> str:
    """A check's verdict in the reader's language."""
    if finding.code in FINDINGS:
        return str(FINDINGS[finding.code])
    if finding.code == "placeholders":
        return _(
            "Keep the placeholders of the English exactly as they are: %(placeholders)s",
            placeholders=finding.detail,
        )
    if finding.code == "lines":
        return _("Keep the line breaks of the English: it has %(count)s lines.", count=finding.detail)
    if finding.code == "language":
        return _("The text does not look like %(language)s.", language=language_display_name(language))
    if finding.code == "glossary":
        return _("The glossary's translation of this term is not used: %(term)s", term=finding.detail)
    if finding.code == "punctuation":
        return str(PUNCTUATION[language.code])
    return finding.description


def language_display_name(language: i18n.Language) -> str:
    """A language's name in the page's language ("arabe" on a French page)."""
    return language.locale.get_display_name(get_locale())
