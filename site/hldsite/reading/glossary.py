"""The glossary: terms with plain definitions, and the abbreviations."""

from flask import Blueprint, render_template

from ..catalogs import current_catalogs
from ..content import current_document
from ..i18n import current_language, sort_key

bp = Blueprint("glossary", __name__, url_prefix="/<lang>")


@bp.get("/glossary/")
def glossary():
    catalog = current_catalogs()[current_language()]

    def text(item) -> str:
        return catalog.text_for(item.message_id, item.text).text

    document = current_document()
    terms = sorted(document.terms, key=lambda term: sort_key(text(term.term)))
    abbreviations = [a for a in document.abbreviations if text(a.short) != text(a.long)]
    return render_template("glossary.html", terms=terms, abbreviations=abbreviations)
