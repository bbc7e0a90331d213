"""Built editions, kept under the key of their texts (source.key): a file is built again only
when a text it shows changed, and any number of processes may share the directory."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from flask import Flask, current_app

from . import Edition, epub, pdf
from .source import key, render

BUILDERS = {
    "epub": lambda app, source: epub.build(app, source),
    "pdf": lambda app, source: pdf.build(source),
}


class Built:
    """A file of an edition, as built: where it is, and the digest of its text (its ETag)."""

    def __init__(self, edition: Edition, path: Path, digest: str):
        self.edition = edition
        self.path = path
        self.digest = digest

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def directory(app: Flask) -> Path:
    return Path(app.config.get("EDITIONS_DIRECTORY") or Path(app.instance_path) / "editions")


def built(edition: Edition, app: Flask | None = None) -> Built:
    """An edition's file: the one built from the same text, else a new one."""
    app = app or current_app._get_current_object()
    digest = key(app, edition)
    path = directory(app) / digest[:2] / f"{digest}.{edition.format}"
    if not path.exists():
        data = BUILDERS[edition.format](app, render(app, edition))
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole, then renamed: a reader never sees half a file.
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
            tmp.write(data)
        os.chmod(tmp.name, 0o644)
        os.replace(tmp.name, path)
    return Built(edition, path, digest)
