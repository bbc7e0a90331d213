"""Translation memory: the published translations of English texts like the one being translated.

Every catalog has the same English (the template's); a text's translations are those a reader
sees (`Catalog.shown`: translated, not outdated, safe). The index of them is built once per
version of the catalogs (`Catalogs.memo`), so a change published by a reviewer is offered at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..catalogs import Catalogs, Entry, Text
from ..i18n import SOURCE, TRANSLATED, Language
from ..message_ids import MessageId

# Per cent of the English alike (rapidfuzz's Indel ratio, on characters). At 60, paragraphs of the
# summary that say different things already match one another through their common words.
SIMILAR = 70
LIMIT = 5


@dataclass(frozen=True)
class Match:
    """A text whose English is like the one being translated, with its published translations."""

    message_id: MessageId
    english: Text
    similarity: float  # from 0 to 1, as Babel's format_percent takes it
    translation: Text  # in the language being translated into
    others: tuple[Text, ...]  # in the other languages that have published it

    @property
    def key(self) -> str:
        """The text's name as written in addresses."""
        return str(self.message_id)


@dataclass(frozen=True)
class Index:
    """Every English text that some catalog has published, with its translations by language."""

    message_ids: tuple[MessageId, ...]
    english: tuple[str, ...]
    published: tuple[dict[Language, str], ...]

    @classmethod
    def build(cls, catalogs: Catalogs) -> Index:
        """Read every translated catalog's published texts; glossary match patterns are not prose."""
        found: dict[tuple[MessageId, str], dict[Language, str]] = {}
        for language in TRANSLATED:
            catalog = catalogs[language]
            for entry in catalog:
                shown = catalog.shown(entry)
                if shown.language == language and not entry.message_id.is_pattern:
                    found.setdefault((entry.message_id, entry.source), {})[language] = shown.text
        return cls(
            tuple(message_id for message_id, _ in found),
            tuple(english for _, english in found),
            tuple(found.values()),
        )


def index(catalogs: Catalogs) -> Index:
    """The index for the catalogs as they are now: built again after any of them changed."""
    memo = catalogs.memo("memory")
    if "index" not in memo:
        memo["index"] = Index.build(catalogs)
    return memo["index"]


def similar(catalogs: Catalogs, entry: Entry, language: Language) -> list[Match]:
    """The texts most like an entry's English that `language` has published, best first."""
    memory = index(catalogs)
    scores = process.extract(
        entry.source,
        memory.english,
        scorer=fuzz.ratio,
        score_cutoff=SIMILAR,
        limit=None,
    )
    matches = []
    # Best first; of equal ones, in catalog order.
    for _, score, i in sorted(scores, key=lambda found: (-found[1], found[2])):
        message_id, published = memory.message_ids[i], memory.published[i]
        if message_id == entry.message_id or language not in published:
            continue
        others = tuple(Text(published[o], o) for o in TRANSLATED if o in published and o != language)
        matches.append(
            Match(
                message_id,
                Text(memory.english[i], SOURCE),
                score / 100,
                Text(published[language], language),
                others,
            )
        )
        if len(matches) == LIMIT:
            break
    return matches
