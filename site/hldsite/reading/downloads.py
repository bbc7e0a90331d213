"""The editions to download: a page per language, and the files, built when their text changed."""

from flask import Blueprint, abort, render_template, send_file

from .. import i18n
from ..editions import KINDS, by_filename, editions_of
from ..editions.store import built

bp = Blueprint("downloads", __name__, url_prefix="/<lang>/downloads")
DAY = 24 * 3600


@bp.get("/")
def index():
    language = i18n.current_language()
    files = [built(edition) for edition in editions_of(language)]
    own = [f for f in files if f.edition.partner is None]
    pairs = [
        (other, [f for f in files if f.edition.partner == other])
        for other in i18n.LANGUAGES
        if other != language
    ]
    return render_template("downloads.html", own=own, pairs=pairs, kinds=KINDS)


@bp.get("/<filename>")
def file(filename):
    edition = by_filename(i18n.current_language(), filename) or abort(404)
    found = built(edition)
    # The same address always serves the newest text: checked with the server each time (ETag).
    response = send_file(
        found.path, mimetype=edition.media_type, download_name=filename, etag=found.digest, max_age=0
    )
    response.cache_control.public = True
    response.cache_control.no_cache = True
    return response
