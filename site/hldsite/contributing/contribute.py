"""Contributing: each language's progress and texts, and a page per text to suggest a translation."""

from __future__ import annotations

import re

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    get_flashed_messages,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from .. import i18n
from ..cache import never_store
from ..catalogs import Catalog, Entry, UnknownMessage, current_catalogs
from ..content import current_document
from ..db import db, require_store
from ..gate import blocking
from ..message_ids import MessageId
from ..models import Change, Suggestion
from . import memory, progress, suggestions
from .auth import limiter
from .forms import RevertForm, SuggestionForm, WithdrawForm
from .names import KINDS
from .suggestions import AlreadyReviewed, findings, normalize

bp = Blueprint("contribute", __name__, url_prefix="/<lang>/contribute")

bp.before_request(require_store)
bp.after_request(never_store)

FILTERS = ("all", "untranslated", "outdated", "suggested")
# A receipt's address: secrets.token_urlsafe(32), 43 characters of the URL-safe alphabet.
RECEIPT = re.compile(r"[A-Za-z0-9_-]{43}")


def translated_language() -> i18n.Language:
    """The language of the URL, which must have a catalog (English is the source)."""
    language = i18n.current_language()
    if language not in i18n.TRANSLATED:
        abort(404)
    return language


def entry_or_404(catalog: Catalog, key: str) -> Entry:
    """The entry an address names; 404 for a name that is not a text of the catalog."""
    try:
        return catalog.entry(MessageId.parse(key))
    except (ValueError, UnknownMessage):
        abort(404)


@bp.get("/")
def index():
    """A language's progress and the list of its texts; in English, every language's progress."""
    language = i18n.current_language()
    if language not in i18n.TRANSLATED:
        return overview()
    wanted = request.args.get("status", "all")
    kind = request.args.get("kind", "all")
    if wanted not in FILTERS or (kind != "all" and kind not in KINDS):
        abort(400)
    catalog = current_catalogs()[language]
    suggested = {key: n for (code, key), n in suggestions.open_counts().items() if code == language.code}
    rows = [
        (entry, suggested.get(str(entry.message_id), 0))
        for entry in catalog
        if (kind == "all" or entry.message_id.kind == kind)
        and (
            wanted == "all"
            or (wanted == "suggested" and str(entry.message_id) in suggested)
            or entry.status == wanted
        )
    ]
    return render_template(
        "contribute_index.html",
        language_progress=progress.measure(current_document(), catalog, set(suggested)),
        open_count=sum(suggested.values()),
        rows=rows,
        wanted=wanted,
        kind=kind,
        kinds=KINDS,
    )


@bp.get("/languages/")
def overview():
    """Every language's progress on one page."""
    waiting = {}
    for code, key in suggestions.open_counts():
        waiting.setdefault(code, set()).add(key)
    document = current_document()
    rows = [
        progress.Row(
            language,
            progress.measure(
                document, current_catalogs()[language], waiting.get(language.code, set())
            ).overall,
        )
        for language in i18n.TRANSLATED
    ]
    return render_template("contribute_overview.html", rows=rows)


def _too_many(limit):
    """Over the suggestion rate limit: the form again, with the text kept, and a 429."""
    form = SuggestionForm()
    language = translated_language()
    catalog = current_catalogs()[language]
    entry = entry_or_404(catalog, request.view_args["key"])
    return current_app.make_response((render_message_page(catalog, entry, form, [], rate_limited=True), 429))


@bp.route("/<key>/", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SUGGESTION_RATE_LIMIT"], methods=["POST"], on_breach=_too_many)
def message(key):
    """The contribution view: the text with its context, and the suggestion form."""
    language = translated_language()
    catalog = current_catalogs()[language]
    entry = entry_or_404(catalog, key)
    form = SuggestionForm()
    found = []
    status = 200
    if request.method == "POST":
        if form.validate():
            text = normalize(form.text.data or "")
            found = findings(current_document(), entry, text, catalog)
            if form.check.data:
                # The contributor asked for the verdicts only: nothing is stored.
                return render_message_page(catalog, entry, form, found, checked=True), 200
            if not blocking(found):
                suggestion = suggestions.suggest(
                    language,
                    entry,
                    text,
                    normalize(form.note.data or ""),
                    normalize(form.author.data or ""),
                )
                flash(suggestion.id, "saved")
                return redirect(url_for(".message", key=key, _anchor="status"), 303)
        status = 400 if "csrf_token" in form.errors else 422
    return render_message_page(catalog, entry, form, found), status


def render_message_page(catalog: Catalog, entry: Entry, form, found, rate_limited=False, checked=False):
    document = current_document()
    if request.method == "GET" and not form.text.data:
        form.text.data = entry.text
    saved = [db.session.get(Suggestion, i) for i in get_flashed_messages(category_filter=["saved"])]
    saved = [s for s in saved if s is not None]
    saved_findings = [f for s in saved for f in findings(document, entry, s.text, catalog, proposal=False)]
    before, after = catalog.neighbours(entry)
    others = [
        (other, current_catalogs()[other].entry(entry.message_id))
        for other in i18n.TRANSLATED
        if other != catalog.language
    ]
    place = document.place(entry.message_id)
    key = str(entry.message_id)
    reviewing = current_user.is_authenticated and current_user.may_review(catalog.language.code)
    revert_form = RevertForm(formdata=None, expected=suggestions.digest(entry.text)) if reviewing else None
    return render_template(
        "contribute_message.html",
        message=entry,
        form=form,
        found=found,
        checked=checked,
        rate_limited=rate_limited,
        saved=saved,
        saved_findings=saved_findings,
        before=before and (before, catalog.shown(before)),
        after=after and (after, catalog.shown(after)),
        others=others,
        terms=suggestions.glossary_hits(document, entry, catalog),
        memory=memory.similar(current_catalogs(), entry, catalog.language),
        suggestions=suggestions.open_suggestions(catalog.language, key),
        history=suggestions.history(catalog.language, key),
        revert_form=revert_form,
        where=place and url_for(place.endpoint, **place.values, _anchor=place.anchor),
    )


@bp.get("/contributors/")
def contributors():
    """Who wrote a language's published texts, by the names they gave."""
    language = translated_language()
    named, anonymous = suggestions.contributors(language)
    return render_template("contributors.html", named=named, anonymous=anonymous)


@bp.route("/receipt/<token>/", methods=["GET", "POST"])
def receipt(token):
    """A suggestion's receipt: its state and the reviewer's reason, and withdrawing it while it waits."""
    suggestion = suggestions.by_receipt(token) if RECEIPT.fullmatch(token) else None
    if suggestion is None or suggestion.language != i18n.current_language().code:
        abort(404)
    form = WithdrawForm()
    status = 200
    if request.method == "POST":
        if not form.validate():
            status = 400
        else:
            # The withdrawal itself checks, atomically, that the suggestion still waits.
            try:
                suggestions.withdraw(suggestion)
                flash("withdrawn", "receipt")
            except AlreadyReviewed:
                flash("decided", "receipt")
            return redirect(url_for(".receipt", token=token), 303)
    language = translated_language()
    catalog = current_catalogs()[language]
    try:
        entry = catalog.entry(MessageId.parse(suggestion.key))
    except (ValueError, UnknownMessage):
        entry = None  # the text left the catalog; the receipt still tells what happened
    published = db.session.scalar(db.select(Change).where(Change.suggestion_id == suggestion.id))
    response = current_app.make_response(
        (
            render_template(
                "receipt.html",
                suggestion=suggestion,
                message=entry,
                published=published,
                form=form,
                outcome=get_flashed_messages(category_filter=["receipt"]),
            ),
            status,
        )
    )
    # The address is the author's key: not sent on to other sites, not indexed.
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
