"""Accessibility checks run in headless Chromium: each takes a loaded page and returns problems.

Each check returns a list of readable problems (empty when the page passes), so the same
function serves the sweep over every page and the tests that prove it catches a bad page.
"""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag2aaa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# axe's contrast rules; an "incomplete" result of these (axe could not decide) is a failure.
CONTRAST_RULES = {"color-contrast", "color-contrast-enhanced", "link-in-text-block"}
JS = Path(__file__).with_name("checks.js").read_text("utf-8")


def _js(page, name: str, *args):
    """Call one of the functions of checks.js in the page."""
    if not page.evaluate("() => typeof window.__checks === 'object'"):
        page.add_script_tag(content=JS)
    return page.evaluate(f"(args) => window.__checks.{name}(...args)", list(args))


def axe(page, only_contrast: bool = False) -> list[str]:
    """axe-core violations, and contrast results it could not decide (only those rules if asked:
    what a colour scheme changes)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_SOURCE))
    run = (
        {"type": "rule", "values": sorted(CONTRAST_RULES)}
        if only_contrast
        else {"type": "tag", "values": AXE_TAGS}
    )
    options = {"runOnly": run, "resultTypes": ["violations", "incomplete"]}
    result = page.evaluate("(options) => axe.run(document, options)", options)
    problems = [
        f"{v['id']}: {v['help']} ({node['target']})" for v in result["violations"] for node in v["nodes"]
    ]
    problems += [
        f"{v['id']} undecided: {node['target']}"
        for v in result["incomplete"]
        if v["id"] in CONTRAST_RULES
        for node in v["nodes"]
    ]
    return problems


def contrast(page, minimum: float = 7.0) -> list[str]:
    """Own contrast check of every text run, for what axe skips (shaped Arabic text)."""
    return [
        f"{p['text']!r}: {p['ratio']:.2f}:1 ({p['color']} on {p['background']})"
        for p in _js(page, "contrast", minimum)
    ]


def html_errors(html: str, validator_url: str) -> list[str]:
    """Errors the Nu HTML Checker reports for a page's markup."""
    request = urllib.request.Request(
        f"{validator_url}?out=json",
        data=html.encode("utf-8"),
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        messages = json.load(response)["messages"]
    return [
        f"line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]


def semantics(page, language_tag: str) -> list[str]:
    """What a screen reader is given: landmarks, headings, names, languages of the switcher."""
    problems = []
    snapshot = page.locator("body").aria_snapshot()
    for role in ("banner", "main", "contentinfo"):
        count = len(re.findall(rf"^\s*- {role}\b", snapshot, re.M))
        if count != 1:
            problems.append(f"{count} {role} landmarks, expected 1")
    navigations = re.findall(r'^\s*- navigation(?: "([^"]*)")?:', snapshot, re.M)
    if not navigations:
        problems.append("no navigation landmark")
    if any(not name for name in navigations) or len(set(navigations)) != len(navigations):
        problems.append(f"navigation landmarks need distinct names: {navigations}")
    levels = [int(level) for level in re.findall(r"heading .*\[level=(\d)\]", snapshot)]
    if levels.count(1) != 1:
        problems.append(f"{levels.count(1)} level-1 headings, expected 1")
    for before, after in zip(levels, levels[1:], strict=False):
        if after > before + 1:
            problems.append(f"heading level {after} follows level {before}")
    for line in re.findall(r"^\s*- (?:link|button|textbox|combobox|checkbox)(?::|$)", snapshot, re.M):
        problems.append(f"unnamed control: {line.strip()}")
    html_lang = page.evaluate("() => document.documentElement.lang")
    if html_lang != language_tag:
        problems.append(f"<html lang={html_lang!r}>, expected {language_tag!r}")
    problems += _js(page, "switcherLanguages")
    return problems


def keyboard(page, restart=None) -> list[str]:
    """Tab order: the skip link first and working, then every control in order, focus always visible.

    `restart()` brings the page back as it was (by default, loading its address again).
    """
    problems = []
    page.keyboard.press("Tab")
    if not page.evaluate("() => document.activeElement.matches('a.skip-link[href=\"#main\"]')"):
        return ["the first Tab does not reach a skip link to #main"]
    problems += [f"skip link: {p}" for p in _js(page, "focusProblems")]
    page.keyboard.press("Enter")
    if not page.evaluate("() => document.activeElement === document.querySelector('main')"):
        problems.append("the skip link does not move focus to main")
    # Start again from the top of a fresh page: following the skip link moved the focus starting
    # point to #main, and reloading /page#main would put it there again.
    if restart:
        restart()
    else:
        page.goto(page.url.split("#")[0])
    expected = _js(page, "focusables")
    # Each element reports as it receives the focus (checks.js): one call at the end of the walk.
    _js(page, "recordReports")
    for _ in range(len(expected) + 1):
        page.keyboard.press("Tab")
    reports = _js(page, "reports")
    reached = [report["key"] for report in reports]
    problems += [f"{report['key']}: {p}" for report in reports for p in report["problems"]]
    # The skip link is reached first again; the order after it must be the document's.
    if reached[1:] != expected:
        steps = zip(reached[1:], expected, strict=False)
        first = next((i for i, (a, b) in enumerate(steps) if a != b), min(len(reached) - 1, len(expected)))
        problems.append(
            f"Tab order differs from the document at step {first}: reached {reached[1:][first : first + 2]}, "
            f"expected {expected[first : first + 2]}"
        )
    return problems


def reflow(page, width: int = 320) -> list[str]:
    """At `width` CSS pixels nothing scrolls sideways and no text is cut off."""
    page.set_viewport_size({"width": width, "height": 800})
    problems = _js(page, "overflow")
    return [f"at {width}px: {p}" for p in problems]


TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-block-end: 2em !important; }
"""


def text_spacing(page) -> list[str]:
    """WCAG 1.4.12: with the user's spacing override nothing is clipped or scrolls sideways."""
    page.add_style_tag(content=TEXT_SPACING)
    return [f"with text spacing: {p}" for p in _js(page, "overflow")]


def presentation(page) -> list[str]:
    """WCAG 1.4.8: lines of at most 80 characters (40 in Chinese), line height 1.5, no justified text."""
    return _js(page, "presentation")


def print_layout(page) -> list[str]:
    """Print: navigation hidden, link targets printed, main text still there."""
    page.emulate_media(media="print")
    try:
        return _js(page, "printProblems")
    finally:
        page.emulate_media(media="screen")


def focus_walk(page) -> None:
    """Press Tab through the whole page, as a keyboard user would, recording each element reached."""
    _js(page, "recordFocus")
    for _ in range(len(_js(page, "focusables")) + 2):
        page.keyboard.press("Tab")


def focus_contrast(page, text: float = 7.0, indicator: float = 3.0) -> list[str]:
    """Each element of the walk, focused again: text under `text`:1 on its own background, and a
    focus indicator (outline or shadow) under `indicator`:1 against what surrounds it."""
    result = _js(page, "focusStates", text, indicator)
    if not result["walked"]:
        return ["the Tab walk reached nothing"]
    return [f"{f['selector']}: {f['part']} {f['ratio']:.2f}:1" for f in result["found"]]


def load(page, url: str, scheme: str = "light", status: int = 200) -> None:
    page.emulate_media(color_scheme=scheme, reduced_motion="no-preference", forced_colors="none")
    response = page.goto(url)
    assert response.status == status, url


def wcag(page, url: str, language_tag: str, status: int = 200, arrive=None) -> dict[str, list[str]]:
    """Every check on one page, loaded once per colour scheme: what each check found, if anything.

    `arrive(scheme)` brings the page into a state that loading its address does not (a form after
    a failed submission); by default the page is loaded from `url`.
    """
    arrive = arrive or (lambda scheme="light": load(page, url, scheme, status))
    found = {}
    for scheme in ("light", "dark"):
        arrive(scheme)
        # Every rule in the light scheme; in the dark one, the rules a scheme can change: colours.
        found[f"axe ({scheme})"] = axe(page, only_contrast=scheme == "dark")
        # Our own computation too, for the shaped Arabic text that axe skips.
        found[f"contrast ({scheme})"] = contrast(page)
    arrive()
    found["screen reader"] = semantics(page, language_tag)
    found["visual presentation"] = presentation(page)
    found["print"] = print_layout(page)
    page.emulate_media(reduced_motion="reduce")
    found["reduced motion"] = (
        ["animations still run"] if page.evaluate("() => document.getAnimations().length") else []
    )
    page.emulate_media(forced_colors="active")
    found["forced colours"] = contrast(page, 4.5)
    arrive()
    found["keyboard"] = keyboard(page, restart=arrive)
    found["reflow"] = reflow(page, 320) + reflow(page, 640)  # 640 = 1280 at 200% zoom
    found["text spacing"] = text_spacing(page)
    return {check: problems for check, problems in found.items() if problems}
