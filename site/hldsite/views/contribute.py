"""Contributing: each language's progress and messages, and a page per message to suggest a translation."""

from __future__ import annotations

from flask import abort, current_app, flash, get_flashed_messages, redirect, render_template, request, url_for

from .. import contributions, i18n
from ..auth import limiter
from ..contributions import blocking, findings, normalize
from ..db import db, ensure_schema
from ..forms import SuggestionForm
from ..messages import CatalogMessage, UnknownMessage
from ..models import Suggestion
from . import document, language_blueprint

bp = language_blueprint("contribute", __name__)

FILTERS = ("all", "untranslated", "outdated", "suggested")


@bp.before_request
def store():
    ensure_schema()


def translated_language() -> i18n.Language:
    """The language of the URL, which must have a catalog (English is the source)."""
    language = i18n.current_language()
    if language not in i18n.TRANSLATED:
        abort(404)
    return language


def message_or_404(language: i18n.Language, key: str) -> CatalogMessage:
    try:
        return contributions.catalog(language).get(key)
    except UnknownMessage:
        abort(404)


@bp.get("/contribute/")
def index():
    """A language's progress and the list of its messages; in English, every language's progress."""
    language = i18n.current_language()
    if language not in i18n.TRANSLATED:
        return overview()
    wanted = request.args.get("status", "all")
    if wanted not in FILTERS:
        abort(400)
    catalog = contributions.catalog(language)
    suggested = {key: n for (code, key), n in contributions.open_counts().items() if code == language.code}
    rows = [
        (message, suggested.get(message.key, 0))
        for message in catalog
        if wanted == "all" or (wanted == "suggested" and message.key in suggested) or message.status == wanted
    ]
    return render_template(
        "contribute_index.html",
        counts=catalog.counts(),
        open_count=sum(suggested.values()),
        rows=rows,
        wanted=wanted,
        filters=FILTERS,
    )


@bp.get("/contribute/languages/")
def overview():
    """Every language's progress on one page."""
    suggested = contributions.open_counts()
    progress = [
        (
            language,
            contributions.catalog(language).counts(),
            sum(n for (code, _), n in suggested.items() if code == language.code),
        )
        for language in i18n.TRANSLATED
    ]
    return render_template("contribute_overview.html", progress=progress)


def _too_many(limit):
    """Over the suggestion rate limit: the form again, with the text kept, and a 429."""
    ensure_schema()
    form = SuggestionForm()
    language = translated_language()
    message = message_or_404(language, request.view_args["key"])
    return current_app.make_response(
        (render_message_page(language, message, form, [], rate_limited=True), 429)
    )


@bp.route("/contribute/<key>/", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SUGGESTION_RATE_LIMIT"], methods=["POST"], on_breach=_too_many)
def message(key):
    """The contribution view: the message with its context, and the suggestion form."""
    language = translated_language()
    message = message_or_404(language, key)
    form = SuggestionForm()
    found = []
    status = 200
    if request.method == "POST":
        if form.validate():
            text = normalize(form.text.data or "")
            found = findings(document(), message, text, language)
            if not blocking(found):
                suggestion = contributions.suggest(
                    language,
                    message,
                    text,
                    normalize(form.note.data or ""),
                    normalize(form.author.data or ""),
                )
                flash(suggestion.id, "saved")
                return redirect(url_for(".message", key=key, _anchor="status"), 303)
        status = 400 if "csrf_token" in form.errors else 422
    return render_message_page(language, message, form, found), status


def render_message_page(language, message, form, found, rate_limited=False):
    catalog = contributions.catalog(language)
    if request.method == "GET" and not form.text.data:
        form.text.data = message.text
    saved = [db.session.get(Suggestion, i) for i in get_flashed_messages(category_filter=["saved"])]
    saved = [s for s in saved if s is not None]
    saved_findings = [f for s in saved for f in findings(document(), message, s.text, language)]
    before, after = catalog.neighbours(message)
    others = [
        (other, contributions.catalog(other).get(message.key))
        for other in i18n.TRANSLATED
        if other != language
    ]
    return render_template(
        "contribute_message.html",
        message=message,
        form=form,
        found=found,
        rate_limited=rate_limited,
        saved=saved,
        saved_findings=saved_findings,
        before=before,
        after=after,
        others=others,
        terms=contributions.glossary_hits(document(), message, language),
        suggestions=contributions.open_suggestions(language, message.key),
        history=contributions.history(language, message.key),
        where=page_of(message),
    )


def page_of(message: CatalogMessage) -> str | None:
    """Where a content message appears on the site, for "see it on its page"."""
    context = message.context or ""
    doc = document()
    if any(p.id == context for p in doc.paragraphs):
        return url_for("reading.summary", _anchor=context)
    if context.startswith("theme:"):
        return url_for("reading.theme", slug=context.removeprefix("theme:"))
    if context.startswith("plain:"):
        for theme in doc.themes:
            if any(m.context == context for block in theme.plain for m in block.messages):
                return url_for("plain.theme", slug=theme.slug)
        return url_for("plain.edition")
    if context.startswith(("glossary:", "abbr:")):
        return url_for("glossary.glossary")
    if context in doc.framing:
        return url_for("reading.summary")
    return None
