"""Suggesting a translation: the links from the reading pages, the contribution view, the checks."""

import unicodedata

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from hldsite.db import db
from hldsite.i18n import BY_CODE, LANGUAGES, SOURCE, TRANSLATED
from hldsite.message_ids import MessageId
from hldsite.models import Suggestion

pytestmark = pytest.mark.store

every_translation = pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.code)

# A suggestion each check must pass, per language: a sentence of the language that says what p7
# says, with no number (the English has none).
GOOD = {
    "fr": "Les participants ont reconnu que le racisme, la discrimination raciale et la xénophobie envers "
    "les migrants aggravent leur vulnérabilité.",
    "es": "Los participantes reconocieron que el racismo, la discriminación racial y la xenofobia contra "
    "los migrantes agravan su vulnerabilidad.",
    "ru": "Участники признали, что расизм, расовая дискриминация и ксенофобия в отношении мигрантов "
    "усугубляют их уязвимость.",
    "ar": "أقر المشاركون بأن العنصرية والتمييز العنصري وكره الأجانب ضد المهاجرين تزيد من ضعفهم.",
    "zh": "与会者普遍认为，针对移民的种族主义、种族歧视和仇外心理加剧了他们的脆弱性。",
}


def with_number(text: str) -> str:
    """The text with a number the English does not have, before its final full stop."""
    return text[:-1] + " 2013" + text[-1]


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def stored(app) -> list[Suggestion]:
    with app.app_context():
        return list(db.session.scalars(select(Suggestion).order_by(Suggestion.id)))


@every_translation
def test_every_paragraph_links_to_its_contribution_view(read, expected, language):
    html = read(f"/{language.code}/")
    links = html.select("p[id] + p.improve a")
    assert len(links) == 12 + 2  # the paragraphs, the salutation and the closing words
    links = [a for a in links if a.find_parent("p").find_previous_sibling("p")["id"].startswith("p")]
    assert [a["href"] for a in links] == [f"/{language.code}/contribute/p{n}/" for n in range(1, 13)]
    # The visible words, then which paragraph, for a list of links read out of context.
    first = links[0].get_text(" ", strip=True)
    assert first.startswith(expected(language, "Improve this translation"))
    assert expected(language, "Paragraph %(number)s").replace("%(number)s", "1") in first


@every_translation
def test_every_plain_passage_links_to_its_contribution_view(read, language, document):
    html = read(f"/{language.code}/themes/children/plain/")
    hrefs = [a["href"] for a in html.select("main p.improve a")]
    theme = document.theme("children")
    # The plain heading, then each passage (a list, item by item).
    assert hrefs == [f"/{language.code}/contribute/theme:children:plain/"] + [
        f"/{language.code}/contribute/{message.message_id.context}/"
        for block in theme.plain
        for message in block.messages
    ]


def test_the_english_original_has_nothing_to_improve(read):
    assert read("/en/").select("p.improve") == []
    assert read("/en/plain/").select("p.improve") == []


@every_translation
def test_the_view_gives_source_translation_context_and_other_languages(read, po, expected, language):
    html = read(f"/{language.code}/contribute/p7/")
    entry = po[language.code].find("p7", by="msgctxt")
    assert html.h1.get_text().strip() == expected(language, "Translate: %(name)s").replace(
        "%(name)s", expected(language, "Paragraph %(number)s").replace("%(number)s", "7")
    )
    blocks = html.select(".text-block")
    source = next(b for b in blocks if b.get("lang") == "en")
    assert source.get_text() == entry.msgid
    current = next(b for b in blocks if b.get("lang") == language.tag)
    assert current.get_text() == entry.msgstr.replace("\u00a0", "NBSP").replace("\u202f", "NNBSP")
    textarea = html.find("textarea", id="text")
    assert (textarea["lang"], textarea["dir"]) == (language.tag, language.direction)
    assert textarea.get_text() == entry.msgstr
    assert html.find("label", attrs={"for": "text"}).get_text() == expected(language, "Your translation")
    # The neighbouring paragraphs, and p7 in the four other translations, each marked with its language.
    context = [a["href"] for a in html.select("#context-title ~ dl a")]
    assert context == [f"/{language.code}/contribute/p6/", f"/{language.code}/contribute/p8/"]
    others = html.select("#others-title ~ dl dd .text-block")
    assert sorted(b["lang"] for b in others) == sorted(o.tag for o in TRANSLATED if o != language)
    for block in others:
        other = next(o for o in TRANSLATED if o.tag == block["lang"])
        assert block.get_text() == reveal_plain(po[other.code].find("p7", by="msgctxt").msgstr)


def reveal_plain(text: str) -> str:
    return text.replace("\u00a0", "NBSP").replace("\u202f", "NNBSP")


@every_translation
def test_the_view_lists_the_glossary_terms_of_the_text(read, po, language):
    # p1 names the High-level Dialogue and migrants: their approved translations are shown, linked.
    html = read(f"/{language.code}/contribute/p1/")
    terms = {
        dt.get_text(): dd.a
        for dt, dd in zip(
            html.select("#terms-title ~ dl dt"), html.select("#terms-title ~ dl dd"), strict=True
        )
    }
    approved = po[language.code].find("glossary:migrant", by="msgctxt").msgstr
    assert terms["migrant"].get_text() == approved
    assert terms["migrant"]["href"] == f"/{language.code}/glossary/#migrant"


def test_invisible_characters_of_the_current_translation_are_shown(read, po):
    """French puts no-break spaces before : ; ? !: a reviewer must be able to see them."""
    entry = next(e for e in po["fr"] if e.msgctxt and "\u00a0" in e.msgstr)
    html = read(f"/fr/contribute/{MessageId.of_entry(entry.msgctxt, entry.msgid)}/")
    marks = html.select('.text-block[lang="fr"] abbr.invisible')
    assert [m.get_text() for m in marks] == ["NBSP"] * entry.msgstr.count("\u00a0")
    assert marks[0]["title"] == "U+00A0 NO-BREAK SPACE"
    assert [dt.get_text() for dt in html.select(".legend dt")] == ["NBSP"]


@every_translation
def test_bidi_marks_of_a_suggestion_are_shown(client, csrf_token, language):
    url = f"/{language.code}/contribute/p7/"
    text = GOOD[language.code][:-1] + "\u200f\u00a0\u200f" + GOOD[language.code][-1]
    client.post(url, data={"csrf_token": csrf_token(client, url), "text": text})
    waiting = BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser").select_one(
        "#suggestions-title ~ ol .text-block"
    )
    assert [m.get_text() for m in waiting.select("abbr.invisible")] == ["RLM", "NBSP", "RLM"]
    assert "\u200f" not in waiting.get_text()


@every_translation
def test_a_good_suggestion_is_saved_and_confirmed(app, client, csrf_token, expected, language):
    url = f"/{language.code}/contribute/p7/"
    response = client.post(
        url,
        data={
            "csrf_token": csrf_token(client, url),
            "text": GOOD[language.code],
            "note": "Plus simple.",
            "author": "Zoé",
        },
    )
    assert response.status_code == 303
    assert response.headers["Location"] == url + "#status"
    html = page(client.get(url))
    status = html.find(attrs={"role": "status"})
    assert (
        expected(
            language, "Thank you. Your suggestion is saved: a reviewer will read it before it is published."
        )
        in status.get_text()
    )
    # Listed under the suggestions waiting for review, in its language.
    waiting = html.select_one("#suggestions-title ~ ol .text-block")
    assert (waiting.get_text(), waiting["lang"]) == (GOOD[language.code], language.tag)
    [suggestion] = stored(app)
    assert (
        suggestion.language,
        suggestion.key,
        suggestion.text,
        suggestion.note,
        suggestion.author,
        suggestion.status,
    ) == (language.code, "p7", GOOD[language.code], "Plus simple.", "Zoé", "open")


# What each blocking check must catch, with the words the page says (the English wording).
BAD = [
    ("", "The translation is empty."),
    ("   \n ", "The translation is empty."),
    ("SOURCE", "The translation is the English text unchanged."),
    ("GOOD <script>alert(1)</script>", "HTML and other markup cannot be used in a translation."),
    (
        "GOOD \u2067",
        "A bidirectional control character is opened without being closed, or closed without being opened.",
    ),
    (
        "GOOD \u2069",
        "A bidirectional control character is opened without being closed, or closed without being opened.",
    ),
    (
        "LONG",
        "The length is far from that of the English: check that all of the text, and only it, is translated.",
    ),
    ("GOOD \x07", "The text contains control characters: remove them."),
    ("GOOD \ufffd", "The text contains characters that could not be read (shown as �)."),
]


@every_translation
@pytest.mark.parametrize(("bad", "problem"), BAD, ids=range(len(BAD)))
def test_a_bad_suggestion_is_refused_with_its_reason_and_kept(
    app, client, csrf_token, po, expected, language, bad, problem
):
    url = f"/{language.code}/contribute/p7/"
    source = po[language.code].find("p7", by="msgctxt").msgid
    # Four times the length of the English: no translation is that long.
    long = " ".join([GOOD[language.code]] * (4 * len(source) // len(GOOD[language.code]) + 1))
    text = bad.replace("SOURCE", source).replace("LONG", long).replace("GOOD", GOOD[language.code])
    response = client.post(
        url, data={"csrf_token": csrf_token(client, url), "text": text, "note": "", "author": ""}
    )
    assert response.status_code == 422
    html = page(response)
    alert = html.find(attrs={"role": "alert"})
    assert expected(language, problem) in [li.get_text() for li in alert.select("li")]
    assert alert.select_one("li a")["href"] == "#text"
    textarea = html.find("textarea", id="text")
    assert textarea["aria-invalid"] == "true"
    assert textarea.get_text() == text.replace("\r\n", "\n").strip() or not text.strip()
    assert stored(app) == []


@every_translation
def test_text_in_another_language_is_refused(client, csrf_token, expected, language):
    other = "es" if language.code == "fr" else "fr"
    url = f"/{language.code}/contribute/p7/"
    response = client.post(url, data={"csrf_token": csrf_token(client, url), "text": GOOD[other]})
    assert response.status_code == 422
    name = language.locale.get_display_name(language.locale)
    wanted = expected(language, "The text does not look like %(language)s.").replace("%(language)s", name)
    assert wanted in page(response).find(attrs={"role": "alert"}).get_text()


@pytest.mark.parametrize("code", ["fr", "ar"])
def test_placeholders_of_an_interface_text_must_be_kept(client, csrf_token, po, expected, code):
    language = BY_CODE[code]
    entry = po[code].find("Theme %(number)s of %(count)s")
    url = f"/{code}/contribute/{MessageId.of_entry(entry.msgctxt, entry.msgid)}/"
    response = client.post(
        url, data={"csrf_token": csrf_token(client, url), "text": entry.msgstr.replace("%(count)s", "")}
    )
    assert response.status_code == 422
    message = expected(language, "Keep the placeholders of the English exactly as they are: %(placeholders)s")
    assert message.replace("%(placeholders)s", "%(count)s %(number)s") in page(response).get_text()


@every_translation
def test_warnings_do_not_block_and_are_shown_with_the_confirmation(
    app, client, csrf_token, expected, language
):
    url = f"/{language.code}/contribute/p7/"
    text = with_number(GOOD[language.code])
    response = client.post(url, data={"csrf_token": csrf_token(client, url), "text": text})
    assert response.status_code == 303
    status = page(client.get(url)).find(attrs={"role": "status"})
    assert expected(language, "The numbers differ from those of the English.") in status.get_text()
    assert [s.text for s in stored(app)] == [text]


@every_translation
def test_a_form_without_its_csrf_token_is_refused_and_the_text_kept(app, client, expected, language):
    url = f"/{language.code}/contribute/p7/"
    client.get(url)
    response = client.post(url, data={"text": GOOD[language.code], "note": "ma note"})
    assert response.status_code == 400
    html = page(response)
    assert (
        expected(language, "The form has expired. Check the text and send it again.")
        in html.find(attrs={"role": "alert"}).get_text()
    )
    assert html.find("textarea", id="text").get_text() == GOOD[language.code]
    assert html.find("textarea", id="note").get_text() == "ma note"
    assert stored(app) == []


def test_the_user_text_is_escaped_everywhere(app, client, csrf_token):
    url = "/fr/contribute/p7/"
    hostile = '<script>alert("x")</script>'
    client.post(
        url,
        data={"csrf_token": csrf_token(client, url), "text": GOOD["fr"], "note": hostile, "author": hostile},
    )
    body = client.get(url).get_data(as_text=True)
    assert hostile not in body
    assert "&lt;script&gt;" in body


@every_translation
def test_the_index_lists_every_text_with_its_status_and_filters(
    app, client, csrf_token, po, expected, language
):
    html = page(client.get(f"/{language.code}/contribute/"))
    rows = html.select("table.messages tbody tr")
    assert len(rows) == len([e for e in po[language.code] if not e.obsolete])
    assert expected(language, "Translated") in rows[0].get_text()
    url = f"/{language.code}/contribute/p3/"
    client.post(url, data={"csrf_token": csrf_token(client, url), "text": GOOD[language.code][:-3] + "."})
    client.post(
        f"/{language.code}/contribute/p7/",
        data={
            "csrf_token": csrf_token(client, f"/{language.code}/contribute/p7/"),
            "text": GOOD[language.code],
        },
    )
    suggested = page(client.get(f"/{language.code}/contribute/?status=suggested"))
    keys = [a["href"].split("/")[-2] for a in suggested.select("tbody th a")]
    assert keys == sorted({s.key for s in stored(app)}, key=lambda k: int(k[1:]))
    assert "p7" in keys
    listed = page(client.get(f"/{language.code}/contribute/?status=untranslated"))
    assert listed.select("table.messages tbody tr") == []


def test_an_unknown_filter_is_a_bad_request(client):
    assert client.get("/fr/contribute/?status=<script>").status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/xx/contribute/p7/",
        "/fr/contribute/p99/",
        "/fr/contribute/ui-000000000000/",
        "/en/contribute/p7/",
        "/fr/contribute/%00/",
        "/fr/contribute/" + "a" * 3000 + "/",
    ],
)
def test_unknown_languages_and_forged_ids_are_not_found(client, url):
    assert client.get(url).status_code == 404
    assert client.post(url, data={"text": "x"}).status_code == 404


def test_an_outdated_text_shows_what_changed_in_the_english(writable_app, writable_translations, expected):
    """`translate update` keeps the previous English (#|): the view shows the change as a diff."""
    import polib

    from hldsite.catalogs import catalog_path

    path = catalog_path(writable_translations, BY_CODE["fr"])
    po = polib.pofile(str(path), wrapwidth=76)
    entry = po.find("p2", by="msgctxt")
    entry.previous_msgid = entry.msgid
    entry.msgid += " Thank you."
    entry.flags.append("fuzzy")
    po.save()
    html = page(writable_app.test_client().get("/fr/contribute/p2/"))
    diff = html.select_one(".diff[lang=en]")
    assert [i.get_text() for i in diff.find_all("ins")] == [
        expected(BY_CODE["fr"], "inserted") + ":  Thank you."
    ]
    assert diff.find_all("del") == []
    assert (
        expected(BY_CODE["fr"], "Outdated: the English has changed") in html.select_one(".eyebrow").get_text()
    )
    listed = page(writable_app.test_client().get("/fr/contribute/?status=outdated"))
    assert [a["href"] for a in listed.select("tbody th a")] == ["/fr/contribute/p2/"]


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_progress_of_every_language_on_one_page(client, csrf_token, po, language):
    url = "/fr/contribute/p7/"
    client.post(url, data={"csrf_token": csrf_token(client, url), "text": GOOD["fr"]})
    html = page(client.get(f"/{language.code}/contribute/languages/"))
    rows = {
        row.th.a["hreflang"]: [number(count.get_text()) for count in row.select(".progress-table__count")]
        for row in html.select("tbody tr")
    }
    assert set(rows) == {o.tag for o in TRANSLATED}
    total = len([e for e in po["fr"] if not e.obsolete])
    translated, outdated, untranslated, suggestions = rows["fr"]
    assert (translated + outdated + untranslated, suggestions) == (total, 1)
    assert rows["es"][3] == 0


def number(text: str) -> int:
    """A number as the page's locale writes it (Arabic-Indic digits on an Arabic page)."""
    return int("".join(str(unicodedata.digit(c)) for c in text if c.isdigit()))


def test_english_contribute_page_is_the_overview(read):
    html = read("/en/contribute/")
    assert [a["hreflang"] for a in html.select("tbody th a")] == [o.tag for o in TRANSLATED]
    assert SOURCE.tag not in [a["hreflang"] for a in html.select("tbody th a")]


@every_translation
def test_the_view_gives_the_note_for_translators_or_where_the_site_uses_a_text(read, po, expected, language):
    html = read(f"/{language.code}/contribute/p7/")
    labels = {dt.get_text(): dt.find_next("dd") for dt in html.select("#source-title ~ dl dt")}
    note = labels[expected(language, "Note for translators")]
    assert note["lang"] == "en"
    assert note.get_text().startswith("Paragraph 7 of 12; theme: ")
    interface = po[language.code].find("Skip to main content")
    html = read(f"/{language.code}/contribute/{MessageId.of_entry(interface.msgctxt, interface.msgid)}/")
    labels = {dt.get_text(): dt.find_next("dd") for dt in html.select("#source-title ~ dl dt")}
    assert (
        labels[expected(language, "Where the site uses it")].code.get_text()
        == "site/hldsite/templates/base.html"
    )
