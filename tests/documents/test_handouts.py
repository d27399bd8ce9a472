"""Handouts: copies per sheet with cut marks, and the brief as a saddle-stitched booklet.

Imposition is tested on real one-page PDFs rendered by WeasyPrint through the Engine (a
flyer stands in), and the booklet on the seed's brief; pages are read back as a printer
would see them: sheet sizes, what is placed where, and rendered pixels.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops

from broadside.content.loader import load_campaign
from broadside.documents.registry import outputs_for
from broadside.fonts.faces import font_face_css
from broadside.html.stylesheets import Stylesheet
from broadside.options import BuildOptions
from broadside.paper import Paper, page_css
from broadside.pdf.imposition import booklet, booklet_order, n_up
from broadside.pdf.settings import PdfSettings
from broadside.resources import STYLES
from tests.conftest import SEED_CONTENT, run_cli
from tests.printing import make, print_html
from tests.reading import page_texts

MM = 72 / 25.4
BLUE = (31, 111, 235)


def sheets(css: str) -> tuple[Stylesheet, ...]:
    # Only our fonts exist for the engine (an empty fontconfig): they must be declared.
    return (Stylesheet("fonts", font_face_css(), STYLES), Stylesheet("test", css, STYLES))


def render_one_page(tmp_path: Path, paper: Paper) -> bytes:
    """A flyer-like page: a full-bleed colour field and a headline, through the real engine."""
    html = '<html lang="en"><title>Handout</title><body><h1>Stop the sale</h1></body></html>'
    css = page_css(paper) + (
        "@page { margin: 0; background: rgb(31, 111, 235) }"
        "h1 { margin: 40mm 20mm; font: 700 40pt 'IBM Plex Sans'; color: white }"
    )
    printed = print_html(tmp_path, html, sheets(css))
    assert printed.pages == 1 and printed.pdf is not None
    return printed.pdf


@pytest.fixture(scope="module")
def flyer_a4(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return render_one_page(tmp_path_factory.mktemp("flyer"), Paper.A4)


def first_sheet(pdf: bytes) -> tuple[pikepdf.Pdf, pikepdf.Page]:
    document = pikepdf.open(io.BytesIO(pdf))
    return document, document.pages[0]


def placements(page: pikepdf.Page) -> list[tuple[str, list[float]]]:
    """(XObject name, its cm matrix) for every form drawn on the page."""
    found = []
    matrix: list[float] = []
    for operands, operator in pikepdf.parse_content_stream(page):
        if str(operator) == "cm":
            matrix = [float(value) for value in operands]
        elif str(operator) == "Do":
            found.append((str(operands[0]), matrix))
    return found


def runs(flags: list[bool]) -> list[tuple[int, int]]:
    """(start, length) of each stretch of True."""
    found: list[tuple[int, int]] = []
    start = None
    for index, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            found.append((start, index - start))
            start = None
    return found


class Mask:
    """Which pixels of a rendered page match, as 0/1 bytes, with row and column projections."""

    def __init__(self, gray: Image.Image, test: Callable[[int], bool]) -> None:
        self.width, self.height = gray.size
        self.bits = gray.point(lambda value: 1 if test(value) else 0).tobytes()

    def crop(self, left: int, top: int, right: int, bottom: int) -> Mask:
        crop = Mask.__new__(Mask)
        crop.width, crop.height = right - left, bottom - top
        crop.bits = b"".join(
            self.bits[y * self.width + left : y * self.width + right] for y in range(top, bottom)
        )
        return crop

    def columns(self) -> list[bool]:
        return [any(self.bits[x :: self.width]) for x in range(self.width)]

    def rows(self) -> list[bool]:
        return [any(self.bits[y * self.width : (y + 1) * self.width]) for y in range(self.height)]


def blue(image: Image.Image) -> Mask:
    """The test page's colour field: every channel within 40 of it."""
    difference = ImageChops.difference(image, Image.new("RGB", image.size, BLUE))
    return Mask(_channel_max(difference), lambda value: value < 40)


def ink(image: Image.Image) -> Mask:
    """Anything printed on white paper, down to an anti-aliased hairline."""
    red, green, blue_ = image.split()
    return Mask(ImageChops.darker(ImageChops.darker(red, green), blue_), lambda v: v < 235)


def black(image: Image.Image) -> Mask:
    return Mask(_channel_max(image), lambda value: value < 120)


def _channel_max(image: Image.Image) -> Image.Image:
    red, green, blue_ = image.split()
    return ImageChops.lighter(ImageChops.lighter(red, green), blue_)


def render(pdf: bytes, page: int = 0, dpi: float = 72) -> Image.Image:
    document = pdfium.PdfDocument(pdf)
    try:
        return document[page].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        document.close()


@pytest.mark.parametrize(
    ("copies", "paper", "landscape", "grid"),
    [
        (2, Paper.A4, True, (2, 1)),
        (4, Paper.A4, False, (2, 2)),
        (2, Paper.LETTER, True, (2, 1)),
        (4, Paper.LETTER, False, (2, 2)),
    ],
)
def test_n_up_places_copies_on_one_sheet_with_cut_marks(
    tmp_path: Path, copies: int, paper: Paper, landscape: bool, grid: tuple[int, int]
) -> None:
    flyer = render_one_page(tmp_path, paper)
    imposed = n_up(flyer, paper, copies)
    document, page = first_sheet(imposed)
    width_mm, height_mm = paper.size_mm
    sheet_w, sheet_h = (height_mm, width_mm) if landscape else (width_mm, height_mm)
    assert len(document.pages) == 1
    assert [round(float(v) / MM) for v in page.mediabox] == [0, 0, round(sheet_w), round(sheet_h)]

    # Every copy is the same form, stored once, drawn `copies` times at one scale: as large
    # as fits inside 10 mm margins with 6 mm gutters.
    placed = placements(page)
    assert len(placed) == copies and len({name for name, _ in placed}) == 1
    assert len(page.Resources.XObject) == 1
    columns, rows = grid
    expected = min(
        (sheet_w - 20 - 6 * (columns - 1)) / columns / width_mm,
        (sheet_h - 20 - 6 * (rows - 1)) / rows / height_mm,
    )
    assert {round(matrix[0], 4) for _, matrix in placed} == {round(expected, 4)}

    # Rendered: the colour fields form a `columns` × `rows` grid of copies of the right size.
    image = render(imposed, dpi=100)
    px_per_mm = 100 / 25.4
    blue_field = blue(image)
    column_runs, row_runs = runs(blue_field.columns()), runs(blue_field.rows())
    assert len(column_runs) == columns and len(row_runs) == rows
    for _, length in column_runs:
        assert abs(length / px_per_mm - width_mm * expected) < 1.5
    for _, length in row_runs:
        assert abs(length / px_per_mm - height_mm * expected) < 1.5

    # Cut marks: hairlines in the margins, in line with every cut, and nothing over a copy.
    printed = ink(image)
    top_margin = printed.crop(0, 0, printed.width, row_runs[0][0] - 2)
    marks_x = [start + length / 2 for start, length in runs(top_margin.columns())]
    cuts_x = sorted(x for start, length in column_runs for x in (start, start + length))
    assert len(marks_x) == len(cuts_x) and all(
        abs(mark - cut) <= 2 for mark, cut in zip(marks_x, cuts_x, strict=True)
    )
    left_margin = printed.crop(0, 0, column_runs[0][0] - 2, printed.height)
    marks_y = [start + length / 2 for start, length in runs(left_margin.rows())]
    cuts_y = sorted(y for start, length in row_runs for y in (start, start + length))
    assert len(marks_y) == len(cuts_y) and all(
        abs(mark - cut) <= 2 for mark, cut in zip(marks_y, cuts_y, strict=True)
    )
    dark = black(image)
    for x, length in column_runs:
        for y, height in row_runs:
            assert not any(dark.crop(x + 2, y + 2, x + length - 2, y + height - 2).bits)


def test_n_up_leaves_the_bleed_off(tmp_path: Path) -> None:
    """A print-shop flyer (bleed, marks) is imposed at its trim size: no marks inside."""
    html = '<html lang="en"><title>T</title><body><p>x</p></body></html>'
    css = page_css(Paper.A4) + "@page { margin: 0; background: rgb(31, 111, 235) }"
    printed = print_html(tmp_path, html, sheets(css), PdfSettings(bleed_mm=3, marks=True))
    assert printed.pdf is not None
    imposed = n_up(printed.pdf, Paper.A4, 4)
    field = blue(render(imposed, dpi=100))
    scale = (210 - 20 - 6) / 2 / 210
    for _, length in runs(field.columns()):
        assert abs(length / (100 / 25.4) - 210 * scale) < 1.5  # the trim width, scaled


def test_n_up_takes_one_page(seed_build: Path) -> None:
    with pytest.raises(ValueError, match="one-page"):
        n_up((seed_build / "brief.pdf").read_bytes(), Paper.A4, 2)


@pytest.mark.parametrize("pages", range(1, 10))
def test_booklet_order_folds_into_reading_order(pages: int) -> None:
    sides = booklet_order(pages)
    padded = len(sides) * 2
    assert padded % 4 == 0 and pages <= padded < pages + 4
    placed = [number for side in sides for number in side if number is not None]
    assert sorted(placed) == list(range(1, pages + 1))
    # Stacked, folded and read: sheet k's front carries the k-th page from each end.
    for sheet_index in range(len(sides) // 2):
        front, back = sides[2 * sheet_index], sides[2 * sheet_index + 1]
        outer = 2 * sheet_index
        expected_front = (padded - outer, outer + 1)
        expected_back = (outer + 2, padded - outer - 1)
        assert front == tuple(n if n <= pages else None for n in expected_front)
        assert back == tuple(n if n <= pages else None for n in expected_back)


def test_booklet_order_for_eight_pages() -> None:
    assert booklet_order(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]


def half_pages(pdf: bytes, side: int) -> tuple[int | None, int | None]:
    """Which brief page sits on the left and right half of a booklet side (footer or cover)."""
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[side]
        width, height = page.get_size()
        text = page.get_textpage()
        found: list[int | None] = []
        for left in (0, width / 2):
            half = text.get_text_bounded(left + 2, 0, left + width / 2 - 2, height)
            match = re.search(r"Page (\d+) of", half)
            if match:
                found.append(int(match.group(1)))
            elif "CAMPAIGNBRIEF" in re.sub(r"\s", "", half).upper():
                found.append(1)  # the cover has no footer
            else:
                assert not half.strip(), half[:80]
                found.append(None)
        return found[0], found[1]
    finally:
        document.close()


@pytest.fixture(scope="module")
def seed_handouts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("handouts")
    result = run_cli("build", SEED_CONTENT, "--out", out, "--handouts")
    assert result.exit_code == 0, result.output
    assert "brief-booklet.pdf" in result.output
    return out


def test_the_brief_becomes_a_saddle_stitched_booklet(seed_handouts: Path) -> None:
    data = (seed_handouts / "brief-booklet.pdf").read_bytes()
    with pikepdf.open(seed_handouts / "brief.pdf") as brief:
        pages = len(brief.pages)
    assert pages == 6
    with pikepdf.open(seed_handouts / "brief-booklet.pdf") as imposed:
        assert len(imposed.pages) == 4  # 6 pages padded to 8: two sheets, both sides
        for side in imposed.pages:
            width, height = (float(v) for v in side.mediabox[2:])
            assert (round(width / MM), round(height / MM)) == (297, 210)  # landscape A4
            # A4 halves are A5: pages go in at exactly 1/√2, meeting at the fold.
            for _, matrix in placements(side):
                assert abs(matrix[0] - 2**-0.5) < 0.001
    order = [half_pages(data, side) for side in range(4)]
    assert order == [(None, 1), (2, None), (6, 3), (4, 5)]


def test_booklet_on_letter_paper(tmp_path: Path, seed_build_letter: Path) -> None:
    imposed = booklet((seed_build_letter / "brief.pdf").read_bytes(), Paper.LETTER)
    with pikepdf.open(io.BytesIO(imposed)) as document:
        for side in document.pages:
            assert [round(float(v)) for v in side.mediabox] == [0, 0, 792, 612]


def test_handouts_are_made_only_when_asked_for() -> None:
    plain = [output.name for output in outputs_for(BuildOptions())]
    asked = [output.name for output in outputs_for(BuildOptions(handouts=True))]
    assert plain == ["brief.pdf", "flyer.pdf"]
    assert asked == [*plain, "brief-booklet.pdf", "flyer-2up.pdf", "flyer-4up.pdf"]


def test_flyer_sheets_hold_their_copies_untagged() -> None:
    campaign = load_campaign(SEED_CONTENT)
    for name, copies in (("flyer-2up.pdf", 2), ("flyer-4up.pdf", 4)):
        made, _ = make(name, campaign, BuildOptions(handouts=True))
        (sheet,) = made.artifacts
        document, page = first_sheet(sheet.data)
        assert len(placements(page)) == copies and sheet.pages == 1
        assert "/StructTreeRoot" not in document.Root


def test_the_seed_flyer_is_imposed_two_and_four_up(seed_handouts: Path) -> None:
    for name, copies, landscape in (("flyer-2up.pdf", 2, True), ("flyer-4up.pdf", 4, False)):
        with pikepdf.open(seed_handouts / name) as imposed:
            assert len(imposed.pages) == 1
            sheet = imposed.pages[0]
            width, height = (float(v) for v in sheet.mediabox[2:])
            assert (round(width / MM), round(height / MM)) == (
                (297, 210) if landscape else (210, 297)
            )
            assert len(placements(sheet)) == copies
        text = page_texts(seed_handouts / name)[0]
        assert text.count("Stop selling facial recognition") == copies, name
