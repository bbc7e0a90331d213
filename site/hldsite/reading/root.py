"""Addresses above the languages: `/` chooses one, the sitemap lists them all."""

from flask import Blueprint, Response, redirect, render_template, url_for
from flask_babel import force_locale, gettext

from .. import i18n
from ..pages import reading_pages
from ..templating import NOT_OFFICIAL

bp = Blueprint("root", __name__)


@bp.get("/")
def index():
    """Send the reader to the summary in the language they most likely read."""
    response = redirect(url_for("reading.summary", lang=i18n.negotiate().code), 302)
    response.vary.update(("Accept-Language", "Cookie"))
    return response


@bp.get("/languages/")
def languages():
    """The summary in each of the six languages, for a reader who has not chosen one."""
    titles, notices = {}, {}
    for language in i18n.LANGUAGES:
        with force_locale(language.catalog):
            titles[language.code] = gettext("Round table 2: summary by the Co-Chair")
            notices[language.code] = str(NOT_OFFICIAL)
    return render_template("languages.html", titles=titles, notices=notices)


@bp.get("/sitemap.xml")
def sitemap():
    """Every reading page in each of its languages, each with its alternates."""
    pages = [
        [(language, page.url(language, _external=True)) for language in page.languages]
        for page in reading_pages()
    ]
    return Response(render_template("sitemap.xml", pages=pages), mimetype="application/xml")


@bp.get("/robots.txt")
def robots():
    text = f"User-agent: *\nAllow: /\nSitemap: {url_for('root.sitemap', _external=True)}\n"
    return Response(text, mimetype="text/plain")
