"""Every page describes itself to search engines and link previews, in its own language."""

import pytest
from bs4 import BeautifulSoup

from conftest import make_app
from hldsite import create_app
from hldsite.i18n import LANGUAGES, SOURCE, TRANSLATED
from hldsite.pages import reading_pages


def pages() -> list:
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with app.app_context():
        return list(reading_pages())


PAGES = pages()
by_page = pytest.mark.parametrize(
    "page", PAGES, ids=lambda page: "-".join([page.endpoint, *page.values.values()])
)
by_language = pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)


@pytest.fixture(scope="module")
def heads(site_translations, tmp_path_factory) -> dict:
    """The <head> of every reading page in each language it exists in, by its key."""
    app = make_app(site_translations, tmp_path_factory.mktemp("descriptions") / "store.sqlite3")
    client = app.test_client()
    found = {}
    with app.test_request_context():
        urls = {key(page, language): page.url(language) for page in PAGES for language in page.languages}
    for found_key, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, url
        found[found_key] = BeautifulSoup(response.get_data(as_text=True), "html.parser").head
    return found


def key(page, language) -> tuple:
    return page.endpoint, tuple(page.values.items()), language.code


def described(head) -> str:
    return head.find("meta", attrs={"name": "description"})["content"]


def og(head, name: str) -> str:
    return head.find("meta", property=f"og:{name}")["content"]


@by_language
@by_page
def test_a_page_describes_itself_in_its_language(heads, language, page):
    if not page.exists_in(language):
        pytest.skip("a language is not compared with itself")
    head = heads[key(page, language)]
    description = described(head)
    # A sentence, not a label: a Chinese character says about what two or three Latin letters do.
    assert len(description) > (20 if language.code == "zh" else 40)
    # Link previews show the same words as search engines, under the page's own title.
    assert og(head, "description") == description
    assert og(head, "title") == head.title.get_text()
    assert og(head, "locale") == language.tag.replace("-", "_")
    assert og(head, "type") == "website"
    if language in TRANSLATED:
        # English is not compared with itself: a comparison with English against English's with French.
        counterpart = page._replace(values={"other": "fr"}) if page.values.get("other") == "en" else page
        english = heads[key(counterpart, SOURCE)]
        assert description != described(english)
        if language.script:
            assert language.script.search(description), description


@by_language
def test_no_two_pages_share_a_description(heads, language):
    descriptions = [described(heads[key(page, language)]) for page in PAGES if page.exists_in(language)]
    assert len(set(descriptions)) == len(descriptions)


@pytest.mark.parametrize("url", ["/fr/no-such-page/", "/ar/contribute/"])
def test_error_and_contribution_pages_are_described_too(client, url):
    head = BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser").head
    assert described(head) and og(head, "description") == described(head)
