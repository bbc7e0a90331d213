"""The reading site as static files, for any static host or CDN (`flask export DIR`).

Each page is fetched from the application itself, one request each through the test client,
so every file is byte for byte what the running site serves, in its own language (each
request has its own context: Flask-Babel's locale cannot leak from one page to the next).
"""

from __future__ import annotations

import gzip
import multiprocessing
import os
import shutil
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import brotli
from flask import Flask, url_for

from . import i18n
from .db import db
from .editions import editions_of
from .pages import reading_pages

# Files worth compressing ahead of time, for hosts that serve .gz and .br beside the original.
COMPRESSIBLE = (".html", ".xml", ".txt", ".css", ".svg")  # not .epub or .pdf, compressed already
NOT_FOUND_PAGE = "404.html"


class ExportError(RuntimeError):
    """A page did not render as expected; nothing half-written is left in place."""


@dataclass
class Report:
    """What an export wrote, and how long it took."""

    files: list[Path] = field(default_factory=list)
    pages: int = 0
    rendered: float = 0.0  # seconds to render every page
    processes: int = 1  # rendering the languages
    seconds: float = 0.0  # in all, with writing and compressing


def paths_by_language(app: Flask) -> dict[str, list[str]]:
    """Every reading page, by the language it is in."""
    by_language: dict[str, list[str]] = {language.code: [] for language in i18n.LANGUAGES}
    with app.test_request_context():
        for page in reading_pages():
            for language in page.languages:
                by_language[language.code].append(page.url(language))
        # The editions first: the download page lists their sizes (a built file is kept).
        for language in i18n.LANGUAGES:
            files = [
                url_for("downloads.file", lang=language.code, filename=e.filename)
                for e in editions_of(language)
            ]
            by_language[language.code][:0] = files
    return by_language


SHARED_PATHS = ("/languages/", "/sitemap.xml", "/robots.txt", "/favicon.ico")  # above the languages


def site_paths(app: Flask) -> list[str]:
    """Every reading page in each language it exists in, and the files beside them."""
    return [*SHARED_PATHS, *(path for paths in paths_by_language(app).values() for path in paths)]


def file_for(path: str) -> str:
    """Where a URL path lives on a static host: a directory's index.html, or the file itself."""
    relative = path.lstrip("/")
    return relative + "index.html" if not relative or relative.endswith("/") else relative


def fetch(app: Flask, client, path: str, base_url: str) -> tuple[int, bytes]:
    """One page, in an app context of its own.

    A request reuses an app context already pushed (as a command's is), and with it `g`, where
    Flask-Babel keeps the locale: without a fresh context every page would come out in the
    language of the first.
    """
    with app.app_context():
        response = client.get(path, base_url=base_url)
        return response.status_code, response.get_data()


def export(
    app: Flask, target: Path, base_url: str = "http://localhost", workers: int | None = None
) -> Report:
    """Write the reading site into `target` (replaced as a whole, only once all pages rendered).

    The languages are rendered side by side in `workers` processes (by default one per core):
    each process warms only the caches of its languages (annotations, reading levels).
    """
    started = time.perf_counter()
    # The sitemap, robots.txt and the assets first, in this process, and the templates compiled:
    # the processes it forks inherit them.
    shared = [
        "/sitemap.xml",
        "/robots.txt",
        "/favicon.ico",
        *(f"/assets/{h}" for h in app.extensions["assets"].values()),
    ]
    files = render(app, ("", shared), base_url)
    for name in app.jinja_env.list_templates():
        app.jinja_env.get_template(name)
    # Then each language with its not-found page; the chooser of languages with the last.
    tasks = list(paths_by_language(app).items())
    tasks[-1] = (tasks[-1][0], [*tasks[-1][1], "/languages/"])
    workers = min(workers or len(os.sched_getaffinity(0)), len(tasks))
    # Forking a process that runs other threads can leave a lock held forever in the child (as
    # `flask export` runs none, this is only a caller that does).
    if workers > 1 and threading.active_count() > 1:
        app.logger.warning("Other threads are running: the export renders in this process only.")
        workers = 1
    if "fork" not in multiprocessing.get_all_start_methods():
        workers = 1
    if workers > 1:
        # Forked, the processes start with the app as it is, and send back bytes.
        global _forked_app
        _forked_app = app
        context = multiprocessing.get_context("fork")
        try:
            with ProcessPoolExecutor(workers, mp_context=context, initializer=_forked) as pool:
                for rendered in pool.map(_render_forked, tasks, [base_url] * len(tasks)):
                    files.update(rendered)
        finally:
            _forked_app = None
    else:
        for task in tasks:
            files.update(render(app, task, base_url))
    # The root chooses a language, as /languages/ does on the running site.
    files["index.html"] = files["languages/index.html"]

    staging = target.with_name(f".{target.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    report = Report(pages=len(files), processes=workers)
    report.rendered = time.perf_counter() - started
    # zlib and Brotli release the GIL: threads compress on every core.
    with ThreadPoolExecutor() as pool:
        for written in pool.map(lambda item: _write(staging / item[0], item[1]), files.items()):
            report.files += written
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    report.files = [target / f.relative_to(staging) for f in report.files]
    report.seconds = time.perf_counter() - started
    return report


def render(app: Flask, task: tuple[str, list[str]], base_url: str) -> dict[str, bytes]:
    """The files of some paths, checked; with the code of their language, its not-found page."""
    language, paths = task
    client = app.test_client()
    files = {}
    for path in paths:
        status, data = fetch(app, client, path, base_url)
        if status != 200:
            raise ExportError(f"{path}: {status}")
        files[file_for(path)] = data
    if language:
        status, data = fetch(app, client, f"/{language}/{NOT_FOUND_PAGE}", base_url)
        if status != 404:
            raise ExportError(f"the {language} not-found page: {status}")
        files[f"{language}/{NOT_FOUND_PAGE}"] = data
    return files


# The app a forked process renders with: inherited, never pickled.
_forked_app: Flask | None = None


def _forked() -> None:
    # The parent's pooled database connections must not be used from two processes.
    with _forked_app.app_context():
        db.engine.dispose(close=False)


def _render_forked(task: tuple[str, list[str]], base_url: str) -> dict[str, bytes]:
    return render(_forked_app, task, base_url)


def _write(path: Path, data: bytes) -> list[Path]:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    written = [path]
    if path.suffix in COMPRESSIBLE:
        # mtime=0: the same site gives the same bytes, so a CDN sync uploads only what changed.
        gz = path.with_name(path.name + ".gz")
        gz.write_bytes(gzip.compress(data, 9, mtime=0))
        br = path.with_name(path.name + ".br")
        br.write_bytes(brotli.compress(data, quality=11))
        written += [gz, br]
    return written
