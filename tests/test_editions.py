"""Reader editions: every file valid and accessible (EPUBCheck, DAISY Ace, a tagged PDF), holding
the translated words in reading order, listed on the download page and built again only when its
text changed. Files are fetched through the site, as a reader gets them.

The checkers are slow (a JVM or a browser per file): `-m checkers` runs them alone, `-m "not
checkers"` leaves them out.
"""

import json
import os
import re
import subprocess
import time
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from functools import cache
from pathlib import Path

import pikepdf
import pytest
from babel.units import format_unit
from bs4 import BeautifulSoup

from conftest import make_app
from hldsite.catalogs import catalog_path, write_entry
from hldsite.editions import FORMATS, KINDS, Edition, editions_of
from hldsite.editions.epub import font_subset
from hldsite.editions.pdf import runs
from hldsite.editions.source import PRINT
from hldsite.editions.store import built
from hldsite.i18n import BY_CODE, LANGUAGES
from hldsite.message_ids import MessageId

ROOT = Path(__file__).parent.parent
ACE = ROOT / "node_modules" / ".bin" / "ace-cli"
CHROMIUM = "/usr/bin/chromium"
EPUBCHECK = "/usr/bin/epubcheck"
# Pairs in both directions of script (right to left beside Han, Latin beside Cyrillic).
PAIRS = (("ar", "zh"), ("zh", "ar"), ("fr", "ru"), ("en", "es"))
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def edition(kind: str, code: str, partner: str | None = None, format: str = "epub") -> Edition:
    return Edition(kind, BY_CODE[code], BY_CODE[partner] if partner else None, format)


def name(e: Edition) -> str:
    return e.filename.removeprefix("hld2013-rt2-")


OWN = [edition(kind, language.code) for language in LANGUAGES for kind in KINDS]
IN_PAIRS = [edition(kind, first, second) for first, second in PAIRS for kind in KINDS]
FONTS = {"ar": 1, "zh": 1, "fr-ar": 1, "ar-zh": 2, "zh-ar": 2, "fr-ru": 0, "en-es": 0, "en": 0, "ru": 0}


@pytest.fixture(scope="session")
def editions_app(site_translations, tmp_path_factory):
    return make_app(site_translations, tmp_path_factory.mktemp("editions-store") / "store.sqlite3")


@pytest.fixture(scope="session")
def download(editions_app, tmp_path_factory):
    """An edition's file as the site serves it, fetched once per worker, as a path on disk."""
    client = editions_app.test_client()
    folder = tmp_path_factory.mktemp("downloads")

    @cache
    def download(e: Edition) -> Path:
        response = client.get(f"/{e.language.code}/downloads/{e.filename}")
        assert response.status_code == 200, f"{e.filename}: {response.status_code}"
        assert response.mimetype == e.media_type
        path = folder / e.filename
        path.write_bytes(response.get_data())
        return path

    return download


@pytest.fixture(scope="session")
def parts(download):
    """An EPUB's XML files, parsed, by their path in the ZIP."""

    @cache
    def parts(e: Edition) -> dict[str, ET.Element]:
        with zipfile.ZipFile(download(e)) as epub:
            return {n: ET.fromstring(epub.read(n)) for n in epub.namelist() if n.endswith((".xhtml", ".opf"))}

    return parts


def words(element: ET.Element) -> str:
    """An element's text, its whitespace made single spaces."""
    return " ".join("".join(element.itertext()).split())


def by_id(root: ET.Element, id: str) -> ET.Element | None:
    return next((el for el in root.iter() if el.get("id") == id), None)


# Checkers -----------------------------------------------------------------------------------


@pytest.mark.checkers
@pytest.mark.parametrize("e", OWN + IN_PAIRS, ids=name)
def test_epubcheck_finds_nothing(download, tmp_path, e):
    path = download(e)
    report = tmp_path / "epubcheck.json"
    # The client VM starts faster; EPUBCheck gains nothing from the server JIT on one small file.
    command = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", EPUBCHECK, str(path)]
    done = subprocess.run([*command, "--json", str(report)], capture_output=True, text=True)
    result = json.loads(report.read_text(encoding="utf-8"))
    checker = result["checker"]
    assert {"nFatal", "nError", "nWarning"} <= checker.keys(), done.stderr
    problems = [
        f"{m['severity']} {m['ID']}: {m['message']} at {[loc.get('path') for loc in m['locations']][:3]}"
        for m in result["messages"]
        if m["severity"] in ("FATAL", "ERROR", "WARNING")
    ]
    assert problems == []
    assert (checker["nFatal"], checker["nError"], checker["nWarning"]) == (0, 0, 0)
    assert done.returncode == 0, done.stderr


@pytest.mark.checkers
@pytest.mark.parametrize(
    "e",
    [e for e in OWN if e.kind == "summary"]
    + [edition("summary", "ar", "zh"), edition("summary", "fr", "ru")]
    # The plain edition's lists and passages, right to left and beside Han script.
    + [edition("plain", "ar"), edition("plain", "zh", "ar")],
    ids=name,
)
def test_ace_finds_no_violation(download, tmp_path, e):
    if not ACE.exists():
        pytest.fail("DAISY Ace is missing: run `npm ci` (scripts/test does)")
    environment = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": CHROMIUM}
    done = subprocess.run(
        [str(ACE), "--silent", "-o", str(tmp_path / "ace"), "-f", str(download(e))],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )
    report = tmp_path / "ace" / "report.json"
    assert report.exists(), done.stdout + done.stderr
    result = json.loads(report.read_text(encoding="utf-8"))
    failing = [
        f"{a['earl:test']['dct:title']} ({a['earl:test'].get('earl:impact')}): "
        f"{a['earl:result'].get('html', '')[:300]} in {document.get('earl:testSubject', {}).get('url')}"
        for document in result["assertions"]
        for a in document.get("assertions", [])
        if a["earl:result"]["earl:outcome"] != "pass"
    ]
    assert failing == []
    assert result["earl:result"]["earl:outcome"] == "pass"


OUTLOUD = ROOT / ".venv" / "bin" / "outloud"


@pytest.mark.checkers
@pytest.mark.parametrize(
    "e",
    [edition(kind, language.code, format="pdf") for language in LANGUAGES for kind in KINDS]
    + [edition("summary", first, second, "pdf") for first, second in PAIRS],
    ids=name,
)
def test_pdf_checker_finds_nothing(download, tmp_path, e):
    """outloud's PDF/UA-1 rules (Matterhorn: tags, title, language, fonts, headings, lists, links)
    find no error and no warning; what it says needs a person is in the README."""
    report = tmp_path / "outloud.json"
    # TXT-004 takes several glyphs drawing one letter for a wrong mapping; an Arabic letter has a
    # glyph for each of its positional forms (isolated, initial, medial, final), all mapping to it.
    # That Arabic text extracts right is tested below, by extracting it.
    skip = ["--skip", "TXT-004"] if BY_CODE["ar"] in e.languages else []
    # PAG-001 guesses running headers from a line repeated at a page's edge; the editions have none
    # (no @page margin boxes), and "Source in the full summary: paragraph 5" may end three pages.
    assert "@top" not in PRINT and "@bottom" not in PRINT
    skip += ["--skip", "PAG-001"]
    done = subprocess.run(
        [str(OUTLOUD), "--json", str(report), "--fail-on", "never", *skip, str(download(e))],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert report.exists(), done.stdout + done.stderr
    (result,) = json.loads(report.read_text(encoding="utf-8"))["results"]
    findings = [
        f"{f['rule']} {f['severity']}: {f['message']}" for f in result["findings"] if f["severity"] != "info"
    ]
    assert findings == []
    assert result["stats"]["tagged"] and result["stats"]["features"]["lang"]
    assert result["verdict"] == "pass"


# EPUB content --------------------------------------------------------------------------------


@pytest.mark.parametrize("e", OWN[:2], ids=name)
def test_epub_starts_with_its_mimetype_stored(download, e):
    with zipfile.ZipFile(download(e)) as epub:
        first = epub.infolist()[0]
        assert (first.filename, first.compress_type, first.extra) == ("mimetype", zipfile.ZIP_STORED, b"")
        assert epub.read(first) == b"application/epub+zip"


@pytest.mark.parametrize("e", OWN + IN_PAIRS, ids=name)
def test_package_says_how_the_edition_is_accessible(parts, e):
    package = parts(e)["EPUB/package.opf"]
    meta = {}
    for element in package.iterfind("opf:metadata/opf:meta", NS):
        meta.setdefault(element.get("property"), []).append(element.text)
    assert meta["schema:accessMode"] == ["textual"]
    assert meta["schema:accessModeSufficient"] == ["textual"]
    assert {"structuralNavigation", "tableOfContents"} <= set(meta["schema:accessibilityFeature"])
    assert meta["schema:accessibilityHazard"]
    assert len(meta["schema:accessibilitySummary"][0]) > 40
    conforms = [el.get("href") for el in package.iterfind("opf:metadata/opf:link", NS)]
    conforms += [
        el.text for el in package.iterfind("opf:metadata/opf:meta[@property='dcterms:conformsTo']", NS)
    ]
    assert any("wcag-aa" in (c or "") for c in conforms)
    languages = [el.text for el in package.iterfind("opf:metadata/dc:language", NS)]
    assert languages == [language.tag for language in e.languages]


@pytest.mark.parametrize("e", OWN + IN_PAIRS, ids=name)
def test_contents_lead_to_every_theme_and_paragraph(parts, document, e):
    found = parts(e)
    toc = next(
        nav for nav in found["EPUB/nav.xhtml"].iter(f"{{{NS['x']}}}nav") if nav.get(EPUB_TYPE) == "toc"
    )
    targets = [a.get("href") for a in toc.iter(f"{{{NS['x']}}}a")]
    if e.kind == "summary":
        wanted = [theme.slug for theme in document.themes] + [p.id for p in document.paragraphs]
    else:
        wanted = [theme.slug for theme in document.themes]
        wanted += [f"{theme.slug}-{n}" for theme in document.themes for n in range(1, len(theme.plain) + 1)]
        wanted += [f"intro-{n}" for n in range(1, len(document.intro) + 1)]
    assert sorted(t.removeprefix("text.xhtml#") for t in targets if t.startswith("text.xhtml#")) == sorted(
        wanted
    )
    text = found["EPUB/text.xhtml"]
    assert [w for w in wanted if by_id(text, w) is None] == []


def languages(root: ET.Element) -> dict[ET.Element, tuple]:
    """Each element's (lang, xml:lang, dir), as it has it or inherits it."""
    found = {}

    def walk(element, inherited):
        own = (element.get("lang"), element.get(XML_LANG), element.get("dir"))
        found[element] = inherited = own if own[0] else inherited
        for child in element:
            walk(child, inherited)

    walk(root, (None, None, None))
    return found


@pytest.mark.parametrize("e", OWN + IN_PAIRS, ids=name)
def test_every_part_says_its_language_and_direction(parts, e):
    own = (e.language.tag, e.language.tag, e.language.direction)
    partner = (e.partner.tag, e.partner.tag, e.partner.direction) if e.partner else None
    for path, root in parts(e).items():
        if not path.endswith(".xhtml"):
            continue
        assert (root.get("lang"), root.get(XML_LANG), root.get("dir")) == own, path
        blocks = [el for el in root.iter() if "partner" in (el.get("class") or "").split()]
        assert [languages(root)[block] for block in blocks] == [partner] * len(blocks), path
    if e.partner:
        assert any("partner" in (el.get("class") or "") for el in parts(e)["EPUB/text.xhtml"].iter())


@pytest.mark.parametrize("e", OWN + IN_PAIRS, ids=name)
def test_glossary_links_lead_to_their_notes(parts, e):
    found = parts(e)
    notes = {el.get("id") for el in found["EPUB/glossary.xhtml"].iter() if el.get("id")}
    links = [
        a.get("href")
        for root in found.values()
        for a in root.iter(f"{{{NS['x']}}}a")
        if "noteref" in (a.get(EPUB_TYPE) or "").split()
    ]
    assert links, "no glossary term or abbreviation is linked"
    assert [h for h in links if not h.startswith("glossary.xhtml#") or h.split("#")[1] not in notes] == []


@pytest.mark.parametrize("names", FONTS.items(), ids=lambda item: item[0])
def test_fonts_are_embedded_for_arabic_and_chinese_only(parts, names):
    codes, count = names
    e = edition("summary", *codes.split("-"))
    fonts = [
        item.get("href")
        for item in parts(e)["EPUB/package.opf"].iterfind("opf:manifest/opf:item", NS)
        if item.get("media-type", "").startswith("font/")
    ]
    assert len(fonts) == count, fonts
    assert all(re.fullmatch(r"fonts/\w+\.woff2", f) for f in fonts)


@pytest.mark.parametrize("code", [language.code for language in LANGUAGES])
def test_epub_holds_the_translation(parts, document, expected, code):
    language = BY_CODE[code]
    text = parts(edition("summary", code))["EPUB/text.xhtml"]
    for paragraph in document.paragraphs[:1] + document.paragraphs[-1:]:
        wanted = " ".join(expected(language, paragraph.text, paragraph.id).split())
        assert wanted in words(by_id(text, paragraph.id))


def test_pair_holds_both_texts_of_each_paragraph(parts, document, expected):
    text = parts(edition("summary", "ar", "zh"))["EPUB/text.xhtml"]
    for paragraph in document.paragraphs[:3]:
        shown = words(by_id(text, paragraph.id))
        arabic = " ".join(expected(BY_CODE["ar"], paragraph.text, paragraph.id).split())
        chinese = " ".join(expected(BY_CODE["zh"], paragraph.text, paragraph.id).split())
        assert arabic in shown
        assert chinese in shown
        assert shown.index(arabic) < shown.index(chinese)


# PDF -----------------------------------------------------------------------------------------


def structure(element, found=None) -> list:
    """Every structure element under one, in order."""
    found = [] if found is None else found
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            found.append(kid)
            structure(kid, found)
    return found


def marked_text(element, pages: dict, text_of: dict) -> str:
    """The text of an element's marked runs and of its children's."""
    page = pages.get(element.Pg.objgen) if "/Pg" in element else None
    kids = element.get("/K")
    out = []
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, int) and page is not None:
            out.append(text_of.get((page, int(kid)), ""))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            out.append(marked_text(kid, pages, text_of))
    return "".join(out)


def embedded(font) -> bool:
    font = font.DescendantFonts[0] if "/DescendantFonts" in font else font
    if font.get("/Subtype") == "/Type3":
        return True  # drawn by the PDF itself
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


PDFS = [edition("summary", language.code, format="pdf") for language in LANGUAGES] + [
    edition("summary", first, second, "pdf") for first, second in (("fr", "ru"), ("ar", "zh"), ("en", "es"))
]


@pytest.mark.parametrize("e", PDFS, ids=name)
def test_pdf_is_tagged_for_pdf_ua(download, parts, e):
    title = parts(e._replace(format="epub"))["EPUB/package.opf"].find("opf:metadata/dc:title", NS).text
    with pikepdf.open(download(e)) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert bool(root.MarkInfo.Marked) is True
        assert str(root.Lang) == e.language.tag
        xmp = root.Metadata.read_bytes().decode("utf-8")
        assert re.search(r"pdfuaid:part(>\s*|=[\"'])1\b", xmp), xmp[:500]
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        assert str(pdf.docinfo.Title) == title
        kinds = {str(el.S) for el in structure(root.StructTreeRoot)}
        assert {"/H1", "/H2", "/P", "/L", "/LI"} <= kinds, kinds
        fonts = {
            font.objgen: font for page in pdf.pages for font in (page.Resources.get("/Font") or {}).values()
        }
        assert fonts
        assert [str(f.get("/BaseFont")) for f in fonts.values() if not embedded(f)] == []


@pytest.mark.parametrize("e", PDFS[:1] + PDFS[-3:], ids=name)
def test_pdf_links_terms_to_the_glossary(download, e):
    with pikepdf.open(download(e)) as pdf:
        links = [el for el in structure(pdf.Root.StructTreeRoot) if el.S == "/Link"]
        annotations = [a for page in pdf.pages for a in page.get("/Annots") or [] if a.Subtype == "/Link"]
    assert links, "no /Link structure element"
    assert len(annotations) >= len(links)


@pytest.mark.parametrize("e", [e for e in PDFS if e.partner], ids=name)
def test_pdf_marks_the_partner_language(download, document, expected, e):
    data = download(e).read_bytes()
    text_of = runs(data)
    with pikepdf.open(download(e)) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages)}
        marked = [
            el for el in structure(pdf.Root.StructTreeRoot) if str(el.get("/Lang", "")) == e.partner.tag
        ]
        assert marked, f"no structure element has /Lang {e.partner.tag}"
        text = "".join("".join(marked_text(el, pages, text_of) for el in marked).split())
    first = document.paragraphs[0]
    partner = "".join(expected(e.partner, first.text, first.id).split())
    assert partner[10:40] in text


def letters(text: str) -> str:
    """A text's letters alone: pdftotext wraps lines in bidi controls and moves punctuation at the
    end of a line, and Arabic comes out in presentation forms (joined letters), which NFKC undoes."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if c.isalpha())


def pdftotext(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return letters(done.stdout)


def position(extracted: str, text: str) -> int:
    """Where a distinctive stretch of a text (20 letters from its first third) is in the PDF's text."""
    text = letters(text)
    wanted = text[len(text) // 3 :][:20]
    assert wanted in extracted, f"{wanted!r} is not in the extracted text"
    return extracted.index(wanted)


def test_arabic_pdf_text_is_in_reading_order(download, document, expected):
    arabic = BY_CODE["ar"]
    extracted = pdftotext(download(edition("summary", "ar", format="pdf")))
    by_position = {p.position: p for p in document.paragraphs}
    found = [
        position(extracted, expected(arabic, by_position[n].text, by_position[n].id)) for n in (1, 2, 12)
    ]
    assert found == sorted(found)


def test_chinese_comes_before_arabic_in_the_chinese_arabic_pdf(download, document, expected):
    chinese, arabic = BY_CODE["zh"], BY_CODE["ar"]
    extracted = pdftotext(download(edition("summary", "zh", "ar", "pdf")))
    for paragraph in document.paragraphs[:3]:
        first = position(extracted, expected(chinese, paragraph.text, paragraph.id))
        second = position(extracted, expected(arabic, paragraph.text, paragraph.id))
        assert first < second, paragraph.id


# The download page -------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_download_page_lists_every_file_with_its_type_language_and_size(editions_app, language):
    client = editions_app.test_client()
    response = client.get(f"/{language.code}/downloads/")
    assert response.status_code == 200
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    links = page.select("main a[type]")
    wanted = {e.filename: e for e in editions_of(language)}
    assert sorted(a["href"].rsplit("/", 1)[1] for a in links) == sorted(wanted)
    # Each link says which file it is, so that it makes sense in a list of links.
    spoken = [link.get_text(" ", strip=True) for link in links]
    assert len(set(spoken)) == len(spoken), spoken
    for link in links:
        e = wanted[link["href"].rsplit("/", 1)[1]]
        assert link["type"] == e.media_type
        assert link["hreflang"] == e.language.tag
        assert ("EPUB" if e.format == "epub" else "PDF") in link.get_text()
        served = client.get(link["href"])
        assert served.status_code == 200
        assert served.mimetype == FORMATS[e.format]
        size = format_unit(
            max(1, round(len(served.data) / 1000)), "digital-kilobyte", "short", locale=language.style
        )
        assert size in link.parent.get_text(" ", strip=True), (e.filename, size)


@pytest.mark.parametrize(
    "path",
    [
        "/fr/downloads/hld2013-rt2-summary-de.epub",
        "/fr/downloads/hld2013-rt2-summary-ar.epub",
        "/ar/downloads/hld2013-rt2-plain-fr-ru.pdf",
        "/fr/downloads/hld2013-rt2-summary-fr.docx",
        "/fr/downloads/..%2f..%2fetc%2fpasswd",
        "/fr/downloads/%2e%2e%2fhld2013-rt2-summary-fr.epub",
        "/fr/downloads/hld2013-rt2-summary-fr.epub%00.pdf",
        "/fr/downloads/" + "x" * 5000 + ".epub",
        "/xx/downloads/hld2013-rt2-summary-fr.epub",
    ],
    ids=[
        "unknown language",
        "another page's file",
        "another pair",
        "unknown format",
        "dot dot",
        "encoded dots",
        "nul",
        "very long",
        "unknown page language",
    ],
)
def test_unknown_files_are_not_found(editions_app, expected, path):
    response = editions_app.test_client().get(path)
    assert response.status_code == 404
    language = BY_CODE.get(path.split("/")[1])
    heading = BeautifulSoup(response.get_data(as_text=True), "html.parser").h1.get_text()
    assert heading == (expected(language, "Page not found") if language else "Page not found")


def test_unchanged_file_is_not_sent_again(editions_app):
    client = editions_app.test_client()
    url = "/fr/downloads/hld2013-rt2-summary-fr-ru.epub"
    first = client.get(url)
    assert first.headers["ETag"]
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""


# Building again ----------------------------------------------------------------------------


def test_same_text_is_not_built_again(editions_app):
    e = edition("summary", "fr", "ru")
    first = built(e, editions_app)
    modified = first.path.stat().st_mtime_ns
    second = built(e, editions_app)
    assert (second.path, second.digest) == (first.path, first.digest)
    assert second.path.stat().st_mtime_ns == modified


def test_same_text_gives_the_same_bytes(site_translations, tmp_path):
    """Two processes may build the same file into the shared directory: both must write the same
    bytes, or the size on the page and the file served under one ETag differ."""
    files = []
    for build in ("first", "second"):
        font_subset.cache_clear()  # as in another process: the fonts are cut again
        app = make_app(
            site_translations, tmp_path / "store.sqlite3", EDITIONS_DIRECTORY=str(tmp_path / build)
        )
        files.append(built(edition("summary", "ar", "zh"), app).path.read_bytes())
        time.sleep(1.1)  # font files carry a time to the second
    assert files[0] == files[1]


def test_new_translation_changes_only_the_editions_in_its_language(
    editions_app, writable_translations, tmp_path
):
    write_entry(
        catalog_path(writable_translations, BY_CODE["fr"]), MessageId.parse("p7"), "Un septième paragraphe."
    )
    changed = make_app(writable_translations, tmp_path / "other.sqlite3")
    for codes, differs in (("fr", True), ("fr-ru", True), ("ru-fr", True), ("ar-zh", False), ("ru", False)):
        e = edition("summary", *codes.split("-"))
        before, after = built(e, editions_app), built(e, changed)
        assert (before.digest != after.digest) is differs, codes
        if differs:
            assert b"Un septi" in zipfile.ZipFile(after.path).read("EPUB/text.xhtml")
