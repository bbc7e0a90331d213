"""Templates get their texts through Flask-Babel and the catalogs' one rule, in the request's language."""

import polib
import pytest
from bs4 import BeautifulSoup
from flask import render_template_string

from conftest import make_app
from hldsite.catalogs import catalog_path
from hldsite.i18n import BY_CODE, LANGUAGES, SOURCE

by_code = pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)


def render(app, path: str, template: str, **context) -> str:
    """A template rendered in a request for `path`, after the request's language is found."""
    with app.test_request_context(path):
        app.preprocess_request()
        return render_template_string(template, **context)


@by_code
def test_each_language_renders_its_own_messages(app, expected, language):
    template = "{{ _('Themes') }} | {{ _('Paragraph %(number)s', number=7) }} | {{ _(name) }}"
    shown = render(app, f"/{language.code}/", template, name="Glossary")
    assert shown == " | ".join(
        [
            expected(language, "Themes"),
            expected(language, "Paragraph %(number)s") % {"number": 7},
            expected(language, "Glossary"),
        ]
    )


@by_code
def test_content_text_follows_the_catalog_and_names_no_language_twice(app, document, expected, language):
    paragraph = document.paragraphs[6]
    template = "{{ content_text(item) }}|{{ content_html(item, link_terms=False) }}"
    text, html = render(app, f"/{language.code}/themes/", template, item=paragraph).split("|", 1)
    assert text == expected(language, paragraph.text, "p7")
    assert 'lang="en"' not in html


def test_values_in_a_message_are_escaped(app):
    shown = render(app, "/fr/", "{{ _('Paragraph %(number)s', number=value) }}", value="<b>")
    assert "&lt;b&gt;" in shown and "<b>" not in shown


def test_another_language_is_rendered_in_its_own_words_on_the_same_page(app, document, expected):
    """Side-by-side pages show a text in a second language without switching the page's."""
    theme = document.themes[1]
    template = "{{ _('Themes') }}|{{ content_text(theme, other) }}|{{ content_text(theme) }}"
    shown = render(app, "/fr/compare/ru/", template, theme=theme, other=BY_CODE["ru"])
    assert shown.split("|") == [
        expected(BY_CODE["fr"], "Themes"),
        expected(BY_CODE["ru"], theme.title, "theme:children"),
        expected(BY_CODE["fr"], theme.title, "theme:children"),
    ]


def test_a_translation_that_equals_the_english_is_not_marked_english(read, po):
    """The catalog's state decides, not a comparison of texts: French "migrant" is French."""
    assert po["fr"].find("glossary:migrant", by="msgctxt").msgstr == "migrant"
    term = read("/fr/glossary/").find(id="migrant").find("dfn")
    assert term.get_text() == "migrant"
    assert term.find(attrs={"lang": True}) is None


def test_an_outdated_translation_is_shown_as_english(writable_translations, tmp_path, document):
    """Fuzzy (its English changed) means the English is shown, marked as English, with a notice."""
    path = catalog_path(writable_translations, BY_CODE["es"])
    po = polib.pofile(str(path))
    po.find("p8", by="msgctxt").flags.append("fuzzy")
    po.save()
    soup = BeautifulSoup(
        make_app(writable_translations, tmp_path / "s.sqlite3")
        .test_client()
        .get("/es/")
        .get_data(as_text=True),
        "html.parser",
    )
    english = soup.find(id="p8").find("span", lang=SOURCE.tag)
    assert english.get_text() == document.paragraphs[7].text
    assert soup.find(id="p8").find_previous_sibling("p")["class"] == ["outdated"]
    assert soup.find(id="p9").find("span", lang=SOURCE.tag) is None


def test_addresses_follow_the_host_of_each_request(client):
    """The host, scheme and path prefix of each request make its addresses."""
    for base in ("http://a.example", "https://b.example", "http://a.example/mirror"):
        html = client.get("/fr/themes/", base_url=base).get_data(as_text=True)
        links = BeautifulSoup(html, "html.parser").find_all("link", rel="alternate")
        assert {link["hreflang"]: link["href"] for link in links}["ru"] == f"{base}/ru/themes/"
        switcher = BeautifulSoup(html, "html.parser").select_one("nav.languages a[hreflang=ru]")
        assert switcher["href"] == f"{base.split('example')[1]}/ru/themes/?switch"
