"""Where things are on a PDF's pages: lines of text and pictures, with what they are.

A reader's eye sees lines, sizes and gaps; the layout rules (tests/layoutrules.py) measure
those. Everything comes from the PDF alone (pypdfium2 for positions, pikepdf for the tag
structure), so the measurements hold whatever templates and styles drew the page.

Coordinates are PDF points (1/72 in) measured from the page's top-left corner: `top` is the
distance from the top edge, so `top < bottom`.

Each line knows the structure element its text belongs to (H1, P, LBody, …) through the
marked-content IDs WeasyPrint writes into tagged PDFs, and whether it is an Artifact: the
running header and footer are Artifacts, so "the page's own content" is what is not.
"""

from __future__ import annotations

import ctypes
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as raw

from tests.structure import mark_name

MM = 72 / 25.4

# Structure elements that sit inside a line of text rather than making a block of their own.
# NonStruct is WeasyPrint's wrapper for elements without a role (div, section, time): it
# groups, it never makes a block of its own.
INLINE_TAGS = frozenset(
    {"Span", "Link", "Em", "Strong", "Quote", "Note", "Reference", "Code", "Lbl", "BibEntry"}
    | {"NonStruct"}
)


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @staticmethod
    def around(boxes: list[Box]) -> Box | None:
        """The smallest box holding all of `boxes`; None for none."""
        if not boxes:
            return None
        return Box(
            min(box.left for box in boxes),
            min(box.top for box in boxes),
            max(box.right for box in boxes),
            max(box.bottom for box in boxes),
        )


@dataclass(frozen=True)
class Element:
    """A structure element a piece of text belongs to: its tag and its ancestors' tags."""

    tag: str
    ancestors: tuple[str, ...]  # from the root down, without this element
    key: tuple[int, int]  # the element's PDF object, to tell two paragraphs apart

    @property
    def tags(self) -> tuple[str, ...]:
        return (*self.ancestors, self.tag)


@dataclass(frozen=True)
class Line:
    """One line of text as printed: its characters, where they are, in what type."""

    page: int  # 1-based
    text: str
    box: Box
    size: float  # the font size most of its characters are set in, points
    font: str  # the font most of its characters are set in
    artifact: bool  # running header or footer, page number: decoration, not content
    element: Element | None  # the block it belongs to (inline elements skipped)

    @property
    def words(self) -> list[str]:
        return self.text.split()

    def has_tag(self, *tags: str) -> bool:
        return self.element is not None and any(tag in self.element.tags for tag in tags)


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    lines: tuple[Line, ...]  # in reading order, artifacts included
    pictures: tuple[Box, ...]  # raster images placed on the page

    @property
    def content(self) -> tuple[Line, ...]:
        """The page's own text: everything but the running header, footer and folio."""
        return tuple(line for line in self.lines if not line.artifact and line.text.strip())

    @property
    def running(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.artifact and line.text.strip())

    def content_box(self) -> Box | None:
        """The smallest box around the page's own text and pictures."""
        return Box.around([line.box for line in self.content] + list(self.pictures))

    def text_area(self, margin: float = 20 * MM) -> Box:
        """Where the page's content may go: between the running header and footer when the
        page has them, else inside `margin` from each edge."""
        top, bottom = margin, self.height - margin
        heads = [line.box for line in self.running if line.box.bottom < self.height / 3]
        feet = [line.box for line in self.running if line.box.top > self.height * 2 / 3]
        if heads:
            top = max(box.bottom for box in heads)
        if feet:
            bottom = min(box.top for box in feet)
        return Box(margin, top, self.width - margin, bottom)


def read_pages(path: Path) -> tuple[Page, ...]:
    """Every page of the PDF at `path`, measured. Cached per file and modification time."""
    status = path.stat()
    return _read_pages(path.resolve(), status.st_mtime_ns, status.st_size)


@lru_cache(maxsize=64)
def _read_pages(path: Path, _mtime: int, _size: int) -> tuple[Page, ...]:
    elements = _elements_by_mcid(path)
    document = pdfium.PdfDocument(path)
    try:
        return tuple(
            _read_page(document[index], index + 1, elements) for index in range(len(document))
        )
    finally:
        document.close()


# ---------- text ----------


@dataclass
class _Char:
    text: str
    box: Box | None  # None for spaces and generated characters
    size: float
    font: str
    artifact: bool
    element: Element | None


@dataclass
class _LineBuilder:
    chars: list[_Char] = field(default_factory=list)

    def box(self) -> Box | None:
        return Box.around([char.box for char in self.chars if char.box is not None])


def _read_page(page: pdfium.PdfPage, number: int, elements: dict[tuple[int, int], Element]) -> Page:
    width, height = page.get_size()
    textpage = page.get_textpage()
    objects: dict[int, tuple[float, str, bool, Element | None]] = {}
    builders: list[_LineBuilder] = [_LineBuilder()]
    for index in range(textpage.count_chars()):
        char = _read_char(textpage, index, height, number, objects, elements)
        current = builders[-1]
        if char.text in "\r\n":
            if current.chars:
                builders.append(_LineBuilder())
            continue
        if char.box is not None and current.chars and _starts_new_line(current, char):
            builders.append(_LineBuilder())
        builders[-1].chars.append(char)
    lines = [line for line in (_finish(builder, number) for builder in builders) if line]
    return Page(number, width, height, tuple(_join_split_lines(lines)), _pictures(page, height))


def _read_char(
    textpage: pdfium.PdfTextPage,
    index: int,
    height: float,
    number: int,
    objects: dict[int, tuple[float, str, bool, Element | None]],
    elements: dict[tuple[int, int], Element],
) -> _Char:
    text = chr(raw.FPDFText_GetUnicode(textpage.raw, index))
    obj = raw.FPDFText_GetTextObject(textpage.raw, index)
    address = ctypes.cast(obj, ctypes.c_void_p).value if obj else None
    if address is None or raw.FPDFText_IsGenerated(textpage.raw, index) == 1:
        return _Char(text, None, 0.0, "", False, None)
    if address not in objects:
        objects[address] = _object_facts(textpage, index, obj, number, elements)
    size, font, artifact, element = objects[address]
    box = None
    if not text.isspace():
        left, right = ctypes.c_double(), ctypes.c_double()
        bottom, top = ctypes.c_double(), ctypes.c_double()
        raw.FPDFText_GetCharBox(textpage.raw, index, left, right, bottom, top)
        box = Box(left.value, height - top.value, right.value, height - bottom.value)
    return _Char(text, box, size, font, artifact, element)


def _object_facts(
    textpage: pdfium.PdfTextPage,
    index: int,
    obj: object,
    number: int,
    elements: dict[tuple[int, int], Element],
) -> tuple[float, str, bool, Element | None]:
    # The size as printed: the font size times the scale of the object's matrix (which
    # carries the page's CTM: WeasyPrint draws in CSS pixels, 0.75 pt each).
    matrix = raw.FS_MATRIX()
    raw.FPDFPageObj_GetMatrix(obj, matrix)
    scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
    size = round(raw.FPDFText_GetFontSize(textpage.raw, index) * scale, 2)
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    raw.FPDFText_GetFontInfo(textpage.raw, index, buffer, 256, flags)
    font = buffer.value.decode("utf-8", "replace").split("+", 1)[-1]
    marks = [mark_name(raw.FPDFPageObj_GetMark(obj, i)) for i in range(_count_marks(obj))]
    mcid = raw.FPDFPageObj_GetMarkedContentID(obj)
    element = elements.get((number, mcid)) if mcid >= 0 else None
    return size, font, "Artifact" in marks, element


def _count_marks(obj: object) -> int:
    return int(raw.FPDFPageObj_CountMarks(obj))


def _starts_new_line(line: _LineBuilder, char: _Char) -> bool:
    """pdfium marks most line ends itself; this catches text side by side (a rail beside
    the column, a label beside its value) that it would run together. The characters of
    a ligature ("ffi") share one glyph's box, so a small step back is the same line."""
    assert char.box is not None
    last = next((c for c in reversed(line.chars) if c.box is not None), None)
    if last is None or last.box is None:
        return False
    em = max(char.size, last.size, 1.0)
    gap = char.box.left - last.box.right
    baseline_moved = abs(char.box.bottom - last.box.bottom) > 0.6 * em
    return gap > 1.5 * em or gap < -1.5 * em or (baseline_moved and gap > 0.5 * em)


def _finish(builder: _LineBuilder, number: int) -> Line | None:
    box = builder.box()
    printed = [char for char in builder.chars if char.box is not None]
    if box is None or not printed:
        return None
    text = "".join(char.text for char in builder.chars).strip()
    size = Counter(char.size for char in printed).most_common(1)[0][0]
    font = Counter(char.font for char in printed).most_common(1)[0][0]
    artifact = all(char.artifact for char in printed)
    blocks = [char.element for char in printed if char.element is not None]
    element = Counter(blocks).most_common(1)[0][0] if blocks else None
    return Line(number, text, box, size, font, artifact, element)


def _join_split_lines(lines: list[Line]) -> list[Line]:
    """pdfium ends a line where a superscript (a footnote mark) lifts the baseline; join
    what follows on the same line back to it."""
    joined: list[Line] = []
    for line in lines:
        previous = joined[-1] if joined else None
        if previous is not None and _same_visual_line(previous, line):
            gap = line.box.left - previous.box.right
            text = previous.text + (" " if gap > 0.15 * line.size else "") + line.text
            box = Box(
                previous.box.left,
                min(previous.box.top, line.box.top),
                line.box.right,
                max(previous.box.bottom, line.box.bottom),
            )
            joined[-1] = replace(
                previous, text=text, box=box, element=previous.element or line.element
            )
        else:
            joined.append(line)
    return joined


def _same_visual_line(first: Line, second: Line) -> bool:
    if first.artifact != second.artifact or first.size != second.size:
        return False
    if first.element and second.element and first.element.key != second.element.key:
        return False
    gap = second.box.left - first.box.right
    overlap = min(first.box.bottom, second.box.bottom) - max(first.box.top, second.box.top)
    return -0.5 * first.size < gap < 1.5 * first.size and overlap > 0.5 * min(
        first.box.height, second.box.height
    )


# ---------- pictures ----------


def _pictures(page: pdfium.PdfPage, height: float) -> tuple[Box, ...]:
    found = []
    for image in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=8):
        left, bottom, right, top = image.get_bounds()
        found.append(Box(left, height - top, right, height - bottom))
    return tuple(found)


# ---------- structure ----------


def _elements_by_mcid(path: Path) -> dict[tuple[int, int], Element]:
    """(page, MCID) → the block-level structure element that marked content belongs to."""
    found: dict[tuple[int, int], Element] = {}
    with pikepdf.open(path) as pdf:
        if "/StructTreeRoot" not in pdf.Root:
            return found
        pages = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}

        def walk(
            node: pikepdf.Object, page: int | None, ancestors: tuple[str, ...], block: Element
        ) -> None:
            if isinstance(node, pikepdf.Array):
                for item in node:
                    walk(item, page, ancestors, block)
            elif isinstance(node, int):
                found[(page or 0, int(node))] = block
            elif isinstance(node, pikepdf.Dictionary):
                if "/Pg" in node:
                    page = pages.get(node.Pg.objgen, page)
                if node.get("/Type") == "/MCR" and "/MCID" in node:
                    found[(page or 0, int(node.MCID))] = block
                elif "/S" in node:
                    tag = str(node.S)[1:]
                    inner = block
                    if tag not in INLINE_TAGS:
                        inner = Element(tag, ancestors, node.objgen)
                    walk(node.get("/K", pikepdf.Array()), page, (*ancestors, tag), inner)

        root = Element("StructTreeRoot", (), (0, 0))
        walk(pdf.Root.StructTreeRoot.get("/K", pikepdf.Array()), None, (), root)
    return found
