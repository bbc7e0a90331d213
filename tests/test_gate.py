"""The gate: nothing published can break the site, on any path to a catalog, in any language.

Every class of hostile text (hostile.py) is refused when suggested, when a reviewer accepts it
(edited), when the store's history would apply it, and never breaks a page when written into a
catalog file by hand.
"""

import logging
import re
import shutil
import subprocess

import polib
import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from conftest import make_app
from hldsite import gate
from hldsite.catalogs import catalog_path, current_catalogs
from hldsite.content import current_document
from hldsite.db import db
from hldsite.i18n import BY_CODE, TRANSLATED
from hldsite.message_ids import MessageId
from hldsite.models import Change, Reviewer, Suggestion
from hostile import CONTROL, INTERFACE, INVISIBLE, hostile
from test_contribute import GOOD

# The tests that store, accept or sync run again on PostgreSQL (marked `store`); the others stop
# at the gate, before any store is touched.
every_translation = pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.code)
interface_attacks = pytest.mark.parametrize(("msgid", "template"), INTERFACE, ids=[t for _, t in INTERFACE])


def interface_key(msgid: str) -> str:
    return str(MessageId.of_entry(None, msgid))


def current_text(po, language, msgid: str, context: str | None = None) -> str:
    """A message's translation in the committed catalog: by its id (msgctxt), or its English."""
    entry = po[language.code].find(context, by="msgctxt") if context else po[language.code].find(msgid)
    return entry.msgstr


def post(client, csrf_token, url: str, text: str, **extra):
    return client.post(url, data={"csrf_token": csrf_token(client, url), "text": text, **extra})


def stored_texts(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(Suggestion.text)))


# Suggesting: refused, told why, nothing stored.


@every_translation
@interface_attacks
def test_a_hostile_interface_text_is_refused_when_suggested(
    app, client, csrf_token, po, language, msgid, template
):
    text = hostile(template, current_text(po, language, msgid))
    response = post(client, csrf_token, f"/{language.code}/contribute/{interface_key(msgid)}/", text)
    assert response.status_code == 422
    alert = BeautifulSoup(response.get_data(as_text=True), "html.parser").find(attrs={"role": "alert"})
    assert alert is not None and alert.find("li")
    assert stored_texts(app) == []


@every_translation
@pytest.mark.parametrize("character", INVISIBLE + CONTROL, ids=lambda c: f"U+{ord(c[0]):04X}")
@pytest.mark.parametrize("key", ["p7", "ui"])
def test_invisible_and_control_characters_are_refused_and_named(
    app, client, csrf_token, po, language, character, key
):
    if key == "ui":
        key, current = interface_key("Themes"), current_text(po, language, "Themes")
    else:
        current = current_text(po, language, GOOD_SOURCE_P7, "p7")
    middle = len(current) // 2
    text = current[:middle] + character + current[middle:]
    response = post(client, csrf_token, f"/{language.code}/contribute/{key}/", text)
    assert response.status_code == 422
    html = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    if character in INVISIBLE:
        assert f"U+{ord(character):04X}" in html.find(attrs={"role": "alert"}).get_text()
    assert stored_texts(app) == []


GOOD_SOURCE_P7 = (
    "There was general agreement that manifestations and expressions of racism, racial discrimination, "
    "xenophobia and related intolerance against migrants and the stereotypes often applied to them "
    "aggravate their vulnerability."
)


@every_translation
def test_the_published_text_is_not_suggested_again(app, client, csrf_token, po, language, expected):
    url = f"/{language.code}/contribute/p8/"
    response = post(client, csrf_token, url, current_text(po, language, "", "p8") or "x")
    assert response.status_code == 422
    assert expected(
        language, "This is the translation already published. Change it to suggest a better one."
    ) in response.get_data(as_text=True)
    assert stored_texts(app) == []


@pytest.mark.store
@every_translation
def test_the_same_suggestion_twice_is_stored_once(app, client, csrf_token, language, expected):
    url = f"/{language.code}/contribute/p7/"
    assert post(client, csrf_token, url, GOOD[language.code]).status_code == 303
    again = post(client, csrf_token, url, GOOD[language.code])
    assert again.status_code == 422
    assert expected(
        language,
        "The same suggestion is already waiting for a reviewer: thank you, it need not be sent again.",
    ) in again.get_data(as_text=True)
    assert stored_texts(app) == [GOOD[language.code]]


def long_sentence(language, current: str) -> str:
    """The current plain text and a sentence far over every length target, in its own words."""
    if language.code == "zh":
        clause = current.replace("。", "，").rstrip("，：")
        return current + "，".join([clause] * (60 // len(clause) + 1)) + "。"  # one sentence of 60 or more
    words = re.findall(r"\w+", current)
    return current + " " + " ".join((words * 10)[:45]) + "."


@every_translation
@pytest.mark.parametrize("block", ["plain:children-1", "plain:way-forward-2", "plain:intro-3"])
def test_a_plain_text_under_its_reading_target_is_refused_with_its_figures(
    app, client, csrf_token, po, language, block
):
    current = current_text(po, language, "", block) if po[language.code].find(block, by="msgctxt") else None
    if current is None:
        pytest.skip(f"{block} is not in this edition")
    response = post(
        client, csrf_token, f"/{language.code}/contribute/{block}/", long_sentence(language, current)
    )
    assert response.status_code == 422
    html = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    alert = html.find(attrs={"role": "alert"}).get_text()
    assert re.search(r"\d", alert)  # the figures, before and after
    assert stored_texts(app) == []


@every_translation
def test_a_plain_text_shows_its_reading_level_before_and_after_when_checked(
    app, client, csrf_token, po, language, expected
):
    block = "plain:children-1"
    current = current_text(po, language, "", block)
    shorter = current.split("\n")[0]
    response = post(
        client, csrf_token, f"/{language.code}/contribute/{block}/", shorter + " ", check="check"
    )  # the trailing space makes it a different text
    html = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert response.status_code in (200, 422)
    notice = " ".join(p.get_text() for p in html.select(".notice-line"))
    level = expected(language, "Reading level of this text: %(level)s.").split("%(level)s")[0][:6]
    assert notice and re.search(r"\d", notice), level
    assert stored_texts(app) == []


@every_translation
def test_checking_stores_nothing(app, client, csrf_token, language, expected):
    url = f"/{language.code}/contribute/p7/"
    response = post(client, csrf_token, url, GOOD[language.code], check="check")
    assert response.status_code == 200
    status = BeautifulSoup(response.get_data(as_text=True), "html.parser").find(attrs={"role": "status"})
    assert expected(
        language, "The checks found nothing that stops this text. Nothing has been sent yet."
    ) in (status.get_text())
    assert stored_texts(app) == []


# Accepting: the reviewer's edited text goes through the same gate.


@pytest.mark.store
@every_translation
@pytest.mark.parametrize(
    "attack", ["{t} 100%", '{t}" hidden x="', "{t}<meta http-equiv=refresh content=0>", "{t}\u2028{t}"]
)
def test_a_hostile_edit_is_not_published(
    writable_app, writable_translations, csrf_token, add_reviewer, sign_in, po, language, attack
):
    client = writable_app.test_client()
    key = interface_key("Themes")
    url = f"/{language.code}/contribute/{key}/"
    good = current_text(po, language, "Themes") + "."
    assert post(client, csrf_token, url, good).status_code == 303
    add_reviewer(writable_app, "rev", language.code)
    sign_in(client, language.code, "rev")
    before = catalog_path(writable_translations, language).read_bytes()
    queue = BeautifulSoup(client.get(f"/{language.code}/review/").get_data(as_text=True), "html.parser")
    form = queue.select_one("section.review form")
    token = form.find("input", attrs={"name": "csrf_token"})["value"]
    response = client.post(
        form["action"],
        data={
            "csrf_token": token,
            "text": hostile(attack, current_text(po, language, "Themes")),
            "accept": "1",
        },
    )
    assert response.status_code == 422
    assert catalog_path(writable_translations, language).read_bytes() == before
    assert client.get(f"/{language.code}/").status_code == 200


# The store's history: a change the gate refuses is held back.


def insert_change(app, language, key: str, text: str) -> int:
    with app.app_context():
        reviewer = db.session.scalar(select(Reviewer)) or Reviewer(name="hand", languages=language.code)
        if reviewer.id is None:
            reviewer.set_password("a long enough password")
            db.session.add(reviewer)
            db.session.flush()
        change = Change(
            language=language.code, key=key, source="", before="", after=text, reviewer_id=reviewer.id
        )
        db.session.add(change)
        db.session.commit()
        return change.id


@pytest.mark.store
@every_translation
@pytest.mark.parametrize(
    "attack", ["{t} 100%", '{t}" hidden x="', "{t}\u2028{t}", "{t}<a href=//evil.example>"]
)
def test_a_hostile_text_in_the_store_is_held_back_and_shown_to_reviewers(
    site_translations, tmp_path, caplog, add_reviewer, sign_in, po, language, expected, attack
):
    store = tmp_path / "store.sqlite3"
    first = make_app(site_translations, store)
    themes = current_text(po, language, "Themes")
    good = themes + "."
    insert_change(first, language, interface_key("Themes"), good)
    insert_change(first, language, interface_key("Themes"), hostile(attack, themes))
    # A server starting on the catalogs from git applies the store's history (sync.py).
    translations = shutil.copytree(site_translations, tmp_path / "translations")
    app = make_app(translations, store)
    client = app.test_client()
    for url in (f"/{language.code}/", f"/{language.code}/review/sign-in/", f"/{language.code}/no-such-page/"):
        assert client.get(url).status_code in (200, 404)
    page = client.get(f"/{language.code}/").get_data(as_text=True)
    assert hostile(attack, themes) not in page and good in page  # the last good text is published
    held = [r for r in caplog.records if "held back" in r.getMessage()]
    assert len(held) == 1
    client.get(f"/{language.code}/themes/")
    assert len([r for r in caplog.records if "held back" in r.getMessage()]) == 1  # logged once
    add_reviewer(app, "rev", language.code)
    sign_in(client, language.code, "rev")
    queue = BeautifulSoup(client.get(f"/{language.code}/review/").get_data(as_text=True), "html.parser")
    section = queue.find("section", class_="held")
    assert section is not None and interface_key("Themes") in section.get_text()
    assert expected(language, "Published changes held back") in section.h2.get_text()


# Written by hand into the files: the message falls back to its English, the page answers.


@every_translation
@pytest.mark.parametrize(
    ("msgid", "bad"),
    [
        ("Themes", "{t} 100%"),
        ("Full summary", '{t}" hidden x="'),
        ("Skip to main content", "{t}<meta http-equiv=refresh content=0>"),
        ("Page not found", "{t} %(nombre)s"),
        ("Sign in to review", "{t}\u2028"),
    ],
)
def test_a_damaged_catalog_written_by_hand_breaks_no_page(
    site_translations, tmp_path, caplog, po, language, msgid, bad
):
    translations = shutil.copytree(site_translations, tmp_path / "translations")
    path = catalog_path(translations, language)
    catalog = polib.pofile(str(path))
    entry = catalog.find(msgid)
    entry.msgstr = hostile(bad, entry.msgstr)
    catalog.save()
    catalog.save_as_mofile(str(path.with_suffix(".mo")))  # a .mo beside it changes nothing
    client = make_app(translations, tmp_path / "store.sqlite3").test_client()
    caplog.set_level(logging.ERROR)
    for url, status in [
        (f"/{language.code}/", 200),
        (f"/{language.code}/themes/", 200),
        (f"/{language.code}/glossary/", 200),
        (f"/{language.code}/review/sign-in/", 200),
        (f"/{language.code}/contribute/", 200),
        (f"/{language.code}/no-such-page/", 404),
    ]:
        response = client.get(url)
        assert response.status_code == status, url
        page = response.get_data(as_text=True)
        assert entry.msgstr not in page
    logged = [r for r in caplog.records if "cannot be shown" in r.getMessage()]
    assert len(logged) == 1 and language.catalog in logged[0].getMessage()


# The download and the command line give the same verdicts.


@pytest.mark.store
@every_translation
def test_the_suggestions_download_leaves_out_what_the_gate_refuses(
    app, client, csrf_token, add_reviewer, sign_in, po, language
):
    key = interface_key("Themes")
    with app.app_context():
        for text in ("{t} 100%", "{t}."):
            themes = current_text(po, language, "Themes")
            db.session.add(
                Suggestion(language=language.code, key=key, source="Themes", text=hostile(text, themes))
            )
        db.session.commit()
    add_reviewer(app, "rev", language.code)
    sign_in(client, language.code, "rev")
    exported = polib.pofile(client.get(f"/{language.code}/review/suggestions.po").get_data(as_text=True))
    entry = exported.find("Themes")
    assert entry.msgstr.endswith(".") and "100%" not in entry.msgstr
    assert "refused by the checks: format" in " ".join(entry.tcomment.split())


@pytest.mark.parametrize(("msgid", "template"), INTERFACE[:6] + INTERFACE[7:10], ids=lambda x: str(x)[:20])
def test_translate_check_reports_what_the_gate_refuses(site_translations, tmp_path, msgid, template):
    from hldsite import create_app

    translations = shutil.copytree(site_translations, tmp_path / "translations")
    path = catalog_path(translations, BY_CODE["fr"])
    catalog = polib.pofile(str(path))
    entry = catalog.find(msgid)
    entry.msgstr = hostile(template, entry.msgstr)
    catalog.save()
    result = (
        create_app({"BABEL_TRANSLATION_DIRECTORIES": str(translations)})
        .test_cli_runner()
        .invoke(args=["translate", "check"])
    )
    assert result.exit_code == 1
    assert f"fr: error: [{interface_key(msgid)}]" in result.output


@pytest.mark.parametrize("character", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_translate_update_keeps_every_text_exactly(site_translations, tmp_path, character):
    """A separator once made `translate update` lose a full stop: what it writes reads back the same."""
    from hldsite import create_app

    translations = shutil.copytree(site_translations, tmp_path / "translations")
    path = catalog_path(translations, BY_CODE["ru"])
    catalog = polib.pofile(str(path))
    entry = catalog.find("p7", by="msgctxt")
    entry.msgstr = entry.msgstr.replace(" ", character, 1) + character + "."
    catalog.save()
    wanted = polib.pofile(str(path)).find("p7", by="msgctxt").msgstr
    runner = create_app({"BABEL_TRANSLATION_DIRECTORIES": str(translations)}).test_cli_runner()
    assert runner.invoke(args=["translate", "update"]).exit_code == 0
    assert polib.pofile(str(path)).find("p7", by="msgctxt").msgstr == wanted
    assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)]).returncode == 0
    checked = runner.invoke(args=["translate", "check"])
    assert checked.exit_code == 1 and f"U+{ord(character):04X}" in checked.output


# The gate itself, on every language's catalog.


@every_translation
def test_the_committed_catalogs_pass_the_gate(app, language):
    with app.app_context():
        catalogs = current_catalogs()
        template = catalogs.template()
        refused = [
            (entry.key, finding.code)
            for entry, finding in gate.catalog_findings(catalogs[language], template, current_document())
            if finding.blocking
        ]
    assert refused == []
