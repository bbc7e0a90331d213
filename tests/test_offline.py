"""Translating offline: the PO file to download, and the file sent back turned into suggestions
through the same gate as the web form, with a report of what became of every text."""

import io
import re
import subprocess

import polib
import pytest
from bs4 import BeautifulSoup
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from conftest import make_app
from hldsite.catalogs import catalog_path
from hldsite.contributing.round_trip import MAX_BYTES
from hldsite.db import db
from hldsite.i18n import BY_CODE, TRANSLATED
from hldsite.message_ids import MessageId
from hldsite.models import Suggestion
from hostile import INTERFACE, hostile
from test_contribute import GOOD, with_number
from test_review import decide, suggest

# Only the tests that store suggestions run again on PostgreSQL (scripts/test).
stores = pytest.mark.store

every_translation = pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.code)


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def download(client, language) -> str:
    response = client.get(f"/{language.code}/contribute/offline/hld2013-rt2.po")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def send(client, csrf_token, language, data: bytes, author: str = ""):
    """Send a file as a browser does. The body is encoded in memory: the test client would
    otherwise spool a large one to a file that stays open when the site refuses to read it."""
    url = f"/{language.code}/contribute/offline/"
    form = {"csrf_token": csrf_token(client, url), "author": author}
    form["file"] = FileStorage(io.BytesIO(data), "messages.po", content_type="text/x-gettext-translation")
    boundary, body = encode_multipart(form)
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def edited(text: str, context: str, new: str, *, english: str | None = None) -> str:
    """A downloaded file with one entry's translation (and perhaps its English) changed."""
    po = polib.pofile(text)
    entry = po.find(context, by="msgctxt")
    entry.msgstr = new
    if english is not None:
        entry.msgid = english
    return str(po)


def stored(app) -> list[Suggestion]:
    with app.app_context():
        return list(db.session.scalars(select(Suggestion).order_by(Suggestion.id)))


@pytest.fixture
def said(site_translations):
    """What a page in a language says for an interface text: its translation, else the English."""

    def said(language, msgid: str) -> str:
        entry = polib.pofile(str(catalog_path(site_translations, language))).find(msgid)
        return entry.msgstr if entry and entry.msgstr and not entry.fuzzy else msgid

    return said


def summary_counts(html: BeautifulSoup) -> dict[str, str]:
    """The report's summary: each outcome's section id and the words of its line."""
    status = html.find(attrs={"role": "status"})
    return {a["href"].lstrip("#"): a.get_text() for a in status.select("li a")}


# The page


@every_translation
def test_the_page_explains_the_round_trip_and_offers_the_file(client, read, said, language):
    html = read(f"/{language.code}/contribute/offline/")
    assert html.h1.get_text() == said(language, "Translate offline")
    steps = [li.get_text() for li in html.select("main > ol > li")]
    assert steps[2] == said(
        language,
        "Send the file back here. Each text you changed becomes a suggestion, checked as on the site. "
        "A reviewer reads every suggestion before it is published.",
    )
    link = html.find("a", download=True)
    assert link["href"] == f"/{language.code}/contribute/offline/hld2013-rt2.po"
    assert (link["type"], link["download"]) == (
        "text/x-gettext-translation",
        f"hld2013-rt2-{language.code}.po",
    )
    assert re.search(r"\d", link.get_text())  # the file's size, in words
    # The file input: labelled, with its hint tied to it; the form carries a CSRF token.
    file_input = html.find("input", attrs={"type": "file"})
    assert html.find("label", attrs={"for": file_input["id"]}).get_text() == said(
        language, "Your translated file"
    )
    assert html.find(id=file_input["aria-describedby"]).get_text().strip()
    form = file_input.find_parent("form")
    assert form["enctype"] == "multipart/form-data" and form.find("input", attrs={"name": "csrf_token"})


@every_translation
def test_the_contribution_page_links_to_working_offline(read, language):
    html = read(f"/{language.code}/contribute/")
    assert html.find("a", href=f"/{language.code}/contribute/offline/")


def test_english_has_no_file_to_translate(read):
    read("/en/contribute/offline/", 404)
    read("/en/contribute/offline/hld2013-rt2.po", 404)


# The file


@every_translation
def test_the_file_has_every_text_with_its_context_current_text_and_base(client, site_translations, language):
    response = client.get(f"/{language.code}/contribute/offline/hld2013-rt2.po")
    assert response.mimetype == "text/x-gettext-translation"
    assert response.headers["Content-Disposition"] == f'attachment; filename="hld2013-rt2-{language.code}.po"'
    assert "no-store" in response.headers["Cache-Control"]
    po = polib.pofile(response.get_data(as_text=True))
    assert po.metadata["Language"] == language.catalog
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert po.metadata["Plural-Forms"].startswith("nplurals=")
    assert po.metadata["Project-Id-Version"].startswith("hld2013-rt2")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+0000", po.metadata["X-Downloaded"])
    assert "not official United Nations translations" in " ".join(po.header.split())
    site = [e for e in polib.pofile(str(catalog_path(site_translations, language))) if not e.obsolete]
    assert [(e.msgctxt, e.msgid, e.msgstr, e.fuzzy) for e in po] == [
        (e.msgctxt, e.msgid, e.msgstr, e.fuzzy) for e in site
    ]
    assert all(re.search(r"^hld2013-rt2 base: [0-9a-f]{32}$", e.comment, re.M) for e in po)


@every_translation
def test_gnu_msgfmt_accepts_the_file(client, tmp_path, language):
    path = tmp_path / "texts.po"
    path.write_text(download(client, language), encoding="utf-8")
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


# Sending it back


@every_translation
def test_an_unchanged_file_stores_nothing(app, client, csrf_token, said, language):
    text = download(client, language)
    response = send(client, csrf_token, language, text.encode())
    assert response.status_code == 200
    html = page(response)
    assert list(summary_counts(html)) == ["unchanged"]
    assert (
        said(language, "Nothing was saved: you changed none of the texts.")
        in html.find(attrs={"role": "status"}).get_text()
    )
    assert len(html.select("#unchanged ~ details li")) == len(polib.pofile(text))
    assert stored(app) == []


@stores
@every_translation
def test_a_changed_text_becomes_one_suggestion_seen_on_its_page(app, client, csrf_token, language):
    text = edited(download(client, language), "p7", GOOD[language.code])
    response = send(client, csrf_token, language, text.encode(), author="Zoé")
    assert response.status_code == 200
    html = page(response)
    assert set(summary_counts(html)) == {"suggested", "unchanged"}
    item = html.select_one("#suggested ~ ol li")
    assert item.find("a", href=f"/{language.code}/contribute/p7/")
    block = item.select_one(".text-block")
    assert (block["lang"], block["dir"], block.get_text()) == (
        language.tag,
        language.direction,
        GOOD[language.code],
    )
    [suggestion] = stored(app)
    assert (suggestion.key, suggestion.text, suggestion.author) == ("p7", GOOD[language.code], "Zoé")
    receipt = item.find("a", href=f"/{language.code}/contribute/receipt/{suggestion.receipt}/")
    assert receipt and client.get(receipt["href"]).status_code == 200
    waiting = page(client.get(f"/{language.code}/contribute/p7/")).select(
        "#suggestions-title ~ ol .text-block"
    )
    assert [b.get_text() for b in waiting] == [GOOD[language.code]]


@every_translation
def test_a_hostile_text_is_refused_with_the_web_forms_finding(app, client, csrf_token, po, language):
    msgid, template = INTERFACE[0]
    current = po[language.code].find(msgid).msgstr
    bad = hostile(template, current)
    key = str(MessageId.of_entry(None, msgid))
    url = f"/{language.code}/contribute/{key}/"
    web = page(client.post(url, data={"csrf_token": csrf_token(client, url), "text": bad}))
    web_findings = {li.get_text(" ", strip=True) for li in web.find(attrs={"role": "alert"}).select("li")}
    downloaded = polib.pofile(download(client, language))
    downloaded.find(msgid).msgstr = bad
    response = send(client, csrf_token, language, str(downloaded).encode())
    assert response.status_code == 422
    html = page(response)
    assert list(summary_counts(html)) == ["refused", "unchanged"]
    item = html.select_one("#refused ~ ol li")
    assert item.find("a", href=url)
    assert {li.get_text(" ", strip=True) for li in item.select("ul li")} == web_findings
    assert stored(app) == []


@every_translation
def test_a_fuzzy_text_is_not_sent(app, client, csrf_token, language):
    downloaded = polib.pofile(download(client, language))
    entry = downloaded.find("p7", by="msgctxt")
    entry.msgstr, entry.flags = GOOD[language.code], ["fuzzy"]
    html = page(send(client, csrf_token, language, str(downloaded).encode()))
    assert list(summary_counts(html)) == ["skipped", "unchanged"]
    assert "fuzzy" in html.select_one("#skipped ~ ol li").get_text()
    assert stored(app) == []


# Conflicts: the site changed after the download; both versions are shown, nothing is stored.


def conflict(html: BeautifulSoup) -> dict[str, list[str]]:
    """The conflict's table: each row's head, and its texts in the file and on the site now."""
    table = html.select_one("#conflict ~ table")
    return {
        row.th.get_text(" ", strip=True): [td.get_text() for td in row.find_all("td")]
        for row in table.select("tbody tr")
    }


@every_translation
def test_a_text_whose_english_changed_since_the_download_is_a_conflict(
    writable_translations, tmp_path, csrf_token, language
):
    app = make_app(writable_translations, tmp_path / "store.sqlite3")
    client = app.test_client()
    text = edited(download(client, language), "p7", GOOD[language.code])
    # The English of p7 is revised (`flask translate update` writes it so: fuzzy, with the old English).
    path = catalog_path(writable_translations, language)
    catalog = polib.pofile(str(path))
    entry = catalog.find("p7", by="msgctxt")
    old_english = entry.msgid
    entry.previous_msgid, entry.msgid = old_english, old_english + " Revised."
    entry.flags.append("fuzzy")
    catalog.save()
    response = send(client, csrf_token, language, text.encode())
    assert response.status_code == 422
    html = page(response)
    assert list(summary_counts(html)) == ["conflict", "unchanged"]
    rows = list(conflict(html).values())
    assert rows[0] == [old_english, old_english + " Revised."]
    assert rows[1][0] == GOOD[language.code]
    assert stored(app) == []


@stores
@every_translation
def test_a_text_published_since_the_download_is_a_conflict(
    writable_app, csrf_token, add_reviewer, sign_in, language
):
    contributor = writable_app.test_client()
    text = edited(download(contributor, language), "p7", with_number(GOOD[language.code]))
    reviewer = writable_app.test_client()
    suggest(reviewer, csrf_token, language.code)
    add_reviewer(writable_app, "rev", language.code)
    sign_in(reviewer, language.code, "rev")
    assert decide(reviewer, csrf_token, language.code, accept="1").status_code == 303
    response = send(contributor, csrf_token, language, text.encode())
    assert response.status_code == 422
    html = page(response)
    assert list(summary_counts(html)) == ["conflict", "unchanged"]
    translation = list(conflict(html).values())[1]
    assert translation == [with_number(GOOD[language.code]), GOOD[language.code]]
    assert [s.status for s in stored(writable_app)] == ["accepted"]  # the reviewer's, and no other


# Files that cannot be read: a clear message, the right status, nothing stored.


def damaged(kind: str, text: str, language) -> bytes:
    if kind == "binary":
        return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    if kind == "latin-1":
        return 'msgid "Themes"\nmsgstr "Thèmes"\n'.encode("latin-1")
    if kind == "truncated quote":
        return text[: text.index('msgstr "', len(text) // 2) + 12].encode()
    if kind == "another language":
        other = next(o for o in TRANSLATED if o != language)
        return text.replace(f'"Language: {language.catalog}\\n"', f'"Language: {other.catalog}\\n"').encode()
    if kind == "empty":
        return b""
    if kind == "no text of this site":
        return (
            b'msgid ""\nmsgstr "Language: '
            + language.catalog.encode()
            + b'\\n"\n\nmsgid "Hello"\nmsgstr "x"\n'
        )
    raise ValueError(kind)


MESSAGES = {
    "binary": "This is not a PO file. Send the .po file you translated.",
    "latin-1": "The file is not in UTF-8. Save it as UTF-8 (Poedit does) and send it again.",
    "truncated quote": "This is not a PO file, or it is damaged at line %(line)s.",
    "another language": "This file is for another language (%(tag)s). Send it from that language's page.",
    "empty": "The file is empty.",
    "no text of this site": "The file has none of the texts of this site. Send the file you downloaded here.",
}


@every_translation
@pytest.mark.parametrize("kind", list(MESSAGES))
def test_a_file_that_cannot_be_read_is_refused_with_why(app, client, csrf_token, said, language, kind):
    data = damaged(kind, download(client, language), language)
    response = send(client, csrf_token, language, data)
    assert response.status_code == 422
    alert = page(response).find(attrs={"role": "alert"})
    message = said(language, MESSAGES[kind]).split("%(")[0]
    assert message in alert.get_text()
    assert alert.find("a")["href"] == "#file"
    assert stored(app) == []


@every_translation
def test_a_file_too_large_gets_the_page_with_why(app, client, csrf_token, said, language):
    data = download(client, language).encode() + b"#" * MAX_BYTES
    response = send(client, csrf_token, language, data)
    assert response.status_code == 413
    html = page(response)
    message = said(
        language, "The file is larger than %(size)s. Send the file you downloaded here, translated."
    )
    assert message.split("%(")[0] in html.find(attrs={"role": "alert"}).get_text()
    assert html.find("input", attrs={"type": "file"})["aria-invalid"] == "true"
    assert stored(app) == []


def test_a_file_without_its_form_token_is_refused(app, client):
    text = edited(download(client, BY_CODE["fr"]), "p7", GOOD["fr"])
    response = client.post(
        "/fr/contribute/offline/",
        data={"file": (io.BytesIO(text.encode()), "messages.po")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert page(response).find(attrs={"role": "alert"})
    assert stored(app) == []


# What a PO editor writes


@stores
@every_translation
def test_a_file_as_a_po_editor_writes_it_still_round_trips(app, client, csrf_token, language):
    po = polib.pofile(download(client, language), wrapwidth=40)  # re-wrapped lines
    po.find("p7", by="msgctxt").msgstr = GOOD[language.code]
    po.metadata["Last-Translator"] = "Zoé <zoe@example.org>"
    po.metadata["X-Generator"] = "Poedit 3.4.2"
    po.metadata["Language"] = language.locale.language  # "zh" rather than "zh_Hans"
    po[:] = list(reversed(po))  # reordered
    po.append(polib.POEntry(msgid="An old text", msgstr="Un vieux texte", obsolete=True))
    data = str(po).replace("\n", "\r\n").encode("utf-8")  # CRLF line ends
    response = send(client, csrf_token, language, data)
    assert response.status_code == 200
    assert set(summary_counts(page(response))) == {"suggested", "unchanged"}
    assert [(s.key, s.text) for s in stored(app)] == [("p7", GOOD[language.code])]


# Nothing partial


@stores
def test_nothing_is_stored_when_storing_fails_half_way(app, client, csrf_token, said):
    fr = BY_CODE["fr"]
    text = edited(download(client, fr), "p7", GOOD["fr"])
    text = edited(text, "p8", GOOD["fr"].replace("racisme", "le racisme"))
    inserted = []

    def fail_on_the_second(_mapper, connection, target):
        inserted.append(target)
        if len(inserted) == 2:  # the first row is already written in the transaction
            raise OperationalError("INSERT INTO suggestion", {}, Exception("disk full"))

    event.listen(Suggestion, "after_insert", fail_on_the_second)
    try:
        response = send(client, csrf_token, fr, text.encode())
    finally:
        event.remove(Suggestion, "after_insert", fail_on_the_second)
    assert len(inserted) == 2
    assert response.status_code == 503
    message = said(fr, "Nothing was saved: the suggestions could not be stored. Send the file again later.")
    assert message in page(response).find(attrs={"role": "alert"}).get_text()
    assert stored(app) == []
