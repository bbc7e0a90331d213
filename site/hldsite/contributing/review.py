"""Reviewing: sign in, a queue per language, accept (perhaps edited) or reject with a reason."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_number
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
from ..models import Change, Reviewer, Suggestion, check_unknown_password
from . import suggestions
from .auth import limiter, safe_next
from .contribute import translated_language
from .forms import BatchForm, DecisionForm, LoginForm, Problem, RevertForm, SignOutForm, field_problems
from .names import KINDS
from .queue import VERDICTS, BadFilter, Filters, matching_suggestions, queue_item
from .suggestions import AlreadyReviewed, ChangedMeanwhile, findings, normalize

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


def own_queue(reviewer: Reviewer) -> str:
    """Where a reviewer goes after signing in: this page's language's queue if they review it,
    else the queue of the first language they review."""
    codes = reviewer.language_codes
    here = i18n.current_language()
    if here.code in codes:
        return url_for(".queue")
    mine = [language for language in i18n.TRANSLATED if language.code in codes]
    return url_for(".queue", lang=mine[0].code) if mine else url_for("contribute.index")


@bp.route("/sign-in/", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login():
    form = LoginForm()
    target = safe_next(request.args.get("next"), "")
    failed = False
    if form.validate_on_submit():
        reviewer = db.session.scalar(select(Reviewer).where(Reviewer.name == form.name.data.strip()))
        # An unknown name costs the same hashing as a known one: no name can be found by timing.
        if reviewer is None:
            check_unknown_password(form.password.data)
        elif reviewer.check_password(form.password.data):
            login_user(reviewer)
            return redirect(target or own_queue(reviewer), 303)
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
    """The queue of a language the reviewer reviews; for another language, where theirs are."""
    language = translated_language()
    if not current_user.may_review(language.code):
        own = [other for other in i18n.TRANSLATED if current_user.may_review(other.code)]
        return render_template("review_elsewhere.html", own_languages=own), 403
    return render_queue(language, {})


def render_queue(
    language,
    forms: dict[int, DecisionForm],
    problems: dict[int, list[Problem]] | None = None,
    batch: BatchForm | None = None,
    batch_problems: list[Problem] | None = None,
    selected: list[Suggestion] = (),
):
    """The queue as the query string filters it, with the forms (and problems) of a failed decision."""
    try:
        filters = Filters.from_args(request.args)
    except BadFilter:
        abort(400)
    catalog = current_catalogs()[language]
    matching = matching_suggestions(catalog, current_document(), filters)
    # The oldest first, a page at a time: each decision brings the next one up.
    shown = matching[:QUEUE_PAGE]
    for suggestion_id in forms:
        if suggestion_id not in {item.suggestion.id for item in shown}:
            shown.append(queue_item(db.session.get(Suggestion, suggestion_id), catalog, current_document()))
    items = [
        (
            item.suggestion,
            item.message,
            forms.get(item.suggestion.id) or DecisionForm(formdata=None, text=item.suggestion.text),
            item.checked,
            (problems or {}).get(item.suggestion.id, []),
        )
        for item in shown
    ]
    return render_template(
        "review_queue.html",
        items=items,
        matching=len(matching),
        waiting=len(suggestions.open_suggestions(language)),
        filters=filters,
        held=suggestions.held_back(language, catalog, current_document()),
        sign_out=SignOutForm(),
        batch=batch or BatchForm(formdata=None),
        batch_problems=batch_problems or [],
        batch_selected={s.id for s in selected},
        own_languages=[other for other in i18n.TRANSLATED if current_user.may_review(other.code)],
        queue_verdicts=VERDICTS,
        text_kinds=KINDS,
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
                problems.append(
                    Problem(
                        _("Give a reason for rejecting, so that the contributor can learn from it."), "reason"
                    )
                )
            else:
                text = normalize(form.text.data or "")
                catalog = current_catalogs()[language]
                message = catalog.entry(MessageId.parse(suggestion.key))
                found = findings(current_document(), message, text, catalog, proposal=False)
                if not blocking(found):
                    suggestions.accept(suggestion, current_user, text, language)
                    flash(_("Accepted: the new translation is on the site."), "done")
                    return redirect(url_for(".queue"), 303)
                problems.extend(Problem(f, "text") for f in found if f.blocking)
        except AlreadyReviewed:
            flash(_("Another reviewer has already decided on this suggestion."), "notice")
            return redirect(url_for(".queue"), 303)
        except gate.Refused as refused:  # the catalog changed meanwhile, and the text no longer passes
            problems.extend(Problem(f, "text") for f in refused.findings)
        except UnknownMessage:
            problems.append(Problem(_("This message is no longer in the catalog: reject the suggestion.")))
        except (OSError, CatalogError):
            current_app.logger.exception("Cannot write the %s catalog", language.catalog)
            problems.append(
                Problem(_("The catalog could not be written, so nothing was published. Try again later."))
            )
            status = 503
    else:
        problems = field_problems(form)
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


@bp.post("/revert/<int(max=2147483647):change_id>/")
@login_required
def revert(change_id: int):
    """Publish again the text a change replaced, through the gate; back to the text's history."""
    language = reviewed_language()
    change = db.session.get(Change, change_id)
    if change is None or change.language != language.code:
        abort(404)
    form = RevertForm()
    if not form.validate():
        flash(_("The form has expired. Check the history and try again."), "notice")
    else:
        try:
            suggestions.revert(change, current_user, language, form.expected.data)
            flash(_("The earlier text is published again."), "done")
        except ChangedMeanwhile:
            flash(_("The text changed since you opened this page, so nothing was published."), "notice")
        except gate.Refused as refused:
            for finding in refused.findings:
                flash(finding.explain(language), "notice")
        except UnknownMessage:
            flash(_("This message is no longer in the catalog."), "notice")
        except (OSError, CatalogError):
            current_app.logger.exception("Cannot write the %s catalog", language.catalog)
            flash(_("The catalog could not be written, so nothing was published. Try again later."), "notice")
    return redirect(url_for("contribute.message", key=change.key, _anchor="history"), 303)


@bp.post("/batch/")
@login_required
def batch():
    """Accept or reject several suggestions at once; each accept passes the gate on its own."""
    language = reviewed_language()
    form = BatchForm()
    problems = field_problems(form)
    ids = [int(value) for value in request.form.getlist("ids") if value.isdigit() and len(value) <= 10]
    chosen = [
        s for s in map(lambda i: db.session.get(Suggestion, i), ids) if s and s.language == language.code
    ]
    reason = normalize(form.reason.data or "")
    if not problems and not chosen:
        problems.append(Problem(_("Select at least one suggestion."), "ids"))
    if not problems and form.reject.data and not reason:
        problems.append(
            Problem(_("Give a reason for rejecting, so that the contributor can learn from it."), "reason")
        )
    if problems:
        status = 400 if "csrf_token" in form.errors else 422
        return render_queue(language, {}, batch=form, batch_problems=problems, selected=chosen), status
    done, refused, decided = suggestions.decide_all(
        chosen, current_user, language, reason if form.reject.data else None
    )
    if done:
        flash(_("Suggestions decided: %(count)s.", count=format_number(len(done))), "done")
    for suggestion, found in refused:
        flash(
            _(
                "Not published, because the checks refuse it: suggestion %(id)s. %(why)s",
                id=format_number(suggestion.id),
                why=" ".join(f.explain(language) for f in found),
            ),
            "notice",
        )
    if decided:
        flash(
            _("Already decided by another reviewer: %(count)s.", count=format_number(len(decided))), "notice"
        )
    return redirect(url_for(".queue"), 303)
