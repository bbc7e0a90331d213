"""Templates per locale, compiled once per process, and addresses built once: the same pages."""

import pytest
from bs4 import BeautifulSoup
from flask import render_template_string
from jinja2 import Environment

from conftest import make_app
from hldsite import templating
from hldsite.i18n import LANGUAGES

by_code = pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)


@by_code
def test_each_locale_renders_its_own_messages(app, expected, language):
    template = "{{ _('Themes') }} | {{ _('Paragraph %(number)s', number=7) }} | {{ _(name) }}"
    with app.test_request_context(f"/{language.code}/"):
        shown = render_template_string(template, name="Glossary")
        assert app.jinja_env.translations is not None
    assert shown == " | ".join(
        [
            expected(language, "Themes"),
            expected(language, "Paragraph %(number)s") % {"number": 7},
            expected(language, "Glossary"),
        ]
    )


def test_values_in_a_message_are_escaped(app):
    with app.test_request_context("/fr/"):
        shown = render_template_string("{{ _('Paragraph %(number)s', number=value) }}", value="<b>")
    assert "&lt;b&gt;" in shown and "<b>" not in shown


def test_a_locale_keeps_its_environment_until_its_catalog_changes(app):
    with app.test_request_context("/fr/"):
        french = app.jinja_env
    with app.test_request_context("/fr/themes/"):
        assert app.jinja_env is french
    with app.test_request_context("/ru/"):
        assert app.jinja_env is not french
    # What the catalog reload does (catalogs.init_app): Flask-Babel loads the catalogs again.
    app.extensions["babel"].instance.domain_instance.cache.clear()
    with app.test_request_context("/fr/"):
        assert app.jinja_env is not french


def test_outside_a_request_templates_come_from_the_base_environment(app):
    with app.app_context():
        assert app.jinja_env.translations is None or str(app.jinja_env.translations) != ""
    assert app.jinja_env is app.base_jinja_env


def test_a_new_app_does_not_compile_again(compiled_translations, tmp_path, monkeypatch):
    first = make_app(compiled_translations, tmp_path / "a.sqlite3")
    page = first.test_client().get("/fr/").get_data()

    def compile_again(*args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(Environment, "compile", compile_again)
    second = make_app(compiled_translations, tmp_path / "b.sqlite3")
    assert second.test_client().get("/fr/").get_data() == page


def test_an_unwritable_cache_folder_costs_only_a_compile(app, monkeypatch):
    def full(bucket):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(templating.COMPILED, "code", {})
    if templating.COMPILED.disk is not None:
        monkeypatch.setattr(templating.COMPILED.disk, "dump_bytecode", full)
        monkeypatch.setattr(templating.COMPILED.disk, "load_bytecode", lambda bucket: None)
    response = app.test_client().get("/es/")
    assert response.status_code == 200
    assert "Resumen completo" in response.get_data(as_text=True)


def test_addresses_follow_the_host_of_each_request(client):
    """Built addresses are remembered: the host, scheme and path prefix are part of the key."""
    for base in ("http://a.example", "https://b.example", "http://a.example/mirror"):
        html = client.get("/fr/themes/", base_url=base).get_data(as_text=True)
        links = BeautifulSoup(html, "html.parser").find_all("link", rel="alternate")
        assert {link["hreflang"]: link["href"] for link in links}["ru"] == f"{base}/ru/themes/"
        switcher = BeautifulSoup(html, "html.parser").select_one("nav.languages a[hreflang=ru]")
        assert switcher["href"] == f"{base.split('example')[1]}/ru/themes/?switch"
