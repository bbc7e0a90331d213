"""Reviewers signing in (Flask-Login), rate limits (Flask-Limiter) and safe redirects."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import redirect, request, url_for
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user
from flask_login.utils import _user_context_processor

from .db import db, ensure_schema
from .models import Reviewer

login_manager = LoginManager()
# Limits come from the configuration (SUGGESTION_RATE_LIMIT, LOGIN_RATE_LIMIT); memory by
# default, any `limits` storage (redis://, memcached://) when several servers share them.
limiter = Limiter(get_remote_address)
# The blueprints whose forms have limits.
LIMITED = ("contribute", "review")


def init_app(app):
    app.config.setdefault("SUGGESTION_RATE_LIMIT", "10 per minute; 100 per day")
    app.config.setdefault("LOGIN_RATE_LIMIT", "5 per minute; 50 per day")
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    # Flask's defaults hold these keys with None, so setdefault would not set them.
    app.config["SESSION_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config.setdefault("REMEMBER_COOKIE_SAMESITE", "Lax")
    limiter.init_app(app)
    # The limiter checks every request, adds its headers to every response and clears its state
    # after each; only these blueprints have limits, so reading pages are spared all three.
    for hooks in (app.before_request_funcs, app.after_request_funcs, app.teardown_request_funcs):
        limiter_hooks = [
            hook
            for hook in hooks[None]
            if getattr(hook, "__self__", None) is limiter or getattr(hook, "args", None) == (limiter,)
        ]
        for hook in limiter_hooks:
            hooks[None].remove(hook)
            for blueprint in LIMITED:
                hooks.setdefault(blueprint, []).append(hook)
    login_manager.init_app(app)
    login_manager.session_protection = "strong"
    # Flask-Login's context processor loads the user for every template, which reads the session
    # and makes every reading page vary by cookie (uncacheable). Templates get the lazy proxy.
    app.template_context_processors[None].remove(_user_context_processor)
    app.add_template_global(current_user, "current_user")
    # Likewise its after-request hook, which reads the session of every response for a
    # "remember me" cookie that this site never sets.
    app.after_request_funcs[None].remove(login_manager._update_remember_cookie)


@login_manager.user_loader
def load_reviewer(reviewer_id: str) -> Reviewer | None:
    ensure_schema()
    return db.session.get(Reviewer, int(reviewer_id)) if reviewer_id.isdigit() else None


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
