"""Reviewers signing in (Flask-Login), rate limits (Flask-Limiter) and safe redirects."""

from __future__ import annotations

import hmac
from datetime import timedelta
from urllib.parse import urlsplit

from flask import redirect, request, url_for
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager

from ..db import db
from ..models import Reviewer

login_manager = LoginManager()
# Limits come from the configuration (SUGGESTION_RATE_LIMIT, LOGIN_RATE_LIMIT); memory by
# default, any `limits` storage (redis://, memcached://) when several servers share them.
limiter = Limiter(get_remote_address)


@limiter.request_filter
def outside_the_contribution_half() -> bool:
    """Only the contribution half's forms have limits: the reading half is not checked at all."""
    return request.blueprint not in ("contribute", "offline", "review")


def init_app(app):
    app.config.setdefault("SUGGESTION_RATE_LIMIT", "10 per minute; 100 per day")
    app.config.setdefault("LOGIN_RATE_LIMIT", "5 per minute; 50 per day")
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    # Flask's defaults hold these keys with None, so setdefault would not set them.
    app.config["SESSION_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config.setdefault("REMEMBER_COOKIE_SAMESITE", "Lax")
    # A session (a reviewer's sign-in, a form's token) lasts a working day, not Flask's 31 days.
    if app.config["PERMANENT_SESSION_LIFETIME"] == timedelta(days=31):
        app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=12)
    limiter.init_app(app)
    # Templates get the lazy `current_user` (templating.py) rather than a user loaded for every page.
    login_manager.init_app(app, add_context_processor=False)
    login_manager.session_protection = "strong"


@login_manager.user_loader
def load_reviewer(session_id: str) -> Reviewer | None:
    """The reviewer of a session, if the session is still theirs (see Reviewer.get_id)."""
    reviewer_id, _, token = session_id.partition(":")
    if not reviewer_id.isdigit() or len(reviewer_id) > 10 or not token:
        return None
    reviewer = db.session.get(Reviewer, int(reviewer_id))
    if reviewer is None or not hmac.compare_digest(reviewer.session_token, token):
        return None
    return reviewer


@login_manager.unauthorized_handler
def sign_in_first():
    """Send to the sign-in page of the same language, coming back here afterwards."""
    return redirect(url_for("review.login", next=request.full_path.rstrip("?")), 303)


def safe_next(target: str | None, default: str) -> str:
    """A `next` address only if it stays on this site: a path, never another host."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    if any(ord(c) < 0x20 or c == "\\" for c in target):
        return default
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else default
