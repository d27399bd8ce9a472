"""Handouts: copies per sheet with cut marks, and the brief as a saddle-stitched booklet.

Imposition is tested on real one-page PDFs rendered by WeasyPrint through the Engine (a
flyer stands in), and the booklet on the seed's brief; pages are read back as a printer
would see them: sheet sizes, what is placed where, and rendered pixels.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image, ImageChops

from broadside.content.loader import load_campaign
from broadside.documents.flyer import campaign_qr, geometry
from broadside.documents.registry import outputs_for
from broadside.fonts.faces import font_face_css
from broadside.html.stylesheets import Stylesheet
from broadside.options import BuildOptions
from broadside.paper import Paper, copy_of, page_css, whole_sheet
from broadside.pdf.imposition import booklet, booklet_order, n_up
from broadside.pdf.settings import PdfSettings
from broadside.resources import STYLES
from tests.conftest import REPO, SEED_CONTENT, run_cli
from tests.printing import make, print_html
from tests.reading import glyphs, page_texts

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


# ---------- the booklet: the brief laid out again on half a sheet ----------


def folio(text: str) -> int | None:
    """The page number printed alone at the foot of a booklet page, if any."""
    numbers = re.findall(r"^\s*(\d+)\s*$", text, flags=re.MULTILINE)
    return int(numbers[-1]) if numbers else None


def half_pages(pdf: bytes, side: int) -> tuple[int | None, int | None]:
    """Which booklet page sits on the left and right half of a sheet side (its folio, or
    the cover's kicker), or None for a blank."""
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[side]
        width, height = page.get_size()
        text = page.get_textpage()
        found: list[int | None] = []
        for left in (0, width / 2):
            whole = text.get_text_bounded(left + 2, 0, left + width / 2 - 2, height)
            foot = text.get_text_bounded(left + 2, 0, left + width / 2 - 2, 19 * MM)
            if "CAMPAIGNBRIEF" in re.sub(r"\s", "", whole).upper():
                found.append(1)  # the cover has no folio
            elif (number := folio(foot)) is not None:
                found.append(number)
            else:
                assert not whole.strip(), whole[:80]
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


@pytest.fixture(scope="module")
def booklet_pages() -> dict[Paper, bytes]:
    """The seed's booklet pages before they are imposed, on each paper."""
    pages = {}
    for paper in (Paper.A4, Paper.LETTER):
        made, (printed,) = make(
            "brief-booklet.pdf", load_campaign(SEED_CONTENT), BuildOptions(paper, handouts=True)
        )
        assert printed.pdf is not None and made.artifacts
        pages[paper] = printed.pdf
    return pages


@pytest.mark.parametrize(
    ("paper", "page_mm"), [(Paper.A4, (148.5, 210)), (Paper.LETTER, (139.7, 215.9))]
)
def test_the_booklet_is_laid_out_on_half_a_sheet(
    booklet_pages: dict[Paper, bytes], paper: Paper, page_mm: tuple[float, float]
) -> None:
    with pikepdf.open(io.BytesIO(booklet_pages[paper])) as pages:
        for page in pages.pages:
            size = [round(float(v) / MM, 1) for v in page.mediabox[2:]]
            assert size == [round(v, 1) for v in page_mm]  # A5; 5.5 × 8.5 in
    imposed = booklet(booklet_pages[paper], paper)
    sheet = [round(v * MM, 2) for v in reversed(paper.size_mm)]
    with pikepdf.open(io.BytesIO(imposed)) as document:
        for side in document.pages:
            assert [round(float(v), 2) for v in side.mediabox[2:]] == sheet  # landscape
            for _, matrix in placements(side):
                assert matrix[0] == 1  # placed as laid out: nothing shrunk


def test_the_booklet_prints_the_briefs_reading_size(seed_handouts: Path) -> None:
    """On paper, the body is set as large as the brief's own (never below 9.5 pt)."""

    def reading_size(pdf: Path, page: int) -> float:
        sizes = Counter(round(g.size_pt, 2) for g in glyphs(pdf, page)[1] if g.char.isalpha())
        return sizes.most_common(1)[0][0]

    brief = reading_size(seed_handouts / "brief.pdf", 2)  # the article's first page
    assert 10 <= brief <= 11
    with pikepdf.open(seed_handouts / "brief-booklet.pdf") as imposed:
        sides = len(imposed.pages)
    for side in range(1, sides):  # every side but the one with the cover
        assert reading_size(seed_handouts / "brief-booklet.pdf", side) == brief


@pytest.mark.parametrize("paper", [Paper.A4, Paper.LETTER], ids=lambda p: p.value)
def test_facing_pages_mirror_their_margins_and_number_the_outer_edge(
    booklet_pages: dict[Paper, bytes], paper: Paper
) -> None:
    document = pdfium.PdfDocument(booklet_pages[paper])
    try:
        count = len(document)
    finally:
        document.close()
    assert count >= 4
    text_left = {}
    for index in range(1, count):  # the cover has no folio and its own margins
        number = index + 1
        (width, _), drawn = glyphs(booklet_pages[paper], index)
        foot = [g for g in drawn if g.box[3] < 19 * MM and g.char.isdigit()]
        assert "".join(g.char for g in foot) == str(number)
        centre = (foot[0].box[0] + foot[-1].box[2]) / 2
        if number % 2 == 0:  # a left-hand page: the folio at the left, the outer edge
            assert centre < width / 4
        else:
            assert centre > width * 3 / 4
        body = [g for g in drawn if g.box[1] > 19 * MM and g.box[2] > g.box[0]]
        text_left[number] = min(g.box[0] for g in body) / MM
    # The inner margin is the narrower: text starts further in on right-hand pages.
    for number, left in text_left.items():
        inner_first = number % 2 == 1
        assert (left > 16) == inner_first, (number, left)


def test_blank_pages_come_only_at_the_end(
    seed_handouts: Path, booklet_pages: dict[Paper, bytes]
) -> None:
    for pdf in booklet_pages.values():
        assert all(text.strip() for text in page_texts(pdf))  # every page laid out has text
    # Imposed, the pages come in folding order; the padding to a multiple of four is
    # blank pages after the last, nowhere else.
    pages = len(page_texts(booklet_pages[Paper.A4]))
    data = (seed_handouts / "brief-booklet.pdf").read_bytes()
    with pikepdf.open(io.BytesIO(data)) as imposed:
        sides = len(imposed.pages)
    order = [half_pages(data, side) for side in range(sides)]
    assert order == booklet_order(pages)
    assert order[0][1] == 1  # the cover on the front's right half


def test_handouts_are_made_only_when_asked_for() -> None:
    plain = [output.name for output in outputs_for(BuildOptions())]
    asked = [output.name for output in outputs_for(BuildOptions(handouts=True))]
    assert plain == ["brief.pdf", "flyer.pdf"]
    assert asked == [*plain, "brief-booklet.pdf", "flyer-2up.pdf", "flyer-4up.pdf"]


# ---------- the flyer laid out again at each copy's size ----------


@pytest.mark.parametrize("paper", [Paper.A4, Paper.LETTER], ids=lambda p: p.value)
@pytest.mark.parametrize("copies", [2, 4])
def test_each_copy_is_laid_out_at_its_own_size(paper: Paper, copies: int) -> None:
    campaign = load_campaign(SEED_CONTENT)
    name = f"flyer-{copies}up.pdf"
    made, (printed,) = make(name, campaign, BuildOptions(paper, handouts=True))
    (sheet,) = made.artifacts
    assert sheet.pages == 1 and printed.scaled is not None and printed.scaled.size
    slot = copy_of(paper, copies)
    with pikepdf.open(io.BytesIO(printed.pdf or b"")) as page:
        trim = [float(v) / MM for v in page.pages[0].TrimBox]
        bleed = [float(v) / MM for v in page.pages[0].BleedBox]
    width, height = trim[2] - trim[0], trim[3] - trim[1]
    assert abs(width - slot.width_mm) < 0.05 and abs(height - slot.height_mm) < 0.05
    assert abs(trim[0] - bleed[0] - 3) < 0.05  # its band runs on into half the gutter
    document, placed_page = first_sheet(sheet.data)
    assert "/StructTreeRoot" not in document.Root  # a sheet for a printer: untagged
    placed = placements(placed_page)
    assert len(placed) == copies
    assert all(matrix[0] == 1 for _, matrix in placed)  # nothing shrunk
    # On paper, every copy's demands are at least the 10 pt floor, and its headline is
    # still the largest type on it, at least 1.4 times the demands.
    _, drawn = glyphs(sheet.data)
    visible = [g for g in drawn if not g.char.isspace()]
    joined = "".join(g.char for g in visible)

    def sizes(text: str) -> list[float]:
        start = re.sub(r"\s", "", text)[:10]
        hits = [m.start() for m in re.finditer(re.escape(start), joined)]
        assert len(hits) == copies
        return [min(g.size_pt for g in visible[at : at + len(start)]) for at in hits]

    demand_pt = min(min(sizes(demand)) for demand in campaign.letter.meta.demands)
    assert demand_pt >= 10
    ask_pt = min(sizes(campaign.letter.meta.ask or ""))
    assert ask_pt == max(g.size_pt for g in visible) and ask_pt >= 1.4 * demand_pt - 0.05


def test_a_copy_the_demands_cannot_fit_is_left_out_with_a_note(
    make_campaign, tmp_path: Path
) -> None:
    demands = [
        f"Demand {n}: workers must have a real say in what is built and who it is sold to."
        for n in range(1, 13)
    ]
    root = make_campaign(letter={"demands": demands})
    out = tmp_path / "out"
    result = run_cli("build", root, "--out", out, "--handouts")
    assert result.exit_code == 0, result.output
    assert re.search(
        r"note: flyer-4up\.pdf: the 12 demands do not fit on a 4-up copy on A4 \(92 × 135\.5 mm\) "
        r"even at the 10 pt floor: the flyer needs [\d.]+ pages \(\d+ mm more than the page "
        r"holds\)\. Shorten the longest demands .*\. The sheet was not made; the other outputs "
        r"were\.",
        result.output,
    ), result.output
    written = sorted(path.name for path in out.iterdir())
    assert written == ["brief-booklet.pdf", "brief.pdf", "flyer-2up.pdf", "flyer.pdf"]


def test_a_copy_too_narrow_for_the_address_keeps_the_qr_code(make_campaign, tmp_path: Path) -> None:
    url = "https://example.org/campaigns/a-fairer-workplace/open-letter?ref=flyer&lang=en"
    root = make_campaign(letter={"url": url})
    out = tmp_path / "out"
    result = run_cli("build", root, "--out", out, "--handouts")
    assert result.exit_code == 0, result.output
    assert (
        "note: flyer-4up.pdf: the address is too long for one line of a 4-up copy on A4 "
        "(92 × 135.5 mm) even at 9 pt, so the copies carry the QR code and its label without it"
    ) in result.output
    four = (out / "flyer-4up.pdf").read_bytes()
    assert [b.text for b in zxingcpp.read_barcodes(render(four, dpi=300))] == [url] * 4
    assert "example.org" in page_texts(out / "flyer.pdf")[0]
    assert "example.org" not in page_texts(out / "flyer-4up.pdf")[0]
    # Too long to go beside a 2-up copy's code, it goes on a line of its own under it.
    two = page_texts(out / "flyer-2up.pdf")[0]
    assert two.count(url.removeprefix("https://")) == 2
    assert "note: flyer-2up.pdf" not in result.output


def test_a_copys_logo_goes_above_who_signs_when_beside_it_would_squeeze_the_name() -> None:
    """Beside its QR code, a 4-up copy's signature column is too narrow to share with the
    logo ("Harbour Worker / s United"): the logo goes above the name, which keeps one line."""
    campaign = load_campaign(REPO / "tests" / "campaigns" / "branded-svg")
    url, qr = campaign.letter.meta.url, campaign_qr(campaign)
    assert geometry(whole_sheet(Paper.LETTER), qr, url, 4.0).logo_beside
    assert not geometry(copy_of(Paper.LETTER, 4), qr, url, 4.0).logo_beside
    made, _ = make("flyer-4up.pdf", campaign, BuildOptions(Paper.LETTER, handouts=True))
    (sheet,) = made.artifacts
    assert made.notes == ()  # the logo kept
    _, drawn = glyphs(sheet.data)
    visible = [g for g in drawn if not g.char.isspace()]
    joined = "".join(g.char for g in visible)
    names = [m.start() for m in re.finditer("HarbourWorkersUnited", joined)]
    assert len(names) == 4
    for at in names:
        name = visible[at : at + len("HarbourWorkersUnited")]
        assert len({round(g.origin[1]) for g in name}) == 1  # the name on one line


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
        text = re.sub(r"\s", "", page_texts(seed_handouts / name)[0])
        assert text.count("Stopsellingfacialrecognition") == copies, name


def test_a_copys_colour_band_runs_past_its_cut(seed_handouts: Path) -> None:
    """Cut a little off, a copy still has no white edge on its band: the band runs on 3 mm
    past each cut, into the gutter and the margin, and no further (cut marks start beyond)."""
    data = (seed_handouts / "flyer-2up.pdf").read_bytes()
    document, sheet = first_sheet(data)
    placed = [matrix for _, matrix in placements(sheet)]
    height_pt = float(sheet.mediabox[3])
    document.close()
    slot = copy_of(Paper.A4, 2)
    dpi = 150
    image = render(data, dpi=dpi)

    def accent(x_pt: float, y_pt: float) -> bool:
        pixel = image.getpixel((round(x_pt * dpi / 72), round((height_pt - y_pt) * dpi / 72)))
        return all(abs(a - b) < 20 for a, b in zip(pixel, (164, 38, 44), strict=True))

    first, second = sorted(matrix[4] for matrix in placed)
    bottom = placed[0][5]
    top = bottom + slot.height_mm * MM
    band = top - 8 * MM  # level with the band, under the copies' top edge
    left, right = first, second + slot.width_mm * MM
    assert accent(left - 1.5 * MM, band) and not accent(left - 4.5 * MM, band)
    assert accent(right + 1.5 * MM, band) and not accent(right + 4.5 * MM, band)
    gutter = first + slot.width_mm * MM
    assert all(accent(gutter + d * MM, band) for d in (0.5, 1.5, 3, 4.5, 5.5))  # both bled
    assert accent(left + 5 * MM, top + 1.5 * MM) and not accent(left + 5 * MM, top + 4.5 * MM)
