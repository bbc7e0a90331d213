"""The original text: the full summary, the list of themes, one theme."""

from flask import Blueprint, abort, render_template

from ..content import current_document

bp = Blueprint("reading", __name__, url_prefix="/<lang>")


@bp.get("/")
def summary():
    return render_template("summary.html")


@bp.get("/themes/")
def themes():
    return render_template("themes.html", themes=current_document().themes)


@bp.get("/themes/<slug>/")
def theme(slug):
    return render_template("theme.html", **theme_context(slug))


def theme_context(slug: str) -> dict:
    """A theme with its number and neighbours, or 404."""
    themes = current_document().themes
    current = current_document().theme(slug) or abort(404)
    index = themes.index(current)
    return {
        "theme": current,
        "number": index + 1,
        "count": len(themes),
        "previous": themes[index - 1] if index > 0 else None,
        "next": themes[index + 1] if index + 1 < len(themes) else None,
    }
