"""The brief's layout rules, measured on real PDFs of campaigns that stress them, on both papers.

Each rule is what a designer checks with a ruler: positions are read from the PDF with
pypdfium2 (tests/layout.py), in millimetres from the page's top left.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from tests.conftest import SEED_CONTENT, run_cli, write_markdown
from tests.layout import Line, Page, body_lines, hyphenation, pages
from tests.reading import bookmarks, links

GRID_MM = 154.0  # the text block (brief.css): rail and column
RAIL_MM = 36.0
AREA_BOTTOM_MM = 22.0  # the page's bottom margin: the folio sits below it
OPENER_TOP_MM = 46.0  # a section's first page starts this low
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"

LANDSCAPE = (1200, 800)
PORTRAIT = (800, 1200)


def _picture(path: Path, size: tuple[int, int]) -> None:
    """A small picture with some structure (a gradient and a band), not a flat colour."""
    width, height = size
    image = Image.new("RGB", size)
    image.putdata(
        [
            (40 + 150 * x // width, 60 + 120 * y // height, 110 if y > height // 2 else 160)
            for y in range(height)
            for x in range(width)
        ]
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, quality=70)


def _stress(root: Path, *, portrait: bool) -> Path:
    """Long fields, a real picture, seven demands, a URL, sources, an update: a brief that
    has to hold its grid everywhere."""
    body = "\n\n".join(
        f"Paragraph {n} of the report. In April 2024 the inspectors visited J. T. Okafor's "
        "ward at 7:20 a.m. and found 35 °C in the corridors, with 14 patients and one "
        "nurse; the U.S.'s guidance on staffing ratios was not followed on 19 April 2024 "
        "either. Employees described the night shifts as extraordinarily understaffed."
        for n in range(1, 13)
    )
    write_markdown(
        root / "article.md",
        {
            "title": "Night nurses at St. Brigid's say one of them cares for fourteen patients",
            "subtitle": "Staff at the largest hospital in the region say overnight staffing has "
            "fallen to levels they call unsafe, and they have started counting.",
            "publication": "The Northfield Tribune",
            "lang": "en",
            "author": {
                "name": "Dr. Oluwaseun Adebayo-Fitzgerald",
                "role": "Senior Health and Social Care Correspondent",
                "bio": "Writes about hospitals and the people who work in them.",
            },
            "published": "2024-02-08",
            "updates": [{"at": "2024-02-09T09:15:00+00:00", "zone": "GMT", "note": "A reply."}],
            "figure": {
                "file": "photos/ward.jpg",
                "alt": "A hospital ward at night, seen from its corridor",
                "caption": "The medical-surgical ward where nurses keep a log of patients.",
                "credit": "Test corpus (generated image)",
            },
            "sources": [
                {
                    "name": "Northfield Nurses United, staffing log",
                    "url": "https://example.org/nnu/staffing-log",
                    "note": "Shifts from November 2023 to January 2024.",
                }
            ],
        },
        body + "\n",
    )
    write_markdown(
        root / "letter.md",
        {
            "title": "Safe nights at St. Brigid's: a letter from the nurses to the president",
            "ask": "Staff every night shift as safely as the day.",
            "url": "https://example.org/safe-nights",
            "lang": "en",
            "date": "2024-02-06",
            "recipient": {"name": "Dr. Angela Ruiz", "role": "President and CEO"},
            "salutation": "Dear Dr. Ruiz,",
            "demands_intro": "We ask you to:",
            "demands": [
                f"Demand {n}: a written maximum of five patients per registered nurse on "
                f"every ward{', on every shift, nights included' if n % 2 else ''}."
                for n in range(1, 8)
            ],
            "closing": "We have stayed because we believe in this hospital. We ask you to make "
            "it possible for us to keep staying.",
            "sign_off": "Respectfully,",
            "signature": "The night-shift nurses of St. Brigid's, with Northfield Nurses United",
        },
        "\n\n".join(
            f"Paragraph {n} of the letter: we have worked more than 4,000 night shifts here, "
            "and on most of them one of us cared for more patients than is safe."
            for n in range(1, 7)
        )
        + "\n",
    )
    _picture(root / "photos" / "ward.jpg", PORTRAIT if portrait else LANDSCAPE)
    return root


def _twelve(root: Path) -> Path:
    """Twelve demands, no dates at all, no picture file: the cover lists as many as fit."""
    write_markdown(
        root / "article.md",
        {
            "title": "Heat in the sheds: warehouse workers walk out after temperatures pass 35 °C",
            "lang": "en",
            "figure": {
                "caption": "Workers outside the depot on the second morning of the walkout.",
                "credit": "Freight & Labour Weekly",
                "reference": "redmoor-walkout-0718.jpg",
            },
        },
        "\n\n".join(
            "More than 200 workers stopped work after thermometers on the packing floor read "
            "35 °C for a second day running. Managers said the fans had been switched off."
            for _ in range(8)
        )
        + "\n",
    )
    write_markdown(
        root / "letter.md",
        {
            "title": "A heat and safety charter for Redmoor",
            "recipient": {"name": "Graham Peel"},
            "demands": [
                f"Charter point {n}: keep every fan running when the floor is above 24 °C, "
                "and log the readings each hour."
                for n in range(1, 13)
            ],
            "sign_off": "In solidarity,",
            "signature": "The Redmoor depot branch",
        },
        "We have drawn up the charter below with the workers on every shift.\n",
    )
    return root


CAMPAIGNS: dict[str, Callable[[Path], Path]] = {
    "seed": lambda root: Path(shutil.copytree(SEED_CONTENT, root)),
    "landscape": lambda root: _stress(root, portrait=False),
    "portrait": lambda root: _stress(root, portrait=True),
    "twelve": _twelve,
}
CASES = [(name, paper) for name in CAMPAIGNS for paper in ("a4", "letter")]


@pytest.fixture(scope="module", params=CASES, ids=[f"{n}-{p}" for n, p in CASES])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    name, paper = request.param
    folder = tmp_path_factory.mktemp(f"{name}-{paper}")
    root = CAMPAIGNS[name](folder / "campaign")
    out = folder / "out"
    result = run_cli("build", root, "--out", out, "--paper", paper, "--verbose")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    return Built(name, out / "brief.pdf", pages(out / "brief.pdf"), result.output)


class Built:
    def __init__(self, name: str, pdf: Path, found: list[Page], output: str) -> None:
        self.name, self.pdf, self.pages, self.output = name, pdf, found, output
        width = found[0].width
        self.left = (width - GRID_MM) / 2  # the text block's edges on this paper
        self.right = self.left + GRID_MM
        self.column = self.left + RAIL_MM
        self.bottom = found[0].height - AREA_BOTTOM_MM
        marks = bookmarks(pdf)
        self.sections = [mark.page for mark in marks if mark.level == 1]  # first pages

    def inside(self, page: Page) -> list[Line]:
        """The page's lines without its running head and folio."""
        return [line for line in page.lines if line.top > 20 and line.bottom < self.bottom]

    def section_pages(self) -> list[list[Page]]:
        """Pages grouped by section (the cover on its own)."""
        starts = [*self.sections, len(self.pages) + 1]
        return [self.pages[a - 1 : b - 1] for a, b in pairwise(starts)]


# ---------- the cover ----------


def test_the_cover_is_one_page_and_shortens_nothing_while_it_has_room(built: Built) -> None:
    assert built.sections[0] == 1 and built.sections[1] == 2
    cover = built.pages[0]
    text = " ".join(line.text for line in cover.lines)
    assert "full cover" in built.output or "compact cover" in built.output
    assert "…" not in text.replace("… and", "")  # only the link to the demands not listed


def test_every_element_of_the_cover_hangs_from_the_grid(built: Built) -> None:
    cover = built.pages[0]
    for line in cover.lines:
        assert built.left - 0.5 <= line.left and line.right <= built.right + 0.5, line
    # One right edge: the foot's address and the page numbers of "In this brief" end on it.
    numbers = [line for line in cover.lines if re.fullmatch(r".*\.{3,}\s*\d+|\d+", line.text)]
    for line in numbers:
        assert line.right > built.right - 2.5, line
    assert not re.search(r"\bfrom\s+(CNET|The)\b", cover.lines[0].text)  # the kicker


# ---------- pictures ----------


def test_a_picture_spans_the_column_where_the_text_is(built: Built) -> None:
    pictured = [page for page in built.pages[1:] if page.pictures]
    if built.name not in ("landscape", "portrait"):
        assert not pictured
        return
    (page,) = pictured
    left, top, right, bottom = page.pictures[0]
    assert abs(left - built.column) < 0.6  # not inset by a browser's figure margins
    byline = [line for line in page.lines if line.right < built.column and line.top > top - 8]
    assert abs(top - min(line.top for line in byline)) < 4  # level with the byline's first line
    if built.name == "landscape":
        assert abs(right - built.right) < 0.6
    else:  # two thirds of the column, the caption beside it up to the column's edge
        caption = [line for line in page.lines if line.left > right and top < line.top < bottom]
        assert caption and max(line.right for line in caption) <= built.right + 0.5
    assert page.number == built.sections[1]  # on the report's first page, never pushed on


def test_a_figure_without_a_picture_is_a_note_not_a_dashed_box(built: Built) -> None:
    with pikepdf.open(built.pdf) as pdf:
        for page in pdf.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "d":
                    assert len(operands[0]) == 0, "a dashed line"


# ---------- the pages ----------


def test_no_page_is_mostly_empty_and_a_sections_last_page_has_five_lines(built: Built) -> None:
    for section in built.section_pages()[1:]:
        for page in section:
            lines = [line for line in built.inside(page) if line.size >= 12]  # text, not notes
            top = OPENER_TOP_MM if page.number in built.sections else 24
            lowest = page.lowest(top - 1, built.bottom) or top
            fullness = (lowest - top) / (built.bottom - top)
            if page is section[-1]:
                assert len(lines) >= 5 or len(section) == 1, (page.number, len(lines))
            else:
                assert fullness > 1 / 3, (page.number, fullness)


SIGN_OFFS = ("Sincerely,", "Respectfully,", "In solidarity,")


def signed_page(built: Built) -> Page:
    (page,) = [p for p in built.pages[1:] if any(line.text in SIGN_OFFS for line in p.lines)]
    return page


def test_the_signature_never_stands_alone(built: Built) -> None:
    page = signed_page(built)
    demands = [line for line in page.lines if line.size > 16]  # the demands' 13 pt
    assert demands, "the closing and signature went on alone"


def test_headlines_never_end_on_one_short_word(built: Built) -> None:
    for page in built.pages:
        titles = [line for line in page.lines if line.size >= 30 and line.font.startswith("IBM")]
        if titles:
            assert len(titles[-1].text.split()) >= 2, titles[-1]


def test_dates_numbers_and_initials_keep_together(built: Built) -> None:
    lines = [line.text for page in built.pages for line in page.lines]
    for line in lines:
        assert not re.search(rf"\b({MONTHS})$", line), line  # "April" | "19, 2018"
        assert not re.search(rf"\b({MONTHS}) \d{{1,2}},$", line), line  # "April 19," | "2018"
        assert not re.match(r"(°C|%|€|a\.m\.|p\.m\.)", line), line  # "35" | "°C"
        assert not re.search(r"(^|\s)[A-Z]\.$", line), line  # "J." | "T. Okafor"


def test_quotes_and_apostrophes_are_curly_everywhere(built: Built) -> None:
    text = "".join(line.text for page in built.pages for line in page.lines)
    assert "'" not in text and '"' not in text


def test_body_text_is_hyphenated_sparingly(built: Built) -> None:
    share, run = hyphenation(body_lines(built.pages, 20, built.bottom))
    assert share <= 0.08 and run <= 2, (share, run)


# ---------- the letter and the sources ----------


def test_the_demands_are_the_letters_climax(built: Built) -> None:
    cover = max(line.size for line in built.pages[0].lines if line.text.startswith("1."))
    letter = max(
        line.size
        for page in built.pages[built.sections[2] - 1 :]
        for line in page.lines
        if line.text.startswith("1.")
    )
    assert letter > cover


def test_the_campaign_address_is_printed_and_linked_where_a_reader_looks(built: Built) -> None:
    if built.name not in ("landscape", "portrait"):
        return
    url = "https://example.org/safe-nights"
    targets = {link.page for link in links(built.pdf) if link.uri == url}
    signed = signed_page(built).number
    assert {1, signed, len(built.pages)} <= targets  # the cover, the letter's end, the sources
    for number in (1, signed, len(built.pages)):
        assert any("example.org/safe-nights" in line.text for line in built.pages[number - 1].lines)
    sources = " ".join(line.text for line in built.pages[-1].lines)
    assert "example.org/nnu/staffing-log" in sources
    assert "min read" not in " ".join(line.text for page in built.pages for line in page.lines)
