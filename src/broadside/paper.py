"""Paper and page sizes: the one place they are defined. Sheets use relative measures around them.

`Paper` is the sheet a user prints on (`--paper`). Most outputs fill a whole sheet; a
handout's page is a part of one: a booklet's page is half a sheet, folded; an n-up copy is
one slot of a sheet cut into two or four. Each is a `PageSize`, laid out at its own size so
its type is printed at the size it was set, never shrunk.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from broadside import css

# An n-up sheet: most printers cannot print the outer ~4 mm, so the copies keep clear of it
# and the cut marks sit in that margin; a slightly-off cut never shows a sliver of the next
# copy across the gutter.
SHEET_MARGIN_MM = 10.0
GUTTER_MM = 6.0
# A copy's colours run this far past its cut, into the gutter: a cut a little off never
# leaves a white edge on a band that runs to the edge.
COPY_BLEED_MM = GUTTER_MM / 2


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"

    @property
    def size_mm(self) -> tuple[float, float]:
        return {Paper.A4: (210.0, 297.0), Paper.LETTER: (215.9, 279.4)}[self]

    @property
    def label(self) -> str:
        return {Paper.A4: "A4", Paper.LETTER: "US Letter"}[self]


@dataclass(frozen=True)
class PageSize:
    """A page's finished (trimmed) size, and what to call it in messages."""

    width_mm: float
    height_mm: float
    label: str  # "A4", "A5", "a 4-up copy (92 × 135.5 mm)"
    name: str  # a class for templates: "a4", "letter", "half-a4", "copy-4-a4"
    sheet: Paper  # the paper it is printed on

    @property
    def size_mm(self) -> tuple[float, float]:
        return self.width_mm, self.height_mm

    @property
    def whole(self) -> bool:
        """Whether this page is the whole sheet."""
        return self.size_mm == self.sheet.size_mm


def whole_sheet(paper: Paper) -> PageSize:
    width, height = paper.size_mm
    return PageSize(width, height, paper.label, paper.value, paper)


def half_sheet(paper: Paper) -> PageSize:
    """A booklet's page: the sheet folded in half (A5 on A4, 5.5 × 8.5 in on US Letter)."""
    width, height = paper.size_mm
    label = {Paper.A4: "A5", Paper.LETTER: "5.5 × 8.5 in"}[paper]
    return PageSize(height / 2, width, label, f"half-{paper.value}", paper)  # the sheet turned


@dataclass(frozen=True)
class Grid:
    """How n-up copies sit on a sheet."""

    columns: int
    rows: int
    landscape: bool  # the sheet turned, so two copies of a portrait page stand side by side

    def sheet_mm(self, paper: Paper) -> tuple[float, float]:
        width, height = paper.size_mm
        return (height, width) if self.landscape else (width, height)


def n_up_grid(copies: int) -> Grid:
    """Two copies side by side on a landscape sheet, four in 2 × 2 on a portrait one."""
    grids = {2: Grid(2, 1, landscape=True), 4: Grid(2, 2, landscape=False)}
    if copies not in grids:
        raise ValueError(f"copies per sheet must be 2 or 4, not {copies}")
    return grids[copies]


def copy_of(paper: Paper, copies: int) -> PageSize:
    """One copy's page on a sheet of `copies`: all the room inside the margins and gutters."""
    grid = n_up_grid(copies)
    sheet_width, sheet_height = grid.sheet_mm(paper)
    width = (sheet_width - 2 * SHEET_MARGIN_MM - (grid.columns - 1) * GUTTER_MM) / grid.columns
    height = (sheet_height - 2 * SHEET_MARGIN_MM - (grid.rows - 1) * GUTTER_MM) / grid.rows
    width, height = round(width, 2), round(height, 2)
    label = f"{copies}-up copy on {paper.label} ({width:g} × {height:g} mm)"
    return PageSize(width, height, label, f"copy-{copies}-{paper.value}", paper)


def page_css(page: Paper | PageSize) -> str:
    """The page-size rule every output shares."""
    width, height = page.size_mm
    return f"@page {{ size: {css.length(width, 'mm')} {css.length(height, 'mm')}; }}\n"
