"""The contributor's loop in headless Chromium, in each language: a receipt followed and a suggestion
withdrawn by keyboard, the report on a file sent back, the review queue filtered and a failed batch."""

import urllib.request

import polib
import pytest

from hldsite.i18n import TRANSLATED

from . import checks
from .test_contribution import submit, tab_to
from .test_states import sign_in

every_translation = pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.code)


@every_translation
def test_a_receipt_is_followed_and_the_suggestion_withdrawn_by_keyboard(page, base_url, expected, language):
    page.goto(f"{base_url}/{language.code}/contribute/p11/")
    tab_to(page, "#text")
    page.keyboard.press("Control+End")
    page.keyboard.type(" 2013")  # a number the English lacks: sent, with a warning
    tab_to(page, "form button[name=submit]")
    submit(page)
    tab_to(page, "[role=status] a[href*='/receipt/']")
    submit(page)
    receipt = page.url
    assert "/receipt/" in receipt
    assert checks.wcag(page, receipt, language.tag) == {}
    tab_to(page, "main form button")
    submit(page)
    withdrawn = expected(language, "Your suggestion is withdrawn: reviewers will not see it.")
    assert withdrawn in page.get_by_role("status").inner_text()
    assert page.locator("main form button").count() == 0
    assert checks.axe(page) == []


@every_translation
def test_the_report_on_a_file_sent_back_meets_wcag(page, base_url, validator, tmp_path, language):
    offline = f"{base_url}/{language.code}/contribute/offline/"
    page.goto(offline)
    link = page.locator("a[download]").get_attribute("href")
    with urllib.request.urlopen(base_url + link) as response:
        po = polib.pofile(response.read().decode("utf-8"))
    po.find("p12", by="msgctxt").msgstr = "<b>p12</b>"  # refused: markup, and far shorter than the English
    po.find("p10", by="msgctxt").msgstr += " 2013"  # suggested: a warning only
    translated = tmp_path / f"{language.code}.po"
    po.save(str(translated))

    def arrive(scheme="light"):
        page.emulate_media(color_scheme=scheme, reduced_motion="no-preference", forced_colors="none")
        if not arrive.sent or "#" in page.url:
            page.goto(offline)
            page.set_input_files("#file", str(translated))
            with page.expect_navigation():
                page.locator("main form button[type=submit]").click()
            arrive.sent = True

    arrive.sent = False
    assert checks.wcag(page, offline, language.tag, arrive=arrive) == {}
    assert checks.html_errors(page.content(), validator) == []


@every_translation
def test_the_filtered_queue_and_a_failed_batch_meet_wcag(page, base_url, validator, expected, language):
    sign_in(page, base_url, language.code)
    filtered = f"{base_url}/{language.code}/review/?state=all&check=warned"
    assert checks.wcag(page, filtered, language.tag) == {}
    assert checks.html_errors(page.content(), validator) == []
    queue = f"{base_url}/{language.code}/review/"

    def arrive(scheme="light"):
        page.emulate_media(color_scheme=scheme, reduced_motion="no-preference", forced_colors="none")
        page.goto(queue)
        with page.expect_navigation():
            page.locator("form#batch button[name=reject]").click()  # nothing selected

    assert checks.wcag(page, queue, language.tag, arrive=arrive) == {}
    page.locator(".problem-summary a").first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.name") == "ids"
    assert expected(language, "Select at least one suggestion.") in page.get_by_role("alert").inner_text()
