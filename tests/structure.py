"""Reading a tagged PDF the way a screen reader does: the structure tree, and its text.

Text is matched to structure through marked-content IDs (MCIDs): pdfium tells which MCID
(or Artifact mark) each text object on a page carries, pikepdf walks the tree. Where a
marked sequence carries /ActualText, that is its text, as a screen reader would take it.
"""

from __future__ import annotations

import ctypes
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as raw


@dataclass
class Element:
    tag: str  # "H1", "P", "Figure", …
    page: int | None  # 1-based
    alt: str | None
    text: str  # this element's own text and its descendants', in structure order
    children: list[Element] = field(default_factory=list)
    annotation_pages: list[int] = field(default_factory=list)  # link targets, for Link
    lang: str | None = None  # its own /Lang, if it has one
    descriptions: list[str] = field(default_factory=list)  # its annotations' /Contents

    def walk(self) -> list[Element]:
        found = [self]
        for child in self.children:
            found += child.walk()
        return found


@dataclass(frozen=True)
class TextRun:
    page: int  # 1-based
    mcid: int  # -1 when the run is not marked with an MCID
    marks: tuple[str, ...]  # "Span", "Artifact", …
    text: str


def text_runs(path: Path) -> list[TextRun]:
    runs: list[TextRun] = []
    document = pdfium.PdfDocument(path)
    try:
        for number, page in enumerate(document, start=1):
            textpage = page.get_textpage()
            for obj in page.get_objects():
                if obj.type != raw.FPDF_PAGEOBJ_TEXT:
                    continue
                marks = tuple(
                    mark_name(raw.FPDFPageObj_GetMark(obj.raw, index))
                    for index in range(raw.FPDFPageObj_CountMarks(obj.raw))
                )
                mcid = raw.FPDFPageObj_GetMarkedContentID(obj.raw)
                runs.append(TextRun(number, mcid, marks, _object_text(obj, textpage)))
    finally:
        document.close()
    return runs


def mark_name(mark: object) -> str:
    """A page object's marked-content tag ("P", "Artifact"), as pdfium reads it."""
    buffer = ctypes.create_string_buffer(256)
    length = ctypes.c_ulong()
    raw.FPDFPageObjMark_GetName(
        mark, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), 256, ctypes.byref(length)
    )
    return buffer.raw[: length.value].decode("utf-16-le").rstrip("\x00")


def _object_text(obj: pdfium.PdfObject, textpage: pdfium.PdfTextPage) -> str:
    size = raw.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
    buffer = ctypes.create_string_buffer(size * 2)
    raw.FPDFTextObj_GetText(
        obj.raw, textpage.raw, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size
    )
    return buffer.raw.decode("utf-16-le").rstrip("\x00")


def actual_texts(path: Path) -> dict[tuple[int, int], str]:
    """(page, MCID) → the /ActualText its marked sequence carries, read from the content."""
    found: dict[tuple[int, int], str] = {}
    with pikepdf.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for operands, _operator in pikepdf.parse_content_stream(page, "BDC"):
                properties = operands[1]
                if isinstance(properties, pikepdf.Dictionary) and "/ActualText" in properties:
                    found[(number, int(properties.get("/MCID", -1)))] = str(properties.ActualText)
    return found


def structure(path: Path) -> Element:
    """The document's structure tree, each element with the text it owns."""
    by_mcid: dict[tuple[int, int], list[str]] = defaultdict(list)
    for run in text_runs(path):
        if run.mcid >= 0:
            by_mcid[(run.page, run.mcid)].append(run.text)
    for key, text in actual_texts(path).items():
        by_mcid[key] = [text]
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
        root = pdf.Root.StructTreeRoot

        def build(node: pikepdf.Dictionary, page: int | None) -> Element:
            if "/Pg" in node:
                page = pages.get(node.Pg.objgen, page)
            alt = str(node.Alt) if "/Alt" in node else None
            element = Element(str(node.get("/S", "/?"))[1:], page, alt, "")
            element.lang = str(node.Lang) if "/Lang" in node else None
            kids = node.get("/K", pikepdf.Array())
            texts: list[str] = []
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, int):
                    texts += by_mcid.get((page or 0, int(kid)), [])
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    texts += by_mcid.get((pages.get(kid.Pg.objgen, 0), int(kid.MCID)), [])
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                    if "/Contents" in kid.Obj:
                        element.descriptions.append(str(kid.Obj.Contents))
                    destination = _annotation_target(pdf, kid.Obj, pages)
                    if destination:
                        element.annotation_pages.append(destination)
                elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    child = build(kid, page)
                    element.children.append(child)
                    texts.append(child.text)
            element.text = "".join(texts)
            return element

        top = Element("StructTreeRoot", None, None, "")
        kids = root.K
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            child = build(kid, None)
            top.children.append(child)
        top.text = "".join(child.text for child in top.children)
        return top


def _annotation_target(
    pdf: pikepdf.Pdf, annotation: pikepdf.Dictionary, pages: dict[tuple[int, int], int]
) -> int | None:
    destination = annotation.get("/Dest")
    action = annotation.get("/A")
    if action is not None and action.get("/S") == "/GoTo":
        destination = action.D
    if isinstance(destination, (pikepdf.String, pikepdf.Name)):
        tree = pikepdf.NameTree(pdf.Root.Names.Dests)
        destination = tree.get(str(destination))
    if isinstance(destination, pikepdf.Array):
        return pages.get(destination[0].objgen)
    return None


def tagged_mcids(path: Path) -> set[tuple[int, int]]:
    """(page, MCID) of every piece of content reachable from the structure tree."""
    found: set[tuple[int, int]] = set()
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}

        def walk(node: pikepdf.Object, page: int | None) -> None:
            if isinstance(node, pikepdf.Array):
                for item in node:
                    walk(item, page)
            elif isinstance(node, int):
                found.add((page or 0, int(node)))
            elif isinstance(node, pikepdf.Dictionary) and node.get("/Type") == "/MCR":
                found.add((pages.get(node.Pg.objgen, 0), int(node.MCID)))
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                if "/Pg" in node:
                    page = pages.get(node.Pg.objgen, page)
                walk(node.get("/K", pikepdf.Array()), page)

        walk(pdf.Root.StructTreeRoot.K, None)
    return found
