"""Each kind of check, fed a known-bad page, reports it: none of them can pass by accident."""

import pytest

from . import checks

GOOD_HEAD = '<meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Test</title>'
GOOD_BODY = """
<a class="skip-link" href="#main">Skip to main content</a>
<header>
  <nav class="languages" aria-label="Language"><a href="/en/" lang="en" hreflang="en">English</a></nav>
</header>
<main id="main" tabindex="-1"><h1>Title</h1><p style="line-height: 1.5">Text.</p></main>
<footer><p>Footer</p></footer>
"""


def page_with(page, html: str):
    page.set_content(html)
    return page


def test_axe_reports_a_missing_lang(page):
    page_with(page, f"<!doctype html><html><head>{GOOD_HEAD}</head><body>{GOOD_BODY}</body></html>")
    assert any(problem.startswith("html-has-lang") for problem in checks.axe(page))


def test_semantics_reports_a_skipped_heading_and_a_wrong_lang(page):
    body = GOOD_BODY.replace("<p style", "<h3>Skipped a level</h3><p style")
    page_with(page, f'<!doctype html><html lang="fr"><head>{GOOD_HEAD}</head><body>{body}</body></html>')
    problems = checks.semantics(page, "en")
    assert "heading level 3 follows level 1" in problems
    assert "<html lang='fr'>, expected 'en'" in problems


def test_semantics_reports_unnamed_navigation_and_duplicate_main(page):
    body = GOOD_BODY.replace(' aria-label="Language"', "") + "<main><p>again</p></main>"
    page_with(page, f'<!doctype html><html lang="en"><head>{GOOD_HEAD}</head><body>{body}</body></html>')
    problems = checks.semantics(page, "en")
    assert "2 main landmarks, expected 1" in problems
    assert any("navigation landmarks need distinct names" in p for p in problems)


def test_contrast_check_catches_low_contrast_arabic_that_axe_skips(page):
    body = GOOD_BODY.replace(
        '<p style="line-height: 1.5">Text.</p>',
        '<p style="color: #8a8a8a; background: #ffffff">'
        "يجب على الدول حماية حقوق الإنسان لجميع المهاجرين.</p>",
    )
    page_with(
        page, f'<!doctype html><html lang="ar" dir="rtl"><head>{GOOD_HEAD}</head><body>{body}</body></html>'
    )
    problems = checks.contrast(page)
    assert len(problems) == 1 and "يجب على الدول" in problems[0] and "3.4" in problems[0]


def test_reflow_reports_sideways_scrolling_at_320px(page):
    body = GOOD_BODY.replace(
        "<h1>Title</h1>", '<h1>Title</h1><div style="width: 600px">Wide block of text</div>'
    )
    page_with(page, f'<!doctype html><html lang="en"><head>{GOOD_HEAD}</head><body>{body}</body></html>')
    assert any("scrolls sideways" in p for p in checks.reflow(page, 320))


def test_text_spacing_reports_clipped_text(page):
    body = GOOD_BODY.replace(
        "<h1>Title</h1>",
        '<h1>Title</h1><p style="height: 1.6em; overflow: hidden; width: 10em">Some words here</p>',
    )
    page_with(page, f'<!doctype html><html lang="en"><head>{GOOD_HEAD}</head><body>{body}</body></html>')
    assert any("clips its content" in p for p in checks.text_spacing(page))


def test_keyboard_reports_a_missing_skip_link(page):
    body = GOOD_BODY.replace('<a class="skip-link" href="#main">Skip to main content</a>', "")
    page_with(page, f'<!doctype html><html lang="en"><head>{GOOD_HEAD}</head><body>{body}</body></html>')
    assert checks.keyboard(page) == ["the first Tab does not reach a skip link to #main"]


def test_keyboard_reports_a_hidden_focus_indicator(page, base_url):
    page.goto(base_url + "/en/themes/")
    page.add_style_tag(
        content="a:focus, a:focus-visible { outline: none !important; box-shadow: none !important; }"
    )
    assert any("no visible focus indicator" in p for p in checks.keyboard(page))


def test_presentation_reports_long_lines_tight_leading_and_justified_text(page):
    long = "word " * 60
    body = GOOD_BODY.replace(
        '<p style="line-height: 1.5">Text.</p>',
        f'<p style="width: 60em; line-height: 1.2; text-align: justify">{long}</p>',
    )
    page_with(page, f'<!doctype html><html lang="en"><head>{GOOD_HEAD}</head><body>{body}</body></html>')
    problems = checks.presentation(page)
    assert any("characters per line" in p for p in problems)
    assert any("line height 1.20" in p for p in problems)
    assert any("justified" in p for p in problems)


def test_print_check_reports_printed_navigation(page):
    page_with(page, f'<!doctype html><html lang="en"><head>{GOOD_HEAD}</head><body>{GOOD_BODY}</body></html>')
    assert any("printed" in p for p in checks.print_layout(page))


@pytest.mark.parametrize("markup", ["<p><div>block in a paragraph</div></p>", "<ul><p>not an item</p></ul>"])
def test_validator_reports_invalid_markup(validator, markup):
    html = f'<!doctype html><html lang="en"><head>{GOOD_HEAD}</head><body>{markup}</body></html>'
    assert checks.html_errors(html, validator)
