"""The hostile corpus: every text that tried to break the site or slip past a reviewer, by class.

Each is refused on every path to a catalog and never breaks a page (test_gate.py). When a new
one is found, add it here: the tests take it up in every language.

Texts are written around the current translation of their message, `{t}`, so that each is in
the language it is tested in (a French text in Arabic would be refused for its language alone).
"""

# Interface texts are inserted into the page as they are and formatted with the English's
# placeholders: (English msgid, hostile text).
INTERFACE = [
    # A percent sign the formatting reads as a placeholder: every page of the language failed.
    ("Themes", "{t} 100%"),
    ("Themes", "50 % {t}"),
    ("Themes", "{t} %"),
    ("Themes", "{t} %(nombre)s"),
    ("Paragraph %(number)s", "{t} %(total)s"),
    ("Paragraph %(number)s", "{t} %(number)"),
    ("Paragraph %(number)s", "{t} %(number)s%"),
    # Markup: tags, attributes breaking out of an attribute, unclosed tags, references, comments.
    ("Themes", '{t}<meta http-equiv="refresh" content="0;url=https://evil.example">'),
    ("Themes", "{t}<meta http-equiv=refresh content=0;url=https://evil.example>"),
    ("Themes", "{t}<a href=https://evil.example>"),
    ("Language", '{t}" hidden data-x="'),
    ("Language", '{t}" onfocus="alert(1)" autofocus x="'),
    ("Themes", "{t} <b"),
    ("Themes", "{t} </main>"),
    ("Themes", "{t} &lt;script&gt;"),
    ("Themes", "{t} &#60;"),
    ("Themes", "{t} <!-- "),
    ("Sections", "{t}</nav><nav>"),
    ("Themes", "{t} <img src=x onerror=alert(1)>"),
    ("Themes", "{t} > <"),
    ("Themes", "{t}<style>body{display:none}</style>"),
]

# Characters that cannot be seen, hidden in any text (and changed by tools: a line separator
# split a line when the catalogs were updated, and a full stop was lost).
INVISIBLE = [
    "\u2028",  # LINE SEPARATOR
    "\u2029",  # PARAGRAPH SEPARATOR
    "\u200b",  # ZERO WIDTH SPACE
    "\ufeff",  # ZERO WIDTH NO-BREAK SPACE
    "\u2060",  # WORD JOINER
    "\u00ad",  # SOFT HYPHEN
    "\u180e",  # MONGOLIAN VOWEL SEPARATOR
    "\u2062",  # INVISIBLE TIMES
    "\ue000",  # a private-use character
    "\U000e0041",  # TAG LATIN CAPITAL LETTER A
]

# Control characters and bytes that were not UTF-8.
CONTROL = ["\x00", "\x1b[31m", "\x7f", "\x85", "\ufffd"]


def hostile(template: str, current: str) -> str:
    """A hostile text written around a message's current translation."""
    return template.replace("{t}", current)
