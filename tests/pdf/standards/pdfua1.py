"""PDF/UA-1 (ISO 14289-1): the machine-checkable rules of veraPDF's PDFUA-1 profile.

Each rule keeps veraPDF's number and description (veraPDF-validation-profiles,
PDF_UA/PDFUA-1.xml and PDF_UA/1/…); the check restates its test over `Document`.
Rules that need a human (is the alternate text right? is the reading order logical?) are
not here: tests/pdf/test_accessibility.py and test_reading_order.py look at those.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

import pikepdf

from tests.pdf.standards.checker import PDFUA1, rule
from tests.pdf.standards.document import PAINTING, TEXT_SHOWING, Document, StructElem, words

UA = PDFUA1
LANGUAGE_TAG = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")
PDFUAID = "http://www.aiim.org/pdfua/ns/id/"
DC = "http://purl.org/dc/elements/1.1/"
PREDEFINED_CMAPS = words(
    """
    Identity-H Identity-V GB-EUC-H GB-EUC-V GBpc-EUC-H GBpc-EUC-V GBK-EUC-H GBK-EUC-V
    GBKp-EUC-H GBKp-EUC-V GBK2K-H GBK2K-V UniGB-UCS2-H UniGB-UCS2-V UniGB-UTF16-H UniGB-
    UTF16-V B5pc-H B5pc-V HKscs-B5-H HKscs-B5-V ETen-B5-H ETen-B5-V ETenms-B5-H
    ETenms-B5-V CNS-EUC-H CNS-EUC-V UniCNS-UCS2-H UniCNS-UCS2-V UniCNS-UTF16-H UniCNS-
    UTF16-V 83pv-RKSJ-H 90ms-RKSJ-H 90ms-RKSJ-V 90msp-RKSJ-H 90msp-RKSJ-V 90pv-RKSJ-H
    Add-RKSJ-H Add-RKSJ-V EUC-H EUC-V Ext-RKSJ-H Ext-RKSJ-V H V UniJIS-UCS2-H UniJIS-
    UCS2-V UniJIS-UCS2-HW-H UniJIS-UCS2-HW-V UniJIS-UTF16-H UniJIS-UTF16-V KSC-EUC-H
    KSC-EUC-V KSCms-UHC-H KSCms-UHC-V KSCms-UHC-HW-H KSCms-UHC-HW-V KSCpc-EUC-H UniKS-
    UCS2-H UniKS-UCS2-V UniKS-UTF16-H UniKS-UTF16-V
    """
)


def _catalog_lang(document: Document) -> bool:
    lang = document.root.get("/Lang")
    return lang is not None and str(lang) != ""


# ---------- 5: version identification ----------


@rule(
    UA,
    "5-1",
    "The PDF/UA version shall be specified using the PDF/UA Identification extension schema",
)
def pdfua_identification(document: Document) -> Iterator[str]:
    if document.xmp_value(PDFUAID, "part") is None:
        yield "the XMP metadata has no pdfuaid:part"


@rule(UA, "5-2", "The value of pdfuaid:part shall be the part number of the International Standard")
def pdfua_part(document: Document) -> Iterator[str]:
    part = document.xmp_value(PDFUAID, "part")
    value = part if isinstance(part, str) else (part.text if part is not None else None)
    if value is not None and value.strip() != "1":
        yield f"pdfuaid:part is {value!r}, not 1"


@rule(
    UA,
    "5-3",
    "Property part of the PDF/UA Identification Schema shall have namespace prefix pdfuaid",
)
def pdfua_part_prefix(document: Document) -> Iterator[str]:
    prefix = document.prefix_used_for(PDFUAID, "part")
    if prefix not in (None, "pdfuaid"):
        yield f"part is written with prefix {prefix!r}"


@rule(
    UA,
    "5-4",
    'Property "amd" of the PDF/UA Identification Schema shall have namespace prefix "pdfuaid"',
)
def pdfua_amd_prefix(document: Document) -> Iterator[str]:
    prefix = document.prefix_used_for(PDFUAID, "amd")
    if prefix not in (None, "pdfuaid"):
        yield f"amd is written with prefix {prefix!r}"


@rule(
    UA,
    "5-5",
    'Property "corr" of the PDF/UA Identification Schema shall have namespace prefix "pdfuaid"',
)
def pdfua_corr_prefix(document: Document) -> Iterator[str]:
    prefix = document.prefix_used_for(PDFUAID, "corr")
    if prefix not in (None, "pdfuaid"):
        yield f"corr is written with prefix {prefix!r}"


# ---------- 6: conformance requirements ----------


@rule(
    UA, "6.1-1", "The file header shall consist of %PDF-1.n followed by a single EOL marker (n 0-7)"
)
def header(document: Document) -> Iterator[str]:
    if not re.match(rb"%PDF-1\.[0-7](\r\n|\r|\n)", document.data):
        yield f"header is {document.data[:10]!r}"


@rule(UA, "6.2-1", "The document catalog shall include a MarkInfo dictionary with Marked true")
def marked(document: Document) -> Iterator[str]:
    info = document.root.get("/MarkInfo")
    if info is None or info.get("/Marked") is not True:
        yield "MarkInfo /Marked is not true"


# ---------- 7.1: general ----------


def _tagged(document: Document, marks: tuple[tuple[str, object], ...], page: int) -> bool:
    """Whether content under these marks belongs to a structure element."""
    page_objgen = document.pages[page - 1].obj.objgen
    for _tag, properties in reversed(marks):
        if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
            return (page_objgen, int(properties.MCID)) in document.owner_of_mcid
    return False


@rule(UA, "7.1-1", "Content marked as Artifact should not present inside tagged content")
def artifact_in_tagged(document: Document) -> Iterator[str]:
    for operation in document.operations:
        if operation.operator in ("BMC", "BDC") and operation.marks[-1][0] == "Artifact":
            outer = operation.marks[:-1]
            if any(isinstance(p, pikepdf.Dictionary) and "/MCID" in p for _, p in outer):
                yield f"{operation.stream}: an Artifact inside tagged content"


@rule(UA, "7.1-2", "Tagged content should not present inside content marked as Artifact")
def tagged_in_artifact(document: Document) -> Iterator[str]:
    for operation in document.operations:
        if operation.operator == "BDC":
            properties = operation.marks[-1][1]
            tagged = isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties
            if tagged and any(tag == "Artifact" for tag, _ in operation.marks[:-1]):
                yield f"{operation.stream}: MCID {properties.MCID} inside an Artifact"


@rule(UA, "7.1-3", "Content shall be tagged in the structure tree or marked as an artifact")
def tagged_or_artifact(document: Document) -> Iterator[str]:
    for operation in document.operations:
        if operation.operator not in PAINTING:
            continue
        if operation.operator == "Do":
            xobject = (
                (operation.resources or {}).get("/XObject", {}).get(str(operation.operands[0]))
            )
            if xobject is not None and xobject.get("/Subtype") == "/Form":
                continue  # its own content is checked operator by operator
        if any(tag == "Artifact" for tag, _ in operation.marks):
            continue
        if not _tagged(document, operation.marks, operation.page):
            yield f"{operation.stream}: {operation.operator} is neither tagged nor an artifact"


@rule(UA, "7.1-4", "Files shall have a Suspects value of false")
def suspects(document: Document) -> Iterator[str]:
    info = document.root.get("/MarkInfo")
    if info is not None and info.get("/Suspects") is True:
        yield "MarkInfo /Suspects is true"


@rule(UA, "7.1-5", "All non-standard structure types shall be mapped to a standard type")
def standard_types(document: Document) -> Iterator[str]:
    for element in document.structure:
        if element.standard is None:
            yield f"structure type {element.type!r} has no standard type"


@rule(UA, "7.1-6", "A circular mapping shall not exist")
def circular_mapping(document: Document) -> Iterator[str]:
    for element in document.structure:
        if element.circular:
            yield f"structure type {element.type!r} maps in a circle"


@rule(UA, "7.1-7", "Standard tags shall not be remapped")
def remapped_standard(document: Document) -> Iterator[str]:
    from tests.pdf.standards.document import STANDARD_TYPES

    for name in document.role_map:
        if name in STANDARD_TYPES:
            yield f"standard type {name} is remapped"


@rule(UA, "7.1-8", "The Catalog dictionary shall contain the Metadata key (a metadata stream)")
def metadata_present(document: Document) -> Iterator[str]:
    if not isinstance(document.root.get("/Metadata"), pikepdf.Stream):
        yield "no /Metadata stream in the catalog"


@rule(UA, "7.1-9", "The Metadata stream shall contain a dc:title entry")
def dc_title(document: Document) -> Iterator[str]:
    title = document.xmp_value(DC, "title")
    if (
        title is None
        or not "".join(title.itertext() if not isinstance(title, str) else title).strip()
    ):
        yield "no dc:title in the XMP metadata"


@rule(UA, "7.1-10", "ViewerPreferences shall contain DisplayDocTitle true")
def display_title(document: Document) -> Iterator[str]:
    preferences = document.root.get("/ViewerPreferences")
    if preferences is None or preferences.get("/DisplayDocTitle") is not True:
        yield "DisplayDocTitle is not true"


@rule(UA, "7.1-11", "The logical structure shall be rooted in the catalog's StructTreeRoot")
def structure_root(document: Document) -> Iterator[str]:
    if "/StructTreeRoot" not in document.root:
        yield "no StructTreeRoot"


@rule(UA, "7.1-12", "A struct element shall contain the P entry")
def parent_entry(document: Document) -> Iterator[str]:
    for element in document.structure:
        if not element.has_parent_key:
            yield f"a {element.type} has no /P"


# ---------- 7.2: text ----------


@rule(UA, "7.2-1", "The font dictionary shall include a ToUnicode CMap")
def to_unicode_present(document: Document) -> Iterator[str]:
    for font in document.fonts:
        encoding = str(font.obj.get("/Encoding", ""))
        if font.to_unicode is None and encoding not in ("/MacRomanEncoding", "/WinAnsiEncoding"):
            yield f"font {font.obj.get('/BaseFont')} has no ToUnicode"


@rule(UA, "7.2-2", "Natural language in the Outline entries shall be determined")
def outline_language(document: Document) -> Iterator[str]:
    if "/Outlines" in document.root and not _catalog_lang(document):
        yield "outline entries exist but the catalog has no /Lang"


def _kids(element: StructElem) -> str:
    return element.kid_types


def _elements(document: Document, standard: str) -> Iterator[StructElem]:
    return (element for element in document.structure if element.standard == standard)


def _parent_type(element: StructElem) -> str | None:
    return element.parent.standard if element.parent is not None else None


TABLE_PARTS = "(TR|THead|TBody|TFoot)"


@rule(
    UA,
    "7.2-3",
    "Table may contain a Caption as first or last kid and only TR, THead, TBody, TFoot, Caption",
)
def table_kids(document: Document) -> Iterator[str]:
    for table in _elements(document, "Table"):
        kids = _kids(table)
        if not (
            re.fullmatch(rf"(Caption&)?{TABLE_PARTS}(&{TABLE_PARTS})*", kids)
            or re.fullmatch(rf"{TABLE_PARTS}(&{TABLE_PARTS})*(&Caption)?", kids)
            or kids in ("Caption", "")
        ):
            yield f"Table kids are {kids}"


@rule(UA, "7.2-4", "TR element should be contained in Table, THead, TBody or TFoot")
def tr_parent(document: Document) -> Iterator[str]:
    for element in _elements(document, "TR"):
        if _parent_type(element) not in ("Table", "THead", "TBody", "TFoot"):
            yield f"TR inside {_parent_type(element)}"


@rule(UA, "7.2-5", "THead element should be contained in Table")
def thead_parent(document: Document) -> Iterator[str]:
    yield from _in(document, "THead", ("Table",))


@rule(UA, "7.2-6", "TBody element should be contained in Table")
def tbody_parent(document: Document) -> Iterator[str]:
    yield from _in(document, "TBody", ("Table",))


@rule(UA, "7.2-7", "TFoot element should be contained in Table")
def tfoot_parent(document: Document) -> Iterator[str]:
    yield from _in(document, "TFoot", ("Table",))


@rule(UA, "7.2-8", "TH element should be contained in TR")
def th_parent(document: Document) -> Iterator[str]:
    yield from _in(document, "TH", ("TR",))


@rule(UA, "7.2-9", "TD element should be contained in TR")
def td_parent(document: Document) -> Iterator[str]:
    yield from _in(document, "TD", ("TR",))


def _in(document: Document, child: str, parents: tuple[str, ...]) -> Iterator[str]:
    for element in _elements(document, child):
        if _parent_type(element) not in parents:
            yield f"{child} inside {_parent_type(element)}"


@rule(UA, "7.2-10", "TR element may contain only TH and TD elements")
def tr_kids(document: Document) -> Iterator[str]:
    for row in _elements(document, "TR"):
        if not (re.fullmatch(r"(TH|TD)(&(TH|TD))*", _kids(row)) or _kids(row) == ""):
            yield f"TR kids are {_kids(row)}"


def _count(element: StructElem, kind: str) -> int:
    return _kids(element).split("&").count(kind)


@rule(UA, "7.2-11", "Table element should contain zero or one THead kid")
def one_thead(document: Document) -> Iterator[str]:
    for table in _elements(document, "Table"):
        if _count(table, "THead") > 1:
            yield "Table has more than one THead"


@rule(UA, "7.2-12", "Table element should contain zero or one TFoot kid")
def one_tfoot(document: Document) -> Iterator[str]:
    for table in _elements(document, "Table"):
        if _count(table, "TFoot") > 1:
            yield "Table has more than one TFoot"


@rule(UA, "7.2-13", "If Table contains TFoot, it should contain one or more TBody kids")
def tfoot_needs_tbody(document: Document) -> Iterator[str]:
    for table in _elements(document, "Table"):
        if _count(table, "TFoot") and not _count(table, "TBody"):
            yield "Table has a TFoot but no TBody"


@rule(UA, "7.2-14", "If Table contains THead, it should contain one or more TBody kids")
def thead_needs_tbody(document: Document) -> Iterator[str]:
    for table in _elements(document, "Table"):
        if _count(table, "THead") and not _count(table, "TBody"):
            yield "Table has a THead but no TBody"


def _grid(table: StructElem) -> Iterator[tuple[int, int, int, int]]:
    """(row, column, rows spanned, columns spanned) of every cell, placed like HTML does."""
    rows = [kid for kid in table.kids if kid.standard == "TR"]
    for section in table.kids:
        if section.standard in ("THead", "TBody", "TFoot"):
            rows += [kid for kid in section.kids if kid.standard == "TR"]
    occupied: set[tuple[int, int]] = set()
    for row_index, row in enumerate(rows):
        column = 0
        for cell in row.kids:
            if cell.standard not in ("TH", "TD"):
                continue
            while (row_index, column) in occupied:
                column += 1
            rows_spanned = int(cell.attribute("/Table", "/RowSpan") or 1)
            columns_spanned = int(cell.attribute("/Table", "/ColSpan") or 1)
            yield row_index, column, rows_spanned, columns_spanned
            for r in range(row_index, row_index + rows_spanned):
                for c in range(column, column + columns_spanned):
                    occupied.add((r, c))
            column += columns_spanned


@rule(UA, "7.2-15", "Table cell shall not have intersection with other cells")
def cell_intersections(document: Document) -> Iterator[str]:
    for table in _elements(document, "Table"):
        covered: dict[tuple[int, int], int] = {}
        for index, (row, column, rows, columns) in enumerate(_grid(table)):
            for r in range(row, row + rows):
                for c in range(column, column + columns):
                    if (r, c) in covered:
                        yield f"cells {covered[(r, c)]} and {index} overlap at row {r}, column {c}"
                    covered[(r, c)] = index


@rule(UA, "7.2-16", "Table element may contain a Caption element only as its first or last kid")
def table_caption_place(document: Document) -> Iterator[str]:
    for table in _elements(document, "Table"):
        if "&Caption&" in _kids(table):
            yield "Table has a Caption in the middle"


@rule(UA, "7.2-17", "LI element should be contained in L element")
def li_parent(document: Document) -> Iterator[str]:
    yield from _in(document, "LI", ("L",))


@rule(UA, "7.2-18", "LBody element should be contained in LI element")
def lbody_parent(document: Document) -> Iterator[str]:
    yield from _in(document, "LBody", ("LI",))


@rule(
    UA, "7.2-19", "L element may contain a Caption as first kid and only L, LI and Caption elements"
)
def l_kids(document: Document) -> Iterator[str]:
    for element in _elements(document, "L"):
        kids = _kids(element)
        if not (re.fullmatch(r"(Caption&)?(L|LI)(&(L|LI))*", kids) or kids in ("", "Caption")):
            yield f"L kids are {kids}"


@rule(UA, "7.2-20", "LI element may contain only Lbl and LBody elements")
def li_kids(document: Document) -> Iterator[str]:
    for element in _elements(document, "LI"):
        kids = _kids(element)
        if not (re.fullmatch(r"(Lbl|LBody)(&(Lbl|LBody))*", kids) or kids == ""):
            yield f"LI kids are {kids}"


def _language_determined(document: Document, element: StructElem | None) -> bool:
    while element is not None:
        if "/Lang" in element.obj and str(element.obj.Lang):
            return True
        element = element.parent
    return _catalog_lang(document)


@rule(UA, "7.2-21", "Natural language for text in ActualText attribute shall be determined")
def actual_text_language(document: Document) -> Iterator[str]:
    yield from _entry_language(document, "/ActualText")


@rule(UA, "7.2-22", "Natural language for text in Alt attribute shall be determined")
def alt_language(document: Document) -> Iterator[str]:
    yield from _entry_language(document, "/Alt")


@rule(UA, "7.2-23", "Natural language for text in E attribute shall be determined")
def expansion_language(document: Document) -> Iterator[str]:
    yield from _entry_language(document, "/E")


def _entry_language(document: Document, key: str) -> Iterator[str]:
    for element in document.structure:
        if key in element.obj and not _language_determined(document, element):
            yield f"{element.type} has {key} in no known language"


@rule(UA, "7.2-24", "Natural language in the Contents entry for annotations shall be determined")
def annotation_language(document: Document) -> Iterator[str]:
    for page, annotation in document.annotations:
        if "/Contents" in annotation and "/Lang" not in annotation and not _catalog_lang(document):
            yield f"page {page}: an annotation's /Contents in no known language"


@rule(UA, "7.2-25", "Natural language in the TU key for form fields shall be determined")
def field_language(document: Document) -> Iterator[str]:
    form = document.root.get("/AcroForm")
    for field_ in form.get("/Fields", []) if form is not None else []:
        if "/TU" in field_ and not _catalog_lang(document):
            yield "a form field's /TU in no known language"


@rule(UA, "7.2-26", "TOCI element should be contained in TOC element")
def toci_parent(document: Document) -> Iterator[str]:
    yield from _in(document, "TOCI", ("TOC",))


@rule(UA, "7.2-27", "TOC element may contain a Caption as first kid and only TOC, TOCI and Caption")
def toc_kids(document: Document) -> Iterator[str]:
    for element in _elements(document, "TOC"):
        kids = _kids(element)
        if not (
            re.fullmatch(r"(Caption&)?(TOC|TOCI)(&(TOC|TOCI))*", kids) or kids in ("", "Caption")
        ):
            yield f"TOC kids are {kids}"


@rule(UA, "7.2-28", "TOC element may contain a Caption element only as its first kid")
def toc_caption_place(document: Document) -> Iterator[str]:
    for element in _elements(document, "TOC"):
        if "Caption" in _kids(element).split("&")[1:]:
            yield "TOC has a Caption after its first kid"


@rule(UA, "7.2-29", "A Lang entry's value shall be a Language-Tag (RFC 3066)")
def language_tags(document: Document) -> Iterator[str]:
    values = []
    if "/Lang" in document.root:
        values.append(("catalog", str(document.root.Lang)))
    values += [
        (element.type, str(element.obj.Lang))
        for element in document.structure
        if "/Lang" in element.obj
    ]
    for operation in document.operations:
        if operation.operator == "BDC":
            properties = operation.marks[-1][1]
            if isinstance(properties, pikepdf.Dictionary) and "/Lang" in properties:
                values.append((operation.stream, str(properties.Lang)))
    for where, value in values:
        if not LANGUAGE_TAG.fullmatch(value):
            yield f"{where}: /Lang {value!r} is not a language tag"


def _span_entry_language(document: Document, key: str) -> Iterator[str]:
    for operation in document.operations:
        if operation.operator != "BDC" or operation.marks[-1][0] != "Span":
            continue
        properties = operation.marks[-1][1]
        if (
            isinstance(properties, pikepdf.Dictionary)
            and key in properties
            and "/Lang" not in properties
            and not _catalog_lang(document)
        ):
            yield f"{operation.stream}: {key} in no known language"


@rule(UA, "7.2-30", "Natural language for text in a Span's ActualText shall be determined")
def span_actual_text_language(document: Document) -> Iterator[str]:
    yield from _span_entry_language(document, "/ActualText")


@rule(UA, "7.2-31", "Natural language for text in a Span's Alt shall be determined")
def span_alt_language(document: Document) -> Iterator[str]:
    yield from _span_entry_language(document, "/Alt")


@rule(UA, "7.2-32", "Natural language for text in a Span's E shall be determined")
def span_expansion_language(document: Document) -> Iterator[str]:
    yield from _span_entry_language(document, "/E")


@rule(UA, "7.2-33", "Natural language for document metadata shall be determined")
def metadata_language(document: Document) -> Iterator[str]:
    if document.xmp_bytes is not None and not _catalog_lang(document):
        yield "the catalog has no /Lang for the metadata"


@rule(UA, "7.2-34", "Natural language for text in page content shall be determined")
def text_language(document: Document) -> Iterator[str]:
    if _catalog_lang(document):
        return
    for operation in document.operations:
        if operation.operator in TEXT_SHOWING and not any(
            isinstance(p, pikepdf.Dictionary) and "/Lang" in p for _, p in operation.marks
        ):
            yield f"{operation.stream}: text in no known language"
            return


@rule(UA, "7.2-36", "THead element may contain only TR elements")
def thead_kids(document: Document) -> Iterator[str]:
    yield from _only_rows(document, "THead")


@rule(UA, "7.2-37", "TBody element may contain only TR elements")
def tbody_kids(document: Document) -> Iterator[str]:
    yield from _only_rows(document, "TBody")


@rule(UA, "7.2-38", "TFoot element may contain only TR elements")
def tfoot_kids(document: Document) -> Iterator[str]:
    yield from _only_rows(document, "TFoot")


def _only_rows(document: Document, kind: str) -> Iterator[str]:
    for element in _elements(document, kind):
        if any(kid != "TR" for kid in _kids(element).split("&") if kid):
            yield f"{kind} kids are {_kids(element)}"


@rule(UA, "7.2-39", "Table element may contain only one Caption element")
def one_table_caption(document: Document) -> Iterator[str]:
    for table in _elements(document, "Table"):
        if _count(table, "Caption") > 1:
            yield "Table has more than one Caption"


@rule(UA, "7.2-40", "L element may contain a Caption element only as its first kid")
def list_caption_place(document: Document) -> Iterator[str]:
    for element in _elements(document, "L"):
        if "Caption" in _kids(element).split("&")[1:]:
            yield "L has a Caption after its first kid"


def _rows_and_columns(table: StructElem) -> tuple[dict[int, int], dict[int, int]]:
    columns_per_row: dict[int, int] = {}
    rows_per_column: dict[int, int] = {}
    for row, column, rows, columns in _grid(table):
        for r in range(row, row + rows):
            columns_per_row[r] = columns_per_row.get(r, 0) + columns
        for c in range(column, column + columns):
            rows_per_column[c] = rows_per_column.get(c, 0) + rows
    return columns_per_row, rows_per_column


@rule(
    UA, "7.2-41", "Table columns shall have the same number of rows (taking row spans into account)"
)
def regular_columns(document: Document) -> Iterator[str]:
    for table in _elements(document, "Table"):
        _, rows_per_column = _rows_and_columns(table)
        if len(set(rows_per_column.values())) > 1:
            yield f"columns span {sorted(set(rows_per_column.values()))} rows"


@rule(
    UA,
    "7.2-42",
    "Table rows shall have the same number of columns (taking column spans into account)",
)
def regular_rows(document: Document) -> Iterator[str]:
    for table in _elements(document, "Table"):
        columns_per_row, _ = _rows_and_columns(table)
        if len(set(columns_per_row.values())) > 1:
            yield f"rows span {sorted(set(columns_per_row.values()))} columns"


@rule(
    UA, "7.2-43", "Table rows shall have the same number of columns (spans declared consistently)"
)
def regular_spans(document: Document) -> Iterator[str]:
    for table in _elements(document, "Table"):
        for row, column, rows, columns in _grid(table):
            if rows < 1 or columns < 1:
                yield f"cell at row {row}, column {column} spans {rows}×{columns}"


# ---------- 7.3–7.11: figures, headings, tables, formulas, notes, optional content ----------


@rule(UA, "7.3-1", "Figure tags shall include an alternative representation or replacement text")
def figure_alt(document: Document) -> Iterator[str]:
    for figure in _elements(document, "Figure"):
        alt, actual = str(figure.get("/Alt", "")), str(figure.get("/ActualText", ""))
        if not alt.strip() and not actual.strip():
            yield "a Figure with neither /Alt nor /ActualText"


@rule(UA, "7.4.2-1", "Numbered headings: H1 first, no skipped level in a descending sequence")
def numbered_headings(document: Document) -> Iterator[str]:
    levels = [
        int(e.standard[1])
        for e in document.structure
        if e.standard and re.fullmatch(r"H[1-6]", e.standard)
    ]
    if levels and levels[0] != 1:
        yield f"the first heading is H{levels[0]}"
    for previous, current in pairwise(levels):
        if current > previous + 1:
            yield f"H{current} follows H{previous}"


@rule(UA, "7.4.4-1", "Each node in the tag tree shall contain at most one child H tag")
def one_h(document: Document) -> Iterator[str]:
    for element in document.structure:
        if _count(element, "H") > 1:
            yield f"{element.type} has more than one H"


@rule(UA, "7.4.4-2", "Documents shall not use both H and H# tags (H found)")
def h_and_hn(document: Document) -> Iterator[str]:
    standards = {element.standard for element in document.structure}
    if "H" in standards and standards & {f"H{n}" for n in range(1, 7)}:
        yield "both H and numbered headings"


@rule(UA, "7.4.4-3", "Documents shall not use both H and H# tags (H# found)")
def hn_and_h(document: Document) -> Iterator[str]:
    yield from h_and_hn(document)


@rule(
    UA,
    "7.5-1",
    "TH elements shall have a Scope attribute if the table's structure is not determinable"
    " via Headers and IDs",
)
def header_scope(document: Document) -> Iterator[str]:
    for table in _elements(document, "Table"):
        cells = [e for e in document.structure if _within(e, table) and e.standard in ("TH", "TD")]
        headers_used = any(
            cell.attribute("/Table", "/Headers") for cell in cells if cell.standard == "TD"
        )
        for cell in cells:
            if (
                cell.standard == "TH"
                and not headers_used
                and cell.attribute("/Table", "/Scope") is None
            ):
                yield "a TH without /Scope in a table without Headers"


def _within(element: StructElem, ancestor: StructElem) -> bool:
    current = element.parent
    while current is not None:
        if current is ancestor:
            return True
        current = current.parent
    return False


@rule(UA, "7.5-2", "TD Headers shall reference defined header IDs")
def headers_defined(document: Document) -> Iterator[str]:
    ids = {bytes(element.obj.ID) for element in document.structure if "/ID" in element.obj}
    for element in _elements(document, "TD"):
        for header in element.attribute("/Table", "/Headers") or []:
            if bytes(header) not in ids:
                yield f"a TD names an undefined header {bytes(header)!r}"


@rule(UA, "7.7-1", "Formula tags shall have Alt or ActualText attributes")
def formula_alt(document: Document) -> Iterator[str]:
    for formula in _elements(document, "Formula"):
        if (
            not str(formula.get("/Alt", "")).strip()
            and not str(formula.get("/ActualText", "")).strip()
        ):
            yield "a Formula without /Alt or /ActualText"


@rule(UA, "7.9-1", "Note tag shall have ID entry")
def note_id(document: Document) -> Iterator[str]:
    for note in _elements(document, "Note"):
        if not bytes(note.get("/ID", b"")):
            yield "a Note without /ID"


@rule(UA, "7.9-2", "Each Note tag shall have unique ID key")
def note_ids_unique(document: Document) -> Iterator[str]:
    ids = [bytes(note.obj.ID) for note in _elements(document, "Note") if "/ID" in note.obj]
    for value in {v for v in ids if ids.count(v) > 1}:
        yield f"Note ID {value!r} is used more than once"


def _oc_configurations(document: Document) -> Iterator[pikepdf.Object]:
    properties = document.root.get("/OCProperties")
    if properties is None:
        return
    if "/D" in properties:
        yield properties.D
    yield from properties.get("/Configs", [])


@rule(UA, "7.10-1", "Each optional content configuration dictionary shall contain the Name key")
def oc_names(document: Document) -> Iterator[str]:
    for configuration in _oc_configurations(document):
        if not str(configuration.get("/Name", "")):
            yield "an optional content configuration without /Name"


@rule(UA, "7.10-2", "The AS key shall not appear in any optional content configuration dictionary")
def oc_as(document: Document) -> Iterator[str]:
    for configuration in _oc_configurations(document):
        if "/AS" in configuration:
            yield "an optional content configuration with /AS"


@rule(
    UA, "7.11-1", "The file specification of an embedded file shall contain non-empty F and UF keys"
)
def file_spec_names(document: Document) -> Iterator[str]:
    for spec in document.file_specs:
        if "/EF" in spec and not (str(spec.get("/F", "")) and str(spec.get("/UF", ""))):
            yield f"embedded file {spec.get('/F')} lacks /F or /UF"


@rule(UA, "7.15-1", "A conforming file shall not contain XFA forms")
def no_xfa(document: Document) -> Iterator[str]:
    form = document.root.get("/AcroForm")
    if form is not None and "/XFA" in form:
        yield "the AcroForm carries XFA"


@rule(UA, "7.16-1", "An encrypted file shall have P in its encryption dictionary with bit 10 set")
def encryption_permissions(document: Document) -> Iterator[str]:
    encryption = document.pdf.trailer.get("/Encrypt")
    if encryption is not None and not (int(encryption.get("/P", 0)) & 512):
        yield "encrypted without permission to extract content for accessibility"


# ---------- 7.18: annotations ----------


def _annotation_parent(document: Document, annotation: pikepdf.Object) -> StructElem | None:
    if "/StructParent" not in annotation:
        return None
    return document.element_of(document.parent_tree.get(int(annotation.StructParent)))


@rule(
    UA,
    "7.18.1-1",
    "Annotations other than Widget, Popup and Link shall be nested within an Annot tag",
)
def annotations_in_annot(document: Document) -> Iterator[str]:
    for page, annotation in document.annotations:
        subtype = str(annotation.get("/Subtype", ""))
        if subtype in ("/Widget", "/Popup", "/Link"):
            continue
        parent = _annotation_parent(document, annotation)
        if parent is None or parent.standard != "Annot":
            yield f"page {page}: a {subtype} annotation outside an Annot element"


@rule(UA, "7.18.1-2", "Such annotations shall have Contents or an Alt in their enclosing element")
def annotations_described(document: Document) -> Iterator[str]:
    for page, annotation in document.annotations:
        subtype = str(annotation.get("/Subtype", ""))
        if subtype in ("/Widget", "/Popup", "/Link") or int(annotation.get("/F", 0)) & 2:
            continue
        parent = _annotation_parent(document, annotation)
        described = "/Contents" in annotation or (parent is not None and "/Alt" in parent.obj)
        if parent is not None and parent.standard == "Annot" and not described:
            yield f"page {page}: a {subtype} annotation with no description"


@rule(UA, "7.18.1-3", "A visible form field shall have TU or its widgets an Alt")
def fields_described(document: Document) -> Iterator[str]:
    for page, annotation in document.annotations:
        if annotation.get("/Subtype") != "/Widget" or int(annotation.get("/F", 0)) & 2:
            continue
        parent = _annotation_parent(document, annotation)
        if not str(annotation.get("/TU", "")) and (
            parent is None or not str(parent.get("/Alt", ""))
        ):
            yield f"page {page}: a form field with no description"


@rule(UA, "7.18.2-1", "Annotations of subtype TrapNet shall not be permitted")
def no_trapnet(document: Document) -> Iterator[str]:
    for page, annotation in document.annotations:
        if annotation.get("/Subtype") == "/TrapNet":
            yield f"page {page}: a TrapNet annotation"


@rule(UA, "7.18.2-2", "Annotations of subtype TrapNet shall not be permitted (older numbering)")
def no_trapnet_again(document: Document) -> Iterator[str]:
    yield from no_trapnet(document)


@rule(UA, "7.18.3-1", "Every page with an annotation shall have Tabs set to S")
def tab_order(document: Document) -> Iterator[str]:
    for number, page in enumerate(document.pages, 1):
        if len(page.obj.get("/Annots", [])) and page.obj.get("/Tabs") != "/S":
            yield f"page {number} has annotations and /Tabs {page.obj.get('/Tabs')}"


@rule(UA, "7.18.4-1", "A Widget annotation shall be nested within a Form tag")
def widgets_in_form(document: Document) -> Iterator[str]:
    for page, annotation in document.annotations:
        if annotation.get("/Subtype") == "/Widget":
            parent = _annotation_parent(document, annotation)
            if parent is None or parent.standard != "Form":
                yield f"page {page}: a widget outside a Form element"


@rule(
    UA, "7.18.4-2", "A Form element without a Role attribute shall have one widget as its only kid"
)
def form_kids(document: Document) -> Iterator[str]:
    for form in _elements(document, "Form"):
        if form.attribute("/PrintField", "/Role") is None and (
            len(form.annotations) != 1 or form.kids or form.mcids
        ):
            yield "a Form element that is not one widget"


@rule(UA, "7.18.5-1", "Links shall be tagged according to 14.8.4.4.2, Link Element")
def links_in_link(document: Document) -> Iterator[str]:
    for page, annotation in document.annotations:
        if annotation.get("/Subtype") != "/Link":
            continue
        parent = _annotation_parent(document, annotation)
        owner = document.annotation_parent.get(annotation.objgen)
        if (
            parent is None
            or parent.standard != "Link"
            or owner is None
            or owner.obj.objgen != parent.obj.objgen
        ):
            yield f"page {page}: a link annotation not nested in a Link element"


@rule(UA, "7.18.5-2", "Links shall contain an alternate description via their Contents key")
def links_described(document: Document) -> Iterator[str]:
    for page, annotation in document.annotations:
        if (
            annotation.get("/Subtype") == "/Link"
            and not str(annotation.get("/Contents", "")).strip()
        ):
            yield f"page {page}: a link annotation without /Contents"


def _media_clips(document: Document) -> Iterator[pikepdf.Object]:
    for obj in document.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/MCD":
            yield obj


@rule(UA, "7.18.6.2-1", "Media clip data shall have a CT key conforming to RFC 2045")
def media_content_type(document: Document) -> Iterator[str]:
    for clip in _media_clips(document):
        if not re.fullmatch(r"[-\w+.]+/[-\w+.]+", str(clip.get("/CT", ""))):
            yield "a media clip without a content type"


@rule(UA, "7.18.6.2-2", "Media clip data shall have an Alt key")
def media_alt(document: Document) -> Iterator[str]:
    for clip in _media_clips(document):
        if "/Alt" not in clip:
            yield "a media clip without /Alt"


@rule(UA, "7.18.8-1", "PrinterMark annotations shall not be included in the logical structure")
def printer_marks(document: Document) -> Iterator[str]:
    for page, annotation in document.annotations:
        if annotation.get("/Subtype") == "/PrinterMark" and "/StructParent" in annotation:
            yield f"page {page}: a PrinterMark annotation in the structure"


# ---------- 7.20: XObjects ----------


def _forms(document: Document) -> Iterator[pikepdf.Object]:
    for obj in document.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Form":
            yield obj


@rule(UA, "7.20-1", "A conforming file shall not contain any reference XObjects")
def no_reference_xobjects(document: Document) -> Iterator[str]:
    for form in _forms(document):
        if "/Ref" in form:
            yield "a reference XObject"


@rule(UA, "7.20-2", "A Form XObject with MCIDs shall be referenced only once")
def forms_with_mcids_once(document: Document) -> Iterator[str]:
    uses: dict[tuple[int, int], int] = {}
    for operation in document.operations:
        if operation.operator == "Do" and operation.resources is not None:
            xobject = operation.resources.get("/XObject", {}).get(str(operation.operands[0]))
            if xobject is not None and xobject.get("/Subtype") == "/Form":
                uses[xobject.objgen] = uses.get(xobject.objgen, 0) + 1
    for form in _forms(document):
        if uses.get(form.objgen, 0) > 1 and b"/MCID" in form.read_bytes():
            yield "a form XObject with MCIDs is drawn more than once"


# ---------- 7.21: fonts ----------


@rule(UA, "7.21.3.1-1", "Type 0 font CIDSystemInfo shall be compatible with its CMap")
def cid_system_info(document: Document) -> Iterator[str]:
    for font in document.fonts:
        if font.descendant is None:
            continue
        encoding = font.obj.get("/Encoding")
        if isinstance(encoding, pikepdf.Name) and str(encoding) in ("/Identity-H", "/Identity-V"):
            continue
        if isinstance(encoding, pikepdf.Stream):
            ours, theirs = font.descendant.CIDSystemInfo, encoding.get("/CIDSystemInfo")
            if (
                theirs is None
                or (str(ours.Registry), str(ours.Ordering))
                != (str(theirs.Registry), str(theirs.Ordering))
                or int(ours.Supplement) < int(theirs.Supplement)
            ):
                yield f"font {font.obj.BaseFont}: CIDSystemInfo does not match its CMap"


@rule(UA, "7.21.3.2-1", "Type 2 CIDFonts shall contain a CIDToGIDMap entry")
def cid_to_gid(document: Document) -> Iterator[str]:
    for font in document.fonts:
        if (
            font.descendant is not None
            and font.descendant.get("/Subtype") == "/CIDFontType2"
            and "/CIDToGIDMap" not in font.descendant
        ):
            yield f"font {font.obj.BaseFont} has no CIDToGIDMap"


@rule(UA, "7.21.3.3-1", "CMaps other than the predefined ones shall be embedded")
def cmaps_embedded(document: Document) -> Iterator[str]:
    for font in document.fonts:
        encoding = font.obj.get("/Encoding")
        if (
            font.descendant is not None
            and isinstance(encoding, pikepdf.Name)
            and str(encoding)[1:] not in PREDEFINED_CMAPS
        ):
            yield f"font {font.obj.BaseFont}: CMap {encoding} is neither predefined nor embedded"


@rule(UA, "7.21.3.3-2", "An embedded CMap's WMode shall match its dictionary's")
def cmap_wmode(document: Document) -> Iterator[str]:
    for font in document.fonts:
        encoding = font.obj.get("/Encoding")
        if isinstance(encoding, pikepdf.Stream):
            found = re.search(rb"/WMode\s+(\d)", encoding.read_bytes())
            if found and int(found.group(1)) != int(encoding.get("/WMode", 0)):
                yield f"font {font.obj.BaseFont}: CMap WMode differs"


@rule(UA, "7.21.3.3-3", "A CMap shall not reference any other CMap except the predefined ones")
def cmap_references(document: Document) -> Iterator[str]:
    for font in document.fonts:
        encoding = font.obj.get("/Encoding")
        if isinstance(encoding, pikepdf.Stream):
            used = encoding.get("/UseCMap")
            if isinstance(used, pikepdf.Stream) or (
                used is not None and str(used)[1:] not in PREDEFINED_CMAPS
            ):
                yield f"font {font.obj.BaseFont}: CMap uses another CMap"


@rule(UA, "7.21.4.1-1", "The font programs for all fonts used for rendering shall be embedded")
def fonts_embedded(document: Document) -> Iterator[str]:
    for font in document.fonts:
        if font.obj.get("/Subtype") == "/Type3" or font.rendering_modes == {3}:
            continue
        if font.program is None:
            yield f"font {font.obj.get('/BaseFont')} is not embedded"


def _glyphs_missing(font) -> Iterator[int]:
    program = font.truetype
    if program is None:
        return
    count = program["maxp"].numGlyphs
    for code in sorted(font.codes):
        if font.glyph_id(code) >= count:
            yield code


@rule(UA, "7.21.4.1-2", "Embedded fonts shall define all glyphs referenced for rendering")
def glyphs_present(document: Document) -> Iterator[str]:
    for font in document.fonts:
        if font.rendering_modes != {3}:
            for code in _glyphs_missing(font):
                yield f"font {font.obj.get('/BaseFont')}: glyph for code {code} is missing"


@rule(
    UA,
    "7.21.4.1-3",
    "Embedded fonts shall define all glyphs referenced for rendering (older numbering)",
)
def glyphs_present_again(document: Document) -> Iterator[str]:
    yield from glyphs_present(document)


@rule(UA, "7.21.4.2-1", "A Type 1 subset's CharSet shall list all glyphs present")
def charset(document: Document) -> Iterator[str]:
    for font in document.fonts:
        if (
            font.obj.get("/Subtype") == "/Type1"
            and font.descriptor is not None
            and "/CharSet" in font.descriptor
        ):
            # Broadside embeds no Type 1 fonts; reading one's glyph names would need a Type 1
            # parser, so a Type 1 subset with a CharSet fails rather than passes unchecked.
            yield f"font {font.obj.BaseFont}: a Type 1 CharSet this checker cannot verify"


@rule(UA, "7.21.4.2-2", "A CID font subset's CIDSet shall identify all CIDs present")
def cidset(document: Document) -> Iterator[str]:
    for font in document.fonts:
        if font.descriptor is None or "/CIDSet" not in font.descriptor or font.truetype is None:
            continue
        data = font.descriptor.CIDSet.read_bytes()
        present = {cid for cid in range(len(data) * 8) if data[cid // 8] & (0x80 >> (cid % 8))}
        count = font.truetype["maxp"].numGlyphs
        if not set(range(count)) <= present:
            yield f"font {font.obj.BaseFont}: CIDSet misses glyphs of the program"


@rule(
    UA,
    "7.21.5-1",
    "Glyph widths in the font dictionary and the embedded program shall be consistent",
)
def widths_consistent(document: Document) -> Iterator[str]:
    for font in document.fonts:
        program = font.truetype
        if program is None or font.rendering_modes == {3}:
            continue
        units = program["head"].unitsPerEm
        metrics = program["hmtx"].metrics
        order = program.getGlyphOrder()
        for code in sorted(font.codes):
            gid = font.glyph_id(code)
            declared = font.width(code)
            if gid >= len(order) or declared is None:
                continue
            actual = metrics[order[gid]][0] * 1000 / units
            if abs(actual - declared) > 1:
                name = font.obj.BaseFont
                yield f"font {name}: code {code} is {declared:g} wide, {actual:g} in the font"
                break


def _simple_truetype(document: Document) -> Iterator:
    for font in document.fonts:
        if font.obj.get("/Subtype") == "/TrueType":
            yield font


def _symbolic(font) -> bool:
    return font.descriptor is not None and bool(int(font.descriptor.get("/Flags", 0)) & 4)


@rule(UA, "7.21.6-1", "Non-symbolic TrueType fonts shall have a non-symbolic cmap")
def truetype_cmap(document: Document) -> Iterator[str]:
    for font in _simple_truetype(document):
        if not _symbolic(font) and font.truetype is not None:
            subtables = {(t.platformID, t.platEncID) for t in font.truetype["cmap"].tables}
            if not subtables & {(1, 0), (3, 1)}:
                yield f"font {font.obj.BaseFont} has no (1,0) or (3,1) cmap"


@rule(
    UA,
    "7.21.6-2",
    "Non-symbolic TrueType fonts shall use MacRoman or WinAnsi encoding (or AGL Differences)",
)
def truetype_encoding(document: Document) -> Iterator[str]:
    for font in _simple_truetype(document):
        encoding = font.obj.get("/Encoding")
        if (
            not _symbolic(font)
            and str(encoding) not in ("/MacRomanEncoding", "/WinAnsiEncoding")
            and not isinstance(encoding, pikepdf.Dictionary)
        ):
            yield f"font {font.obj.BaseFont} has encoding {encoding}"


@rule(UA, "7.21.6-3", "Symbolic TrueType fonts shall not contain an Encoding entry")
def symbolic_encoding(document: Document) -> Iterator[str]:
    for font in _simple_truetype(document):
        if _symbolic(font) and "/Encoding" in font.obj:
            yield f"symbolic font {font.obj.BaseFont} has /Encoding"


@rule(UA, "7.21.6-4", "Symbolic TrueType programs shall have one cmap or a (3,0) one")
def symbolic_cmap(document: Document) -> Iterator[str]:
    for font in _simple_truetype(document):
        if _symbolic(font) and font.truetype is not None:
            tables = font.truetype["cmap"].tables
            if len(tables) != 1 and not any((t.platformID, t.platEncID) == (3, 0) for t in tables):
                yield f"symbolic font {font.obj.BaseFont} has several cmaps and no (3,0)"


@rule(UA, "7.21.7-1", "Every font shall map all character codes used to Unicode")
def codes_mapped(document: Document) -> Iterator[str]:
    for font in document.fonts:
        if font.to_unicode is None:
            continue  # 7.2-1 reports it
        unmapped = sorted(code for code in font.codes if code not in font.to_unicode)
        if unmapped:
            yield f"font {font.obj.get('/BaseFont')}: codes {unmapped[:5]} map to no Unicode"


@rule(
    UA, "7.21.7-2", "Unicode values in ToUnicode shall be greater than 0 and not U+FEFF or U+FFFE"
)
def unicode_values(document: Document) -> Iterator[str]:
    for font in document.fonts:
        for code in sorted(font.codes):
            text = (font.to_unicode or {}).get(code)
            if text is not None and any(c in "\x00\ufeff\ufffe" for c in text):
                yield f"font {font.obj.get('/BaseFont')}: code {code} maps to {text!r}"


@rule(
    UA,
    "7.21.8-1",
    "A document shall not reference the .notdef glyph from any text showing operator",
)
def no_notdef(document: Document) -> Iterator[str]:
    for font in document.fonts:
        for code in font.codes:
            if font.glyph_id(code) == 0:
                yield f"font {font.obj.get('/BaseFont')}: code {code} draws .notdef"
                break
