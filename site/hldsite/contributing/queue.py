"""The review queue's search and filters: which suggestions a reviewer sees, from the query string."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from .. import gate
from ..catalogs import Catalog, Entry, UnknownMessage
from ..content import Document
from ..message_ids import MessageId
from ..models import Suggestion
from .names import KINDS, SUGGESTION_STATES
from .suggestions import suggestions_of

QUERY_LENGTH = 200
# The checks' verdicts a reviewer can filter by.
VERDICTS = {
    "refused": _l("Refused by the checks"),
    "warned": _l("With points to look at"),
    "clean": _l("Nothing pointed out"),
}


class BadFilter(ValueError):
    """A query string the queue does not understand."""


@dataclass(frozen=True)
class Filters:
    """What the reviewer asked to see: words to find, a state, a verdict, outdated only, a kind."""

    query: str = ""
    state: str = "open"
    verdict: str = "all"
    outdated: bool = False
    kind: str = "all"

    @classmethod
    def from_args(cls, args: MultiDict) -> Filters:
        """The filters of a query string; BadFilter for a value no form offers."""
        filters = cls(
            query=args.get("q", "").strip(),
            state=args.get("state", "open"),
            verdict=args.get("check", "all"),
            outdated=args.get("outdated", "") == "1",
            kind=args.get("kind", "all"),
        )
        if (
            len(filters.query) > QUERY_LENGTH
            or any(ord(c) < 0x20 for c in filters.query)
            or filters.state not in ("all", *SUGGESTION_STATES)
            or filters.verdict not in ("all", *VERDICTS)
            or filters.kind not in ("all", *KINDS)
        ):
            raise BadFilter(args)
        return filters

    @property
    def narrowed(self) -> bool:
        """Whether the reviewer asked for anything but the whole open queue."""
        return self != Filters()


@dataclass(frozen=True)
class Item:
    """A suggestion in the queue, with its text's entry (None if it left the catalog)."""

    suggestion: Suggestion
    message: Entry | None
    catalog: Catalog
    document: Document

    @cached_property
    def checked(self) -> list:
        """The gate's verdicts on the suggestion's text (judged only for what is filtered or shown)."""
        if self.message is None:
            return []
        waiting = self.suggestion.status == "open"
        return gate.judge(self.message, self.suggestion.text, self.catalog, self.document, proposal=waiting)

    @property
    def outdated(self) -> bool:
        """The English changed since the suggestion, or the published text is outdated."""
        return self.message is not None and (
            self.message.source != self.suggestion.source or self.message.status == "outdated"
        )


def queue_item(suggestion: Suggestion, catalog: Catalog, document: Document) -> Item:
    """A suggestion with its text's entry, if the text is still in the catalog."""
    try:
        message = catalog.entry(MessageId.parse(suggestion.key))
    except (UnknownMessage, ValueError):
        message = None  # The text left the catalog: it can still be rejected.
    return Item(suggestion, message, catalog, document)


def _matches(item: Item, filters: Filters) -> bool:
    suggestion, message = item.suggestion, item.message
    if filters.kind != "all" and (message is None or message.message_id.kind != filters.kind):
        return False
    if filters.outdated and not item.outdated:
        return False
    if filters.verdict == "refused" and not gate.blocking(item.checked):
        return False
    if filters.verdict == "warned" and not any(f.severity == "warning" for f in item.checked):
        return False
    if filters.verdict == "clean" and any(f.severity != "notice" for f in item.checked):
        return False
    if filters.query:
        haystack = [suggestion.text, suggestion.source, suggestion.key, suggestion.author, suggestion.note]
        return any(filters.query.casefold() in field.casefold() for field in haystack)
    return True


def matching_suggestions(catalog: Catalog, document: Document, filters: Filters) -> list[Item]:
    """The language's suggestions the filters let through, oldest first, each judged by the gate."""
    state = None if filters.state == "all" else filters.state
    items = []
    for suggestion in suggestions_of(catalog.language, state):
        item = queue_item(suggestion, catalog, document)
        if _matches(item, filters):
            items.append(item)
    return items
