"""Error pages in the reader's language that point to all six languages."""

from flask import render_template
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

TITLES = {
    400: _l("The request could not be understood"),
    403: _l("This page is not open to you"),
    404: _l("Page not found"),
    405: _l("This address cannot be used that way"),
    413: _l("What you sent is too long"),
    429: _l("Too many attempts"),
    500: _l("Something went wrong"),
    503: _l("Not available for the moment"),
}
EXPLANATIONS = {
    400: _l("Your browser sent a request that this site cannot read."),
    404: _l(
        "There is no page at this address. "
        "Check the address, or start from the summary in one of these languages:"
    ),
    403: _l(
        "Reviewers can act only on the languages they review. "
        "Sign in with another account, or ask the site's maintainers."
    ),
    405: _l("This address does not accept what was sent to it."),
    413: _l("Shorten the text and send it again."),
    429: _l("Wait a minute, then try again."),
    500: _l("The page could not be shown. Please try again later."),
    # The only 503: the contribution store is behind (see db.py).
    503: _l(
        "The contribution pages are being updated. Reading the summary is not affected. Try again later."
    ),
}


def init_app(app):
    """Answer every HTTP error with a page of the site."""
    app.register_error_handler(HTTPException, render_error)


def render_error(error: HTTPException):
    """Render an error page in the language of the URL, English otherwise."""
    if error.response is not None:
        return error.response  # Already a page: the suggestion form kept after a rate limit.
    status = error.code or 500
    # Codes without a text of their own get the general one of their class.
    known = status if status in TITLES else (500 if status >= 500 else 400)
    body = render_template("error.html", title=TITLES[known], explanation=EXPLANATIONS[known], is_error=True)
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    return body, status, headers
