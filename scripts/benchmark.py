"""Speed and weight of the site, measured side by side on loopback; run through scripts/benchmark.

Prints each figure with its target (issues 6 and 11). Measures, in one run:
- requests/s and p99 latency of a reading page from the app under gunicorn, with and without
  the render cache, against a constant-response Flask app under the same gunicorn settings (the
  floor of a Python server here) and against nginx serving the exported page (the ceiling);
- the site's page, uncached, against the same site taking its interface texts through
  Flask-Babel as it comes (its template callables, its domain reading compiled .mo files);
- the time to export the whole site, against Hugo's pace and the time before issue 11; the cold
  start of the app;
- the editions (issue 15): a whole export with none built yet, again with nothing changed, and
  from a French text accepted through the gate to the files exported again (which editions were
  built again, and that no other was), each against Hugo building as many pages;
- the weight of every reading page;
- a bounded load of mixed pages and languages with suggestions posted, then the same with a
  worker killed halfway: errors, memory per worker, acknowledged suggestions kept.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import html
import http.cookiejar
import logging
import os
import platform
import random
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "site"))

from hldsite import create_app  # noqa: E402
from hldsite.export import export, file_for, site_paths  # noqa: E402

BIN = Path(sys.executable).parent
PAGE = "/fr/"
HUGO_SECONDS_PER_PAGE = 0.16 / 60  # Hugo building 60 such pages here, per issue 6
# `flask export` rendering in a new process before issue 11 (the last stop's figure, this machine).
EXPORT_SECONDS_BEFORE = 0.48
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


class Server:
    """A server process on a free loopback port, stopped at the end of a `with` block."""

    def __init__(
        self, argv: list[str], env: dict, port: int, ready_path: str = PAGE, stop: int = signal.SIGTERM
    ):
        self.port = port
        self.stop = stop
        self.process = subprocess.Popen(argv, env={**os.environ, **env}, cwd=ROOT, stderr=subprocess.DEVNULL)
        wait_for(self.url(ready_path))

    def url(self, path: str = PAGE) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.process.send_signal(self.stop)
        self.process.wait(timeout=30)


def gunicorn(app: str, env: dict) -> Server:
    port = free_port()
    argv = [str(BIN / "gunicorn"), "--config", str(ROOT / "gunicorn.conf.py"), app]
    return Server(argv, {"PORT": str(port), **env}, port)


def wrk(url: str, seconds: int, connections: int = 64, script: Path | None = None) -> dict:
    """Run wrk and read requests/s, p99 latency and errors from its report."""
    argv = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if script:
        argv[1:1] = ["-s", str(script)]
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p99_ms": float(p99.group(1)) * scale,
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "errors": errors + (int(non2xx.group(1)) if non2xx else 0),
    }


def row(name: str, figure: str, target: str = "", met: bool | None = None) -> None:
    verdict = "" if met is None else ("met" if met else "MISSED")
    print(f"  {name:44} {figure:>26}   {target:34} {verdict}")


def site_env(store: Path, **extra) -> dict:
    return {
        "FLASK_SQLALCHEMY_DATABASE_URI": f"sqlite:///{store}",
        "FLASK_SECRET_KEY": "benchmark",
        "FLASK_SUGGESTION_RATE_LIMIT": "100000 per minute",
        "WEB_CONCURRENCY": str(os.cpu_count() or 2),
        **extra,
    }


def throughput(args, work: Path) -> None:
    print(f"\nThroughput of {PAGE} on loopback (wrk, 2 threads, 64 connections, {args.seconds} s each)")
    store = work / "store.sqlite3"
    body = work / "page.html"
    app = migrated_site(store)
    body.write_bytes(app.test_client().get(PAGE).get_data())
    export(app, work / "export")

    with gunicorn(
        "constant_app:app", {"BODY_FILE": str(body), "PYTHONPATH": str(ROOT / "scripts")}
    ) as server:
        floor = wrk(server.url(), args.seconds)
    with gunicorn("hldsite:create_app()", site_env(store)) as server:
        cached = wrk(server.url(), args.seconds)
    with gunicorn("hldsite:create_app()", site_env(store, FLASK_RENDER_CACHE="false")) as server:
        uncached = wrk(server.url(), args.seconds)
    with nginx(work) as server:
        ceiling = wrk(server.url(), args.seconds)

    for name, result in [
        ("nginx, the exported page (ceiling)", ceiling),
        ("constant-response Flask app (floor)", floor),
        ("the site, render cache", cached),
        ("the site, no render cache", uncached),
    ]:
        figure = f"{result['rps']:9.0f} req/s p99 {result['p99_ms']:6.1f} ms"
        row(name, figure, f"errors: {result['errors']}")
    ratio = cached["rps"] / floor["rps"]
    row("cached / floor", f"{ratio:.2f}", ">= 0.95", ratio >= 0.95)
    row("nginx / cached", f"{ceiling['rps'] / cached['rps']:.1f}x")


def nginx(work: Path) -> Server:
    """nginx serving the export on a free port, with a configuration of its own."""
    port = free_port()
    root = work / "export"
    for directory in [work, *(p for p in root.rglob("*") if p.is_dir()), root]:
        directory.chmod(0o755)
    conf = work / "nginx.conf"
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf.write_text(
        f"{user}worker_processes {os.cpu_count() or 2};\ndaemon off;\npid {work}/nginx.pid;\n"
        f"error_log {work}/nginx-error.log;\nevents {{ worker_connections 4096; }}\n"
        f"http {{\n include /etc/nginx/mime.types;\n access_log off;\n"
        f" client_body_temp_path {work}/nginx-body;\n"
        f" server {{\n  listen 127.0.0.1:{port};\n  root {root};\n"
        f"  location / {{ try_files $uri $uri/index.html =404; }}\n }}\n}}\n"
    )
    # SIGQUIT: nginx finishes the requests it has, then stops.
    return Server(["nginx", "-c", str(conf), "-p", str(work)], {}, port, stop=signal.SIGQUIT)


def best_of(repeat: int, action) -> float:
    """The fastest of `repeat` runs, in seconds: the least disturbed by the rest of the machine."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def migrated_site(database: Path, **config):
    """The app on a store of its own, migrated as a deployment would (`flask db upgrade`)."""
    import flask_migrate

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}", "SECRET_KEY": "x", **config})
    with app.app_context():
        flask_migrate.upgrade()
    logging.getLogger("alembic").setLevel(logging.WARNING)  # its configuration logs every step
    return app


def compiled_translations(work: Path) -> Path:
    """The catalogs compiled to .mo files, as Flask-Babel as it comes reads them."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    directory = work / "compiled"
    shutil.copytree(ROOT / "translations", directory, dirs_exist_ok=True)
    for po in directory.glob("*/LC_MESSAGES/messages.po"):
        with open(po, "rb") as source, open(po.with_suffix(".mo"), "wb") as target:
            write_mo(target, read_po(source))
    return directory


@contextlib.contextmanager
def flask_babel_as_it_comes(translations: Path):
    """Apps made here take their interface texts as Flask-Babel does as it comes: its own
    template callables and its own domain, which reads the compiled .mo files through the
    locale on every message. The content, the templates and everything else are the site's."""
    from flask_babel import Domain, get_translations

    from hldsite import catalogs, templating

    def install(app):
        app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(translations)
        app.jinja_env.install_gettext_callables(
            gettext=lambda s: get_translations().ugettext(s),
            ngettext=lambda s, p, n: get_translations().ungettext(s, p, n),
            pgettext=lambda c, s: get_translations().upgettext(c, s),
            npgettext=lambda c, s, p, n: get_translations().unpgettext(c, s, p, n),
            newstyle=True,
        )

    original = templating.init_app

    def init_app(app):
        original(app)
        install(app)

    with (
        mock.patch.object(templating, "init_app", init_app),
        mock.patch.object(catalogs.CatalogDomain, "get_translations", Domain.get_translations),
    ):
        yield


def render(args, work: Path) -> None:
    """The site's page uncached, against the same site with Flask-Babel as it comes."""
    ours = migrated_site(work / "r.sqlite3", RENDER_CACHE=False)
    with flask_babel_as_it_comes(compiled_translations(work)):
        theirs = migrated_site(work / "p.sqlite3", RENDER_CACHE=False)

    def page(app):
        def run():
            with app.test_request_context(PAGE):
                return app.full_dispatch_request().get_data()

        return run

    if page(theirs)() != page(ours)():
        raise SystemExit(f"The site with Flask-Babel as it comes serves {PAGE} differently.")
    print(f"\nThe page {PAGE}, uncached, in-process: a whole request (best of {args.repeat})")
    their_seconds = best_of(args.repeat, page(theirs))
    our_seconds = best_of(args.repeat, page(ours))
    row("the same site, Flask-Babel as it comes", f"{their_seconds * 1000:.3f} ms")
    row(
        "this site",
        f"{our_seconds * 1000:.3f} ms ({their_seconds / our_seconds:.2f}x)",
        "no slower than Flask-Babel as it comes",
        our_seconds <= their_seconds * 1.02,
    )


def export_and_weight(args, work: Path) -> None:
    def fresh_export(i: int):
        # A new app each time, without the render cache: every page is rendered.
        app = migrated_site(work / "e.sqlite3", RENDER_CACHE=False)
        app.config["CONTRIBUTION_HOST"] = ""
        return app, export(app, work / f"export-{i}")

    # As a user runs it: a new process (its imports, the store, the catalogs), rendering cold.
    env = {
        **os.environ,
        "FLASK_SQLALCHEMY_DATABASE_URI": f"sqlite:///{work / 'x.sqlite3'}",
        "FLASK_SECRET_KEY": "x",
    }
    command = [str(BIN / "flask"), "--app", "hldsite", "export", str(work / "export-cli")]
    started = time.perf_counter()
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout.strip()
    in_all = time.perf_counter() - started
    cli_rendered = float(re.search(r"\(([\d.]+) s rendering", out).group(1))
    # Then in this process, a new app each time: the first renders with cold caches too, the
    # next with the process's caches (compiled templates, reading levels) warm.
    runs = [fresh_export(i) for i in range(3)]
    app, first = runs[0]
    warm = min((report for _, report in runs[1:]), key=lambda r: r.rendered)
    target = HUGO_SECONDS_PER_PAGE * first.pages
    workers = min(len(os.sched_getaffinity(0)), 6)
    print(f"\nExport of the whole site ({first.pages} pages and files; languages in {workers} processes)")
    row(
        "`flask export`, a new process: rendering",
        f"{cli_rendered:.2f} s",
        f"Hugo-like: <= {target:.2f} s",
        cli_rendered <= target,
    )
    row(
        "... against before issue 11",
        f"{EXPORT_SECONDS_BEFORE:.2f} s",
        "no worse",
        cli_rendered <= EXPORT_SECONDS_BEFORE,
    )
    row("... in all (start, writing, .gz and .br)", f"{in_all:.2f} s")
    print(f"  (it said: {out})")
    row("in this process, a new app: first export", f"{first.rendered:.2f} s")
    row(
        "... best of the next two",
        f"{warm.rendered:.2f} s",
        f"Hugo-like: <= {target:.2f} s",
        warm.rendered <= target,
    )
    row(f"... with writing and .gz/.br of {len(warm.files)} files", f"{warm.seconds:.2f} s")

    started = time.perf_counter()
    code = (
        "import time; t = time.perf_counter(); from hldsite import create_app; "
        "app = create_app({'SQLALCHEMY_DATABASE_URI': "
        f"'sqlite:///{work / 'c.sqlite3'}', 'SECRET_KEY': 'x'}}); "
        "made = time.perf_counter(); app.test_client().get('/fr/'); "
        "print(made - t, time.perf_counter() - t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT / "site"
    ).stdout
    made, first = (float(x) for x in out.split())
    print("\nCold start (a new Python process)")
    row("imports and create_app()", f"{made:.2f} s")
    row(
        "... and the first page", f"{first:.2f} s", f"(process in all: {time.perf_counter() - started:.2f} s)"
    )

    print("\nWeight of every reading page (HTML; the page needs 2 requests: HTML and CSS)")
    site = work / "export-0"
    sizes = []
    for path in site_paths(app):
        if path.endswith("/"):
            data = (site / file_for(path)).read_bytes()
            sizes.append((len(gzip.compress(data, 9)), len(data), path))
    sizes.sort()
    largest = sizes[-1]
    row(
        "largest page, gzip",
        f"{largest[0] / 1024:.1f} KB ({largest[2]})",
        "<= 14 KB (first round trip)",
        largest[0] <= 14 * 1024,
    )
    row("largest page, raw", f"{largest[1] / 1024:.1f} KB")
    row("median page, gzip", f"{statistics.median(s[0] for s in sizes) / 1024:.1f} KB")
    css = next((site / "assets").glob("*.css")).read_bytes()
    row(
        "CSS, gzip",
        f"{len(gzip.compress(css, 9)) / 1024:.1f} KB (raw {len(css) / 1024:.1f} KB)",
        "<= 6 KB",
        len(gzip.compress(css, 9)) <= 6 * 1024,
    )
    html = "".join((site / file_for(p)).read_text("utf-8") for p in site_paths(app) if p.endswith("/"))
    scripts = html.count("<script")
    fonts = css.count(b"@font-face")
    row("JavaScript", f"{scripts} scripts", "none needed", scripts == 0)
    row("web fonts", f"{fonts} @font-face", "none", fonts == 0)


def page_text(page: str) -> str:
    """What a reader reads of a page (its main part), as Markdown paragraphs."""
    main = page.split('<main id="main"', 1)[-1].split("</main>", 1)[0]
    main = re.sub(r"</(p|h\d|li|dd|dt|blockquote)>|<br>", "\n\n", main.split(">", 1)[-1])
    paragraphs = (" ".join(html.unescape(re.sub(r"<[^>]+>", " ", p)).split()) for p in main.split("\n\n"))
    return "\n\n".join(re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", p) for p in paragraphs if p)


def hugo_site(work: Path, texts: list[str]) -> Path:
    """A throwaway Hugo site of one page per text, each page in one layout, nothing else."""
    site = work / "hugo"
    (site / "content").mkdir(parents=True)
    (site / "layouts" / "_default").mkdir(parents=True)
    kinds = '["home", "section", "taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]'
    (site / "hugo.toml").write_text(f'baseURL = "http://localhost/"\ntitle = "HLD"\ndisableKinds = {kinds}\n')
    (site / "layouts" / "_default" / "single.html").write_text(
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
        '<link rel="stylesheet" href="/style.css"></head>\n<body><header><a href="/">HLD 2013</a>'
        "</header>\n<main><h1>{{ .Title }}</h1>\n{{ .Content }}</main></body></html>\n"
    )
    for i, text in enumerate(texts):
        (site / "content" / f"page-{i:04}.md").write_text(f'---\ntitle: "Page {i}"\n---\n\n{text}\n')
    return site


def cpu_seconds() -> float:
    """CPU time of this process and its finished children: less disturbed by a busy machine."""
    used = os.times()
    return used.user + used.system + used.children_user + used.children_system


def timed(action) -> tuple:
    """What an action returns, with its seconds, wall clock and CPU."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = action()
    return result, time.perf_counter() - wall, cpu_seconds() - cpu


def wall_and_cpu(wall: float, cpu: float) -> str:
    return f"{wall:.2f} s ({cpu:.2f} s CPU)"


def hugo_build(site: Path) -> tuple[float, float]:
    """One `hugo` build of the site as a whole process (wall and CPU seconds); checks its pages."""
    public = site.parent / "hugo-public"
    command = ["hugo", "--quiet", "--source", str(site), "--destination", str(public)]
    _, wall, cpu = timed(
        lambda: subprocess.run([*command, "--cacheDir", str(site.parent / "hugo-cache")], check=True)
    )
    written = sum(1 for _ in public.rglob("*.html"))
    expected = sum(1 for _ in (site / "content").glob("*.md"))
    if written != expected:
        raise SystemExit(f"Hugo wrote {written} pages for {expected}.")
    return wall, cpu


def edition_files(directory: Path) -> dict[Path, int]:
    """Every built edition file, with its modification time."""
    return {p: p.stat().st_mtime_ns for p in directory.rglob("*") if p.suffix in (".epub", ".pdf")}


def accept_french_text(app) -> str:
    """Publish a changed French summary paragraph through the gate, as a reviewer's accept does."""
    from hldsite import gate, i18n
    from hldsite.content import summary_messages

    french = next(language for language in i18n.LANGUAGES if language.code == "fr")
    with app.app_context():
        catalogs, document = app.extensions["catalogs"], app.extensions["document"]
        message = next(m for m in summary_messages(document) if m.message_id.id == "p1")
        entry = catalogs[french].entry(message.message_id)
        text = entry.text.replace(" les ", " ces ", 1)
        with catalogs.locked(french):
            gate.publish(catalogs, french, entry, text, document)
        catalogs.refresh()
    return f"{message.message_id.kind} {message.message_id.id}"


def editions(args, work: Path) -> None:
    """Exports with the editions (cold, warm, after an accepted text), against Hugo."""
    from hldsite.editions import PREFIX, all_editions
    from hldsite.editions.source import code_digest, key
    from hldsite.editions.store import directory

    translations = work / "editions-translations"
    shutil.copytree(ROOT / "translations", translations)
    app = migrated_site(
        work / "editions.sqlite3",
        BABEL_TRANSLATION_DIRECTORIES=str(translations),
        EDITIONS_DIRECTORY=str(work / "editions"),
    )
    app.config["CONTRIBUTION_HOST"] = ""
    target = work / "export-editions"
    store = directory(app)
    every = list(all_editions())
    # The code's digest, read once here and inherited by the export's forked processes: an edit
    # to the editions' code during the run would build every file again, and this measures texts.
    code_digest()

    def files_of(report) -> tuple[list[Path], list[Path]]:
        pages = [f for f in report.files if f.suffix == ".html"]
        return pages, [f for f in report.files if f.suffix in (".epub", ".pdf")]

    cold, *cold_time = timed(lambda: export(app, target))
    pages, downloads = files_of(cold)
    built_cold = edition_files(store)
    texts = [page_text(p.read_text("utf-8")) for p in pages]
    site = hugo_site(work, texts)
    hugo = min(hugo_build(site) for _ in range(3))

    warm, *warm_time = timed(lambda: export(app, target))
    built_warm = set(edition_files(store)) - set(built_cold)

    before = edition_files(store)
    changed, *published = timed(lambda: accept_french_text(app))
    _, *accepted = timed(lambda: export(app, target))
    accepted = [a + b for a, b in zip(accepted, published, strict=True)]
    after = edition_files(store)
    new = set(after) - set(before)
    touched = [p for p, mtime in before.items() if after.get(p) != mtime]
    with app.app_context():
        path_of = {e: store / (k := key(app, e))[:2] / f"{k}.{e.format}" for e in every}
    rebuilt = {e for e in every if path_of[e] in new}
    expected = {e for e in every if e.kind == "summary" and "fr" in (lang.code for lang in e.languages)}
    ar_zh = next(e for e in every if e.filename.endswith("summary-ar-zh.pdf"))

    hugo_changed = []
    page = next((site / "content").glob("*.md"))
    for i in range(3):
        page.write_text(page.read_text() + f"\nOne more sentence ({i}).\n")
        hugo_changed.append(hugo_build(site))
    hugo_changed = min(hugo_changed)

    version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
    print(
        f"\nEditions and the export: one app, its editions in a directory of their own; against Hugo "
        f"{version} (`hugo --quiet`, a whole process, best of 3) on a generated site of {len(pages)} pages "
        f"in one layout, each the text of one of ours ({statistics.mean(map(len, texts)):.0f} characters "
        "on average)"
    )
    row(
        "full export, cold (no edition built yet)",
        wall_and_cpu(*cold_time),
        f"Hugo: {wall_and_cpu(*hugo)}",
    )
    row("... pages and files (of which HTML pages)", f"{cold.pages} ({len(pages)})")
    row(
        "... of which edition files, built",
        f"{len(downloads)}, {len(built_cold)} built",
        f"{len(every)} (EPUB and PDF)",
        len(downloads) == len(built_cold) == len(every),
    )
    row("warm export, nothing changed", wall_and_cpu(*warm_time), f"Hugo: {wall_and_cpu(*hugo)}")
    row("... of which rendering (fetching)", f"{warm.rendered:.2f} s")
    row("... edition files built", f"{len(built_warm)} of {len(every)}", "0", not built_warm)
    row(
        "an accepted French text -> exported files",
        wall_and_cpu(*accepted),
        f"Hugo, a page changed: {wall_and_cpu(*hugo_changed)}",
    )
    row(f"... of which the gate publishing {changed}", wall_and_cpu(*published))
    row(
        "... edition files built",
        f"{len(new)} of {len(every)}",
        f"{len(expected)}: those with the French summary",
        rebuilt == expected and len(new) == len(expected),
    )
    row(
        "... other files untouched (path, mtime)",
        f"{len(before) - len(touched)} of {len(before)}",
        "all",
        not touched,
    )
    kept = before.get(path_of[ar_zh]) == after.get(path_of[ar_zh])
    row(
        f"... {ar_zh.filename.removeprefix(PREFIX + '-')}",
        "same path and mtime" if kept else "built again",
        "not built again",
        kept,
    )
    names = sorted({e.filename.removeprefix(PREFIX + "-").rsplit(".", 1)[0] for e in rebuilt})
    print(f"  (built again, each as EPUB and PDF: {', '.join(names)})")
    print(
        "  (Hugo builds no EPUB or PDF, and outside `hugo server` it has no incremental build: each Hugo "
        "figure is a full build. Other work on the machine makes every figure noisy.)"
    )


def rss_of_workers(master: int) -> dict[int, int]:
    """Resident memory (KB) of each worker of a gunicorn master."""
    out = subprocess.run(
        ["ps", "-o", "pid=,rss=", "--ppid", str(master)], capture_output=True, text=True
    ).stdout
    return {int(pid): int(rss) for pid, rss in (line.split() for line in out.splitlines())}


def sample_memory(master: int, seconds: int, samples: list) -> None:
    """Each worker's memory, once a second through a load."""
    for _ in range(seconds):
        time.sleep(1)
        samples.append(rss_of_workers(master))


def suggester(base: str, stop: threading.Event, acknowledged: list, failures: list) -> None:
    """A volunteer who keeps suggesting: each 303 is an acknowledgement."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    n = 0
    while not stop.is_set():
        n += 1
        code, key = random.choice([("fr", "p7"), ("es", "p8"), ("ru", "p9"), ("ar", "p3"), ("zh", "p5")])
        url = f"{base}/{code}/contribute/{key}/"
        try:
            page = opener.open(url, timeout=30).read().decode()
            current = page.split('<textarea id="text"', 1)[1].split(">", 1)[1].split("</textarea>", 1)[0]
            text = f"{html.unescape(current)} ({threading.get_ident()}-{n})"
            data = urllib.parse.urlencode({"csrf_token": TOKEN.search(page).group(1), "text": text}).encode()
            # A refused suggestion raises (4xx); an accepted one is a 303 to its confirmation.
            opener.open(urllib.request.Request(url, data), timeout=30).close()
            acknowledged.append(text)
        except (OSError, AttributeError, IndexError) as exc:
            failures.append(repr(exc))
        time.sleep(0.2)


def load(args, work: Path, kill: bool) -> None:
    seconds = args.kill_seconds if kill else args.load_seconds
    title = f"worker killed at {seconds // 2} s" if kill else "no fault"
    print(f"\nLoad: {seconds} s, 64 connections, every reading page in every language, suggestions ({title})")
    store = work / f"load-{kill}.sqlite3"
    translations = work / f"translations-{kill}"
    shutil.copytree(ROOT / "translations", translations)
    app = migrated_site(store)
    paths = [p for p in site_paths(app) if p.endswith("/")]
    script = work / "paths.lua"
    script.write_text(
        "paths = {" + ",".join(f'"{p}"' for p in paths) + "}\n"
        "request = function() return wrk.format('GET', paths[math.random(#paths)]) end\n"
    )
    env = site_env(store, FLASK_BABEL_TRANSLATION_DIRECTORIES=str(translations))
    with gunicorn("hldsite:create_app()", env) as server:
        base = f"http://127.0.0.1:{server.port}"
        stop, acknowledged, failures = threading.Event(), [], []
        volunteers = [
            threading.Thread(target=suggester, args=(base, stop, acknowledged, failures)) for _ in range(4)
        ]
        for v in volunteers:
            v.start()
        # Warm up as a running site would be: every worker has rendered pages and checked suggestions.
        wrk(base + "/", 5, script=script)
        before = rss_of_workers(server.process.pid)
        killer = None
        if kill:
            victim = next(iter(before))
            killer = threading.Timer(seconds / 2, os.kill, (victim, signal.SIGKILL))
            killer.start()
        samples = []
        sampler = threading.Thread(target=sample_memory, args=(server.process.pid, seconds, samples))
        sampler.start()
        result = wrk(base + "/", seconds, script=script)
        sampler.join()
        stop.set()
        for v in volunteers:
            v.join()
        still = urllib.request.urlopen(base + PAGE).status
    with sqlite3.connect(store) as db:
        stored = {text for (text,) in db.execute("SELECT text FROM suggestion")}
    lost = [t for t in acknowledged if t not in stored]
    row("requests (wrk)", f"{result['requests']} at {result['rps']:.0f}/s", f"p99 {result['p99_ms']:.1f} ms")
    row(
        "failed requests (wrk)",
        str(result["errors"]),
        "0" if not kill else "(those on the killed worker)",
        result["errors"] == 0 if not kill else None,
    )
    row("suggestions acknowledged / failed", f"{len(acknowledged)} / {len(failures)}")
    row("acknowledged suggestions lost", str(len(lost)), "0", not lost)
    if kill:
        row("a page after the kill", str(still), "200: the others keep serving", still == 200)
    else:
        # Stable: what a worker holds in the second half of the load, it held at its middle.
        middle, last = samples[len(samples) // 2], samples[-1]
        replaced = [pid for pid in before if pid not in last]
        row("workers replaced during the load", str(len(replaced)), "0", not replaced)
        for pid in before:
            if pid in last and pid in middle:
                figure = f"{before[pid] // 1024} / {middle[pid] // 1024} / {last[pid] // 1024} MB"
                grew = last[pid] - middle[pid]
                row(
                    f"worker {pid}: warm / middle / end",
                    figure,
                    "stable: < 10 MB in the 2nd half",
                    grew < 10 * 1024,
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="each throughput run")
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--kill-seconds", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=200, help="renders timed in-process")
    parser.add_argument("--only", choices=SECTIONS, action="append", help="run only these parts")
    args = parser.parse_args()
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    system = f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    print(f"Machine: {os.cpu_count()} cores ({cpu}), {system}")
    print(f"  {'figure':44} {'measured':>26}   {'target':34} verdict")
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        for name in args.only or SECTIONS:
            SECTIONS[name](args, work)


SECTIONS = {
    "render": render,
    "export": export_and_weight,
    "editions": editions,
    "throughput": throughput,
    "load": lambda args, work: load(args, work, kill=False),
    "kill": lambda args, work: load(args, work, kill=True),
}

if __name__ == "__main__":
    main()
