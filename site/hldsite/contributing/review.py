"""Reviewing: sign in, a queue per language, accept (perhaps edited) or reject with a reason."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from .. import gate, i18n
from ..cache import never_store
from ..catalogs import CatalogError, UnknownMessage, current_catalogs
from ..content import current_document
from ..db import db, require_store
from ..gate import blocking
from ..message_ids import MessageId
from ..models import Reviewer, Suggestion, check_unknown_password
from . import suggestions
from .auth import limiter, safe_next
from .contribute import translated_language
from .forms import DecisionForm, LoginForm, SignOutForm
from .suggestions import AlreadyReviewed, findings, normalize

bp = Blueprint("review", __name__, url_prefix="/<lang>/review")

bp.before_request(require_store)
bp.after_request(never_store)

QUEUE_PAGE = 20


def reviewed_language() -> i18n.Language:
    """The language of the URL, which the signed-in reviewer must be allowed to review."""
    language = translated_language()
    if not current_user.may_review(language.code):
        abort(403)
    return language


@bp.route("/sign-in/", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login():
    form = LoginForm()
    home = ".queue" if i18n.current_language() in i18n.TRANSLATED else "contribute.index"
    target = safe_next(request.args.get("next"), url_for(home))
    failed = False
    if form.validate_on_submit():
        reviewer = db.session.scalar(select(Reviewer).where(Reviewer.name == form.name.data.strip()))
        # An unknown name costs the same hashing as a known one: no name can be found by timing.
        if reviewer is None:
            check_unknown_password(form.password.data)
        elif reviewer.check_password(form.password.data):
            login_user(reviewer)
            return redirect(target, 303)
        failed = True
    status = 200 if request.method == "GET" else (401 if failed else 422)
    return render_template("review_login.html", form=form, failed=failed), status


@bp.post("/sign-out/")
def logout():
    form = SignOutForm()
    if form.validate_on_submit() and current_user.is_authenticated:
        # Every session of the reviewer ends, not only this one: a copied cookie stops working.
        current_user.end_sessions()
        db.session.commit()
        logout_user()
    return redirect(url_for("contribute.index"), 303)


@bp.get("/")
@login_required
def queue():
    language = reviewed_language()
    return render_queue(language, {})


def render_queue(language, forms: dict[int, DecisionForm], problems: dict[int, list] | None = None):
    catalog = current_catalogs()[language]
    waiting = suggestions.open_suggestions(language)
    # The oldest first, a page at a time: each decision brings the next one up.
    shown = waiting[:QUEUE_PAGE]
    for suggestion_id in forms:
        if suggestion_id not in {s.id for s in shown}:
            shown += [s for s in waiting if s.id == suggestion_id]
    held = suggestions.held_back(language, catalog, current_document())
    items = []
    for suggestion in shown:
        try:
            message = catalog.entry(MessageId.parse(suggestion.key))
        except (UnknownMessage, ValueError):
            message = None  # The text left the catalog: it can still be rejected.
        form = forms.get(suggestion.id) or DecisionForm(formdata=None, text=suggestion.text)
        checked = (
            gate.judge(message, suggestion.text, catalog, current_document(), proposal=True)
            if message
            else []
        )
        items.append((suggestion, message, form, checked, (problems or {}).get(suggestion.id, [])))
    return render_template(
        "review_queue.html", items=items, waiting=len(waiting), held=held, sign_out=SignOutForm()
    )


@bp.post("/<int(max=2147483647):suggestion_id>/")
@login_required
def decide(suggestion_id: int):
    language = reviewed_language()
    suggestion = db.session.get(Suggestion, suggestion_id)
    if suggestion is None or suggestion.language != language.code:
        abort(404)
    form = DecisionForm()
    problems = []
    status = 422
    if suggestion.status != "open":
        flash(_("Another reviewer has already decided on this suggestion."), "notice")
        return redirect(url_for(".queue"), 303)
    if form.validate():
        try:
            if form.reject.data:
                reason = normalize(form.reason.data or "")
                if reason:
                    suggestions.reject(suggestion, current_user, reason)
                    flash(_("Suggestion rejected."), "done")
                    return redirect(url_for(".queue"), 303)
                problems.append(_("Give a reason for rejecting, so that the contributor can learn from it."))
            else:
                text = normalize(form.text.data or "")
                catalog = current_catalogs()[language]
                message = catalog.entry(MessageId.parse(suggestion.key))
                found = findings(current_document(), message, text, catalog, proposal=False)
                if not blocking(found):
                    suggestions.accept(suggestion, current_user, text, language)
                    flash(_("Accepted: the new translation is on the site."), "done")
                    return redirect(url_for(".queue"), 303)
                problems.extend(f for f in found if f.blocking)
        except AlreadyReviewed:
            flash(_("Another reviewer has already decided on this suggestion."), "notice")
            return redirect(url_for(".queue"), 303)
        except gate.Refused as refused:  # the catalog changed meanwhile, and the text no longer passes
            problems.extend(refused.findings)
        except UnknownMessage:
            problems.append(_("This message is no longer in the catalog: reject the suggestion."))
        except (OSError, CatalogError):
            current_app.logger.exception("Cannot write the %s catalog", language.catalog)
            problems.append(_("The catalog could not be written, so nothing was published. Try again later."))
            status = 503
    elif "csrf_token" in form.errors:
        problems.append(_("The form has expired. Check the text and send it again."))
    else:
        problems.extend(str(error) for errors in form.errors.values() for error in errors)
    if "csrf_token" in form.errors:
        status = 400
    return render_queue(language, {suggestion.id: form}, {suggestion.id: problems}), status


@bp.get("/suggestions.po")
@login_required
def export():
    """The open suggestions of a language, as a PO file to review offline."""
    language = reviewed_language()
    return Response(
        suggestions.export_po(language),
        mimetype="text/x-gettext-translation",
        headers={"Content-Disposition": f'attachment; filename="suggestions-{language.code}.po"'},
    )
