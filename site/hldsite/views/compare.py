"""Two languages side by side, paragraph by paragraph, aligned by message id."""

from flask import abort, render_template, url_for

from .. import i18n
from . import language_blueprint

bp = language_blueprint("compare", __name__)


def other_language(code: str) -> i18n.Language:
    """The second language of a comparison: a served language other than the page's."""
    other = i18n.BY_CODE.get(code)
    if other is None or other == i18n.current_language():
        abort(404)
    return other


@bp.app_template_filter()
def compare_link(other: i18n.Language, endpoint: str) -> tuple[i18n.Language, str]:
    """A second language and the comparison with it, for a list of language links."""
    return other, url_for(endpoint, other=other.code)


@bp.get("/compare/")
def index():
    return render_template("compare_index.html")


@bp.get("/compare/<other>/")
def summary(other):
    return render_template("compare_summary.html", other=other_language(other))


@bp.get("/plain/compare/<other>/")
def plain(other):
    return render_template("compare_plain.html", other=other_language(other))
