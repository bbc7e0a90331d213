"""An edition as tagged PDF (PDF/UA-1), by WeasyPrint, with the language of every run marked.

WeasyPrint writes the structure tree (headings, paragraphs, lists, links), the document's
language, its title as the window title and every font embedded; it does not mark a run in
another language. So each run's text is read back (pdfminer.six, by marked-content id), matched
against the texts of each language of the edition, and its structure element given `/Lang`
(pikepdf), on the highest element that is all in that language.
"""

from __future__ import annotations

import html
import io
import logging
import re
import xml.etree.ElementTree as ET

import pikepdf
from pdfminer.pdfdevice import TagExtractor
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from weasyprint import HTML

from .. import i18n
from .source import Source

DOCTYPE = re.compile(r"^\s*<!doctype html>", re.IGNORECASE)
MARKED = re.compile(r'<(\w+) MCID="(\d+)">(.*?)</\1>', re.DOTALL)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PRINT_FLAG = 4  # bit 3 of an annotation's flags


def build(source: Source) -> bytes:
    """The PDF of an edition's text."""
    (book,) = source.parts.values()
    # WeasyPrint says on its logger what it cannot tag; fontTools chatters while subsetting.
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    written = HTML(string=book).write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    return mark_languages(written, source.edition.language, texts_by_language(book))


def texts_by_language(book: str) -> dict[str, str]:
    """All the text of the edition in each language, without spaces, from its `lang` attributes."""
    root = ET.fromstring(DOCTYPE.sub("", book, count=1))  # the book is well-formed XHTML
    found: dict[str, list[str]] = {}

    def walk(element, language):
        language = element.get("lang") or element.get(XML_LANG) or language
        found.setdefault(language, []).append(element.text or "")
        for child in element:
            walk(child, language)
            found.setdefault(language, []).append(child.tail or "")

    walk(root, root.get("lang"))
    return {language: "".join("".join(texts).split()) for language, texts in found.items()}


def runs(pdf: bytes) -> dict[tuple[int, int], str]:
    """The text of each marked run, by (page number, marked-content id)."""
    manager = PDFResourceManager()
    found = {}
    for number, page in enumerate(PDFPage.get_pages(io.BytesIO(pdf))):
        out = io.BytesIO()
        device = TagExtractor(manager, out, codec="utf-8")
        PDFPageInterpreter(manager, device).process_page(page)
        for _, mcid, text in MARKED.findall(out.getvalue().decode("utf-8")):
            found[(number, int(mcid))] = html.unescape(text)
    return found


def language_of(text: str, texts: dict[str, str]) -> str | None:
    """Which language's texts hold a run (or, drawn right to left, its reverse); None if unsure."""
    text = "".join(text.split())
    if not any(c.isalpha() for c in text):
        return None  # numbers and punctuation belong to what surrounds them
    holders = [language for language, all_text in texts.items() if text in all_text or text[::-1] in all_text]
    return holders[0] if len(holders) == 1 else None


def mark_languages(pdf: bytes, language: i18n.Language, texts: dict[str, str]) -> bytes:
    """The PDF with `/Lang` on each structure element in a language other than its parent's."""
    text_of = runs(pdf)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        pages = {page.objgen: number for number, page in enumerate(document.pages)}

        def languages(element) -> set[str]:
            """The languages of an element's runs; remembered on it while marking."""
            found: set[str] = set()
            kids = element.get("/K")
            kids = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
            page = pages.get(element.Pg.objgen) if "/Pg" in element else None
            for kid in kids:
                if isinstance(kid, int) and page is not None:
                    found.add(language_of(text_of.get((page, int(kid)), ""), texts))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                    found |= languages(kid)
            found.discard(None)
            element_languages[element.objgen] = found
            return found

        def mark(element, inherited: str) -> None:
            found = element_languages.get(element.objgen, set())
            if len(found) == 1 and (only := next(iter(found))) != inherited:
                element.Lang = pikepdf.String(only)
                inherited = only
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                    mark(kid, inherited)

        element_languages: dict[tuple, set[str]] = {}
        root = document.Root.StructTreeRoot
        for top in root.K:
            languages(top)
            mark(top, language.tag)
        # Links are printed too (PDF/UA: an annotation a reader gets is not hidden from print).
        for page in document.pages:
            for annotation in page.get("/Annots") or []:
                annotation[pikepdf.Name.F] = int(annotation.get("/F", 0)) | PRINT_FLAG
        out = io.BytesIO()
        document.save(out, deterministic_id=True)
    return out.getvalue()
