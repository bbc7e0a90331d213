"""Static assets under names that carry a hash of their content, so browsers may keep them a year."""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Blueprint, abort, current_app, send_from_directory, url_for

YEAR = 365 * 24 * 3600
DAY = 24 * 3600
bp = Blueprint("assets", __name__)


def hashed_names(directory: Path) -> dict[str, str]:
    """Each file of the static folder under its hashed name: style.css -> style.1a2b3c4d5e.css."""
    names = {}
    for path in sorted(directory.iterdir()):
        if path.is_file():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
            names[path.name] = f"{path.stem}.{digest}{path.suffix}"
    return names


def asset_url(name: str) -> str:
    """The address of a static file under its hashed name."""
    return url_for("assets.asset", hashed=current_app.extensions["assets"][name])


@bp.get("/assets/<hashed>")
def asset(hashed: str):
    """A file by its hashed name; an old hash is not found, so a stale page cannot get new CSS."""
    originals = {h: name for name, h in current_app.extensions["assets"].items()}
    if hashed not in originals:
        abort(404)
    response = send_from_directory(current_app.static_folder, originals[hashed], max_age=YEAR)
    response.cache_control.immutable = True
    response.cache_control.public = True
    return response


@bp.get("/favicon.ico")
def favicon():
    """The icon browsers ask for at the root whatever the page says; kept a day, then revalidated."""
    return send_from_directory(
        current_app.static_folder, "favicon.ico", mimetype="image/vnd.microsoft.icon", max_age=DAY
    )


def init_app(app):
    app.extensions["assets"] = hashed_names(Path(app.static_folder))
    app.register_blueprint(bp)
