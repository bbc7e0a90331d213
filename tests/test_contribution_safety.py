"""Hostile and malformed input on the contribution side: a clear answer, a 4xx, nothing lost."""

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from conftest import make_app
from hldsite.db import db
from hldsite.models import Suggestion
from test_contribute import GOOD

pytestmark = pytest.mark.store


def stored(app) -> list[Suggestion]:
    with app.app_context():
        return list(db.session.scalars(select(Suggestion)))


def test_a_field_over_its_limit_is_refused_with_the_text_kept(app, client, csrf_token, expected):
    from hldsite.i18n import BY_CODE

    url = "/fr/contribute/p7/"
    response = client.post(
        url, data={"csrf_token": csrf_token(client, url), "text": GOOD["fr"], "author": "x" * 81}
    )
    assert response.status_code == 422
    html = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    limit = expected(BY_CODE["fr"], "This is longer than %(max)d characters.").replace("%(max)d", "80")
    assert limit in html.find(attrs={"role": "alert"}).get_text()
    assert html.find("textarea", id="text").get_text() == GOOD["fr"]
    assert stored(app) == []


def test_a_body_over_the_size_limit_is_refused(client, csrf_token):
    url = "/fr/contribute/p7/"
    response = client.post(url, data={"csrf_token": csrf_token(client, url), "text": "x" * 70_000})
    assert response.status_code == 413


def test_invalid_utf8_is_refused_not_a_500(app, client, csrf_token):
    url = "/fr/contribute/p7/"
    token = csrf_token(client, url)
    body = b"csrf_token=" + token.encode() + b"&text=" + GOOD["fr"].encode() + b"%FF%FE"
    response = client.post(url, data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 422
    assert stored(app) == []


@pytest.mark.parametrize(
    "data",
    [
        {"text": ["a", "b"]},
        {"text": GOOD["fr"], "csrf_token": "forged"},
        {"text": GOOD["fr"], "csrf_token": "x" * 5000},
    ],
    ids=["repeated field", "forged token", "huge token"],
)
def test_malformed_forms_are_refused(app, client, data):
    client.get("/fr/contribute/p7/")
    assert client.post("/fr/contribute/p7/", data=data).status_code in (400, 422)
    assert stored(app) == []


def test_suggestions_are_rate_limited_and_the_text_is_kept(site_translations, tmp_path, csrf_token, expected):
    from hldsite.i18n import BY_CODE

    app = make_app(site_translations, tmp_path / "store.sqlite3", SUGGESTION_RATE_LIMIT="2 per minute")
    client = app.test_client()
    url = "/fr/contribute/p7/"
    for ending in (".", " !"):
        text = GOOD["fr"][:-1] + ending  # each a new suggestion: the same one twice is refused
        assert client.post(url, data={"csrf_token": csrf_token(client, url), "text": text}).status_code == 303
    response = client.post(url, data={"csrf_token": csrf_token(client, url), "text": GOOD["fr"] + " Encore."})
    assert response.status_code == 429
    html = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    wanted = expected(
        BY_CODE["fr"],
        "You have sent several suggestions in a short time. "
        "Wait a minute, then send this one again: your text is kept below.",
    )
    assert wanted in html.find(attrs={"role": "alert"}).get_text()
    assert html.find("textarea", id="text").get_text() == GOOD["fr"] + " Encore."
    assert len(stored(app)) == 2
    # Reading is never limited.
    assert client.get(url).status_code == 200


def test_sign_in_is_rate_limited(site_translations, tmp_path, csrf_token, expected):
    from hldsite.i18n import BY_CODE

    app = make_app(site_translations, tmp_path / "store.sqlite3", LOGIN_RATE_LIMIT="3 per minute")
    client = app.test_client()
    url = "/fr/review/sign-in/"
    statuses = [
        client.post(
            url, data={"csrf_token": csrf_token(client, url), "name": "x", "password": "guess"}
        ).status_code
        for _ in range(4)
    ]
    assert statuses == [401, 401, 401, 429]
    response = client.post(
        url, data={"csrf_token": csrf_token(client, url), "name": "x", "password": "guess"}
    )
    assert expected(BY_CODE["fr"], "Too many attempts") in response.get_data(as_text=True)


def test_forms_and_session_are_protected(client):
    response = client.get("/fr/contribute/p7/")
    assert "form-action 'self'" in response.headers["Content-Security-Policy"]
    assert (
        "script-src" not in response.headers["Content-Security-Policy"]
    )  # default-src 'none': no script at all
    [cookie] = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize(
    "url", ["/fr/contribute/", "/es/contribute/p7/", "/ar/review/sign-in/", "/zh/review/"]
)
def test_a_store_behind_its_migrations_says_so_until_upgraded(
    site_translations, tmp_path, caplog, expected, url
):
    """Migrations are a deployment step: the site says at start that the store is behind, its
    contribution pages answer 503 in the reader's language, reading goes on; `flask db upgrade`
    makes it ready, without a restart."""
    from hldsite import create_app
    from hldsite.i18n import BY_CODE

    config = {
        "TESTING": True,
        "SECRET_KEY": "x",
        "BABEL_TRANSLATION_DIRECTORIES": str(site_translations),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'new.sqlite3'}",
    }
    client = create_app(config).test_client()
    language = BY_CODE[url.split("/")[1]]
    response = client.get(url)
    assert "run `flask --app hldsite db upgrade`" in caplog.text
    assert response.status_code == 503
    assert expected(language, "Not available for the moment") in response.get_data(as_text=True)
    assert client.get(f"/{language.code}/").status_code == 200
    app = client.application
    assert app.test_cli_runner().invoke(args=["reviewer", "list"]).exit_code == 1
    assert app.test_cli_runner().invoke(args=["db", "upgrade"]).exit_code == 0
    assert client.get(url).status_code in (200, 303)
    with app.app_context():
        assert {"reviewer", "suggestion", "change", "alembic_version"} <= set(
            db.inspect(db.engine).get_table_names()
        )


def test_the_default_store_lives_in_the_instance_folder(site_translations):
    from hldsite import create_app

    app = create_app(
        {"TESTING": True, "SECRET_KEY": "x", "BABEL_TRANSLATION_DIRECTORIES": str(site_translations)}
    )
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("/instance/contributions.sqlite3")
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")


def test_the_migrations_match_the_models(app):
    """A model changed without a migration would make `flask db upgrade` build an outdated schema."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with app.app_context(), db.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), db.metadata) == []


@pytest.mark.parametrize("field", ["note", "author"])
def test_control_characters_in_a_note_or_name_are_refused(app, client, csrf_token, expected, field):
    from hldsite.i18n import BY_CODE

    url = "/fr/contribute/p7/"
    data = {"csrf_token": csrf_token(client, url), "text": GOOD["fr"], field: "Zoé\x1b[31m"}
    response = client.post(url, data=data)
    assert response.status_code == 422
    problem = expected(BY_CODE["fr"], "The text contains control characters: remove them.")
    assert (
        problem
        in BeautifulSoup(response.get_data(as_text=True), "html.parser")
        .find(attrs={"role": "alert"})
        .get_text()
    )
    assert stored(app) == []


def test_markup_in_glossary_forms_is_refused(app, client, csrf_token):
    url = "/fr/contribute/glossary:migrant:forms/"
    response = client.post(url, data={"csrf_token": csrf_token(client, url), "text": "migrant*|<img src=x>"})
    assert response.status_code == 422
    assert stored(app) == []


READING = [
    "/fr/",
    "/ar/plain/",
    "/zh/glossary/",
    "/es/compare/fr/",
    "/ru/themes/children/plain/",
    "/en/themes/",
    "/ar/plain/compare/zh/",
    "/languages/",
    "/sitemap.xml",
    "/fr/no-such-page/",
    "/xx/",
]


@pytest.mark.parametrize("render_cache", [True, False], ids=["cached", "uncached"])
@pytest.mark.parametrize("url", READING)
def test_reading_pages_neither_set_nor_vary_by_cookies(
    site_translations, tmp_path, add_reviewer, sign_in, url, render_cache
):
    """Sessions belong to the contribution half: a reader who has one (a form seen, a reviewer
    signed in) still gets reading pages that set no cookie and do not vary by it."""
    app = make_app(site_translations, tmp_path / "s.sqlite3", RENDER_CACHE=render_cache)
    client = app.test_client()
    add_reviewer(app, "rev", "fr")
    assert sign_in(client, "fr", "rev").status_code == 303
    assert client.get_cookie("session") is not None
    response = client.get(url)
    assert response.headers.getlist("Set-Cookie") == []
    assert "Cookie" not in response.headers.get("Vary", "")


def test_gunicorn_says_at_start_that_the_store_is_behind(tmp_path):
    """In production the message comes when each worker starts, before any request."""
    import os
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    root = Path(__file__).resolve().parents[1]
    env = {
        **os.environ,
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "FLASK_SECRET_KEY": "x",
        "FLASK_SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'behind.sqlite3'}",
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [str(gunicorn), "--config", str(root / "gunicorn.conf.py"), "hldsite:create_app()"],
        env=env,
        cwd=root,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        said = ""
        while "db upgrade" not in said:
            assert time.monotonic() < deadline, said
            said += server.stderr.readline()
        assert "The contribution store is not ready, its schema is at nothing" in said
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stderr.close()
