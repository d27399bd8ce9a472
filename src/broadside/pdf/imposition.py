"""Imposition: finished pages placed on printer's sheets, for handouts and booklets.

Each source page becomes a form XObject (drawn from its TrimBox, so any bleed is left off)
and is placed, scaled, on new sheets. A page used many times is stored once, so four copies
of a flyer cost hardly more than one.

- `n_up`: copies of a one-page PDF on one sheet, with cut marks in the sheet's margins.
  Two copies go side by side on a landscape sheet and four in a 2×2 grid on a portrait
  one (paper.py: `n_up_grid`); this way they read upright on screen too. A page made at a
  copy's size (paper.py: `copy_of`) is placed as it is; any other is scaled to fit.
- `booklet`: a multi-page PDF imposed for saddle stitching: two pages per landscape side,
  in folding order, padded with blank pages to a multiple of four. Print double-sided,
  flipping on the short edge, fold the stack in half and staple along the fold. Pages made
  at half the sheet (paper.py: `half_sheet`) are placed as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

import pikepdf

from broadside.paper import GUTTER_MM, SHEET_MARGIN_MM, Paper, n_up_grid
from broadside.pdf.finishing import save
from broadside.pdf.settings import MM

SHEET_MARGIN = SHEET_MARGIN_MM * MM
GUTTER = GUTTER_MM * MM
MARK_GAP = 2 * MM  # cut marks start this far outside the copies
MARK_LENGTH = 5 * MM
MARK_WIDTH = 0.3  # points


@dataclass(frozen=True)
class Box:
    left: float
    bottom: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def top(self) -> float:
        return self.bottom + self.height


def n_up(pdf: bytes, paper: Paper, copies: int, *, bleed: bool = False) -> bytes:
    """`copies` (2 or 4) of a one-page PDF on one sheet of `paper`, with cut marks.

    With `bleed`, each copy is drawn with its bleed (up to half the gutter), so a colour that
    runs to a copy's edge runs past the cut and a cut a little off leaves no white edge; the
    cut marks start beyond it.
    """
    grid = n_up_grid(copies)
    columns, rows = grid.columns, grid.rows
    sheet_width, sheet_height = grid.sheet_mm(paper)
    sheet = (sheet_width * MM, sheet_height * MM)
    with pikepdf.open(BytesIO(pdf)) as source:
        if len(source.pages) != 1:
            raise ValueError(f"n-up takes a one-page PDF, not {len(source.pages)} pages")
        out = _new_like(source)
        form, (page_width, page_height), past = _form(out, source.pages[0], bleed=bleed)
        scale = min(
            1.0,  # a page made at the copy's size goes in as it is, never enlarged
            (sheet[0] - 2 * SHEET_MARGIN - (columns - 1) * GUTTER) / columns / page_width,
            (sheet[1] - 2 * SHEET_MARGIN - (rows - 1) * GUTTER) / rows / page_height,
        )
        copy_width, copy_height = page_width * scale, page_height * scale
        left = (sheet[0] - columns * copy_width - (columns - 1) * GUTTER) / 2
        bottom = (sheet[1] - rows * copy_height - (rows - 1) * GUTTER) / 2
        slots = [
            Box(
                left + column * (copy_width + GUTTER),
                bottom + row * (copy_height + GUTTER),
                copy_width,
                copy_height,
            )
            for row in reversed(range(rows))  # top row first: the order a reader expects
            for column in range(columns)
        ]
        marks = _cut_marks(slots, sheet, gap=max(MARK_GAP, past * scale + 1 * MM))
        content = b"".join(_place(slot, scale) for slot in slots) + marks
        _add_sheet(out, sheet, content, {"/Page": form})
        return save(out)


def booklet_order(pages: int) -> list[tuple[int | None, int | None]]:
    """(left, right) page numbers of each sheet side, 1-based; None is a blank.

    For N pages padded to P (a multiple of four): [P, 1], [2, P-1], [P-2, 3], [4, P-3], …
    """
    padded = -(-pages // 4) * 4

    def real(number: int) -> int | None:
        return number if number <= pages else None

    sides = []
    for sheet in range(padded // 4):
        outer, inner = 2 * sheet, 2 * sheet + 1
        sides.append((real(padded - outer), real(outer + 1)))  # front
        sides.append((real(inner + 1), real(padded - inner)))  # back
    return sides


def booklet(pdf: bytes, paper: Paper) -> bytes:
    """The pages imposed for saddle stitching on landscape sides of `paper`."""
    width, height = _paper_points(paper)
    sheet = (height, width)  # landscape: two portrait pages side by side
    half = sheet[0] / 2
    with pikepdf.open(BytesIO(pdf)) as source:
        out = _new_like(source)
        forms = [_form(out, page) for page in source.pages]
        for left, right in booklet_order(len(forms)):
            content = b""
            resources = {}
            for number, is_left in ((left, True), (right, False)):
                if number is None:
                    continue
                form, (page_width, page_height), _ = forms[number - 1]
                scale = min(1.0, half / page_width, sheet[1] / page_height)
                # Pages meet at the fold; centred top to bottom.
                x = half - page_width * scale if is_left else half
                y = (sheet[1] - page_height * scale) / 2
                name = f"/P{number}"
                slot = Box(x, y, page_width * scale, page_height * scale)
                content += _place(slot, scale, name)
                resources[name] = form
            _add_sheet(out, sheet, content, resources)
        return save(out)


def _paper_points(paper: Paper) -> tuple[float, float]:
    width, height = paper.size_mm
    return width * MM, height * MM


def _new_like(source: pikepdf.Pdf) -> pikepdf.Pdf:
    out = pikepdf.new()
    if "/Title" in source.docinfo:
        out.docinfo["/Title"] = source.docinfo["/Title"]
    if "/Lang" in source.Root:
        out.Root.Lang = source.Root.Lang
    return out


def _form(
    out: pikepdf.Pdf, page: pikepdf.Page, *, bleed: bool = False
) -> tuple[pikepdf.Object, tuple[float, float], float]:
    """The page as a form XObject in `out`, clipped to its TrimBox (or its BleedBox, up to
    half the gutter, with `bleed`), the trim's size, and how far past the trim it reaches."""
    trim = [float(value) for value in page.obj.get("/TrimBox", page.mediabox)]
    clip, past = trim, 0.0
    if bleed and "/BleedBox" in page.obj:
        box = [float(value) for value in page.obj.BleedBox]
        reach = (trim[0] - box[0], trim[1] - box[1], box[2] - trim[2], box[3] - trim[3])
        past = max(0.0, min(GUTTER / 2, *reach))
        clip = [trim[0] - past, trim[1] - past, trim[2] + past, trim[3] + past]
    form = page.as_form_xobject()
    form.BBox = pikepdf.Array(clip)
    for key in ("/StructParents", "/StructParent"):  # the structure tree stays behind
        if key in form:
            del form[key]
    copied = out.copy_foreign(form)
    # Place the trim's lower-left corner at the origin, whatever the source's bleed.
    copied.Matrix = pikepdf.Array([1, 0, 0, 1, -trim[0], -trim[1]])
    return copied, (trim[2] - trim[0], trim[3] - trim[1]), past


def _place(slot: Box, scale: float, name: str = "/Page") -> bytes:
    return (
        f"q {scale:.6f} 0 0 {scale:.6f} {slot.left:.3f} {slot.bottom:.3f} cm {name} Do Q\n"
    ).encode()


def _cut_marks(slots: list[Box], sheet: tuple[float, float], gap: float = MARK_GAP) -> bytes:
    """Hairlines in the sheet's margins, in line with every cut: none over a copy."""
    xs = sorted({x for slot in slots for x in (slot.left, slot.right)})
    ys = sorted({y for slot in slots for y in (slot.bottom, slot.top)})
    low_x, high_x = min(xs), max(xs)
    low_y, high_y = min(ys), max(ys)
    lines = []
    for x in xs:
        lines.append((x, low_y - gap, x, low_y - gap - MARK_LENGTH))
        lines.append((x, high_y + gap, x, high_y + gap + MARK_LENGTH))
    for y in ys:
        lines.append((low_x - gap, y, low_x - gap - MARK_LENGTH, y))
        lines.append((high_x + gap, y, high_x + gap + MARK_LENGTH, y))
    ops = [f"q 0 0 0 RG {MARK_WIDTH:g} w 0 J"]
    ops += [f"{x1:.3f} {y1:.3f} m {x2:.3f} {y2:.3f} l S" for x1, y1, x2, y2 in lines]
    ops.append("Q\n")
    return "\n".join(ops).encode()


def _add_sheet(
    out: pikepdf.Pdf,
    sheet: tuple[float, float],
    content: bytes,
    xobjects: dict[str, pikepdf.Object],
) -> None:
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=pikepdf.Array([0, 0, round(sheet[0], 3), round(sheet[1], 3)]),
        Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(xobjects)),
        Contents=pikepdf.Stream(out, content),
    )
    out.pages.append(pikepdf.Page(page))
