"""Translating offline, without an account: a language's texts as a PO file, and the file sent back.

The view only parses, calls round_trip (which judges every entry through the gate) and renders.
"""

from __future__ import annotations

from datetime import UTC, datetime

from babel.units import format_unit
from flask import Blueprint, Response, current_app, render_template, request, url_for
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired, FileSize
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms import StringField, SubmitField
from wtforms.validators import Length

from ..cache import never_store
from ..catalogs import current_catalogs
from ..content import current_document
from ..db import require_store
from ..i18n import current_language
from ..models import NAME_LENGTH
from . import round_trip
from .auth import limiter
from .contribute import translated_language
from .forms import TOO_LONG, Problem, field_problems, readable
from .suggestions import normalize

bp = Blueprint("offline", __name__, url_prefix="/<lang>/contribute/offline")

bp.before_request(require_store)
bp.after_request(never_store)

TOO_LARGE = _l("The file is larger than %(size)s. Send the file you downloaded here, translated.")
# FileSize takes its message as it is: the size is put in when the message is shown.
TOO_LARGE_FOR_FORM = LazyString(lambda: TOO_LARGE % {"size": megabytes(round_trip.MAX_BYTES)})
NOT_STORED = _l("Nothing was saved: the suggestions could not be stored. Send the file again later.")


class UploadForm(FlaskForm):
    """A translated PO file, and an optional name to credit."""

    class Meta:
        csrf_time_limit = None  # A translator may keep the page open while working on the file.

    file = FileField(
        _l("Your translated file"),
        validators=[
            FileRequired(_l("Choose the file to send.")),
            FileSize(round_trip.MAX_BYTES, message=TOO_LARGE_FOR_FORM),
        ],
    )
    author = StringField(
        _l("Your name (optional)"), validators=[Length(max=NAME_LENGTH, message=TOO_LONG), readable]
    )
    submit = SubmitField(_l("Send the file"))


def file_name() -> str:
    return f"{round_trip.PROJECT}-{translated_language().code}.po"


def megabytes(size: int) -> str:
    """A size in the page's language: "2 MB", "2 Mo", "2 МБ"."""
    return format_unit(size / 1_000_000, "digital-megabyte", length="short", locale=current_language().locale)


def download_size() -> str:
    """The size of the language's file, in words, for its link (worked out once per catalog version)."""
    sizes = current_catalogs().memo("offline-download-size")
    language = translated_language()
    if language.code not in sizes:
        sizes[language.code] = len(round_trip.download(current_catalogs()[language], datetime.now(UTC)))
    kilobytes = max(1, round(sizes[language.code] / 1000))
    return format_unit(kilobytes, "digital-kilobyte", length="short", locale=current_language().locale)


@bp.before_request
def room_for_a_file():
    # Room for the file and the form around it, where every other form has 64 KB (create_app).
    request.max_content_length = round_trip.MAX_BYTES + 64 * 1024
    # Werkzeug's multipart parser holds up to a chunk (64 KB) beyond what it has parsed, and counts
    # it against this limit: a file larger than one chunk needs more than the site's 64 KB.
    request.max_form_memory_size = 256 * 1024


@bp.get(f"/{round_trip.PROJECT}.po")
def download():
    """The language's texts as a PO file to translate offline."""
    catalog = current_catalogs()[translated_language()]
    return Response(
        round_trip.download(catalog, datetime.now(UTC)),
        mimetype=round_trip.MIMETYPE,
        headers={"Content-Disposition": f'attachment; filename="{file_name()}"'},
    )


@bp.route("/", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SUGGESTION_RATE_LIMIT"], methods=["POST"])
def index():
    """How to translate offline, the file to download, and the form to send it back."""
    language = translated_language()
    form = UploadForm()
    if request.method == "GET":
        return render_page(form, [])
    if not form.validate():
        return render_page(form, field_problems(form)), 400 if "csrf_token" in form.errors else 422
    try:
        po = round_trip.read_upload(form.file.data.read(), language)
    except round_trip.Unreadable as unreadable:
        return render_page(form, [Problem(str(unreadable.message), "file")]), 422
    catalog = current_catalogs()[language]
    report = round_trip.judge_file(catalog, current_document(), po)
    if not report.knows_the_site:
        problem = _l("The file has none of the texts of this site. Send the file you downloaded here.")
        return render_page(form, [Problem(str(problem), "file")]), 422
    try:
        report = round_trip.store(report, language, normalize(form.author.data or ""))
    except SQLAlchemyError:
        current_app.logger.exception("Cannot store the suggestions of a %s file", language.catalog)
        return render_page(form, [Problem(str(NOT_STORED), "file")]), 503
    return render_template("offline_report.html", report=report), 200 if report.accepted else 422


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error):
    """A file over the limit: the page again, saying so, rather than an error page."""
    problem = Problem(str(TOO_LARGE_FOR_FORM), "file")
    # The form is not read: its data is what was too large.
    return render_page(UploadForm(formdata=None), [problem]), 413


def render_page(form: UploadForm, problems: list[Problem]) -> str:
    return render_template(
        "offline.html",
        form=form,
        problems=problems,
        file_name=file_name(),
        size=download_size(),
        max_size=megabytes(round_trip.MAX_BYTES),
        download_url=url_for(".download"),
    )
