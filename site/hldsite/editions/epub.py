"""An edition as EPUB 3: its parts, navigation and package document, zipped as the OCF asks.

Fonts are embedded only for the scripts a reading system may lack (Arabic, Han), cut down to the
letters the edition uses (fontTools); Latin and Cyrillic text takes the reader's own font.
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from functools import lru_cache

from flask import Flask, render_template
from fontTools import subset
from fontTools.ttLib import TTFont

from .. import i18n
from .source import SCRIPTS, STYLESHEET, Source, xml_lang

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
"""
# The font of each script that needs one, as fontconfig names it, and the family the CSS gives.
FONTS = {
    "arabic": ("Noto Naskh Arabic", "Edition Arabic", ":lang(ar)"),
    "han": ("Noto Sans CJK SC", "Edition Han", ":lang(zh)"),
}
# Every ZIP entry gets the same time, so the same text gives the same file.
STAMP = (2013, 10, 4, 17, 30, 0)


def build(app: Flask, source: Source) -> bytes:
    """The EPUB of an edition's text."""
    edition = source.edition
    # One cut of each font serves every edition: the letters of that script in all the catalogs.
    fonts = {}
    for script in source.characters:
        fonts[f"fonts/{script}.woff2"] = font_subset(script, catalog_letters(app, script))
    with app.app_context(), app.test_request_context(f"/{edition.language.code}/"):
        app.preprocess_request()
        package = render_template(
            "editions/package.xml",
            edition=edition,
            title=source.title,
            # The same publication in each version; dcterms:modified tells the versions apart.
            identifier=f"urn:hld2013-rt2:{edition.filename.rsplit('.', 1)[0]}",
            modified=source.modified,
            parts=[name for name in source.parts if name != "nav.xhtml"],
            fonts=fonts,
            xml_lang=xml_lang,
        )
    files = {
        "META-INF/container.xml": CONTAINER,
        "EPUB/package.opf": package,
        **{f"EPUB/{name}": text for name, text in source.parts.items()},
        "EPUB/style.css": stylesheet(fonts),
        **{f"EPUB/{name}": data for name, data in fonts.items()},
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as epub:
        # The OCF: `mimetype` first, stored, with no extra field.
        epub.writestr(zipfile.ZipInfo("mimetype", STAMP), "application/epub+zip", zipfile.ZIP_STORED)
        for name, data in files.items():
            epub.writestr(zipfile.ZipInfo(name, STAMP), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def stylesheet(fonts: dict[str, bytes]) -> str:
    """The edition's CSS, with a @font-face for each embedded font."""
    rules = STYLESHEET.read_text(encoding="utf-8")
    faces = []
    for name in fonts:
        script = name.removeprefix("fonts/").removesuffix(".woff2")
        _, family, selector = FONTS[script]
        faces.append(f'@font-face {{ font-family: "{family}"; src: url("{name}") format("woff2"); }}')
        faces.append(f'{selector} {{ font-family: "{family}", serif; }}')
    return rules + "\n" + "\n".join(faces) + "\n"


def catalog_letters(app: Flask, script: str) -> str:
    """Every letter of a script in the translations, and in the text the edition adds."""
    catalogs = app.extensions["catalogs"]
    texts = "".join(entry.text for language in i18n.TRANSLATED for entry in catalogs[language])
    return "".join(sorted(set(SCRIPTS[script].findall(texts))))


@lru_cache(maxsize=8)
def font_subset(script: str, letters: str) -> bytes:
    """A script's font cut down to some letters (and the shapes they join into), as WOFF 2."""
    family = FONTS[script][0]
    found = subprocess.run(
        ["fc-match", "-f", "%{file}:%{index}", family], capture_output=True, text=True, check=True
    ).stdout
    path, index = found.rsplit(":", 1)
    # No time stamp: the same letters give the same bytes, so the same text the same file.
    font = TTFont(path, fontNumber=int(index), lazy=False, recalcTimestamp=False)
    # Every layout feature: Arabic joins its letters with them. Every name: the licence and copyright.
    options = subset.Options(flavor="woff2", layout_features=["*"], name_IDs=["*"], notdef_outline=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=letters + " 0123456789.,;:()")
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()
