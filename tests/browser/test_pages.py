"""Every page of the sitemap, in every language, checked in headless Chromium (WCAG 2.2 AA, AAA for text).

One test per page runs every check on it, so each page is loaded once per colour scheme; the
result names each check with what it found.
"""

import re

import pytest

from hldsite.i18n import LANGUAGES

from . import checks
from .conftest import language_of, site_paths

# Every page of the sitemap, the "not found" page of each language, and the chooser of languages
# (the exported site's root).
PATHS = site_paths() + [f"/{language.code}/no-such-page/" for language in LANGUAGES] + ["/languages/"]
every_page = pytest.mark.parametrize("path", PATHS)
# Side by side, one template for thirty pairs: in the browser, each language once on each side (with
# the next in the registry), and Arabic with Chinese both ways; the Nu checker reads all thirty.
CODES = [language.code for language in LANGUAGES]
PAIRS = {(a, b) for a, b in zip(CODES, CODES[1:] + CODES[:1], strict=True)} | {("ar", "zh"), ("zh", "ar")}
SIDE_BY_SIDE = re.compile(r"^/(\w+)/(?:plain/)?compare/(\w+)/$")


def in_the_browser(path: str) -> bool:
    pair = SIDE_BY_SIDE.match(path)
    return pair is None or pair.groups() in PAIRS


@pytest.mark.parametrize("path", [path for path in PATHS if in_the_browser(path)])
def test_page_meets_wcag(page, base_url, path):
    status = 404 if "no-such-page" in path else 200
    language = language_of(path)
    assert checks.wcag(page, base_url + path, language.tag, status) == {}


@every_page
def test_html_is_valid(client, validator, path):
    """The Nu HTML Checker finds no error in the markup."""
    assert checks.html_errors(client.get(path).get_data(as_text=True), validator) == []
