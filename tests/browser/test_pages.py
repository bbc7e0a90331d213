"""Every page of the sitemap, in every language, checked in headless Chromium (WCAG 2.2 AA, AAA for text).

One test per page runs every check on it, so each page is loaded once per colour scheme; the
result names each check with what it found.
"""

import pytest

from hldsite.i18n import LANGUAGES, language_from_path

from . import checks
from .conftest import site_paths

# Every page of the sitemap, and the "not found" page of each language.
PATHS = site_paths() + [f"/{language.code}/no-such-page/" for language in LANGUAGES]
every_page = pytest.mark.parametrize("path", PATHS)


def load(page, url, scheme="light"):
    page.emulate_media(color_scheme=scheme, reduced_motion="no-preference", forced_colors="none")
    response = page.goto(url)
    assert response.status == (404 if "no-such-page" in url else 200), url


@every_page
def test_page_meets_wcag(page, base_url, path):
    language = language_from_path(path)
    found = {}
    for scheme in ("light", "dark"):
        load(page, base_url + path, scheme)
        found[f"axe ({scheme})"] = checks.axe(page)
        # Our own computation too, for the shaped Arabic text that axe skips.
        found[f"contrast ({scheme})"] = checks.contrast(page)
    load(page, base_url + path)
    found["screen reader"] = checks.semantics(page, language.tag)
    found["visual presentation"] = checks.presentation(page)
    found["print"] = checks.print_layout(page)
    page.emulate_media(reduced_motion="reduce")
    found["reduced motion"] = (
        ["animations still run"] if page.evaluate("() => document.getAnimations().length") else []
    )
    page.emulate_media(forced_colors="active")
    found["forced colours"] = checks.contrast(page, 4.5)
    load(page, base_url + path)
    found["keyboard"] = checks.keyboard(page)
    found["reflow"] = checks.reflow(page, 320) + checks.reflow(page, 640)  # 640 = 1280 at 200% zoom
    found["text spacing"] = checks.text_spacing(page)
    assert {check: problems for check, problems in found.items() if problems} == {}


@every_page
def test_html_is_valid(client, validator, path):
    """The Nu HTML Checker finds no error in the markup."""
    assert checks.html_errors(client.get(path).get_data(as_text=True), validator) == []
