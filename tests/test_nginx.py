"""The sample nginx configuration (deploy/nginx.conf) serving the static export, as a host would."""

import gzip
import http.client
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from conftest import make_app
from hldsite.export import export

CONF = Path(__file__).resolve().parents[1] / "deploy" / "nginx.conf"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def host(site_translations, tmp_path_factory):
    """nginx with the repository's server configuration, on a free port, serving a fresh export."""
    assert shutil.which("nginx"), "nginx is missing: the test command installs it (nginx-light)"
    work = tmp_path_factory.mktemp("nginx")
    work.chmod(0o755)
    site = work / "site"
    export(make_app(site_translations, work / "store.sqlite3", CONTRIBUTION_HOST=""), site)
    for directory in [site, *(p for p in site.rglob("*") if p.is_dir())]:
        directory.chmod(0o755)
    port = free_port()
    headers = CONF.with_name("security-headers.conf")
    server = (
        CONF.read_text()
        .replace("listen 80;", f"listen 127.0.0.1:{port};")
        .replace("/srv/hld2013-rt2", str(site))
        .replace("include snippets/hld2013-rt2-headers.conf;", f"include {headers};")
    )
    temp = " ".join(
        f"{kind}_temp_path {work}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (work / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")  # Workers must read the export.
        + f"worker_processes 1;\ndaemon off;\npid {work}/nginx.pid;\nerror_log {work}/error.log;\n"
        + f"events {{}}\nhttp {{\ninclude /etc/nginx/mime.types;\naccess_log off;\n{temp}\n{server}\n}}\n"
    )
    process = subprocess.Popen(
        ["nginx", "-c", str(work / "nginx.conf"), "-p", str(work)], stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "nginx did not start"
            time.sleep(0.05)
    yield port, site
    process.terminate()
    process.wait(timeout=10)
    process.stderr.close()


def get(port: int, path: str, **headers) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


@pytest.mark.parametrize(
    ("headers", "language"),
    [
        ({}, "en"),
        ({"Accept-Language": "ar-EG,ar;q=0.9,en;q=0.5"}, "ar"),
        ({"Accept-Language": "zh-CN,zh;q=0.9"}, "zh"),
        ({"Accept-Language": "fr-FR,ar;q=0.9"}, "fr"),
        ({"Accept-Language": "de-DE,de;q=0.9"}, "en"),
        ({"Accept-Language": "es", "Cookie": "lang=ru"}, "ru"),
        ({"Accept-Language": "es", "Cookie": "lang=xx"}, "es"),
    ],
)
def test_the_root_sends_readers_to_their_language(host, headers, language):
    port, _ = host
    response = get(port, "/", **headers)
    assert response.status == 302
    assert response.getheader("Location").endswith(f"/{language}/")
    assert "Accept-Language" in response.getheader("Vary")


@pytest.mark.parametrize("path", ["/fr/glossary/", "/fr/glossary/index.html", "/zh/plain/compare/ar/"])
def test_pages_are_served_with_and_without_index_html(host, path):
    port, site = host
    response = get(port, path)
    assert response.status == 200
    expected = site / path.lstrip("/")
    expected = expected if expected.suffix else expected / "index.html"
    assert response.body == expected.read_bytes()
    assert response.getheader("Cache-Control") == "public, no-cache"
    assert response.getheader("Content-Security-Policy").startswith("default-src 'none'")


def test_each_language_has_its_not_found_page(host):
    port, site = host
    response = get(port, "/es/no-such-page/")
    assert response.status == 404
    assert response.body == (site / "es" / "404.html").read_bytes()


def test_precompressed_pages_and_immutable_assets(host):
    port, site = host
    response = get(port, "/ru/", **{"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(response.body) == (site / "ru" / "index.html").read_bytes()
    css = next((site / "assets").glob("*.css")).name
    asset = get(port, f"/assets/{css}")
    assert asset.status == 200
    assert asset.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert asset.getheader("X-Content-Type-Options") == "nosniff"
