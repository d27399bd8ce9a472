"""For a print shop: `--bleed` and `--marks` give every page its boxes, bleed and crop marks."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

from tests.conftest import SEED_CONTENT, run_cli
from tests.structure import tagged_mcids, text_runs

MM = 72 / 25.4
A4 = (595.28, 841.89)  # points, as the PDF rounds them
ACCENT = (164, 38, 44)  # --accent, the cover's top band
PAPER = (255, 255, 255)  # the cover below its field


@pytest.fixture(scope="module")
def print_shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("print-shop")
    result = run_cli("build", SEED_CONTENT, "--out", out, "--bleed", "3", "--marks")
    assert result.exit_code == 0, result.output
    return out / "brief.pdf"


def expected(bleed_mm: float) -> list[float]:
    bleed = bleed_mm * MM
    return [round(v, 2) for v in (-bleed, -bleed, A4[0] + bleed, A4[1] + bleed)]


def boxes(path: Path) -> list[dict[str, list[float]]]:
    with pikepdf.open(path) as pdf:
        return [
            {
                key: [round(float(v), 2) for v in page[key]]
                for key in ("/MediaBox", "/TrimBox", "/BleedBox")
            }
            for page in pdf.pages
        ]


def test_every_page_has_trim_bleed_and_room_for_marks(print_shop: Path) -> None:
    flyer = print_shop.with_name("flyer.pdf")
    for page in boxes(print_shop) + boxes(flyer):
        assert page["/TrimBox"] == [0, 0, *A4]  # the finished A4 page
        assert page["/BleedBox"] == expected(3)
        room = expected(3 + 8)  # marks: 3 mm beyond the bleed, 6 mm long
        left, bottom, right, top = page["/MediaBox"]
        assert left < room[0] and bottom < room[1] and right > room[2] and top > room[3]


def test_bleed_without_marks_is_just_the_bleed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("build", SEED_CONTENT, "--out", out, "--bleed", "5").exit_code == 0
    for page in boxes(out / "brief.pdf"):
        assert page["/TrimBox"] == [0, 0, *A4]
        assert page["/BleedBox"] == page["/MediaBox"] == expected(5)


def test_without_print_options_the_page_is_the_paper(seed_build: Path) -> None:
    for page in boxes(seed_build / "brief.pdf"):
        assert page["/MediaBox"] == page["/TrimBox"] == page["/BleedBox"] == [0, 0, *A4]


def render_cover(path: Path, dpi: int = 72) -> tuple[Image.Image, float]:
    """The whole media box of page 1, and pixels per point."""
    document = pdfium.PdfDocument(path)
    try:
        return document[0].render(scale=dpi / 72).to_pil().convert("RGB"), dpi / 72
    finally:
        document.close()


def close(pixel: tuple[int, ...], colour: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 12 for a, b in zip(pixel, colour, strict=False))


def test_the_cover_background_runs_into_the_bleed_and_marks_sit_outside_it(
    print_shop: Path,
) -> None:
    image, scale = render_cover(print_shop, dpi=144)
    media = boxes(print_shop)[0]["/MediaBox"]

    def at(x_pt: float, y_from_top_pt: float) -> tuple[int, ...]:
        """Pixel at a point given in trim coordinates (x right, y down from the trim top)."""
        x = (x_pt - media[0]) * scale
        y = (media[3] - A4[1] + y_from_top_pt) * scale
        return image.getpixel((round(x), round(y)))

    bleed = 3 * MM
    inside_bleed = -bleed / 2
    for x in (inside_bleed, 50, A4[0] / 2, A4[0] - 50, A4[0] - inside_bleed):
        assert close(at(x, inside_bleed), ACCENT), x  # the accent field, past the trim
        assert close(at(x, 5 * MM), ACCENT), x  # …and on the page
        assert close(at(x, A4[1] - inside_bleed), PAPER), x  # the foot is paper
    for y in (20 * MM, 60 * MM):  # the field runs past both sides
        assert close(at(inside_bleed, y), ACCENT) and close(at(A4[0] - inside_bleed, y), ACCENT)
    # Beyond the bleed the sheet is white, except for the crop marks on the trim lines.
    beyond = bleed + 1.5 * MM
    assert at(-beyond, 100) == (255, 255, 255)
    mark = bleed + 3 * MM + 3 * MM  # halfway along a mark
    for x, y in ((0, -mark), (A4[0], -mark), (-mark, 0), (-mark, A4[1]), (A4[0] + mark, A4[1])):
        assert max(at(x, y)) < 200, (x, y)  # dark: a hairline
    assert at(mark / 2, -mark) == (255, 255, 255)  # nothing between the marks


def test_crop_marks_are_artifacts_so_the_pdf_stays_accessible(print_shop: Path) -> None:
    tagged = tagged_mcids(print_shop)
    assert all(
        ("Artifact" in r.marks) != ((r.page, r.mcid) in tagged) for r in text_runs(print_shop)
    )
    with pikepdf.open(print_shop) as pdf:
        operators = [str(op) for _, op in pikepdf.parse_content_stream(pdf.pages[0])]
        tail = operators[operators.index("Q", len(operators) - 40) :]
        assert operators[-1] == "EMC" and "BMC" in operators[-40:]
        assert tail.count("S") >= 8  # eight strokes: two per corner


def test_build_help_documents_the_print_options() -> None:
    result = run_cli("build", "--help")
    assert result.exit_code == 0
    for option in ("--max-size", "--handouts", "--bleed", "--marks", "--archival"):
        assert option in result.output
