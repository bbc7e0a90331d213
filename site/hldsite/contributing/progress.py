"""How far a language has got: its texts translated, outdated and waiting for review, in all
and theme by theme, as the contribution pages show them (figures, a chart and a table)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from ..catalogs import Catalog, Entry
from ..content import Document, Theme
from ..i18n import Language
from ..message_ids import MessageId

# The states a text is counted in, in the order the chart stacks them.
STATES = ("translated", "outdated", "untranslated")


@dataclass(frozen=True)
class Figures:
    """How many texts a group has, how many are in each state, and how many wait for a review."""

    texts: int
    translated: int
    outdated: int
    untranslated: int
    waiting: int

    @classmethod
    def of(cls, entries: list[Entry], waiting: set[str]) -> Figures:
        """Count a group of catalog entries; `waiting` holds the keys with an open suggestion."""
        statuses = [entry.status for entry in entries]
        return cls(
            len(entries),
            *(statuses.count(state) for state in STATES),
            sum(1 for entry in entries if entry.key in waiting),
        )

    def share(self, state: str) -> Decimal:
        """The part of the texts in a state ("waiting" too), rounded down to a whole per cent:
        100 % means every text, and one text missing never shows as 100 %."""
        if not self.texts:
            return Decimal(0)
        return Decimal(getattr(self, state) * 100 // self.texts) / 100

    def width(self, state: str) -> str:
        """The exact part of the texts in a state, as an SVG length: "12.5%"."""
        return _length(getattr(self, state), self.texts)

    def start(self, state: str) -> str:
        """Where a state's segment of the stacked bar starts, as an SVG length."""
        before = STATES[: STATES.index(state)]
        return _length(sum(getattr(self, s) for s in before), self.texts)


def _length(count: int, total: int) -> str:
    return f"{count * 100 / total:.3f}%" if total else "0%"


class Row(NamedTuple):
    """A row of a progress chart and table: what it counts ("all" the texts, a theme, the
    "other" texts, or a language) and its figures."""

    subject: str | Theme | Language
    figures: Figures


@dataclass(frozen=True)
class Progress:
    """A language's figures: for all its texts, then for each theme, then for the other texts."""

    rows: tuple[Row, ...]

    @property
    def overall(self) -> Figures:
        return self.rows[0].figures


def themes_of(document: Document) -> dict[MessageId, str]:
    """The theme of each text that belongs to one: its heading, plain heading, paragraphs and
    plain-language passages. Framing, introduction, glossary and interface belong to none."""
    found = {}
    for theme in document.themes:
        messages = [theme, *theme.paragraphs, *(m for block in theme.plain for m in block.messages)]
        if theme.plain_title is not None:
            messages.append(theme.plain_title)
        found.update((message.message_id, theme.slug) for message in messages)
    return found


def measure(document: Document, catalog: Catalog, waiting: set[str]) -> Progress:
    """A catalog's progress; `waiting` holds the keys of its texts with an open suggestion."""
    themes = themes_of(document)
    groups: dict[str | None, list[Entry]] = {theme.slug: [] for theme in document.themes}
    groups[None] = []
    for entry in catalog:
        groups[themes.get(entry.message_id)].append(entry)
    return Progress(
        (
            Row("all", Figures.of(list(catalog), waiting)),
            *(Row(theme, Figures.of(groups[theme.slug], waiting)) for theme in document.themes),
            Row("other", Figures.of(groups[None], waiting)),
        )
    )
