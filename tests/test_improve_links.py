"""Every translated text on a reading page can be improved from that page: paragraphs, headings,
the summary's heading, salutation and closing words, plain passages item by item, glossary entries
part by part, both languages side by side; the footer names the site's own texts. English, the
original, has none."""

import pytest

from hldsite.i18n import LANGUAGES, SOURCE, TRANSLATED

translated_only = pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.code)
FRAMING = [
    "event",
    "motto",
    "venue-dates",
    "round-table",
    "round-table-theme",
    "date-time",
    "summary-by",
    "co-chair",
    "salutation",
    "closing",
]


def improvable(soup, code: str) -> set[str]:
    """The texts the page's links offer to improve, by id, in one language."""
    prefix = f"/{code}/contribute/"
    return {
        a["href"].removeprefix(prefix).rstrip("/")
        for a in soup.select(".improve a")
        if a["href"].startswith(prefix) and "?" not in a["href"]
    }


def plain_ids(blocks) -> set[str]:
    return {str(message.message_id) for block in blocks for message in block.messages}


def pages(document):
    """Each reading page and the content it shows, by message id."""
    headings = {f"theme:{t.slug}" for t in document.themes}
    summary = {p.id for p in document.paragraphs} | set(FRAMING) | headings
    plain = plain_ids(document.intro) | {str(t.plain_title.message_id) for t in document.themes}
    for theme in document.themes:
        plain |= plain_ids(theme.plain)
        yield f"themes/{theme.slug}/", {p.id for p in theme.paragraphs} | {f"theme:{theme.slug}"}
        yield f"themes/{theme.slug}/plain/", plain_ids(theme.plain) | {str(theme.plain_title.message_id)}
    glossary = {f"glossary:{t.id}{part}" for t in document.terms for part in ("", ":definition", ":source")}
    glossary |= {f"abbr:{a.id}{part}" for a in document.abbreviations for part in ("", ":long")}
    yield "", summary
    yield "plain/", plain
    yield "themes/", {f"theme:{t.slug}" for t in document.themes}
    yield "glossary/", glossary


@translated_only
def test_every_translated_text_on_a_reading_page_has_its_link(read, document, language):
    for path, shown in pages(document):
        soup = read(f"/{language.code}/{path}")
        offered = improvable(soup, language.code)
        # A language that writes a name in full lists no abbreviation of it.
        listed = {f"abbr:{entry['id'].removeprefix('abbr-')}" for entry in soup.select("[id^=abbr-]")}
        shown = {key for key in shown if not key.startswith("abbr:") or key.removesuffix(":long") in listed}
        assert shown - offered == set(), path
        # The footer's texts are offered on every page.
        assert {"event", "venue-dates"} <= offered, path


@translated_only
def test_salutation_and_closing_are_improved_under_themselves(read, expected, language):
    soup = read(f"/{language.code}/")
    for key, name in (("salutation", "Salutation"), ("closing", "Closing words")):
        link = soup.find(id=key).find_next_sibling(class_="improve").a
        assert link["href"] == f"/{language.code}/contribute/{key}/"
        improve = expected(language, "Improve this translation")
        assert link.get_text() == f"{improve} – {expected(language, name)}"


@translated_only
@pytest.mark.parametrize("other", LANGUAGES, ids=lambda language: language.code)
@pytest.mark.parametrize("path", ["compare/{other}/", "plain/compare/{other}/"])
def test_side_by_side_offers_both_languages(read, document, language, other, path):
    if other == language:
        return
    soup = read(f"/{language.code}/" + path.format(other=other.code))
    mine, theirs = improvable(soup, language.code), improvable(soup, other.code)
    shown = (
        {p.id for p in document.paragraphs} | set(FRAMING)
        if path.startswith("compare")
        else plain_ids(document.intro)
    )
    assert shown - mine == set()
    assert (shown - theirs == set()) if other != SOURCE else theirs == set()
    # The link in the other language's cell is worded in the page's language, and says so.
    for a in soup.select(f'.pair__cell[lang="{other.tag}"] .improve a'):
        assert a.find_parent("p")["lang"] == language.tag


@translated_only
def test_the_footer_links_the_texts_of_the_site(read, expected, language):
    for path in ("", "plain/", "glossary/", "themes/children/", "compare/"):
        footer = read(f"/{language.code}/{path}").find("footer")
        links = {a.get_text(): a["href"] for a in footer.select(".improve a")}
        site_texts = expected(language, "Texts of the site")
        interface = next(href for text, href in links.items() if site_texts in text)
        assert interface == f"/{language.code}/contribute/?kind=interface"


@translated_only
def test_the_list_of_the_site_texts_shows_only_them(read, po, language):
    soup = read(f"/{language.code}/contribute/?kind=interface")
    keys = [code.get_text() for code in soup.select("table.messages tbody th code")]
    assert keys and all(key.startswith("ui-") for key in keys)
    assert len(keys) == len([e for e in po[language.code] if e.msgctxt is None])
    assert soup.find("select", id="kind").find("option", selected=True)["value"] == "interface"


@pytest.mark.parametrize("kind", ["nonsense", "Interface", "theme:children", "", "interface%00"])
def test_an_unknown_kind_of_text_is_a_clear_400(client, kind):
    response = client.get(f"/fr/contribute/?kind={kind}")
    assert response.status_code == 400


def test_english_pages_have_nothing_to_improve(read, document):
    for path, _ in pages(document):
        assert read(f"/en/{path}").select(".improve") == []
