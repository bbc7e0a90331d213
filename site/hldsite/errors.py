"""Error pages in the reader's language that point to all six languages."""

from flask import render_template
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

TITLES = {
    400: _l("The request could not be understood"),
    404: _l("Page not found"),
    405: _l("This address cannot be used that way"),
    500: _l("Something went wrong"),
}
EXPLANATIONS = {
    400: _l("Your browser sent a request that this site cannot read."),
    404: _l(
        "There is no page at this address. "
        "Check the address, or start from the summary in one of these languages:"
    ),
    405: _l("The pages of this site can be read, but nothing can be sent to them."),
    500: _l("The page could not be shown. Please try again later."),
}


def init_app(app):
    """Answer every HTTP error with a page of the site."""
    app.register_error_handler(HTTPException, render_error)


def render_error(error: HTTPException):
    """Render an error page in the language of the URL, English otherwise."""
    status = error.code or 500
    # Codes without a text of their own get the general one of their class.
    known = status if status in TITLES else (500 if status >= 500 else 400)
    body = render_template("error.html", title=TITLES[known], explanation=EXPLANATIONS[known], is_error=True)
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    return body, status, headers
