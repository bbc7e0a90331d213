"""Two languages side by side, paragraph by paragraph, aligned by message id."""

from flask import Blueprint, abort, render_template, url_for

from .. import i18n

bp = Blueprint("compare", __name__, url_prefix="/<lang>")


def other_language(code: str) -> i18n.Language:
    """The second language of a comparison: a served language other than the page's."""
    other = i18n.BY_CODE.get(code)
    if other is None or other == i18n.current_language():
        abort(404)
    return other


@bp.get("/compare/")
def index():
    others = [other for other in i18n.LANGUAGES if other != i18n.current_language()]
    return render_template(
        "compare_index.html",
        summaries=[(other, url_for(".summary", other=other.code)) for other in others],
        plain_editions=[(other, url_for(".plain", other=other.code)) for other in others],
    )


@bp.get("/compare/<other>/")
def summary(other):
    return render_template("compare_summary.html", other=other_language(other))


@bp.get("/plain/compare/<other>/")
def plain(other):
    return render_template("compare_plain.html", other=other_language(other))
