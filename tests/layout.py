"""Reading a PDF's layout as a designer checks it: lines, where they sit, how full pages are.

Positions come from pypdfium2 (the engine of Chrome's viewer), in millimetres from the top
left of the page, so a test reads like a ruler held against the printed sheet.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

MM = 72 / 25.4
BODY_SIZE = 14.0  # 10.5 pt in the CSS px WeasyPrint draws in
HYPHENS = "\u2010\u00ad\x02-"  # pdfium reads some as \x02; the hyphen last, a literal


@dataclass(frozen=True)
class Line:
    """One line of text as printed: its words, box (mm from the top left) and face."""

    page: int  # 1-based
    text: str
    left: float
    top: float
    right: float
    bottom: float
    font: str  # the face's name without its subset tag: "Source-Serif-4", "IBM-Plex-Sans-Bold"
    size: float  # in the PDF's own units (WeasyPrint draws in CSS px: 10.5 pt is 14)

    @property
    def serif(self) -> bool:
        return self.font.startswith("Source-Serif")

    @property
    def hyphenated(self) -> bool:
        """Ends in a word broken at the line's end (a hyphen after a letter)."""
        return bool(re.search(rf"\w[{HYPHENS}]$", self.text))


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    width: float  # mm
    height: float
    lines: tuple[Line, ...]
    pictures: tuple[tuple[float, float, float, float], ...]  # (left, top, right, bottom) mm

    def within(self, top: float, bottom: float) -> tuple[Line, ...]:
        """The lines between `top` and `bottom` mm: the page area, without heads and feet."""
        return tuple(line for line in self.lines if line.top >= top and line.bottom <= bottom)

    def lowest(self, top: float, bottom: float) -> float | None:
        """How far down the page area the last line or picture reaches (mm from the top)."""
        ends = [line.bottom for line in self.within(top, bottom)]
        ends += [box[3] for box in self.pictures if box[1] >= top - 1 and box[3] <= bottom + 1]
        return max(ends) if ends else None


def pages(path: Path) -> list[Page]:
    document = pdfium.PdfDocument(path)
    try:
        return [_read(number, page) for number, page in enumerate(document, start=1)]
    finally:
        document.close()


def _read(number: int, page: pdfium.PdfPage) -> Page:
    width, height = page.get_size()
    text = page.get_textpage()
    segments = []
    for index in range(text.count_rects()):
        left, bottom, right, top = text.get_rect(index)
        words = text.get_text_bounded(left, bottom, right, top).strip()
        if not words:
            continue
        char = text.get_index((left + right) / 2, (bottom + top) / 2, 3, 3)
        font, size = _font(text, char)
        segments.append((height - top, height - bottom, left, right, words, font, size))
    lines: list[list] = []
    for segment in sorted(segments, key=lambda s: (s[2], s[0])):
        top, bottom, left, right, words, font, size = segment
        middle = (top + bottom) / 2
        # The same line: the middle inside its height, starting where it ends (a word space on).
        line = next(
            (
                line
                for line in lines
                if line[0] <= middle <= line[1] and line[3] - 1 <= left <= line[3] + 0.6 * size
            ),
            None,
        )
        if line is None:
            lines.append(list(segment))
            continue
        joiner = "" if words[0] in ",.;:)" or line[4].endswith(("(", " ")) else " "
        line[0], line[1], line[3] = min(top, line[0]), max(bottom, line[1]), right
        line[4] += joiner + words
        line[6] = max(size, line[6])
    lines.sort(key=lambda line: (round(line[0], 1), line[2]))
    pictures = []
    for item in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4):
        left, bottom, right, top = item.get_bounds()
        pictures.append((left / MM, (height - top) / MM, right / MM, (height - bottom) / MM))
    return Page(
        number,
        width / MM,
        height / MM,
        tuple(
            Line(number, w, le / MM, t / MM, r / MM, b / MM, f, s) for t, b, le, r, w, f, s in lines
        ),
        tuple(pictures),
    )


def _font(text: pdfium.PdfTextPage, index: int | None) -> tuple[str, float]:
    if index is None or index < 0:
        return "", 0.0
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(text, index, buffer, 256, ctypes.byref(flags))
    name = buffer.value.decode("latin-1").split("+", 1)[-1].rstrip(",")
    return name, float(pdfium_c.FPDFText_GetFontSize(text, index))


def body_lines(found: list[Page], top: float, bottom: float) -> list[Line]:
    """Lines of reading text: the serif at the body's size (10.5 pt), inside the page area."""
    return [
        line
        for page in found
        for line in page.within(top, bottom)
        if line.serif and abs(line.size - BODY_SIZE) < 0.2
    ]


def hyphenation(lines: list[Line]) -> tuple[float, int]:
    """The share of lines that end hyphenated, and the longest run of them in a row."""
    if not lines:
        return 0.0, 0
    run = longest = 0
    for line in lines:
        run = run + 1 if line.hyphenated else 0
        longest = max(longest, run)
    return sum(line.hyphenated for line in lines) / len(lines), longest
