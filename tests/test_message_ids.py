"""A message id has one written form, read back by one parser; the document says where it is shown."""

import pytest

from hldsite.message_ids import MessageId

WRITTEN = [
    ("p7", MessageId("summary", "p7")),
    ("salutation", MessageId("summary", "salutation")),
    ("venue-dates", MessageId("summary", "venue-dates")),
    ("theme:children", MessageId("theme", "children")),
    ("plain:intro-1", MessageId("plain", "intro-1")),
    ("plain:intro-4.2", MessageId("plain", "intro-4", "2")),
    ("glossary:migrant", MessageId("glossary", "migrant")),
    ("glossary:migrant:definition", MessageId("glossary", "migrant", "definition")),
    ("glossary:migrant:forms", MessageId("glossary", "migrant", "forms")),
    ("abbr:iom", MessageId("abbreviation", "iom")),
    ("abbr:iom:long", MessageId("abbreviation", "iom", "long")),
    ("ui-0123456789ab", MessageId("interface", "0123456789ab")),
]


@pytest.mark.parametrize(("written", "message_id"), WRITTEN, ids=[w for w, _ in WRITTEN])
def test_the_written_form_reads_back(written, message_id):
    assert MessageId.parse(written) == message_id
    assert str(message_id) == written


@pytest.mark.parametrize(
    "written",
    [
        "",
        ":",
        "theme:",
        "plain:.2",
        "nothing:p7",
        "ui-",
        "ui-xyz",
        "ui-0123456789abc",
        "P7",
        "p7/",
        "../p7",
        "theme:Children",
        "glossary:migrant:forms:x",
        "theme:a b",
        "p7\n",
        "<script>",
    ],
)
def test_anything_else_is_not_a_message_id(written):
    with pytest.raises(ValueError):
        MessageId.parse(written)


def test_an_interface_text_is_named_by_its_english():
    first = MessageId.of_entry(None, "Skip to main content")
    assert first.kind == "interface" and first.context is None
    assert first == MessageId.of_entry(None, "Skip to main content")
    assert first != MessageId.of_entry(None, "Skip to the main content")
    assert MessageId.parse(str(first)) == first


def test_what_an_id_knows_of_itself():
    assert MessageId.parse("p12").paragraph_number == 12
    assert MessageId.parse("salutation").paragraph_number is None
    assert MessageId.parse("theme:p7").paragraph_number is None
    assert MessageId.parse("glossary:migrant:forms").is_pattern
    assert not MessageId.parse("glossary:migrant").is_pattern
    assert MessageId.parse("plain:intro-4.2").name == "intro-4.2"
    assert MessageId.parse("abbr:iom:long").context == "abbr:iom:long"


@pytest.mark.parametrize(
    ("written", "endpoint", "values", "anchor"),
    [
        ("p7", "reading.summary", {}, "p7"),
        ("salutation", "reading.summary", {}, None),
        ("theme:children", "reading.theme", {"slug": "children"}, None),
        ("plain:children-1", "plain.theme", {"slug": "children"}, None),
        ("plain:intro-4.2", "plain.edition", {}, None),
        ("glossary:migrant:forms", "glossary.glossary", {}, None),
        ("abbr:iom", "glossary.glossary", {}, None),
    ],
)
def test_the_document_says_where_a_message_is_shown(document, written, endpoint, values, anchor):
    assert document.place(MessageId.parse(written)) == (endpoint, values, anchor)


@pytest.mark.parametrize("written", ["p99", "theme:nothing", "plain:nothing-1", "ui-0123456789ab"])
def test_the_document_knows_no_place_for_an_unknown_message(document, written):
    assert document.place(MessageId.parse(written)) is None


def test_every_content_message_has_a_place(document):
    from hldsite.content import glossary_messages, plain_messages, summary_messages

    messages = [
        *summary_messages(document),
        *plain_messages(document.intro, document.themes),
        *glossary_messages(document.terms, document.abbreviations),
    ]
    assert [m.message_id for m in messages if document.place(m.message_id) is None] == []
