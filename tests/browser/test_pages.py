"""Every page of the sitemap, in every language, checked in headless Chromium (WCAG 2.2 AA, AAA for text)."""

import pytest

from hldsite.i18n import language_from_path

from . import checks
from .conftest import site_paths

PATHS = site_paths()
every_page = pytest.mark.parametrize("path", PATHS)


def load(page, base_url, path, scheme="light"):
    page.emulate_media(color_scheme=scheme)
    response = page.goto(base_url + path)
    assert response.status == 200, path
    return language_from_path(path)


@every_page
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing(page, base_url, path, scheme):
    load(page, base_url, path, scheme)
    assert checks.axe(page) == []


@every_page
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_all_text_has_enhanced_contrast(page, base_url, path, scheme):
    """Our own computation, for the shaped Arabic text that axe skips (and every other page)."""
    load(page, base_url, path, scheme)
    assert checks.contrast(page) == []


@every_page
def test_html_is_valid(client, validator, path):
    assert checks.html_errors(client.get(path).get_data(as_text=True), validator) == []


@every_page
def test_screen_reader_semantics(page, base_url, path):
    language = load(page, base_url, path)
    assert checks.semantics(page, language.tag) == []


@every_page
def test_keyboard(page, base_url, path):
    load(page, base_url, path)
    assert checks.keyboard(page) == []


@every_page
def test_reflow_zoom_and_text_spacing(page, base_url, path):
    load(page, base_url, path)
    problems = checks.reflow(page, 320)
    problems += checks.reflow(page, 640)  # 1280 CSS pixels at 200% zoom
    problems += checks.text_spacing(page)
    assert problems == []


@every_page
def test_visual_presentation(page, base_url, path):
    language = load(page, base_url, path)
    assert checks.presentation(page, language.code) == []


@every_page
def test_print_forced_colours_and_reduced_motion(page, base_url, path):
    load(page, base_url, path)
    problems = checks.print_layout(page)
    page.emulate_media(reduced_motion="reduce")
    if page.evaluate("() => document.getAnimations().length"):
        problems.append("animations run with prefers-reduced-motion")
    page.emulate_media(forced_colors="active")
    problems += [f"forced colours: {p}" for p in checks.contrast(page, 4.5)]
    assert problems == []
