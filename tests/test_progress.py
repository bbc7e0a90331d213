"""Progress in figures: per cent translated, outdated and waiting for review, in all and theme by
theme, as a chart and a table that say the same; every figure checked against the catalog."""

import re
import unicodedata
from decimal import Decimal

import polib
import pytest
from babel.numbers import format_percent
from bs4 import BeautifulSoup
from sqlalchemy import select

from hldsite.catalogs import WRAP, catalog_path
from hldsite.contributing.progress import Figures
from hldsite.db import db
from hldsite.i18n import BY_CODE, LANGUAGES, TRANSLATED
from hldsite.message_ids import MessageId
from hldsite.models import Suggestion
from test_contribute import GOOD

every_translation = pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.code)
every_language = pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
STATES = ("translated", "outdated", "untranslated", "waiting")


def page(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def number(text: str) -> int:
    """A number as the page's locale writes it, whatever its digits."""
    return int("".join(str(unicodedata.digit(c)) for c in text if c.isdigit()))


def progress_table(html) -> dict[str, dict]:
    """The progress table as a reader sees it: per row name, its texts and each state's cell."""
    table = html.select_one("table.progress-table")
    rows = {}
    for tr in table.select("tbody tr"):
        texts = tr.th.select_one(".progress-table__texts").extract()
        rows[tr.th.get_text(" ", strip=True)] = {
            "texts": number(texts.get_text()),
            **{
                state: (
                    cell.select_one(".progress-table__share").get_text(),
                    number(cell.select_one(".progress-table__count").get_text()),
                )
                for state, cell in zip(STATES, tr.select("td"), strict=True)
            },
        }
    return rows


def status(entry: polib.POEntry) -> str:
    if not entry.msgstr:
        return "untranslated"
    return "outdated" if entry.fuzzy else "translated"


def waiting_keys(app, code: str) -> set[str]:
    """The texts of a language with a suggestion no reviewer has read, from the store."""
    with app.app_context():
        query = select(Suggestion.key).where(Suggestion.language == code, Suggestion.status == "open")
        return set(db.session.scalars(query))


def in_theme(theme, context: str | None) -> bool:
    """Whether a catalog entry (by its msgctxt) is a text of the theme: heading, plain heading,
    paragraph or plain-language passage."""
    if context is None:
        return False
    blocks = {f"plain:{block.id}" for block in theme.plain}
    return (
        context in {f"theme:{theme.slug}", f"theme:{theme.slug}:plain"}
        or context in {p.id for p in theme.paragraphs}
        or context.split(".")[0] in blocks
    )


def expected_cells(language, entries: list[polib.POEntry], waiting: set[str]) -> dict:
    """A row's figures worked out from the catalog entries, each per cent rounded down."""
    counts = {state: sum(status(e) == state for e in entries) for state in STATES[:3]}
    counts["waiting"] = sum(str(MessageId.of_entry(e.msgctxt, e.msgid)) in waiting for e in entries)
    return {
        "texts": len(entries),
        **{
            state: (format_percent(Decimal(n * 100 // len(entries)) / 100, locale=language.locale), n)
            for state, n in counts.items()
        },
    }


def edit_catalog(translations, language, change) -> None:
    """Change a language's catalog on disk, as a translator or `translate update` would."""
    path = catalog_path(translations, language)
    po = polib.pofile(str(path), wrapwidth=WRAP)
    change(po)
    po.save()


def mark_some_texts(po: polib.POFile) -> None:
    """Texts in several states, in a theme and outside any: outdated, untranslated."""
    po.find("p9", by="msgctxt").flags.append("fuzzy")  # a paragraph of a theme
    po.find("p1", by="msgctxt").flags.append("fuzzy")  # the introduction: no theme
    next(e for e in po if (e.msgctxt or "").startswith("plain:children-")).msgstr = ""
    po.find("Skip to main content").msgstr = ""  # a text of the site itself


def suggest(client, csrf_token, code: str, key: str = "p7") -> None:
    url = f"/{code}/contribute/{key}/"
    response = client.post(url, data={"csrf_token": csrf_token(client, url), "text": GOOD[code]})
    assert response.status_code == 303


@every_translation
def test_the_table_gives_every_theme_and_matches_the_catalog(
    writable_app, writable_translations, document, csrf_token, expected, language
):
    edit_catalog(writable_translations, language, mark_some_texts)
    client = writable_app.test_client()
    suggest(client, csrf_token, language.code)
    rows = progress_table(page(client.get(f"/{language.code}/contribute/")))

    entries = [e for e in polib.pofile(str(catalog_path(writable_translations, language))) if not e.obsolete]
    waiting = waiting_keys(writable_app, language.code)
    names = {theme.slug: expected(language, theme.title, f"theme:{theme.slug}") for theme in document.themes}
    all_texts = expected(language, "All texts")
    assert list(rows)[0] == all_texts
    assert list(rows)[1:10] == list(names.values())  # the nine themes, in the page's language
    assert len(rows) == 11  # and the texts of no theme
    assert rows[all_texts] == expected_cells(language, entries, waiting)
    for theme in document.themes:
        members = [e for e in entries if in_theme(theme, e.msgctxt)]
        assert rows[names[theme.slug]] == expected_cells(language, members, waiting), theme.slug
    others = [e for e in entries if not any(in_theme(theme, e.msgctxt) for theme in document.themes)]
    assert list(rows.values())[10] == expected_cells(language, others, waiting)
    # What was changed shows: the outdated paragraph's theme, the untranslated passage's, p7's suggestion.
    assert rows[names["regular-migration"]]["outdated"][1] == 1
    assert rows[names["children"]]["untranslated"][1] == 1
    assert rows[names["racism-and-xenophobia"]]["waiting"][1] == 1
    assert rows[all_texts]["outdated"][1] == 2 and rows[all_texts]["untranslated"][1] == 2


@every_translation
def test_per_cents_are_in_the_number_format_of_the_page(read, language):
    html = read(f"/{language.code}/contribute/")
    shares = [s.get_text() for s in html.select(".progress-table__share")]
    assert shares and set(shares) <= {
        format_percent(Decimal(n) / 100, locale=language.locale) for n in range(101)
    }
    figures = html.select_one("ul.figures").get_text()
    assert format_percent(1, locale=language.locale) in figures
    if language.code in ("fr", "ru", "es"):
        # A no-break space before the sign: "100 %" never breaks across two lines.
        assert all(re.fullmatch(r"\d+[\u00a0\u202f]%", share) for share in shares)


def test_french_per_cents_read_as_french_writes_them(read):
    shares = [s.get_text() for s in read("/fr/contribute/").select(".progress-table__share")]
    assert "100\u00a0%" in shares or "100\u202f%" in shares
    assert "100%" not in shares


@pytest.mark.parametrize(
    ("translated", "texts", "shown"),
    [(0, 10, "0"), (1, 3, "0.33"), (199, 200, "0.99"), (437, 438, "0.99"), (438, 438, "1"), (0, 0, "0")],
)
def test_a_per_cent_is_rounded_down_so_100_means_every_text(translated, texts, shown):
    figures = Figures(texts, translated, 0, texts - translated, 0)
    assert figures.share("translated") == Decimal(shown)


@every_translation
def test_one_text_missing_never_shows_as_100_per_cent(
    writable_app, writable_translations, expected, language
):
    edit_catalog(
        writable_translations, language, lambda po: po.find("p9", by="msgctxt").flags.append("fuzzy")
    )
    rows = progress_table(page(writable_app.test_client().get(f"/{language.code}/contribute/")))
    translated = rows[expected(language, "All texts")]["translated"]
    assert translated == (
        format_percent(Decimal("0.99"), locale=language.locale),
        rows[expected(language, "All texts")]["texts"] - 1,
    )
    # The other themes, every text translated, show 100 %.
    full = format_percent(1, locale=language.locale)
    assert sorted(row["translated"][0] == full for row in rows.values()).count(False) == 2


@every_translation
def test_a_suggestion_raises_the_figure_waiting_for_review(client, csrf_token, document, expected, language):
    url = f"/{language.code}/contribute/"
    theme = expected(language, document.theme("racism-and-xenophobia").title, "theme:racism-and-xenophobia")
    all_texts = expected(language, "All texts")
    before = progress_table(page(client.get(url)))
    assert before[theme]["waiting"][1] == before[all_texts]["waiting"][1] == 0
    suggest(client, csrf_token, language.code)
    after = progress_table(page(client.get(url)))
    assert after[theme]["waiting"][1] == after[all_texts]["waiting"][1] == 1
    p7_theme_texts = after[theme]["texts"]
    assert after[theme]["waiting"][0] == format_percent(
        Decimal(100 // p7_theme_texts) / 100, locale=language.locale
    )
    figures = page(client.get(url)).select_one("ul.figures").get_text()
    assert expected(language, "Open suggestions: %(count)s").replace("%(count)s", "1") in figures


@every_translation
def test_figures_move_when_a_text_turns_outdated_or_untranslated(
    writable_app, writable_translations, document, expected, language
):
    client = writable_app.test_client()
    url = f"/{language.code}/contribute/"
    theme = expected(language, document.theme("regular-migration").title, "theme:regular-migration")
    before = progress_table(page(client.get(url)))[theme]
    edit_catalog(
        writable_translations, language, lambda po: po.find("p9", by="msgctxt").flags.append("fuzzy")
    )
    outdated = progress_table(page(client.get(url)))[theme]
    assert outdated["outdated"][1] == before["outdated"][1] + 1
    assert outdated["translated"][1] == before["translated"][1] - 1

    def untranslate(po):
        po.find("p9", by="msgctxt").msgstr = ""

    edit_catalog(writable_translations, language, untranslate)
    untranslated = progress_table(page(client.get(url)))[theme]
    assert untranslated["untranslated"][1] == before["untranslated"][1] + 1
    assert untranslated["outdated"][1] == before["outdated"][1]


@every_language
def test_every_language_page_has_a_row_per_language_with_its_figures(
    writable_app, writable_translations, csrf_token, language
):
    edit_catalog(writable_translations, BY_CODE["fr"], mark_some_texts)
    client = writable_app.test_client()
    suggest(client, csrf_token, "es")
    html = page(client.get(f"/{language.code}/contribute/languages/"))
    links = [tr.th.a for tr in html.select("table.progress-table tbody tr")]
    assert [(a["href"], a["hreflang"]) for a in links] == [
        (f"/{o.code}/contribute/", o.tag) for o in TRANSLATED
    ]
    rows = progress_table(html)
    for other, name in zip(TRANSLATED, rows, strict=True):
        entries = [e for e in polib.pofile(str(catalog_path(writable_translations, other))) if not e.obsolete]
        cells = expected_cells(language, entries, waiting_keys(writable_app, other.code))
        assert rows[name] == cells, other.code
    assert rows[list(rows)[TRANSLATED.index(BY_CODE["es"])]]["waiting"][1] == 1


@pytest.mark.parametrize(
    "url", [f"/{language.code}/contribute/" for language in LANGUAGES] + ["/ar/contribute/languages/"]
)
def test_the_chart_is_hidden_from_screen_readers_and_the_table_says_all_it_shows(read, url):
    html = read(url)
    chart = html.select_one("figure.progress-chart")
    table = html.select_one("table.progress-table")
    assert chart["aria-hidden"] == "true"
    assert chart.select("a, button, input, select, textarea, [tabindex]") == []
    assert table.caption.get_text(strip=True)
    assert all(th["scope"] == "col" for th in table.thead.select("th"))
    assert all(tr.th["scope"] == "row" for tr in table.tbody.select("tr"))
    # One bar per row of the table, under the same name, and a legend in words for every state.
    labels = [label.get_text(" ", strip=True) for label in chart.select(".progress-chart__label")]
    assert labels == list(progress_table(html))
    legend = [li.get_text(strip=True) for li in chart.select(".progress-chart__legend li")]
    assert legend == [th.get_text(strip=True) for th in table.thead.select("th")][1:]


def test_the_bars_are_as_long_as_the_figures(writable_app, writable_translations):
    edit_catalog(writable_translations, BY_CODE["fr"], mark_some_texts)
    html = page(writable_app.test_client().get("/fr/contribute/"))
    bar = html.select_one(".progress-chart__row .progress-bar")
    total = len(
        [e for e in polib.pofile(str(catalog_path(writable_translations, BY_CODE["fr"]))) if not e.obsolete]
    )
    translated = bar.select_one(".progress-bar__translated")
    outdated = bar.select_one(".progress-bar__outdated")
    assert float(translated["width"].rstrip("%")) == pytest.approx((total - 4) * 100 / total, abs=0.001)
    assert float(outdated["x"].rstrip("%")) == float(translated["width"].rstrip("%"))
    assert float(outdated["width"].rstrip("%")) == pytest.approx(2 * 100 / total, abs=0.001)
