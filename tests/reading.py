"""Reading PDFs the way a reader's tools do: text, outlines, links, fonts, metadata."""

from __future__ import annotations

import ctypes
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium


def page_texts(path: Path) -> list[str]:
    document = pdfium.PdfDocument(path)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def body_texts(path: Path, top_mm: float = 20, bottom_mm: float = 18) -> list[str]:
    """Text of each page without the running header and footer (they sit in the margins)."""
    mm = 72 / 25.4
    document = pdfium.PdfDocument(path)
    try:
        texts = []
        for page in document:
            width, height = page.get_size()
            texts.append(
                page.get_textpage().get_text_bounded(0, bottom_mm * mm, width, height - top_mm * mm)
            )
        return texts
    finally:
        document.close()


def squash(text: str) -> str:
    """Compare text across typesetting: no spaces, hyphens, dashes, invisible joiners;
    straight quotes; NFC."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[\u2018\u2019\u201a\u2032]", "'", text)
    text = re.sub(r"[\u201c\u201d\u201e\u2033]", '"', text)
    text = re.sub(r"[\s\u00ad\u200b\u2060\u2010\u2011\u2012\u2013\u2014\-]+", "", text)
    return text.replace("\u2026", "...")


@dataclass(frozen=True)
class Bookmark:
    title: str
    level: int
    page: int  # 1-based


def bookmarks(path: Path) -> list[Bookmark]:
    found: list[Bookmark] = []
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
        with pdf.open_outline() as outline:

            def walk(items: list[pikepdf.OutlineItem], level: int) -> None:
                for item in items:
                    destination = item.destination
                    if destination is None and item.action is not None:
                        destination = item.action.get("/D")
                    page = pages[destination[0].objgen] if destination is not None else 0
                    found.append(Bookmark(str(item.title), level, page))
                    walk(list(item.children), level + 1)

            walk(list(outline.root), 1)
    return found


@dataclass(frozen=True)
class Link:
    page: int
    uri: str | None
    target_page: int | None


def links(path: Path) -> list[Link]:
    found: list[Link] = []
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
        names = _named_destinations(pdf)
        for number, page in enumerate(pdf.pages, start=1):
            for annotation in page.get("/Annots", []):
                if annotation.get("/Subtype") != "/Link":
                    continue
                action = annotation.get("/A")
                destination = annotation.get("/Dest")
                uri = None
                if action is not None and action.get("/S") == "/URI":
                    uri = str(action["/URI"])
                elif action is not None and action.get("/S") == "/GoTo":
                    destination = action["/D"]
                target = None
                if destination is not None:
                    if isinstance(destination, (pikepdf.String, pikepdf.Name)):
                        destination = names.get(str(destination))
                    if destination is not None:
                        target = pages.get(destination[0].objgen)
                found.append(Link(number, uri, target))
    return found


def _named_destinations(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Array]:
    names: dict[str, pikepdf.Array] = {}
    root = pdf.Root
    if "/Names" in root and "/Dests" in root.Names:
        tree = pikepdf.NameTree(root.Names.Dests)
        for key, value in tree.items():
            names[str(key)] = (
                value.get("/D", value) if isinstance(value, pikepdf.Dictionary) else value
            )
    if "/Dests" in root:
        for key, value in root.Dests.items():
            names[str(key).lstrip("/")] = value
    return names


@dataclass(frozen=True)
class EmbeddedFont:
    name: str
    embedded: bool
    subset: bool


def fonts(path: Path) -> list[EmbeddedFont]:
    seen: dict[str, EmbeddedFont] = {}
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for font in _page_fonts(page):
                name = str(font.get("/BaseFont", ""))
                descriptor = font.get("/FontDescriptor")
                if descriptor is None and "/DescendantFonts" in font:
                    descriptor = font.DescendantFonts[0].get("/FontDescriptor")
                embedded = descriptor is not None and any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
                )
                subset = bool(re.match(r"^/[A-Z]{6}\+", name))
                seen[name] = EmbeddedFont(name.lstrip("/"), embedded, subset)
    return list(seen.values())


def _page_fonts(page: pikepdf.Page) -> list[pikepdf.Dictionary]:
    found = []
    resources = page.obj.get("/Resources", {})
    for font in resources.get("/Font", {}).values():
        found.append(font)
    for xobject in resources.get("/XObject", {}).values():
        for font in xobject.get("/Resources", {}).get("/Font", {}).values():
            found.append(font)
    return found


@dataclass(frozen=True)
class Glyph:
    char: str
    size_pt: float  # the type size as printed: font size times the text's scale
    box: tuple[float, float, float, float]  # left, bottom, right, top in points
    origin: tuple[float, float]  # where its baseline starts, in points


def glyphs(path: Path | bytes, page: int = 0) -> tuple[tuple[float, float], list[Glyph]]:
    """Every character drawn on a page, with its printed size, box and baseline origin
    (sizes include any scaling the page draws it with, such as an imposed copy's)."""
    document = pdfium.PdfDocument(path)
    try:
        drawn = document[page]
        text = drawn.get_textpage()
        found = []
        for index in range(text.count_chars()):
            if pdfium.raw.FPDFText_IsGenerated(text.raw, index):
                continue  # line ends pdfium adds when extracting, not drawn
            matrix = pdfium.raw.FS_MATRIX()
            pdfium.raw.FPDFText_GetMatrix(text.raw, index, matrix)
            scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
            size = pdfium.raw.FPDFText_GetFontSize(text.raw, index) * scale
            char = chr(pdfium.raw.FPDFText_GetUnicode(text.raw, index))
            char = "-" if char == "\x02" else char  # pdfium's mark for a hyphen at a line end
            x, y = ctypes.c_double(), ctypes.c_double()
            pdfium.raw.FPDFText_GetCharOrigin(text.raw, index, x, y)
            found.append(Glyph(char, size, text.get_charbox(index), (x.value, y.value)))
        return drawn.get_size(), found
    finally:
        document.close()
