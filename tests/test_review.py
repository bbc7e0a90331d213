"""Reviewing: accounts made by command, signing in, the queue, accepting, rejecting, history, export."""

import subprocess

import polib
import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from hldsite import data_dir
from hldsite.catalogs import catalog_path
from hldsite.db import db
from hldsite.i18n import BY_CODE, TRANSLATED
from hldsite.models import Change, Reviewer, Suggestion
from test_contribute import GOOD, with_number

pytestmark = pytest.mark.store

every_translation = pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.code)
TRANSLATIONS_DIR = data_dir("translations")


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def suggest(client, csrf_token, code: str, key: str = "p7", text: str | None = None) -> None:
    url = f"/{code}/contribute/{key}/"
    data = {
        "csrf_token": csrf_token(client, url),
        "text": text or GOOD[code],
        "note": "Plus court.",
        "author": "Zoé",
    }
    assert client.post(url, data=data).status_code == 303


def decide(client, csrf_token, code: str, **data):
    """Post a decision on the oldest suggestion of the queue, with the token of the queue's form."""
    queue = page(client.get(f"/{code}/review/"))
    form = queue.select_one("section.review form")
    fields = {
        "csrf_token": form.find("input", attrs={"name": "csrf_token"})["value"],
        "text": form.textarea.get_text(),
    }
    return client.post(form["action"], data={**fields, **data})


def after_change(diff) -> str:
    """What a diff says the new text is: all but the deletions and the screen-reader labels."""
    for hidden in diff.select("del, .visually-hidden"):
        hidden.decompose()
    return diff.get_text()


@pytest.fixture
def reviewing(writable_app, csrf_token, add_reviewer, sign_in):
    """A client with a suggestion in a language, signed in as a reviewer of that language."""

    def reviewing(code: str):
        client = writable_app.test_client()
        suggest(client, csrf_token, code)
        add_reviewer(writable_app, "rev", code)
        sign_in(client, code, "rev")
        return client

    return reviewing


def row(app, model, **where):
    with app.app_context():
        return db.session.scalars(select(model).filter_by(**where)).all()


# Accounts


def test_reviewer_add_hashes_the_password_and_lists_languages(app, runner):
    result = runner.invoke(
        args=["reviewer", "add", "amina", "--languages", "ar,fr"], input="a long enough password\n" * 2
    )
    assert result.exit_code == 0, result.output
    [account] = row(app, Reviewer, name="amina")
    assert account.languages == "ar,fr"
    assert "a long enough password" not in account.password_hash
    assert account.check_password("a long enough password")
    assert runner.invoke(args=["reviewer", "list"]).output == "amina\tar,fr\n"


@pytest.mark.parametrize(
    ("languages", "password", "problem"),
    [
        ("de", "a long enough password", "give one or more of"),
        ("en", "a long enough password", "give one or more of"),
        ("fr", "short", "at least 12 characters"),
    ],
)
def test_reviewer_add_refuses_bad_languages_and_short_passwords(app, runner, languages, password, problem):
    result = runner.invoke(args=["reviewer", "add", "x", "--languages", languages, "--password", password])
    assert result.exit_code != 0
    assert problem in result.output
    assert row(app, Reviewer) == []


def test_a_removed_reviewer_cannot_sign_in(app, client, runner, add_reviewer, sign_in):
    add_reviewer(app, "amina", "ar")
    assert runner.invoke(args=["reviewer", "remove", "amina"]).exit_code == 0
    assert sign_in(client, "ar", "amina").status_code == 401


# Signing in


@every_translation
def test_the_queue_asks_to_sign_in_first(client, language):
    response = client.get(f"/{language.code}/review/")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/{language.code}/review/sign-in/?next=/{language.code}/review/"


@every_translation
def test_a_wrong_password_is_refused_in_the_readers_language(
    app, client, add_reviewer, sign_in, expected, language
):
    add_reviewer(app, "amina", language.code)
    response = sign_in(client, language.code, "amina", "wrong password!")
    assert response.status_code == 401
    alert = page(response).find(attrs={"role": "alert"})
    assert expected(language, "The name or the password is not right.") in alert.get_text()
    assert client.get(f"/{language.code}/review/").status_code == 303


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "/%0d%0aSet-Cookie:x",
    ],
)
def test_next_never_leaves_the_site(app, client, add_reviewer, csrf_token, target):
    add_reviewer(app, "amina", "fr")
    url = "/fr/review/sign-in/"
    response = client.post(
        url,
        query_string={"next": target},
        data={"csrf_token": csrf_token(client, url), "name": "amina", "password": "a long enough password"},
    )
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location == "/fr/review/" or (
        location.startswith("/") and not location.startswith("//") and "evil" not in location.split("/")[1]
    )


def test_next_keeps_a_page_of_the_site(app, client, add_reviewer, csrf_token):
    add_reviewer(app, "amina", "fr")
    url = "/fr/review/sign-in/"
    response = client.post(
        url,
        query_string={"next": "/fr/contribute/p7/"},
        data={"csrf_token": csrf_token(client, url), "name": "amina", "password": "a long enough password"},
    )
    assert response.headers["Location"] == "/fr/contribute/p7/"


def test_a_reviewer_acts_only_on_their_languages(app, client, add_reviewer, sign_in, csrf_token):
    suggest(client, csrf_token, "es")
    add_reviewer(app, "amina", "fr")
    sign_in(client, "fr", "amina")
    assert client.get("/es/review/").status_code == 403
    assert client.get("/es/review/suggestions.po").status_code == 403
    [suggestion] = row(app, Suggestion)
    token = csrf_token(client, "/fr/review/")
    assert (
        client.post(
            f"/es/review/{suggestion.id}/", data={"csrf_token": token, "text": "x", "accept": "1"}
        ).status_code
        == 403
    )
    # Through a language they review, a forged id of another language's suggestion is not found.
    assert (
        client.post(
            f"/fr/review/{suggestion.id}/", data={"csrf_token": token, "text": "x", "accept": "1"}
        ).status_code
        == 404
    )
    assert row(app, Suggestion)[0].status == "open"


def test_signing_out_ends_the_session(app, client, add_reviewer, sign_in, csrf_token):
    add_reviewer(app, "amina", "fr")
    sign_in(client, "fr", "amina")
    assert client.get("/fr/review/").status_code == 200
    assert (
        client.post(
            "/fr/review/sign-out/", data={"csrf_token": csrf_token(client, "/fr/review/")}
        ).status_code
        == 303
    )
    assert client.get("/fr/review/").status_code == 303


def session_cookie(client) -> str:
    return client.get_cookie("session").value


def copied(app, cookie: str):
    """Another browser, with a copy of a session cookie."""
    other = app.test_client()
    other.set_cookie("session", cookie)
    return other


@pytest.mark.parametrize("how", ["sign-out", "new password", "remove"])
def test_every_session_of_a_reviewer_ends_together(app, client, add_reviewer, sign_in, csrf_token, how):
    """A copied session cookie stops working when its reviewer signs out anywhere, gets a new
    password or is removed."""
    add_reviewer(app, "amina", "fr,es")
    sign_in(client, "fr", "amina")
    laptop = copied(app, session_cookie(client))
    phone = app.test_client()
    sign_in(phone, "es", "amina")
    assert laptop.get("/fr/review/").status_code == 200 and phone.get("/es/review/").status_code == 200
    if how == "sign-out":
        token = csrf_token(client, "/fr/review/")
        assert client.post("/fr/review/sign-out/", data={"csrf_token": token}).status_code == 303
    elif how == "new password":
        add_reviewer(app, "amina", "fr,es")
    else:
        assert app.test_cli_runner().invoke(args=["reviewer", "remove", "amina"]).exit_code == 0
    for other, code in ((laptop, "fr"), (phone, "es"), (client, "fr")):
        response = other.get(f"/{code}/review/")
        assert response.status_code == 303 and "/review/sign-in/" in response.location


@pytest.mark.parametrize(
    "session_id", ["1", "1:", ":abc", "1:wrong", "x:y", "99999999999999999999:a", "1:" + "a" * 500, ""]
)
def test_a_forged_session_id_signs_no_one_in(app, client, add_reviewer, session_id):
    from flask.sessions import SecureCookieSessionInterface

    add_reviewer(app, "amina", "fr")
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    client.set_cookie("session", serializer.dumps({"_user_id": session_id, "_fresh": True}))
    assert client.get("/fr/review/").status_code == 303


def test_signing_in_hashes_once_whether_the_name_is_known_or_not(
    app, client, add_reviewer, csrf_token, monkeypatch
):
    """So that no name can be found by timing: the same work for a known and an unknown name."""
    from hldsite import models

    add_reviewer(app, "amina", "fr")
    calls = []
    original = models.check_password_hash
    monkeypatch.setattr(models, "check_password_hash", lambda *a: calls.append(a) or original(*a))
    for name in ("amina", "nobody", "Amina", "amina ", "x" * 80):
        calls.clear()
        url = "/fr/review/sign-in/"
        data = {"csrf_token": csrf_token(client, url), "name": name, "password": "not the password"}
        assert client.post(url, data=data).status_code == 401
        assert len(calls) == 1, name
    method = app.test_cli_runner  # the unknown name's hash has the method and cost of a real one
    assert method and models._unknown_hash().split("$")[0] == models.generate_password_hash("x").split("$")[0]


@pytest.mark.parametrize(
    "suggestion_id", ["2147483648", "99999999999999999999", "9" * 200, "-1", "0x10", "1.5"]
)
def test_an_id_out_of_range_is_not_found(app, client, add_reviewer, sign_in, csrf_token, suggestion_id):
    add_reviewer(app, "amina", "fr")
    sign_in(client, "fr", "amina")
    token = csrf_token(client, "/fr/review/")
    response = client.post(
        f"/fr/review/{suggestion_id}/", data={"csrf_token": token, "reject": "1", "reason": "x"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    "url", ["/fr/review/", "/fr/review/suggestions.po", "/fr/review/sign-in/", "/fr/contribute/p7/"]
)
def test_contribution_pages_are_kept_by_no_cache(app, client, add_reviewer, sign_in, url):
    add_reviewer(app, "amina", "fr")
    sign_in(client, "fr", "amina")
    response = client.get(url)
    assert response.status_code == 200
    assert {"private", "no-store"} <= {d.strip() for d in response.headers["Cache-Control"].split(",")}


@pytest.mark.parametrize("mode", [0o644, 0o664, 0o640])
def test_accepting_keeps_the_permissions_of_the_catalog(reviewing, writable_translations, csrf_token, mode):
    path = catalog_path(writable_translations, BY_CODE["fr"])
    path.chmod(mode)
    client = reviewing("fr")
    assert decide(client, csrf_token, "fr", accept="1").status_code == 303
    assert path.stat().st_mode & 0o777 == mode
    assert polib.pofile(str(path)).find("p7", by="msgctxt").msgstr == GOOD["fr"]


def test_the_catalogs_lock_files_are_ignored_by_git():
    root = catalog_path(TRANSLATIONS_DIR, BY_CODE["fr"]).parents[3]
    for language in TRANSLATED:
        lock = catalog_path(TRANSLATIONS_DIR, language).with_name(".messages.po.lock")
        ignored = subprocess.run(["git", "check-ignore", "-q", str(lock)], cwd=root)
        assert ignored.returncode == 0, lock


# The queue and decisions


@every_translation
def test_the_queue_shows_each_suggestion_as_a_diff_with_its_checks(
    writable_app, csrf_token, add_reviewer, sign_in, po, expected, language
):
    client = writable_app.test_client()
    changed = with_number(GOOD[language.code])
    suggest(client, csrf_token, language.code, "p7", changed)
    suggest(client, csrf_token, language.code)
    add_reviewer(writable_app, "rev", language.code)
    sign_in(client, language.code, "rev")
    html = page(client.get(f"/{language.code}/review/"))
    sections = html.select("section.review")
    # Oldest first.
    assert [s.textarea.get_text() for s in sections] == [changed, GOOD[language.code]]
    diff = sections[1].select_one(".diff")
    assert (diff["lang"], diff["dir"]) == (language.tag, language.direction)
    assert expected(language, "inserted") in diff.ins.get_text()
    current = po[language.code].find("p7", by="msgctxt").msgstr
    assert "".join(d.get_text() for d in diff.find_all("del")) != ""
    assert all(
        d.get_text().split(": ", 1)[1] in current.replace("\u00a0", "NBSP") for d in diff.find_all("del")
    )
    assert after_change(diff) == GOOD[language.code]
    # The changed number: the numbers check speaks, in the reviewer's language.
    assert expected(language, "The numbers differ from those of the English.") in sections[0].get_text()
    assert expected(language, "The numbers differ from those of the English.") not in sections[1].get_text()


@every_translation
def test_accepting_publishes_at_once_and_records_history(
    writable_app, writable_translations, csrf_token, add_reviewer, sign_in, expected, language
):
    client = writable_app.test_client()
    assert GOOD[language.code] not in client.get(f"/{language.code}/").get_data(as_text=True)
    suggest(client, csrf_token, language.code)
    add_reviewer(writable_app, "rev", language.code)
    sign_in(client, language.code, "rev")
    response = decide(client, csrf_token, language.code, accept="1")
    assert response.status_code == 303
    queue = page(client.get(response.headers["Location"]))
    assert (
        expected(language, "Accepted: the new translation is on the site.")
        in queue.find(attrs={"role": "status"}).get_text()
    )
    # The reading page shows it at once, with no restart.
    summary = page(client.get(f"/{language.code}/"))
    assert summary.find(id="p7").get_text() == GOOD[language.code]
    # The PO file holds it, not fuzzy, and stays valid for msgfmt.
    path = catalog_path(writable_translations, language)
    entry = polib.pofile(str(path)).find("p7", by="msgctxt")
    assert (entry.msgstr, entry.fuzzy) == (GOOD[language.code], False)
    assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True).returncode == 0
    # History: who, and before and after.
    [change] = row(writable_app, Change)
    [reviewer] = row(writable_app, Reviewer, name="rev")
    assert (change.key, change.after, change.reviewer_id) == ("p7", GOOD[language.code], reviewer.id)
    assert change.before and change.before != change.after
    history = page(client.get(f"/{language.code}/contribute/p7/")).select_one("#history-title ~ ol li")
    assert "rev" in history.select_one(".record__meta").get_text()
    assert after_change(history.select_one(".diff")) == GOOD[language.code]
    assert row(writable_app, Suggestion)[0].status == "accepted"


def test_edit_and_accept_publishes_the_edited_text(reviewing, writable_app, csrf_token):
    client = reviewing("fr")
    edited = GOOD["fr"].replace("Les participants", "Les États Membres")
    assert decide(client, csrf_token, "fr", text=edited, accept="1").status_code == 303
    assert page(client.get("/fr/")).find(id="p7").get_text() == edited
    [change] = row(writable_app, Change)
    assert change.after == edited


def test_an_edit_that_fails_the_checks_is_not_published(reviewing, writable_app, csrf_token, expected):
    client = reviewing("fr")
    response = decide(client, csrf_token, "fr", text="<b>gras</b> " + GOOD["fr"], accept="1")
    assert response.status_code == 422
    assert (
        expected(BY_CODE["fr"], "HTML and other markup cannot be used in a translation.")
        in page(response).find(attrs={"role": "alert"}).get_text()
    )
    assert row(writable_app, Change) == []
    assert row(writable_app, Suggestion)[0].status == "open"


def test_rejecting_needs_a_reason_and_publishes_nothing(reviewing, writable_app, csrf_token, expected):
    client = reviewing("fr")
    response = decide(client, csrf_token, "fr", reject="1", reason="  ")
    assert response.status_code == 422
    assert (
        expected(BY_CODE["fr"], "Give a reason for rejecting, so that the contributor can learn from it.")
        in page(response).get_text()
    )
    assert decide(client, csrf_token, "fr", reject="1", reason="Terme non conforme.").status_code == 303
    [suggestion] = row(writable_app, Suggestion)
    assert (suggestion.status, suggestion.reason) == ("rejected", "Terme non conforme.")
    assert GOOD["fr"] not in client.get("/fr/").get_data(as_text=True)
    assert row(writable_app, Change) == []


def test_accepting_an_outdated_text_makes_it_current(reviewing, writable_translations, csrf_token):
    path = catalog_path(writable_translations, BY_CODE["fr"])
    po = polib.pofile(str(path), wrapwidth=76)
    entry = po.find("p7", by="msgctxt")
    entry.previous_msgid, entry.flags = entry.msgid, ["fuzzy"]
    po.save()
    client = reviewing("fr")
    decide(client, csrf_token, "fr", accept="1")
    entry = polib.pofile(str(path)).find("p7", by="msgctxt")
    assert (entry.fuzzy, entry.previous_msgid, entry.msgstr) == (False, None, GOOD["fr"])


def test_a_catalog_that_cannot_be_written_loses_nothing(
    reviewing, writable_app, writable_translations, csrf_token, monkeypatch, expected
):
    from hldsite import catalogs

    client = reviewing("fr")
    before = catalog_path(writable_translations, BY_CODE["fr"]).read_bytes()

    def full_disk(path, po):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(catalogs, "write_po", full_disk)
    response = decide(client, csrf_token, "fr", accept="1")
    assert response.status_code == 503
    assert (
        expected(
            BY_CODE["fr"], "The catalog could not be written, so nothing was published. Try again later."
        )
        in page(response).get_text()
    )
    assert catalog_path(writable_translations, BY_CODE["fr"]).read_bytes() == before
    assert row(writable_app, Suggestion)[0].status == "open"
    assert row(writable_app, Change) == []


def test_a_suggestion_decided_twice_is_decided_once(reviewing, writable_app, csrf_token, expected):
    client = reviewing("fr")
    queue = page(client.get("/fr/review/"))
    form = queue.select_one("section.review form")
    data = {
        "csrf_token": form.find("input", attrs={"name": "csrf_token"})["value"],
        "text": GOOD["fr"],
        "accept": "1",
    }
    assert client.post(form["action"], data=data).status_code == 303
    again = client.post(
        form["action"], data={**data, "accept": "", "reject": "1", "reason": "non"}, follow_redirects=True
    )
    assert (
        expected(BY_CODE["fr"], "Another reviewer has already decided on this suggestion.")
        in page(again).get_text()
    )
    assert [s.status for s in row(writable_app, Suggestion)] == ["accepted"]
    assert len(row(writable_app, Change)) == 1


def test_a_second_app_process_serves_the_accepted_text(
    reviewing, writable_translations, csrf_token, tmp_path
):
    """Each worker keeps its own catalogs: one that did not accept still serves the new text."""
    from conftest import make_app

    other = make_app(writable_translations, tmp_path / "store.sqlite3").test_client()
    assert GOOD["fr"] not in other.get("/fr/").get_data(as_text=True)  # Its catalogs are now loaded.
    client = reviewing("fr")
    decide(client, csrf_token, "fr", accept="1")
    assert page(other.get("/fr/")).find(id="p7").get_text() == GOOD["fr"]


def test_open_suggestions_export_as_a_po_file(writable_app, csrf_token, add_reviewer, sign_in):
    client = writable_app.test_client()
    suggest(client, csrf_token, "fr")
    suggest(client, csrf_token, "fr", text=GOOD["fr"].replace("Les participants", "Les intervenants"))
    add_reviewer(writable_app, "rev", "fr")
    sign_in(client, "fr", "rev")
    response = client.get("/fr/review/suggestions.po")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="suggestions-fr.po"'
    po = polib.pofile(response.get_data(as_text=True))
    [entry] = po
    assert (entry.msgctxt, entry.msgstr, entry.fuzzy) == (
        "p7",
        GOOD["fr"].replace("Les participants", "Les intervenants"),
        True,
    )
    comment = " ".join(entry.tcomment.split())
    assert "by Zoé" in comment and GOOD["fr"] in comment and "(note: Plus court.)" in comment


def test_the_queue_shows_the_oldest_twenty_and_says_how_many_wait(
    writable_app, csrf_token, add_reviewer, sign_in, expected
):
    client = writable_app.test_client()
    for n in range(23):
        suggest(client, csrf_token, "fr", text=f"{GOOD['fr'][:-1]} ({n}).")
    add_reviewer(writable_app, "rev", "fr")
    sign_in(client, "fr", "rev")
    html = page(client.get("/fr/review/"))
    texts = [s.textarea.get_text() for s in html.select("section.review")]
    assert texts == [f"{GOOD['fr'][:-1]} ({n})." for n in range(20)]
    said = expected(BY_CODE["fr"], "Suggestions waiting: %(waiting)s. Shown here: the %(shown)s oldest.")
    assert said.replace("%(waiting)s", "23").replace("%(shown)s", "20") in html.get_text()
