"""The contributor's loop: receipts and withdrawing, credit, contributors, and the reviewer's tools
(their own queues, search and filters, batch decisions, reverting a text from its history)."""

import re
from concurrent.futures import ThreadPoolExecutor

import polib
import pytest
from babel.numbers import format_decimal
from bs4 import BeautifulSoup
from sqlalchemy import select

from hldsite import data_dir
from hldsite.catalogs import catalog_path
from hldsite.db import db
from hldsite.i18n import BY_CODE, TRANSLATED
from hldsite.models import Change, Suggestion
from test_contribute import GOOD, with_number

pytestmark = pytest.mark.store

every_translation = pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.code)
RECEIPT = re.compile(r'href="(/\w+/contribute/receipt/[A-Za-z0-9_-]{43}/)"')
PLAIN = "plain:human-rights-1"


def plain_text(code: str) -> str:
    """A suggestion for a plain-language passage: its published text with a number added."""
    catalog = polib.pofile(str(catalog_path(data_dir("translations"), BY_CODE[code])))
    return with_number(next(e.msgstr for e in catalog if e.msgctxt == PLAIN))


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def words(response) -> str:
    return " ".join(page(response).get_text().split())


def suggest(client, csrf_token, code: str, key: str = "p7", text: str | None = None, author: str = "Zoé"):
    """Send a suggestion as a contributor does; the confirmation page that follows."""
    url = f"/{code}/contribute/{key}/"
    data = {"csrf_token": csrf_token(client, url), "text": text or GOOD[code], "note": "", "author": author}
    response = client.post(url, data=data)
    assert response.status_code == 303, words(response)[:3000]
    return client.get(response.headers["Location"])


def receipt_of(confirmation) -> str:
    found = RECEIPT.search(confirmation.get_data(as_text=True))
    assert found, "the confirmation links to a receipt"
    return found.group(1)


def stored(app, **where) -> list:
    with app.app_context():
        return db.session.scalars(select(Suggestion).filter_by(**where)).all()


# Receipts


@every_translation
def test_the_confirmation_links_to_a_receipt_that_says_the_suggestion_waits(
    writable_app, csrf_token, language
):
    client = writable_app.test_client()
    confirmation = suggest(client, csrf_token, language.code)
    url = receipt_of(confirmation)
    # Another browser, with no session: the address alone opens the receipt.
    response = writable_app.test_client().get(url)
    assert response.status_code == 200
    body = page(response)
    assert body.html["lang"] == language.tag
    assert GOOD[language.code] in body.get_text()
    state = body.select_one(".state")
    assert "state--open" in state["class"]
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response.headers["X-Robots-Tag"]
    assert "no-store" in response.headers["Cache-Control"]
    assert body.select_one("form button[name=submit]"), "a waiting suggestion can be withdrawn"


@pytest.mark.parametrize(
    "address",
    [
        "/fr/contribute/receipt/short/",
        "/fr/contribute/receipt/" + "A" * 43 + "/",
        "/fr/contribute/receipt/" + "A" * 44 + "/",
        "/fr/contribute/receipt/%00" + "A" * 40 + "/",
        "/fr/contribute/receipt/" + "é" * 43 + "/",
        "/xx/contribute/receipt/" + "A" * 43 + "/",
    ],
)
def test_an_unknown_receipt_is_not_found(writable_app, address):
    assert writable_app.test_client().get(address).status_code == 404


def test_a_receipt_answers_only_under_its_own_language(writable_app, csrf_token):
    client = writable_app.test_client()
    url = receipt_of(suggest(client, csrf_token, "fr"))
    assert client.get(url.replace("/fr/", "/es/", 1)).status_code == 404
    assert client.get(url.replace("/fr/", "/en/", 1)).status_code == 404


@every_translation
def test_the_author_withdraws_a_waiting_suggestion(writable_app, csrf_token, language):
    client = writable_app.test_client()
    url = receipt_of(suggest(client, csrf_token, language.code))
    stranger = writable_app.test_client()  # the author on another device, with only the address
    response = stranger.post(url, data={"csrf_token": csrf_token(stranger, url), "submit": "withdraw"})
    assert response.status_code == 303
    after = stranger.get(url)
    assert "state--withdrawn" in page(after).select_one(".state")["class"]
    assert page(after).select_one("[role=status]"), "the withdrawal is confirmed"
    assert not page(after).select_one("form button[name=submit]")
    (suggestion,) = stored(writable_app, language=language.code)
    assert suggestion.status == "withdrawn"
    # Reviewers no longer see it, and the text's page no longer lists it as waiting.
    text_page = words(client.get(f"/{language.code}/contribute/p7/"))
    assert GOOD[language.code] not in text_page


def test_withdrawing_without_the_form_token_changes_nothing(writable_app, csrf_token):
    client = writable_app.test_client()
    url = receipt_of(suggest(client, csrf_token, "fr"))
    response = writable_app.test_client().post(url, data={"submit": "withdraw"})
    assert response.status_code == 400
    assert stored(writable_app, language="fr")[0].status == "open"


@every_translation
def test_a_rejected_suggestion_shows_the_reviewers_reason_on_its_receipt(
    writable_app, csrf_token, add_reviewer, sign_in, language
):
    client = writable_app.test_client()
    url = receipt_of(suggest(client, csrf_token, language.code))
    add_reviewer(writable_app, "rev", language.code)
    reviewer = writable_app.test_client()
    sign_in(reviewer, language.code, "rev")
    decide_first(reviewer, language.code, reject="reject", reason="Le terme « xénophobie » est déjà employé.")
    response = writable_app.test_client().get(url)
    body = page(response)
    assert "state--rejected" in body.select_one(".state")["class"]
    assert "Le terme « xénophobie » est déjà employé." in body.get_text()
    assert not body.select_one("form button[name=submit]"), "a decided suggestion cannot be withdrawn"


def test_withdrawing_after_a_reviewer_decided_says_so_and_keeps_the_decision(
    writable_app, csrf_token, add_reviewer, sign_in
):
    client = writable_app.test_client()
    url = receipt_of(suggest(client, csrf_token, "fr"))
    token = csrf_token(client, url)  # the author opened the receipt while it waited...
    add_reviewer(writable_app, "rev", "fr")
    reviewer = writable_app.test_client()
    sign_in(reviewer, "fr", "rev")
    decide_first(reviewer, "fr", accept="accept")  # ...and a reviewer published it meanwhile
    response = client.post(url, data={"csrf_token": token, "submit": "withdraw"})
    assert response.status_code == 303
    assert stored(writable_app, language="fr")[0].status == "accepted"
    assert "state--accepted" in page(client.get(url)).select_one(".state")["class"]


# Credit


def decide_first(client, code: str, **data):
    """Post a decision on the oldest open suggestion of the queue."""
    queue = page(client.get(f"/{code}/review/"))
    form = queue.select_one("section.review form[action*='/review/']")
    fields = {
        "csrf_token": form.find("input", attrs={"name": "csrf_token"})["value"],
        "text": form.textarea.get_text(),
    }
    response = client.post(form["action"], data={**fields, **data})
    assert response.status_code == 303, words(response)
    return response


@every_translation
def test_history_and_contributors_credit_the_author(
    writable_app, csrf_token, add_reviewer, sign_in, language
):
    client = writable_app.test_client()
    suggest(client, csrf_token, language.code, author="Mariam Ndiaye")
    suggest(client, csrf_token, language.code, text=with_number(GOOD[language.code]), author="")
    add_reviewer(writable_app, "rev", language.code)
    sign_in(client, language.code, "rev")
    decide_first(client, language.code, accept="accept")
    decide_first(client, language.code, accept="accept")
    history = page(client.get(f"/{language.code}/contribute/p7/")).select_one("#history-title").parent
    newest, oldest = (p.get_text() for p in history.select(".record__meta"))
    assert "rev" in newest and "Mariam" not in newest
    meta = oldest
    assert "Mariam Ndiaye" in meta and "rev" in meta
    people = page(writable_app.test_client().get(f"/{language.code}/contribute/contributors/"))
    assert people.html["lang"] == language.tag
    rows = [[cell.get_text(strip=True) for cell in tr.select("th, td")] for tr in people.select("tbody tr")]
    one = format_decimal(1, locale=language.locale)
    assert rows == [["Mariam Ndiaye", one]], "a text published without a name credits nobody by name"
    assert one in people.select_one("main").get_text().split("Mariam Ndiaye")[-1]


@every_translation
def test_the_contribution_page_links_to_its_contributors(writable_app, language):
    body = page(writable_app.test_client().get(f"/{language.code}/contribute/"))
    assert body.select_one(f'main a[href="/{language.code}/contribute/contributors/"]')


def test_contributors_of_english_are_not_a_page(writable_app):
    assert writable_app.test_client().get("/en/contribute/contributors/").status_code == 404


# Reviewers: their own queues


@pytest.mark.parametrize(
    "page_code, own, lands",
    [("es", "fr", "fr"), ("fr", "fr", "fr"), ("en", "ru,ar", "ar"), ("zh", "zh,es", "zh")],
)
def test_signing_in_from_any_language_lands_on_the_reviewers_own_queue(
    writable_app, add_reviewer, sign_in, page_code, own, lands
):
    add_reviewer(writable_app, "rev", own)
    client = writable_app.test_client()
    response = sign_in(client, page_code, "rev")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/{lands}/review/")
    assert client.get(response.headers["Location"]).status_code == 200


@every_translation
def test_another_languages_queue_says_which_queues_are_the_reviewers(
    writable_app, add_reviewer, sign_in, language
):
    others = [other for other in TRANSLATED if other != language]
    add_reviewer(writable_app, "rev", ",".join(o.code for o in others[:2]))
    client = writable_app.test_client()
    sign_in(client, others[0].code, "rev")
    response = client.get(f"/{language.code}/review/")
    assert response.status_code == 403
    links = [a["href"] for a in page(response).select("main ul a")]
    assert links == [f"/{o.code}/review/" for o in TRANSLATED if o in others[:2]]


# Search and filters


@pytest.fixture
def queue_with(writable_app, csrf_token, add_reviewer, sign_in):
    """A reviewer's client, with suggestions made by the (text, key, author) given."""

    def queue_with(code: str, *suggested):
        contributor = writable_app.test_client()
        for text, key, author in suggested:
            suggest(contributor, csrf_token, code, key=key, text=text, author=author)
        add_reviewer(writable_app, "rev", code)
        client = writable_app.test_client()
        sign_in(client, code, "rev")
        return client

    return queue_with


def shown_keys(response) -> list[str]:
    return [code.get_text() for code in page(response).select("section.review h2 code")]


@every_translation
def test_the_queue_finds_suggestions_by_words_author_and_kind(queue_with, language):
    code = language.code
    client = queue_with(
        code,
        (GOOD[code], "p7", "Zoé"),
        (plain_text(code), PLAIN, "Ana"),
    )
    assert shown_keys(client.get(f"/{code}/review/")) == ["p7", PLAIN]
    word = "仇外心理" if code == "zh" else max(GOOD[code].split(), key=len).strip(".,")
    assert shown_keys(client.get(f"/{code}/review/", query_string={"q": word})) == ["p7"]
    assert shown_keys(client.get(f"/{code}/review/", query_string={"q": "ana"})) == [PLAIN]
    assert shown_keys(client.get(f"/{code}/review/", query_string={"q": "racism"})) == ["p7"], (
        "in the English"
    )
    assert shown_keys(client.get(f"/{code}/review/", query_string={"kind": "plain"})) == [PLAIN]
    found = client.get(f"/{code}/review/", query_string={"q": "nothing like this"})
    assert shown_keys(found) == []
    assert (
        format_decimal(0, locale=language.locale) in page(found).select_one("main [role=status]").get_text()
    )


@pytest.mark.parametrize(
    "query",
    [
        {"state": "everything"},
        {"check": "maybe"},
        {"kind": "paragraph"},
        {"q": "x" * 201},
        {"q": "a\x00b"},
        {"state": "open'--"},
    ],
)
def test_a_filter_no_form_offers_is_a_bad_request(queue_with, query):
    client = queue_with("fr", (GOOD["fr"], "p7", "Zoé"))
    response = client.get("/fr/review/", query_string=query)
    assert response.status_code == 400


def test_the_queue_filters_by_state_verdict_and_outdated(writable_app, queue_with, csrf_token):
    client = queue_with("fr", (GOOD["fr"], "p7", "Zoé"), (with_number(GOOD["fr"]), "p7", "Ana"))
    decide_first(client, "fr", reject="reject", reason="Doublon.")
    assert shown_keys(client.get("/fr/review/")) == ["p7"]
    rejected = client.get("/fr/review/", query_string={"state": "rejected"})
    assert shown_keys(rejected) == ["p7"]
    assert "Doublon." in words(rejected)
    assert not page(rejected).select("section.review form[action*='/review/'] textarea[name=text]")
    assert len(shown_keys(client.get("/fr/review/", query_string={"state": "all"}))) == 2
    # The remaining one has a number the English lacks: a warning, not a refusal.
    assert shown_keys(client.get("/fr/review/", query_string={"check": "warned"})) == ["p7"]
    assert shown_keys(client.get("/fr/review/", query_string={"check": "refused"})) == []
    assert shown_keys(client.get("/fr/review/", query_string={"outdated": "1"})) == []
    with writable_app.app_context():
        suggestion = db.session.scalars(select(Suggestion).filter_by(status="open")).one()
        suggestion.source = "An older English."
        db.session.commit()
    assert shown_keys(client.get("/fr/review/", query_string={"outdated": "1"})) == ["p7"]


# Batch decisions


def batch_form(client, code: str) -> dict:
    queue = page(client.get(f"/{code}/review/"))
    form = queue.select_one("form#batch")
    return {
        "csrf_token": form.find("input", attrs={"name": "csrf_token"})["value"],
        "action": form["action"],
        "ids": [box["value"] for box in queue.select("input[name=ids][form=batch]")],
    }


@every_translation
def test_a_batch_accept_publishes_each_through_the_gate_and_keeps_a_refused_one(
    writable_app, queue_with, language
):
    code = language.code
    client = queue_with(code, (GOOD[code], "p7", "Zoé"), (plain_text(code), PLAIN, ""))
    # A third, which the gate refuses when published (the catalog changed: written by hand, say).
    with writable_app.app_context():
        db.session.add(
            Suggestion(language=code, key="p9", source="x", text="<script>alert(1)</script>", author="")
        )
        db.session.commit()
    form = batch_form(client, code)
    assert len(form["ids"]) == 3
    response = client.post(
        form["action"], data={"csrf_token": form["csrf_token"], "ids": form["ids"], "accept": "1"}
    )
    assert response.status_code == 303
    after = client.get(response.headers["Location"])
    statuses = {s.key: s.status for s in stored(writable_app, language=code)}
    assert statuses == {"p7": "accepted", PLAIN: "accepted", "p9": "open"}
    assert shown_keys(after) == ["p9"]
    assert len(page(after).select("[role=status] p")) >= 2, "what was done and what was refused, in words"
    assert GOOD[code] in words(writable_app.test_client().get(f"/{code}/"))


@every_translation
def test_a_batch_reject_needs_a_reason_and_a_selection(writable_app, queue_with, language):
    code = language.code
    client = queue_with(code, (GOOD[code], "p7", "Zoé"), (with_number(GOOD[code]), "p7", ""))
    form = batch_form(client, code)
    base = {"csrf_token": form["csrf_token"], "reject": "1"}
    no_reason = client.post(form["action"], data={**base, "ids": form["ids"]})
    assert no_reason.status_code == 422
    summary = page(no_reason).select_one(".problem-summary a")
    assert summary["href"] == "#batch-reason"
    assert page(no_reason).select_one("#batch-reason")["aria-invalid"] == "true"
    kept = page(no_reason).select("input[name=ids][form=batch][checked]")
    assert len(kept) == 2, "the selection is kept"
    none = client.post(form["action"], data={**base, "reason": "Non."})
    assert none.status_code == 422
    # The summary leads to the first checkbox, which exists and is one of the selection.
    target = page(none).select_one(".problem-summary a")["href"]
    assert page(none).select_one(target)["name"] == "ids"
    for hostile in (["abc"], ["99999999999"], ["-1"], ["1e3"]):
        assert client.post(form["action"], data={**base, "reason": "Non.", "ids": hostile}).status_code == 422
    assert {s.status for s in stored(writable_app, language=code)} == {"open"}
    done = client.post(form["action"], data={**base, "ids": form["ids"], "reason": "Non."})
    assert done.status_code == 303
    assert {s.status for s in stored(writable_app, language=code)} == {"rejected"}
    assert {s.reason for s in stored(writable_app, language=code)} == {"Non."}


def test_a_batch_cannot_decide_another_languages_suggestions(writable_app, queue_with, csrf_token):
    client = queue_with("fr", (GOOD["fr"], "p7", ""))
    suggest(writable_app.test_client(), csrf_token, "es")
    (spanish,) = stored(writable_app, language="es")
    form = batch_form(client, "fr")
    response = client.post(
        form["action"], data={"csrf_token": form["csrf_token"], "ids": [spanish.id], "accept": "1"}
    )
    assert response.status_code == 422
    assert stored(writable_app, language="es")[0].status == "open"


def test_two_reviewers_batch_at_once_and_each_suggestion_is_decided_once(
    writable_app, queue_with, add_reviewer, sign_in
):
    client = queue_with("fr", *[(GOOD["fr"][:-1] + f" ({n}).", "p7", f"P{n}") for n in range(1, 7)])
    add_reviewer(writable_app, "other", "fr")
    other = writable_app.test_client()
    sign_in(other, "fr", "other")
    forms = [batch_form(c, "fr") for c in (client, other)]

    def run(pair):
        c, form, action = pair
        return c.post(
            form["action"],
            data={"csrf_token": form["csrf_token"], "ids": form["ids"], action: "1", "reason": "Non."},
        )

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(run, [(client, forms[0], "accept"), (other, forms[1], "reject")]))
    assert [r.status_code for r in results] == [303, 303]
    with writable_app.app_context():
        decided = db.session.scalars(select(Suggestion)).all()
        changes = db.session.scalars(select(Change)).all()
    assert {s.status for s in decided} <= {"accepted", "rejected"}
    assert len(changes) == sum(s.status == "accepted" for s in decided), "one change per accepted suggestion"
    assert len({c.suggestion_id for c in changes}) == len(changes)


# Revert


def revert_forms(client, code: str, key: str = "p7"):
    body = page(client.get(f"/{code}/contribute/{key}/"))
    return [
        {
            "action": form["action"],
            "csrf_token": form.find("input", attrs={"name": "csrf_token"})["value"],
            "expected": form.find("input", attrs={"name": "expected"})["value"],
        }
        for form in body.select("#history-title ~ ol form")
    ]


@every_translation
def test_a_reviewer_reverts_a_text_to_an_earlier_version_recorded_as_a_change(
    writable_app, queue_with, language
):
    code = language.code
    client = queue_with(code, (GOOD[code], "p7", "Zoé"))
    before = page(client.get(f"/{code}/contribute/p7/")).select_one("#current-title").parent.get_text()
    decide_first(client, code, accept="accept")
    assert GOOD[code] in words(writable_app.test_client().get(f"/{code}/"))
    assert not revert_forms(writable_app.test_client(), code), "only a reviewer of the language can revert"
    (form,) = revert_forms(client, code)
    response = client.post(form.pop("action"), data=form)
    assert response.status_code == 303 and response.headers["Location"].endswith("/contribute/p7/#history")
    assert GOOD[code] not in words(writable_app.test_client().get(f"/{code}/"))
    with writable_app.app_context():
        newest = db.session.scalars(select(Change).order_by(Change.id.desc())).first()
        assert newest.reverts_id is not None and newest.before == GOOD[code] and newest.suggestion_id is None
    text_page = client.get(f"/{code}/contribute/p7/")
    assert len(page(text_page).select("#history-title ~ ol > li")) == 2
    assert page(text_page).select_one("#current-title").parent.get_text() == before


def test_a_revert_of_a_text_changed_meanwhile_publishes_nothing(writable_app, queue_with, csrf_token):
    client = queue_with("fr", (GOOD["fr"], "p7", "Zoé"))
    decide_first(client, "fr", accept="accept")
    (stale,) = revert_forms(client, "fr")  # the reviewer opens the page...
    suggest(writable_app.test_client(), csrf_token, "fr", text=with_number(GOOD["fr"]))
    decide_first(client, "fr", accept="accept")  # ...and the text is published again meanwhile
    response = client.post(stale.pop("action"), data=stale)
    assert response.status_code == 303
    shown = words(client.get(response.headers["Location"]))
    assert with_number(GOOD["fr"]) in words(writable_app.test_client().get("/fr/"))
    with writable_app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Change)) == 2
    assert "nothing was published" in shown or "rien" in shown.lower()


def test_two_reviewers_revert_at_once_and_only_one_is_published(
    writable_app, queue_with, add_reviewer, sign_in
):
    client = queue_with("fr", (GOOD["fr"], "p7", "Zoé"))
    decide_first(client, "fr", accept="accept")
    add_reviewer(writable_app, "other", "fr")
    other = writable_app.test_client()
    sign_in(other, "fr", "other")
    forms = [revert_forms(c, "fr")[0] for c in (client, other)]
    with ThreadPoolExecutor(2) as pool:
        results = list(
            pool.map(
                lambda pair: pair[0].post(pair[1].pop("action"), data=pair[1]),
                zip((client, other), forms, strict=True),
            )
        )
    assert [r.status_code for r in results] == [303, 303]
    with writable_app.app_context():
        reverts = db.session.scalars(select(Change).where(Change.reverts_id.is_not(None))).all()
    assert len(reverts) == 1


def test_a_revert_the_gate_refuses_is_not_published(writable_app, queue_with):
    client = queue_with("fr", (GOOD["fr"], "p7", "Zoé"))
    decide_first(client, "fr", accept="accept")
    with writable_app.app_context():
        change = db.session.scalars(select(Change)).one()
        change.before = "Texte avec <b>balise</b> et \u202e inversion"
        db.session.commit()
    (form,) = revert_forms(client, "fr")
    response = client.post(form.pop("action"), data=form)
    assert response.status_code == 303
    assert GOOD["fr"] in words(writable_app.test_client().get("/fr/"))
    with writable_app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Change)) == 1


@pytest.mark.parametrize("data", [{}, {"expected": "x"}, {"csrf_token": "forged", "expected": "x"}])
def test_a_revert_without_its_form_changes_nothing(writable_app, queue_with, data):
    client = queue_with("fr", (GOOD["fr"], "p7", "Zoé"))
    decide_first(client, "fr", accept="accept")
    (form,) = revert_forms(client, "fr")
    assert client.post(form["action"], data=data).status_code == 303
    with writable_app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Change)) == 1
    assert writable_app.test_client().post(form["action"], data=form).status_code in (302, 303)
