"""The floor of a Python server here: a Flask app that answers every GET with the same bytes.

Served by scripts/benchmark under the same gunicorn settings as the site, with the body of the
page being measured (BODY_FILE), so both send the same number of bytes.
"""

import os

from flask import Flask, Response

BODY = open(os.environ["BODY_FILE"], "rb").read()  # noqa: SIM115 - read once at start-up
app = Flask(__name__)


@app.get("/", defaults={"path": ""})
@app.get("/<path:path>")
def page(path):
    return Response(BODY, mimetype="text/html")
