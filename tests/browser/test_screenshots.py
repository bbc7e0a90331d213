"""Screenshots for people to look at: each language's summary, and one page on a narrow screen."""

import pytest

from hldsite.i18n import LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_summary_screenshot(page, base_url, artifacts, language):
    page.goto(f"{base_url}/{language.code}/")
    path = artifacts / f"summary-{language.code}.png"
    page.screenshot(path=path, full_page=True)
    assert path.stat().st_size > 50_000
    # What the reader sees first: the page's heading, in its language, on screen.
    assert page.locator("h1").is_visible()
    assert page.evaluate("() => document.documentElement.lang") == language.tag


def test_narrow_screenshot(page, base_url, artifacts):
    page.set_viewport_size({"width": 320, "height": 900})
    page.goto(f"{base_url}/ar/themes/children/plain/")
    path = artifacts / "narrow-ar-children-plain.png"
    page.screenshot(path=path, full_page=True)
    assert path.stat().st_size > 20_000
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("code", ["ar", "fr", "zh"])
def test_contribution_view_screenshot(page, base_url, artifacts, code):
    """A text's contribution view: the suggestion waiting shows its right-to-left mark and no-break space."""
    page.goto(f"{base_url}/{code}/contribute/p7/")
    path = artifacts / f"contribute-{code}-p7.png"
    page.screenshot(path=path, full_page=True)
    assert path.stat().st_size > 50_000
    assert page.locator("#suggestions-title ~ ol abbr.invisible").all_inner_texts() == ["RLM", "NBSP"]
