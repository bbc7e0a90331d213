"""What every translatable text is called: its kind, its id, and which part of it.

One type with one parser and one formatter. The written form is the msgctxt of a content
message in the catalogs ("p7", "theme:children", "plain:intro-4.2", "glossary:migrant:forms",
"abbr:iom:long") and, for a text of the interface (which has no msgctxt), "ui-" and a hash of
its English. The same form names a text in the contribution pages' addresses.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

# Kinds whose written form starts with a prefix; a summary text (a paragraph, a framing text)
# has none, and an interface text is written "ui-<hash>".
PREFIXES = {"theme": "theme", "plain": "plain", "glossary": "glossary", "abbreviation": "abbr"}
KINDS = ("summary", *PREFIXES, "interface")
INTERFACE = "ui-"
ID = re.compile(r"[a-z0-9][a-z0-9-]*")
PARAGRAPH = re.compile(r"p(\d+)")


@dataclass(frozen=True)
class MessageId:
    """A translatable text's name: "plain:intro-4.2" is kind plain, id intro-4, part 2."""

    kind: str
    id: str
    part: str | None = None

    @classmethod
    def parse(cls, written: str) -> MessageId:
        """Read a name as `str()` writes it; ValueError if it is not one."""
        if written.startswith(INTERFACE):
            digest = written.removeprefix(INTERFACE)
            if not re.fullmatch(r"[0-9a-f]{12}", digest):
                raise ValueError(f"not a message id: {written!r}")
            return cls("interface", digest)
        prefix, colon, rest = written.partition(":")
        if not colon:
            kind, name, part = "summary", written, None
        else:
            kinds = {written_prefix: kind for kind, written_prefix in PREFIXES.items()}
            if prefix not in kinds:
                raise ValueError(f"not a message id: {written!r}")
            kind = kinds[prefix]
            separator = "." if kind == "plain" else ":"
            name, _, part = rest.partition(separator)
        if not ID.fullmatch(name) or (part is not None and part != "" and not ID.fullmatch(part)):
            raise ValueError(f"not a message id: {written!r}")
        return cls(kind, name, part or None)

    @classmethod
    def of_entry(cls, context: str | None, english: str) -> MessageId:
        """The name of a catalog entry: its msgctxt, or for an interface text a hash of its English."""
        if context is None:
            return cls("interface", hashlib.sha256(english.encode("utf-8")).hexdigest()[:12])
        return cls.parse(context)

    def __str__(self) -> str:
        if self.kind == "interface":
            return INTERFACE + self.id
        return self.name if self.kind == "summary" else f"{PREFIXES[self.kind]}:{self.name}"

    @property
    def name(self) -> str:
        """The id and part without the kind, fit for an anchor: "intro-4.2", "migrant:forms"."""
        if self.part is None:
            return self.id
        return f"{self.id}{'.' if self.kind == 'plain' else ':'}{self.part}"

    @property
    def context(self) -> str | None:
        """The msgctxt of the catalog entry: none for an interface text."""
        return None if self.kind == "interface" else str(self)

    @property
    def paragraph_number(self) -> int | None:
        """7 for paragraph p7; None for any other text."""
        match = PARAGRAPH.fullmatch(self.id) if self.kind == "summary" else None
        return int(match.group(1)) if match else None

    @property
    def is_pattern(self) -> bool:
        """Glossary forms are match patterns (a|b*), not prose."""
        return self.kind == "glossary" and self.part == "forms"
