"""The glossary: terms with plain definitions, and the abbreviations."""

from flask import render_template

from ..i18n import sort_key
from ..markup import translated
from . import document, language_blueprint

bp = language_blueprint("glossary", __name__)


@bp.get("/glossary/")
def glossary():
    terms = sorted(document().terms, key=lambda term: sort_key(translated(term.term)))
    abbreviations = [a for a in document().abbreviations if translated(a.short) != translated(a.long)]
    return render_template("glossary.html", terms=terms, abbreviations=abbreviations)
