"""The contribution half: suggesting a translation, reviewing, publishing.

Only this half has sessions (a form's CSRF token, a reviewer's sign-in, a flashed confirmation):
its addresses are /<lang>/contribute/... and /<lang>/review/.... A request to any other address
gets no session at all, so the reading half never reads, sets or varies by a cookie.
"""

import re

from flask.sessions import SecureCookieSessionInterface

# The half's addresses: /<lang>/contribute/... and /<lang>/review/... (the blueprints' prefixes).
ADDRESSES = re.compile(r"/[^/]+/(?:contribute|review)(?:/|$)")


class ContributionSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, under the contribution half's addresses only."""

    def open_session(self, app, request):
        if not ADDRESSES.match(request.path):
            return None  # Flask's null session: empty, never saved, no Vary: Cookie.
        return super().open_session(app, request)


def init_app(app):
    # The views render with the site's templating, which names contribution texts (names.py).
    from . import auth, contribute, offline, review

    app.session_interface = ContributionSessions()
    auth.init_app(app)
    for module in (contribute, offline, review):
        app.register_blueprint(module.bp)
