"""The reading pages show the whole summary in each language, in semantic HTML."""

import pytest

from hldsite import data_dir
from hldsite.i18n import LANGUAGES, SOURCE, TRANSLATED

by_code = pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
translated_only = pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.code)


def text(element) -> str:
    return element.get_text()


@by_code
def test_summary_shows_every_text_in_the_language(read, document, expected, language):
    soup = read(f"/{language.code}/")
    for paragraph in document.paragraphs:
        assert text(soup.find(id=paragraph.id)) == expected(language, paragraph.text, paragraph.id)
    assert text(soup.find(id="salutation")) == expected(
        language, document.framing["salutation"].text, "salutation"
    )
    assert text(soup.find(id="closing")) == expected(language, document.framing["closing"].text, "closing")
    header = text(soup.find(class_="document-header"))
    for key in ("event", "motto", "venue-dates", "round-table", "date-time", "summary-by"):
        assert expected(language, document.framing[key].text, key) in header
    for line in expected(language, document.framing["co-chair"].text, "co-chair").split("\n"):
        assert line in header


@translated_only
def test_translated_pages_do_not_show_the_english(read, document, language):
    body = text(read(f"/{language.code}/").find("main"))
    for paragraph in document.paragraphs:
        assert paragraph.text not in body
    for theme in document.themes:
        assert theme.title not in body
    # English shown for a missing translation is a span marked as English; the formats' names
    # (EPUB, PDF) and a Chinese page's Latin runs ("kB") are English on purpose.
    assert not read(f"/{language.code}/").select("main span[lang=en]")


@by_code
def test_summary_heading_is_the_round_table_theme(read, document, expected, language):
    soup = read(f"/{language.code}/")
    [h1] = soup.find_all("h1")
    assert expected(language, document.framing["round-table-theme"].text, "round-table-theme") in text(h1)
    headings = [text(h2) for h2 in soup.find("article").find_all("h2")]
    assert headings == [expected(language, t.title, t.message_id.context) for t in document.themes]


@by_code
@pytest.mark.parametrize("path", ["", "themes/", "themes/children/"])
def test_page_language_and_direction(read, language, path):
    html = read(f"/{language.code}/{path}").html
    assert html["lang"] == language.tag
    assert html["dir"] == ("rtl" if language.code == "ar" else "ltr")


def test_language_tags_are_bcp47():
    assert [language.tag for language in LANGUAGES] == ["ar", "zh-Hans", "en", "fr", "ru", "es"]


@by_code
@pytest.mark.parametrize("path", ["", "themes/", "themes/way-forward/"])
def test_language_switcher_links_the_same_page_in_each_language(read, language, path):
    nav = read(f"/{language.code}/{path}").find("nav", class_="languages")
    links = nav.find_all("a")
    assert [(a["lang"], a["hreflang"], text(a)) for a in links] == [
        (other.tag, other.tag, other.name) for other in LANGUAGES
    ]
    assert [a["href"] for a in links] == [f"/{other.code}/{path}?switch" for other in LANGUAGES]
    assert [a.get("aria-current") for a in links] == [
        "true" if other == language else None for other in LANGUAGES
    ]


def test_native_names():
    assert [language.name for language in LANGUAGES] == [
        "العربية",
        "中文",
        "English",
        "Français",
        "Русский",
        "Español",
    ]


@by_code
def test_alternates_name_all_six_and_a_default(read, language):
    links = read(f"/{language.code}/themes/children/").find_all("link", rel="alternate")
    assert {link["hreflang"]: link["href"] for link in links} == {
        **{other.tag: f"http://localhost/{other.code}/themes/children/" for other in LANGUAGES},
        "x-default": "http://localhost/en/themes/children/",
    }
    summary_links = read(f"/{language.code}/").find_all("link", rel="alternate")
    assert {link["hreflang"]: link["href"] for link in summary_links}["x-default"] == "http://localhost/"


@by_code
def test_title_names_the_page_and_the_document(read, document, expected, language):
    document_name = expected(language, "Round table 2: summary by the Co-Chair")
    theme = document.theme("children")
    titles = {
        "": expected(language, "Full summary"),
        "themes/": expected(language, "Themes"),
        "themes/children/": expected(language, theme.title, theme.message_id.context),
    }
    seen = set()
    for path, page_name in titles.items():
        title = text(read(f"/{language.code}/{path}").title)
        assert page_name in title and document_name in title
        seen.add(title)
    assert len(seen) == len(titles)


@by_code
@pytest.mark.parametrize("path", ["", "themes/", "themes/children/"])
def test_semantic_structure(read, language, path):
    soup = read(f"/{language.code}/{path}")
    body = [child for child in soup.body.children if child.name]
    assert body[0].name == "a" and body[0]["href"] == "#main"
    assert [e.name for e in body[1:]] == ["header", "main", "footer"]
    assert soup.main["id"] == "main"
    assert len(soup.find_all("h1")) == 1
    levels = [int(h.name[1]) for h in soup.find_all(["h1", "h2", "h3", "h4"])]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    names = [nav["aria-label"] for nav in soup.find_all("nav")]
    assert len(names) == len(set(names)) and all(names)
    assert not soup.find("script")


@translated_only
@pytest.mark.parametrize("path", ["", "themes/", "themes/children/"])
def test_translated_pages_say_the_english_is_the_original(read, expected, language, path):
    notice = read(f"/{language.code}/{path}").find("main").find(class_="notice")
    assert expected(language, "This translation is unofficial. The English text is the original.") in text(
        notice
    )
    link = notice.find("a")
    assert link["href"] == f"/en/{path}" and link["hreflang"] == "en"
    assert text(link) == expected(language, "Read the original English text")


def test_english_pages_have_no_translation_notice(read):
    assert read("/en/").find(class_="notice") is None


@by_code
def test_themes_page_lists_every_theme(read, document, expected, language):
    items = read(f"/{language.code}/themes/").select("ol.theme-list > li > a")
    assert [(text(a), a["href"]) for a in items] == [
        (expected(language, t.title, t.message_id.context), f"/{language.code}/themes/{t.slug}/")
        for t in document.themes
    ]


@by_code
def test_theme_page_shows_its_paragraphs(read, document, expected, language):
    for theme in document.themes:
        soup = read(f"/{language.code}/themes/{theme.slug}/")
        assert text(soup.h1) == expected(language, theme.title, theme.message_id.context)
        shown = soup.find("main").find_all("p", id=True)
        assert [(p["id"], text(p)) for p in shown] == [
            (p.id, expected(language, p.text, p.id)) for p in theme.paragraphs
        ]
        crumbs = soup.find("nav", class_="breadcrumbs").find_all("a")
        assert crumbs[-1]["aria-current"] == "page"


def test_anchors_are_the_same_in_every_language(read, document):
    ids = {
        language.code: [p["id"] for p in read(f"/{language.code}/").find_all("p", id=True)]
        for language in LANGUAGES
    }
    assert all(found == ids[SOURCE.code] for found in ids.values())
    assert [p.id for p in document.paragraphs] == [i for i in ids["en"] if i.startswith("p")]


def test_every_line_of_the_original_is_on_the_english_page(read):
    """Nothing of the original is left out: only the extraction's asterisks and bullets go."""
    original = data_dir("content") / "original" / "summary-en.txt"
    page = " ".join(text(read("/en/")).lower().split())
    lines = [
        " ".join(line.replace("*", "").replace(" •", ",").split())
        for line in original.read_text("utf-8").splitlines()
    ]
    for line in filter(None, lines):
        assert line.lower() in page
