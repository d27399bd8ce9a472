"""The flyer as a reader holds it: one page, type as large as it fits, a QR code that scans.

Every flyer here is a real layout search and a real PDF, read back with pdfium: the size of
each demand's type, where every character sits, what a phone camera decodes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2 as pdfium
import pytest
import zxingcpp

from broadside.content.loader import load_campaign
from broadside.documents.flyer import CAP_PT, FLOOR_PT, overflow_message
from broadside.documents.registry import OUTPUTS
from broadside.options import BuildOptions
from broadside.paper import Paper
from broadside.pdf.fit import Trial
from broadside.pdf.jobs import Scaled
from tests.conftest import MINIMAL_ARTICLE, MINIMAL_LETTER, SEED_CONTENT, run_cli, write_markdown
from tests.printing import make
from tests.reading import links, squash


@dataclass(frozen=True)
class Flyer:
    """A flyer as made, and how its type size was found."""

    pdf: bytes
    pages: int
    size_pt: float
    warnings: tuple[str, ...]
    details: tuple[str, ...]


MM = 72 / 25.4

SEVEN = [
    "Pay every worker a living wage.",
    "Publish the pay gap, by role and by gender, every year.",
    "End forced overtime.",
    "Recognise the union and bargain in good faith with its elected representatives, "
    "starting this quarter.",
    "Give every contractor the same sick pay, parental leave and health cover as employees.",
    "Stop selling our software to agencies that separate families at the border.",
    "Put two elected workers on the board.",
]
TWELVE = [
    *SEVEN,
    "Audit every contract for human-rights risks before it is signed, and publish the audits.",
    "Protect whistleblowers: no retaliation for raising concerns, inside or outside the company.",
    "Cut the company's emissions to zero by 2030 and report progress every quarter.",
    "Fund childcare at every site.",
    "Let workers refuse, without penalty, to build tools they believe cause harm, and give "
    "them a real process to raise it.",
]
LONG_WORDS = [
    "Rechtsschutzversicherungsgesellschaften müssen "
    "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft offenlegen.",
    "Stop Supercalifragilisticexpialidociousantidisestablishmentarianism now.",
    "Pneumonoultramicroscopicsilicovolcanoconiosis-Pneumonoultramicroscopicsilicovolcanoconiosis.",
]
UNICODE = [
    "Zahlt €50 pro Tag für ≥ 3 Tage bei 20 °C — für alle in Łódź und Nguyễn.",
    "Ελληνικά: δικαιώματα για όλους τους εργαζόμενους.",
    "Москва: справедливая оплата труда для всех.",
]
SEVEN_URL = "https://example.org/campaigns/seven-changes?ref=flyer&lang=en"


@dataclass(frozen=True)
class Case:
    letter: dict[str, Any]
    min_pt: float  # the demands' type is at least this large


CASES = {
    "one": Case({"demands": ["Pay us fairly."], "ask": "Fair pay, now."}, 28),
    "seven": Case(
        {
            "demands": SEVEN,
            "ask": "Seven changes we need this year",
            "recipient": {"name": "Ada Example", "role": "Chief Executive"},
            "date": "2024-03-08",
            "url": SEVEN_URL,
        },
        12,
    ),
    "twelve": Case(
        {"demands": TWELVE, "ask": "A fairer workplace", "signature": "Example Corp. workers"},
        FLOOR_PT,
    ),
    "long-words": Case(
        {
            "demands": LONG_WORDS,
            "ask": "Donaudampfschifffahrtsgesellschaftskapitänswitwe",
            "signature": "Hubert Blaine Wolfeschlegelsteinhausenbergerdorff Sr.",
            "url": "https://example.org/" + "x" * 150,
        },
        FLOOR_PT,
    ),
    "unicode": Case(
        {
            "demands": UNICODE,
            "ask": "Für alle — για όλους — для всех",
            "signature": "Łódź Ελληνικά Москва",
            "lang": "de",
        },
        18,
    ),
}
PAPERS = [Paper.A4, Paper.LETTER]


@pytest.fixture(scope="module")
def flyer(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, Paper], tuple[Path, Flyer]]:
    """Each case's flyer on each paper, made once per test process and shared."""
    root = tmp_path_factory.mktemp("flyers")
    made: dict[tuple[str, Paper], tuple[Path, Flyer]] = {}

    def get(name: str, paper: Paper) -> tuple[Path, Flyer]:
        if (name, paper) not in made:
            folder = root / name
            if not folder.exists():
                write_markdown(folder / "article.md", dict(MINIMAL_ARTICLE), "A report.\n")
                letter = {**MINIMAL_LETTER, **CASES[name].letter}
                write_markdown(folder / "letter.md", letter, "A letter.\n")
            built, (printed,) = make("flyer.pdf", load_campaign(folder), BuildOptions(paper))
            assert printed.pdf is not None and printed.scaled and printed.scaled.size
            (artifact,) = built.artifacts
            result = Flyer(
                artifact.data, printed.pages, printed.scaled.size, built.warnings, built.details
            )
            path = root / f"{name}-{paper.value}.pdf"
            path.write_bytes(result.pdf)
            made[name, paper] = (path, result)
        return made[name, paper]

    return get


@dataclass(frozen=True)
class Glyph:
    char: str
    size_pt: float  # the type size as printed: font size times the text's scale
    box: tuple[float, float, float, float]  # left, bottom, right, top in points


def glyphs(path: Path) -> tuple[tuple[float, float], list[Glyph]]:
    """Every character drawn on the first page, with its printed size and box."""
    document = pdfium.PdfDocument(path)
    try:
        page = document[0]
        text = page.get_textpage()
        found = []
        for index in range(text.count_chars()):
            if pdfium.raw.FPDFText_IsGenerated(text.raw, index):
                continue  # line ends pdfium adds when extracting, not drawn
            matrix = pdfium.raw.FS_MATRIX()
            pdfium.raw.FPDFText_GetMatrix(text.raw, index, matrix)
            scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
            size = pdfium.raw.FPDFText_GetFontSize(text.raw, index) * scale
            char = chr(pdfium.raw.FPDFText_GetUnicode(text.raw, index))
            char = "-" if char == "\x02" else char  # pdfium's mark for a hyphen at a line end
            found.append(Glyph(char, size, text.get_charbox(index)))
        return page.get_size(), found
    finally:
        document.close()


def demand_glyphs(drawn: list[Glyph], demand: str) -> list[Glyph]:
    """A demand's first characters as drawn on the page."""
    visible = [g for g in drawn if not g.char.isspace()]
    text = "".join(g.char for g in visible)
    start = squash(demand).replace(" ", "")[:12]
    at = text.find(start)
    assert at >= 0, f"demand not found on the page: {demand[:40]!r}"
    return visible[at : at + len(start)]


def demand_sizes(drawn: list[Glyph], demand: str) -> list[float]:
    return [glyph.size_pt for glyph in demand_glyphs(drawn, demand)]


def decoded(path: Path) -> list[str]:
    """What a phone would read off the page: render it, then decode every barcode."""
    document = pdfium.PdfDocument(path)
    try:
        image = document[0].render(scale=200 / 72).to_pil()
    finally:
        document.close()
    return [barcode.text for barcode in zxingcpp.read_barcodes(image)]


def pages(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


@pytest.mark.parametrize("paper", PAPERS, ids=lambda p: p.value)
@pytest.mark.parametrize("name", CASES)
def test_one_page_with_demands_in_large_type(flyer, name: str, paper: Paper) -> None:
    path, result = flyer(name, paper)
    case = CASES[name]
    assert pages(path) == 1 and result.pages == 1
    assert result.warnings == ()
    (width, height), drawn = glyphs(path)
    assert (round(width / MM), round(height / MM)) == tuple(round(v) for v in paper.size_mm)
    for demand in case.letter["demands"]:
        sizes = demand_sizes(drawn, demand)
        assert min(sizes) >= case.min_pt, (demand[:30], sizes)
        assert max(sizes) - min(sizes) < 0.1  # one size for every demand's text
    # The headline is the largest type on the page.
    assert max(g.size_pt for g in drawn) > max(demand_sizes(drawn, case.letter["demands"][0]))


@pytest.mark.parametrize("paper", PAPERS, ids=lambda p: p.value)
@pytest.mark.parametrize("name", CASES)
def test_every_character_is_inside_the_page_margins(flyer, name: str, paper: Paper) -> None:
    """Long words, long names and long URLs wrap; nothing runs off the edge or is cut off."""
    path, _ = flyer(name, paper)
    (width, height), drawn = glyphs(path)
    inside = 12 * MM  # the margins are 14–15 mm; a glyph's box may overhang a little
    for glyph in drawn:
        left, bottom, right, top = glyph.box
        if right > left:  # spaces have no box
            assert inside <= left and right <= width - inside, glyph
            assert inside <= bottom and top <= height - inside, glyph
    text = squash("".join(g.char for g in drawn))
    for demand in CASES[name].letter["demands"]:
        assert squash(demand) in text  # all of it, in order: nothing cut off


def test_a_short_list_is_set_large_and_the_foot_sits_at_the_bottom(flyer) -> None:
    path, _ = flyer("seven", Paper.A4)
    _, drawn = glyphs(path)
    # Seven mixed demands on A4 are set well above the 12 pt the issue asks for.
    assert min(demand_sizes(drawn, SEVEN[0])) >= 20
    lowest_text = min(g.box[1] for g in drawn if g.box[2] > g.box[0])
    assert lowest_text < 25 * MM


def test_one_short_demand_is_set_very_large_in_the_middle_of_the_page(flyer) -> None:
    path, result = flyer("one", Paper.LETTER)
    (_, height), drawn = glyphs(path)
    assert result.size_pt == CAP_PT and min(demand_sizes(drawn, "Pay us fairly.")) >= 28
    # The room the short text leaves is shared out, not all left at the bottom.
    middle = sum(g.box[1] + g.box[3] for g in demand_glyphs(drawn, "Pay us fairly.")) / 2
    middle /= len(demand_glyphs(drawn, "Pay us fairly."))
    assert 0.3 * height < middle < 0.6 * height


def test_unicode_renders_with_real_glyphs(flyer) -> None:
    path, result = flyer("unicode", Paper.A4)
    assert result.warnings == ()  # a missing glyph would be a .notdef warning
    text = "".join(g.char for g in glyphs(path)[1])
    for word in ("€50", "≥", "°C", "Łódź", "Nguyễn", "Ελληνικά", "Москва", "για όλους"):
        assert word in text


def test_the_qr_code_scans_to_the_exact_url(flyer) -> None:
    path, _ = flyer("seven", Paper.LETTER)
    assert decoded(path) == [SEVEN_URL]
    text = squash("".join(g.char for g in glyphs(path)[1]))
    assert squash(SEVEN_URL) in text  # printed under the code, for typing by hand
    assert SEVEN_URL in [link.uri for link in links(path)]
    with pikepdf.open(path) as pdf:  # drawn as vectors, not a picture
        assert not any(
            xobject.get("/Subtype") == "/Image"
            for page in pdf.pages
            for xobject in page.obj.Resources.get("/XObject", {}).values()
        )


def test_a_long_url_still_scans(flyer) -> None:
    path, _ = flyer("long-words", Paper.A4)
    assert decoded(path) == ["https://example.org/" + "x" * 150]


def test_no_url_no_qr_code(flyer) -> None:
    path, _ = flyer("twelve", Paper.A4)
    assert decoded(path) == []
    assert links(path) == []


def test_metadata_names_the_ask_and_who_asks(flyer) -> None:
    path, _ = flyer("seven", Paper.A4)
    with pikepdf.open(path) as pdf:
        assert str(pdf.docinfo["/Title"]) == "Seven changes we need this year"
        assert str(pdf.docinfo["/Author"]) == "The undersigned"
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20240308")
        assert str(pdf.Root.Lang) == "en"
        assert "/StructTreeRoot" in pdf.Root  # tagged, as the brief is
    text = "".join(g.char for g in glyphs(path)[1])
    assert "The undersigned" in text and "March 8, 2024" in text
    assert "ADA EXAMPLE, CHIEF EXECUTIVE" in text.upper()  # who the letter is to


def test_verbose_notes_say_what_was_tried(flyer) -> None:
    _, result = flyer("twelve", Paper.LETTER)
    tried = [detail for detail in result.details if detail.startswith("flyer.pdf: layout ")]
    assert 1 <= len(tried) <= 6
    assert re.search(r"demands set at [\d.]+ pt .*: \d+ layouts? in \d+ ms$", result.details[-1])


# ---------- the seed, through the command line, beside the brief ----------


@pytest.mark.parametrize("build", ["seed_build", "seed_build_letter"])
def test_the_seed_flyer_is_built_beside_the_brief(build: str, request) -> None:
    out: Path = request.getfixturevalue(build)
    path = out / "flyer.pdf"
    assert (out / "brief.pdf").exists() and pages(path) == 1
    assert path.stat().st_size <= 60 * 1024
    _, drawn = glyphs(path)
    text = "".join(g.char for g in drawn)
    assert "We demand a choice in" in text  # the ask
    assert "Amazonians" in text and "June 22, 2018" in text
    demands = load_campaign(SEED_CONTENT).letter.meta.demands
    for demand in demands:
        assert min(demand_sizes(drawn, demand)) >= 18
    assert decoded(path) == []  # the seed has no URL


def test_verbose_build_reports_the_layouts(make_campaign, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("build", make_campaign(), "--out", out, "--verbose")
    assert result.exit_code == 0, result.output
    assert "flyer.pdf: layout 1 at" in result.output
    assert "flyer.pdf: demands set at" in result.output
    assert "wrote" in result.output and (out / "flyer.pdf").exists()


# ---------- too much to fit ----------

OVERLONG = [
    f"Demand {n}: " + "workers must have a real say in what is built and who it is sold to; " * 7
    for n in range(1, 17)
]


def test_too_much_text_fails_cleanly_and_keeps_the_old_flyer(make_campaign, tmp_path: Path) -> None:
    root = make_campaign()
    out = tmp_path / "out"
    assert run_cli("build", root, "--out", out, "--paper", "letter").exit_code == 0
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    letter = {**MINIMAL_LETTER, "demands": OVERLONG}
    write_markdown(root / "letter.md", letter, "A paragraph of the letter.\n")

    result = run_cli("build", root, "--out", out, "--paper", "letter")

    assert result.exit_code == 3
    assert "Traceback" not in result.output
    message = result.output
    assert "flyer.pdf" in message and "10 pt floor" in message
    assert "US Letter" in message and "pages (" in message and "mm more" in message
    assert re.search(r"demand \d+: 4\d\d characters", message)  # which to shorten
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before
    assert sorted(path.name for path in out.iterdir()) == ["brief.pdf", "flyer.pdf"]


def floor_fit(fullness: float) -> Scaled:
    return Scaled((Trial(FLOOR_PT, fullness, None),), None)


FLYER = next(output for output in OUTPUTS if output.name == "flyer.pdf")


def test_a_slight_overflow_on_letter_suggests_a4(make_campaign) -> None:
    campaign = load_campaign(make_campaign(letter={"demands": ["Short.", "A longer demand."]}))
    slight = overflow_message(FLYER, campaign, Paper.LETTER, floor_fit(1.04))
    assert "needs 1.04 pages" in slight and "--paper a4" in slight
    assert "demand 2: 16 characters; demand 1: 6 characters" in slight
    # A4 is taller only by 17.6 mm: no use suggesting it for a page and a half.
    assert "--paper a4" not in overflow_message(FLYER, campaign, Paper.LETTER, floor_fit(1.5))
    assert "--paper a4" not in overflow_message(FLYER, campaign, Paper.A4, floor_fit(1.04))
