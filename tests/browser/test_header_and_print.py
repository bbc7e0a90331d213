"""On a phone the header leaves the first screen to the text, its menu one tap away without
JavaScript; on paper the site's own addresses are not printed and the translation notice is,
once."""

import shutil
import subprocess

import pytest

from hldsite import data_dir
from hldsite.content import load
from hldsite.i18n import LANGUAGES, TRANSLATED

PHONE = {"width": 390, "height": 844}
SLUG = load(data_dir("content")).themes[1].slug
by_language = pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
# The summary, a theme in both editions, the glossary and both comparisons.
PAGES = ["/{}/", f"/{{}}/themes/{SLUG}/", f"/{{}}/themes/{SLUG}/plain/", "/{}/glossary/"]


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=True)
    yield context.new_page()
    context.close()


# The lines of navigation the header shows: the distinct rows of its visible links and buttons
# after the site's name.
NAV_LINES = """() => {
  // A closed menu's links are laid out but skipped (content-visibility): not shown.
  const boxes = [...document.querySelectorAll(".site-header a, .site-header summary")]
    .filter(e => !e.closest(".site-name") && e.checkVisibility({visibilityProperty: true}))
    .map(e => e.getBoundingClientRect())
    .sort((a, b) => a.top - b.top);
  // Links of one line may differ in height by script: a line starts below the last one's middle.
  let lines = 0, bottom = -Infinity;
  for (const box of boxes) {
    if (box.top > bottom - box.height / 2) lines += 1;
    bottom = Math.max(bottom, box.bottom);
  }
  return lines;
}"""
FIRST_TEXT_TOP = """() => document
  .querySelector("main h1 ~ p:not(.eyebrow), main .document-header ~ p, main h1")
  .getBoundingClientRect().top"""


@by_language
@pytest.mark.parametrize("path", PAGES)
def test_on_a_phone_the_text_starts_on_the_first_screen(phone, base_url, language, path):
    phone.goto(base_url + path.format(language.code))
    assert phone.evaluate(NAV_LINES) == 1
    assert phone.locator(".site-header").bounding_box()["height"] < PHONE["height"] / 4
    assert phone.evaluate(FIRST_TEXT_TOP) < PHONE["height"] - 60
    # Closed, the menu's links are hidden from everyone, and the header names no landmark.
    assert "navigation" not in phone.locator(".site-header").aria_snapshot()


@by_language
@pytest.mark.parametrize("key", ["Enter", " "], ids=["enter", "space"])
def test_the_menu_opens_from_the_keyboard_with_every_link(phone, base_url, language, key):
    phone.goto(base_url + f"/{language.code}/glossary/")
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.className") == "skip-link"
    phone.keyboard.press("Tab")
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.tagName") == "SUMMARY"
    phone.keyboard.press(key)
    assert phone.locator(".site-menu").evaluate("menu => menu.open")
    languages = phone.locator("nav.languages a")
    sections = phone.locator("nav.sections a")
    assert languages.count() == len(LANGUAGES) and sections.count() >= 5
    for link in [*languages.all(), *sections.all()]:
        assert link.is_visible()
    assert phone.locator('nav.languages a[aria-current="true"]').get_attribute("lang") == language.tag
    assert (
        phone.locator('nav.sections a[aria-current="page"]').get_attribute("href")
        == f"/{language.code}/glossary/"
    )
    # The next Tab reaches the first language; each landmark is there once, named.
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.hreflang") == LANGUAGES[0].tag
    snapshot = phone.locator("body").aria_snapshot()
    assert snapshot.count("- navigation ") >= 2
    assert len({line.strip() for line in snapshot.splitlines() if "- navigation " in line}) == snapshot.count(
        "- navigation "
    )


@by_language
def test_the_menu_keeps_its_skip_link(phone, base_url, language):
    phone.goto(base_url + f"/{language.code}/")
    phone.keyboard.press("Tab")
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "main"


def test_a_wide_screen_shows_both_lists_without_a_menu(page, base_url):
    page.goto(base_url + "/fr/")
    assert not page.locator(".site-menu > summary").is_visible()
    assert page.locator("nav.languages").is_visible() and page.locator("nav.sections").is_visible()
    assert page.evaluate(NAV_LINES) >= 2
    assert all(link.is_visible() for link in page.locator(".site-header nav a").all())


# Whatever a page links to on this site, printed with an address after it.
PRINTED_ADDRESSES = """origin => [...document.querySelectorAll("a")]
  .filter(a => a.href.startsWith(origin) || a.getAttribute("href").startsWith("/"))
  .filter(a => getComputedStyle(a).display !== "none" && a.offsetParent !== null)
  .map(a => [a.getAttribute("href"), getComputedStyle(a, "::after").content])
  .filter(([href, content]) => content.includes("/"))"""


@pytest.mark.parametrize(
    "path",
    [
        "/fr/",
        f"/ar/themes/{SLUG}/",
        f"/zh/themes/{SLUG}/plain/",
        "/ru/compare/es/",
        "/es/plain/compare/ar/",
        "/en/",
    ],
)
def test_printing_shows_no_address_of_the_site_and_the_notice_once(page, base_url, expected, path):
    page.goto(base_url + path)
    page.emulate_media(media="print")
    assert page.evaluate(PRINTED_ADDRESSES, base_url) == []
    assert not page.locator(".site-header nav, .site-menu").first.is_visible()
    language = next(language for language in LANGUAGES if path.startswith(f"/{language.code}/"))
    notice = expected(language, "This translation is unofficial. The English text is the original.")
    printed = page.evaluate("document.body.innerText")
    assert printed.count(notice) == (1 if language in TRANSLATED else 0)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_a_printed_page_has_no_address_of_the_site(page, base_url, expected, tmp_path):
    page.goto(base_url + f"/fr/themes/{SLUG}/")
    pdf = tmp_path / "theme.pdf"
    page.pdf(path=pdf)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, check=True).stdout
    printed = text.decode()
    assert "/fr/" not in printed and "127.0.0.1" not in printed
    assert printed.count(expected(LANGUAGES[3], "Read the original English text")) == 1
