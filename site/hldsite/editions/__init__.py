"""Reader editions: the full summary and the plain-language edition as EPUB 3 and tagged PDF,
in each language and in each pair of languages, paragraph by paragraph.

`Edition` names a file; `source.render` writes its text as XHTML from the site's own templates;
`epub` and `pdf` package that text; `store` builds a file only when its text changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from .. import i18n

KINDS = ("summary", "plain")
FORMATS = {
    "epub": "application/epub+zip",
    "pdf": "application/pdf",
}
PREFIX = "hld2013-rt2"


class Edition(NamedTuple):
    """One downloadable file: an edition, its language, the language beside it (if any), its format."""

    kind: str
    language: i18n.Language
    partner: i18n.Language | None
    format: str

    @property
    def languages(self) -> tuple[i18n.Language, ...]:
        return (self.language,) if self.partner is None else (self.language, self.partner)

    @property
    def filename(self) -> str:
        codes = "-".join(language.code for language in self.languages)
        return f"{PREFIX}-{self.kind}-{codes}.{self.format}"

    @property
    def media_type(self) -> str:
        return FORMATS[self.format]


def editions_of(language: i18n.Language) -> Iterator[Edition]:
    """The files of a language's download page: its own editions, then each pair it leads."""
    for partner in (None, *(other for other in i18n.LANGUAGES if other != language)):
        for kind in KINDS:
            for format in FORMATS:
                yield Edition(kind, language, partner, format)


def all_editions() -> Iterator[Edition]:
    for language in i18n.LANGUAGES:
        yield from editions_of(language)


def by_filename(language: i18n.Language, filename: str) -> Edition | None:
    """The edition a file name of a language's download page names, or None."""
    return next((e for e in editions_of(language) if e.filename == filename), None)
