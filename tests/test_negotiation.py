"""`/` sends each reader to a language: remembered choice, then Accept-Language, then English."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hldsite.i18n import LANGUAGES, language_for_tag


@pytest.mark.parametrize(
    ("accept_language", "code"),
    [
        (None, "en"),
        ("", "en"),
        ("fr", "fr"),
        ("fr-CA,fr;q=0.9,en;q=0.8", "fr"),
        ("zh", "zh"),
        ("zh-CN", "zh"),
        ("zh-SG", "zh"),
        ("zh-Hans", "zh"),
        ("zh-Hans-CN", "zh"),
        ("zh-TW", "zh"),
        ("zh-Hant-HK", "zh"),
        ("zh_CN", "zh"),
        ("cmn-Hans-CN", "zh"),
        ("ar", "ar"),
        ("ar-EG", "ar"),
        ("ar-SA,ar;q=0.9", "ar"),
        ("ru-RU,ru;q=0.9,en-US;q=0.8", "ru"),
        ("es-419", "es"),
        ("ES-es", "es"),
        ("de-DE,de;q=0.9", "en"),
        ("de, es;q=0.5", "es"),
        ("pt-BR,pt;q=0.9,fr;q=0.4", "fr"),
        ("en;q=0.1, fr;q=0.9", "fr"),
        ("fr;q=0, es", "es"),
        ("*", "en"),
        ("ja, *;q=0.1", "en"),
    ],
)
def test_accept_language_table(client, accept_language, code):
    headers = {"Accept-Language": accept_language} if accept_language is not None else {}
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response.location == f"/{code}/"
    assert {"Accept-Language", "Cookie"} <= set(response.vary)


@pytest.mark.parametrize(
    "garbage",
    [
        ";;;",
        ",,,,",
        "q=1",
        "fr;q=abc",
        "fr;q=1e9",
        "en;q=-1",
        "fr;level=1;q=0.5",
        "zh-",
        "-",
        "_",
        "é",
        "a" * 10_000,
        "fr;q=0.5," * 2000,
        "\t fr \t",
        "fr;q=",
        "=;=;=",
    ],
)
def test_garbage_accept_language_falls_back_without_error(client, garbage):
    response = client.get("/", headers={"Accept-Language": garbage})
    assert response.status_code == 302
    assert response.location in {f"/{language.code}/" for language in LANGUAGES}


# The client keeps no state between examples that matters here (no cookie is set).
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=200))
def test_no_accept_language_header_breaks_negotiation(client, header):
    response = client.get("/", headers={"Accept-Language": header})
    assert response.status_code == 302
    assert response.location in {f"/{language.code}/" for language in LANGUAGES}


@pytest.mark.parametrize(
    ("cookie", "accept_language", "code"),
    [
        ("fr", "ru", "fr"),
        ("ar", None, "ar"),
        ("zh", "es", "zh"),
        ("xx", "ru", "ru"),
        ("", "es", "es"),
        ("../../etc/passwd", None, "en"),
        ("fr; Path=/", "es", "es"),
        ("zh_Hans", None, "en"),
        ("%00", "ar", "ar"),
    ],
)
def test_remembered_choice_comes_first(client, cookie, accept_language, code):
    client.set_cookie("lang", cookie)
    headers = {"Accept-Language": accept_language} if accept_language else {}
    assert client.get("/", headers=headers).location == f"/{code}/"


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_switcher_link_remembers_the_choice(client, language):
    response = client.get(f"/{language.code}/themes/children/?switch")
    assert response.status_code == 303
    assert response.location == f"/{language.code}/themes/children/"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"lang={language.code};")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert client.get("/", headers={"Accept-Language": "de"}).location == f"/{language.code}/"


def test_plain_page_views_set_no_cookie(client):
    assert "Set-Cookie" not in client.get("/fr/").headers


@pytest.mark.parametrize(
    ("tag", "code"),
    [
        ("zh-Hans", "zh"),
        ("zh_Hant_TW", "zh"),
        ("ar-001", "ar"),
        ("EN-gb", "en"),
        ("x-klingon", None),
        ("", None),
    ],
)
def test_language_for_tag(tag, code):
    language = language_for_tag(tag)
    assert (language.code if language else None) == code
