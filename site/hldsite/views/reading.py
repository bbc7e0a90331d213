"""The original text: the full summary, the list of themes, one theme."""

from flask import abort, render_template

from . import document, language_blueprint

bp = language_blueprint("reading", __name__)


@bp.get("/")
def summary():
    return render_template("summary.html")


@bp.get("/themes/")
def themes():
    return render_template("themes.html", themes=document().themes)


@bp.get("/themes/<slug>/")
def theme(slug):
    return render_template("theme.html", **theme_context(slug))


def theme_context(slug: str) -> dict:
    """A theme with its number and neighbours, or 404."""
    themes = document().themes
    current = document().theme(slug) or abort(404)
    index = themes.index(current)
    return {
        "theme": current,
        "number": index + 1,
        "count": len(themes),
        "previous": themes[index - 1] if index > 0 else None,
        "next": themes[index + 1] if index + 1 < len(themes) else None,
    }
