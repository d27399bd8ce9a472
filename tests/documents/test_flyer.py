"""The flyer as a reader holds it: a poster on one page, type as large as it fits, a QR code
that scans, an address to type.

Every flyer here is a real layout search and a real PDF, read back with pdfium: the size of
each demand's type, where every character sits, the colours on the page, what a phone
camera decodes.
"""

from __future__ import annotations

import functools
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
from broadside.content.models import LetterMeta, Recipient
from broadside.documents.flyer import FLOOR_PT, flyer_intro, overflow_message
from broadside.documents.registry import OUTPUTS
from broadside.html.labels import Labels
from broadside.options import BuildOptions
from broadside.paper import Paper, whole_sheet
from broadside.pdf.fit import Trial
from broadside.pdf.jobs import Scaled
from tests.conftest import MINIMAL_ARTICLE, MINIMAL_LETTER, SEED_CONTENT, run_cli, write_markdown
from tests.printing import make
from tests.reading import Glyph, glyphs, links, squash


@dataclass(frozen=True)
class Flyer:
    """A flyer as made, and how its type size was found."""

    pdf: bytes
    pages: int
    size_pt: float
    layouts: int
    warnings: tuple[str, ...]
    details: tuple[str, ...]


MM = 72 / 25.4
ACCENT = (164, 38, 44)  # tokens.css --accent

SEED_DEMANDS = list(load_campaign(SEED_CONTENT).letter.meta.demands)
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
SHORT_URL = "https://example.org/pay"
SEVEN_URL = "https://example.org/campaigns/seven-changes?ref=flyer&lang=en"
LONG_URL = "https://example.org/campaigns/2024/a-fairer-workplace/sign-the-open-letter?ref=flyer"
ADA = {"name": "Ada Example", "role": "Chief Executive", "organisation": "Example Corp."}


@dataclass(frozen=True)
class Case:
    letter: dict[str, Any]
    min_pt: float  # the demands' type is at least this large on A4 and Letter


CASES = {
    "one": Case({"demands": ["Pay us fairly."], "ask": "Fair pay, now."}, 28),
    "one-url": Case({"demands": ["Pay us fairly."], "ask": "Fair pay, now.", "url": SHORT_URL}, 28),
    "three-url": Case(
        {
            "demands": SEED_DEMANDS,
            "ask": "We demand a choice in what we build, and a say in how it is used.",
            "recipient": {"name": "Jeff Bezos", "role": "CEO", "organisation": "Amazon"},
            "demands_intro": "We call on you to:",
            "date": "2018-06-21",
            "url": SEVEN_URL,
        },
        20,
    ),
    "seven": Case(
        {
            "demands": SEVEN,
            "ask": "Seven changes we need this year",
            "recipient": ADA,
            "date": "2024-03-08",
            "url": SEVEN_URL,
        },
        18,
    ),
    "seven-plain": Case({"demands": SEVEN, "ask": "Seven changes we need this year"}, 20),
    "twelve": Case(
        {"demands": TWELVE, "ask": "A fairer workplace", "signature": "Example Corp. workers"}, 16
    ),
    "twelve-url": Case(
        {"demands": TWELVE, "ask": "A fairer workplace", "recipient": ADA, "url": LONG_URL}, 14
    ),
    "long-words": Case(
        {
            "demands": LONG_WORDS,
            "ask": "Donaudampfschifffahrtsgesellschaftskapitänswitwe",
            "signature": "Hubert Blaine Wolfeschlegelsteinhausenbergerdorff Sr.",
            "url": LONG_URL,
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
WITH_URL = [name for name, case in CASES.items() if "url" in case.letter]


def write_case(folder: Path, name: str) -> Path:
    if not folder.exists():
        write_markdown(folder / "article.md", dict(MINIMAL_ARTICLE), "A report.\n")
        write_markdown(folder / "letter.md", {**MINIMAL_LETTER, **CASES[name].letter}, "A.\n")
    return folder


@pytest.fixture(scope="module")
def flyer(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, Paper], tuple[Path, Flyer]]:
    """Each case's flyer on each paper, made once per test process and shared."""
    root = tmp_path_factory.mktemp("flyers")
    made: dict[tuple[str, Paper], tuple[Path, Flyer]] = {}

    def get(name: str, paper: Paper) -> tuple[Path, Flyer]:
        if (name, paper) not in made:
            campaign = load_campaign(write_case(root / name, name))
            built, (printed,) = make("flyer.pdf", campaign, BuildOptions(paper))
            assert printed.pdf is not None and printed.scaled and printed.scaled.size
            (artifact,) = built.artifacts
            summary = next(d for d in built.details if "demands set at" in d)
            layouts = int(re.search(r"(\d+) layouts?", summary).group(1))  # type: ignore[union-attr]
            result = Flyer(
                artifact.data,
                printed.pages,
                printed.scaled.size,
                layouts,
                built.warnings,
                built.details,
            )
            path = root / f"{name}-{paper.value}.pdf"
            path.write_bytes(result.pdf)
            made[name, paper] = (path, result)
        return made[name, paper]

    return get


def demand_glyphs(drawn: list[Glyph], demand: str) -> list[Glyph]:
    """A demand's first characters as drawn on the page."""
    return text_glyphs(drawn, squash(demand).replace(" ", "")[:12])


def text_glyphs(drawn: list[Glyph], text: str) -> list[Glyph]:
    """The glyphs that draw `text` (spaces aside), where it first appears on the page."""
    visible = [g for g in drawn if not g.char.isspace()]
    joined = "".join(g.char for g in visible)
    wanted = text.replace(" ", "")
    at = joined.find(wanted)
    assert at >= 0, f"not found on the page: {text[:40]!r}"
    return visible[at : at + len(wanted)]


def demand_sizes(drawn: list[Glyph], demand: str) -> list[float]:
    return [glyph.size_pt for glyph in demand_glyphs(drawn, demand)]


def page_text(drawn: list[Glyph]) -> str:
    return "".join(g.char for g in drawn)


def render(path: Path, dpi: float) -> Any:
    document = pdfium.PdfDocument(path)
    try:
        return document[0].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        document.close()


def decoded(path: Path) -> list[Any]:
    """What a phone would read off the page: render it, then decode every barcode."""
    return list(_decoded(path, path.stat().st_mtime_ns))


@functools.lru_cache(maxsize=32)
def _decoded(path: Path, modified: int) -> tuple[Any, ...]:
    return tuple(zxingcpp.read_barcodes(render(path, 300)))  # 300 dpi: about 2 s a page


def pages(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def close_to(colour: tuple[int, int, int], expected: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 12 for a, b in zip(colour, expected, strict=True))


# ---------- one page, type as large as it fits ----------


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
    # The search aims well: a few layouts, not a scan of every size.
    assert result.layouts <= 3, result.details


@pytest.mark.parametrize("paper", PAPERS, ids=lambda p: p.value)
@pytest.mark.parametrize("name", CASES)
def test_every_character_is_inside_the_page_margins(flyer, name: str, paper: Paper) -> None:
    """Long words, long names and long URLs wrap; nothing runs off the edge or is cut off."""
    path, _ = flyer(name, paper)
    (width, height), drawn = glyphs(path)
    inside = 12 * MM  # the margins are 15 mm; a glyph's box may overhang a little
    for glyph in drawn:
        left, bottom, right, top = glyph.box
        if right > left:  # spaces have no box
            assert inside <= left and right <= width - inside, glyph
            assert inside <= bottom and top <= height - inside, glyph
    text = squash(page_text(drawn))
    for demand in CASES[name].letter["demands"]:
        assert squash(demand) in text  # all of it, in order: nothing cut off


# ---------- a poster: the target, the ask on a field, the demands ----------


@pytest.mark.parametrize("paper", PAPERS, ids=lambda p: p.value)
@pytest.mark.parametrize("name", ["one", "three-url", "twelve-url", "long-words"])
def test_the_ask_is_the_headline_on_an_accent_field(flyer, name: str, paper: Paper) -> None:
    path, _ = flyer(name, paper)
    (width, height), drawn = glyphs(path)
    ask = text_glyphs(drawn, squash(CASES[name].letter["ask"])[:10])
    demand = demand_sizes(drawn, CASES[name].letter["demands"][0])[0]
    # Poster scale: the largest type on the page, half as large again as the demands, and
    # over many small demands still 2.4 times their size up to 40 pt, to read across a room.
    assert ask[0].size_pt == max(g.size_pt for g in drawn)
    assert ask[0].size_pt >= 1.4 * demand and ask[0].size_pt >= 24
    assert ask[0].size_pt >= min(2.4 * demand, 40) - 0.05, (ask[0].size_pt, demand)
    # White on a field of the accent colour that runs from the top edge, edge to edge.
    dpi = 50
    image = render(path, dpi)
    field_bottom = max(g.box[3] for g in drawn if g.box[3] > g.box[1] and g in ask)
    for y_pt in (height - 2, height - 10 * MM, min(g.box[1] for g in ask) - 2):
        y = round((height - y_pt) * dpi / 72)
        for x_pt in (1, width / 2, width - 1):
            pixel = image.getpixel((min(round(x_pt * dpi / 72), image.width - 1), y))
            assert close_to(pixel, ACCENT), (x_pt, y_pt, pixel)
    assert field_bottom < height  # the field holds the headline...
    first = demand_glyphs(drawn, CASES[name].letter["demands"][0])[0]
    x, y = round(first.box[0] * dpi / 72), round((height - first.box[3]) * dpi / 72) - 3
    assert close_to(image.getpixel((x, y)), (255, 255, 255))  # ...and the demands are on white
    # The headline is set in white: its glyphs' boxes hold white ink on the field.
    left, bottom, right, top = ask[0].box
    box = (round(left * dpi / 72), round((height - top) * dpi / 72))
    box += (round(right * dpi / 72), round((height - bottom) * dpi / 72))
    colours = image.crop(box).getcolors(maxcolors=100_000)
    assert any(min(colour) > 230 for _, colour in colours)


@pytest.mark.parametrize("paper", PAPERS, ids=lambda p: p.value)
@pytest.mark.parametrize("name", CASES)
def test_the_headline_never_ends_on_one_short_word(flyer, name: str, paper: Paper) -> None:
    path, _ = flyer(name, paper)
    _, drawn = glyphs(path)
    largest = max(g.size_pt for g in drawn)
    lines: dict[int, str] = {}
    for glyph in drawn:
        if abs(glyph.size_pt - largest) < 0.1:
            baseline = round(glyph.origin[1])
            lines[baseline] = lines.get(baseline, "") + glyph.char
    last = lines[min(lines)].split()
    # The rest of a word hyphenated on the line above is not a word standing alone. Told by
    # the words as written, not by a hyphen in the text: a hyphen hyphenation adds is not
    # part of the PDF's text (issue 11).
    hyphenated = last[0] not in CASES[name].letter["ask"].split()
    if len(lines) > 1 and not hyphenated:
        assert len(last) > 1 or len(last[0]) > 12, list(lines.values())


def test_the_target_is_named_with_their_organisation(flyer) -> None:
    path, _ = flyer("seven", Paper.A4)
    text = squash(page_text(glyphs(path)[1]))
    assert squash("Open letter to Ada Example, Chief Executive of Example Corp.") in text


def test_the_intro_addresses_the_target_by_name(flyer) -> None:
    three, _ = flyer("three-url", Paper.A4)
    assert squash("Jeff Bezos, we call on you to:") in squash(page_text(glyphs(three)[1]))
    seven, _ = flyer("seven", Paper.A4)  # no intro of its own: the default names the target
    assert squash("Our demands to Ada Example") in squash(page_text(glyphs(seven)[1]))
    plain, _ = flyer("twelve", Paper.A4)  # no recipient: nobody to name
    assert squash("Our demands") in squash(page_text(glyphs(plain)[1]))


def intro(
    demands_intro: str | None, lang: str = "en", name: str = "Jeff Bezos", demands: int = 2
) -> str:
    letter = LetterMeta(
        title="A letter",
        demands=tuple(f"Do it {n}." for n in range(demands)),
        signature="Us",
        lang=lang,
        demands_intro=demands_intro,
        recipient=Recipient(name=name),
    )
    return flyer_intro(letter, Labels(lang))


def test_the_intro_is_addressed_only_where_the_words_allow() -> None:
    assert intro("We call on you to:") == "Jeff Bezos, we call on you to:"
    assert intro("Our demands:") == "Jeff Bezos, our demands:"
    assert intro("We call on Mr Bezos to:") == "We call on Mr Bezos to:"  # names him already
    assert intro("Amazon must:") == "Amazon must:"  # a name is never lowered
    assert intro("Wir fordern Sie auf:", "de") == "Jeff Bezos, wir fordern Sie auf:"
    assert intro("Forderungen an Sie:", "de") == "Forderungen an Sie:"  # a German noun stays
    assert intro("Nous vous demandons de :", "fr") == "Jeff Bezos, nous vous demandons de :"
    assert intro(None, "es") == "Nuestras demandas a Jeff Bezos"
    # Over a single demand, the default is in the singular.
    assert intro(None, demands=1) == "Our demand to Jeff Bezos"
    assert intro(None, "de", demands=1) == "Unsere Forderung an Jeff Bezos"
    assert intro(None, "fr", demands=1) == "Notre revendication à Jeff Bezos"


# ---------- with a URL: a call to action ----------


def qr_width_mm(barcode: Any, dpi: float = 300) -> float:
    position = barcode.position
    return (
        math.dist(
            (position.top_left.x, position.top_left.y), (position.top_right.x, position.top_right.y)
        )
        / dpi
        * 25.4
    )


def url_glyphs(drawn: list[Glyph], url: str) -> list[Glyph]:
    printed = url.removeprefix("https://")
    return text_glyphs(drawn, printed)


@pytest.mark.parametrize("paper", PAPERS, ids=lambda p: p.value)
@pytest.mark.parametrize("name", WITH_URL)
def test_a_qr_code_at_least_35_mm_wide_scans_to_the_url(flyer, name: str, paper: Paper) -> None:
    path, _ = flyer(name, paper)
    (barcode,) = decoded(path)
    assert barcode.text == CASES[name].letter["url"]
    assert qr_width_mm(barcode) >= 35
    with pikepdf.open(path) as pdf:  # drawn as vectors, not a picture
        assert not any(
            xobject.get("/Subtype") == "/Image"
            for page in pdf.pages
            for xobject in page.obj.Resources.get("/XObject", {}).values()
        )


@pytest.mark.parametrize("paper", PAPERS, ids=lambda p: p.value)
@pytest.mark.parametrize("name", WITH_URL)
def test_the_url_is_printed_on_one_line_and_linked(flyer, name: str, paper: Paper) -> None:
    path, _ = flyer(name, paper)
    url = CASES[name].letter["url"]
    _, drawn = glyphs(path)
    printed = url_glyphs(drawn, url)
    assert "https://" not in page_text(drawn)
    assert len({round(g.origin[1], 1) for g in printed}) == 1  # one baseline: one line
    sizes = {round(g.size_pt, 2) for g in printed}
    assert len(sizes) == 1 and 9 <= sizes.pop() <= 14
    # Beside the code, never under it: the line ends before the code begins.
    (barcode,) = decoded(path)
    code_left = barcode.position.top_left.x / 300 * 72
    assert max(g.box[2] for g in printed) < code_left
    # The printed address is a link to the address itself.
    left = min(g.box[0] for g in printed)
    right = max(g.box[2] for g in printed)
    with pikepdf.open(path) as pdf:
        rects = [
            [float(v) for v in annotation.Rect]
            for annotation in pdf.pages[0].get("/Annots", [])
            if annotation.get("/A", {}).get("/URI") == url
        ]
    assert any(r[0] <= left + 1 and r[2] >= right - 1 for r in rects), rects
    assert url in [link.uri for link in links(path)]


def test_a_short_url_is_set_at_14_pt_and_a_long_one_smaller(flyer) -> None:
    short, _ = flyer("one-url", Paper.A4)
    assert {round(g.size_pt, 2) for g in url_glyphs(glyphs(short)[1], SHORT_URL)} == {14}
    long, _ = flyer("long-words", Paper.A4)
    sizes = {g.size_pt for g in url_glyphs(glyphs(long)[1], LONG_URL)}
    assert len(sizes) == 1 and 9 <= sizes.pop() < 14


def test_the_call_to_action_has_a_label(flyer, tmp_path: Path) -> None:
    path, _ = flyer("one-url", Paper.A4)
    assert squash("Scan to read the letter") in squash(page_text(glyphs(path)[1]))
    folder = tmp_path / "labelled"
    write_markdown(folder / "article.md", dict(MINIMAL_ARTICLE), "A.\n")
    letter = {**MINIMAL_LETTER, "url": SHORT_URL, "url_label": "Sign the letter", "lang": "fr"}
    write_markdown(folder / "letter.md", letter, "A.\n")
    made, _ = make("flyer.pdf", load_campaign(folder))
    text = squash(page_text(glyphs(made.artifacts[0].data)[1]))
    assert squash("Sign the letter") in text and "Scannez" not in text


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        ("de", "Scannen und den Brief lesen"),
        ("fr", "Scannez pour lire la lettre"),
        ("es", "Escanea para leer la carta"),
    ],
)
def test_the_label_speaks_the_letters_language(tmp_path: Path, lang: str, label: str) -> None:
    folder = tmp_path / lang
    write_markdown(folder / "article.md", dict(MINIMAL_ARTICLE), "A.\n")
    write_markdown(folder / "letter.md", {**MINIMAL_LETTER, "url": SHORT_URL, "lang": lang}, "A.\n")
    made, _ = make("flyer.pdf", load_campaign(folder))
    assert squash(label) in squash(page_text(glyphs(made.artifacts[0].data)[1]))


# ---------- without a URL: who asks, and when, at the foot ----------


def test_without_a_url_the_signers_and_date_are_the_foot(flyer) -> None:
    path, _ = flyer("seven-plain", Paper.LETTER)
    assert decoded(path) == [] and links(path) == []
    _, drawn = glyphs(path)
    signature = text_glyphs(drawn, "Theundersigned")
    last_demand = text_glyphs(drawn, squash(SEVEN[-1])[-8:])
    assert max(g.box[3] for g in signature) < min(g.box[1] for g in last_demand)
    lowest_text = min(g.box[1] for g in drawn if g.box[2] > g.box[0])
    assert lowest_text < 25 * MM  # the foot sits at the bottom of the page


def test_one_short_demand_is_set_very_large_in_the_middle_of_the_page(flyer) -> None:
    path, _ = flyer("one", Paper.LETTER)
    (_, height), drawn = glyphs(path)
    assert min(demand_sizes(drawn, "Pay us fairly.")) >= 40
    # The room the short text leaves is shared out, not all left at the bottom.
    middle = sum(g.box[1] + g.box[3] for g in demand_glyphs(drawn, "Pay us fairly.")) / 2
    middle /= len(demand_glyphs(drawn, "Pay us fairly."))
    assert 0.3 * height < middle < 0.7 * height


@pytest.mark.parametrize("paper", PAPERS, ids=lambda p: p.value)
def test_a_single_demand_is_the_message_not_a_numbered_list(flyer, paper: Paper) -> None:
    path, _ = flyer("one-url", paper)
    _, drawn = glyphs(path)
    text = squash(page_text(drawn))
    assert squash("Our demand") in text and squash("Our demands") not in text
    assert squash("1.Pay us fairly.") not in text  # no numeral before it
    # It takes the full measure: it starts at the margin, under the intro, where a
    # numbered demand would start 1.45 em further in (a little ink-side bearing aside).
    first = demand_glyphs(drawn, "Pay us fairly.")[0]
    intro = text_glyphs(drawn, "Ourdemand")[0]
    assert abs(first.box[0] - intro.box[0]) < 0.15 * first.size_pt, (first.box, intro.box)


def test_unicode_renders_with_real_glyphs(flyer) -> None:
    path, result = flyer("unicode", Paper.A4)
    assert result.warnings == ()  # a missing glyph would be a .notdef warning
    text = squash(page_text(glyphs(path)[1]))
    for word in ("€50", "≥", "°C", "Łódź", "Nguyễn", "Ελληνικά", "Москва", "για όλους"):
        assert squash(word) in text


def test_metadata_names_the_ask_and_who_asks(flyer) -> None:
    path, _ = flyer("seven", Paper.A4)
    with pikepdf.open(path) as pdf:
        assert str(pdf.docinfo["/Title"]) == "Seven changes we need this year"
        assert str(pdf.docinfo["/Author"]) == "The undersigned"
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20240308")
        assert str(pdf.Root.Lang) == "en"
        assert "/StructTreeRoot" in pdf.Root  # tagged, as the brief is
    text = squash(page_text(glyphs(path)[1]))
    assert squash("The undersigned") in text and squash("March 8, 2024") in text


def test_verbose_notes_say_what_was_tried(flyer) -> None:
    _, result = flyer("twelve", Paper.LETTER)
    tried = [detail for detail in result.details if detail.startswith("flyer.pdf: layout ")]
    assert 1 <= len(tried) <= 6
    assert re.search(r"demands set at [\d.]+ pt .*: \d+ layouts? in \d+ ms$", result.details[-1])


# ---------- for a print shop ----------


def test_the_field_runs_on_into_the_bleed_and_no_further(make_campaign, tmp_path: Path) -> None:
    out = tmp_path / "out"
    root = make_campaign(letter={"ask": "Fair pay, now."})
    assert run_cli("build", root, "--out", out, "--bleed", "3", "--marks").exit_code == 0
    path = out / "flyer.pdf"
    with pikepdf.open(path) as pdf:
        trim = [float(v) for v in pdf.pages[0].TrimBox]
        media = [float(v) for v in pdf.pages[0].MediaBox]
    dpi = 72
    image = render(path, dpi)

    def pixel(x_pt: float, y_pt: float) -> tuple[int, int, int]:  # PDF points, from the media
        return image.getpixel((round((x_pt - media[0]) * dpi / 72), round(media[3] - y_pt)))

    top = trim[3]
    assert close_to(pixel(trim[0] - 1.5 * MM, top + 1.5 * MM), ACCENT)  # in the bleed
    assert close_to(pixel(trim[2] + 1.5 * MM, top + 1.5 * MM), ACCENT)
    assert pixel(trim[0] - 5 * MM, top + 5 * MM) == (255, 255, 255)  # past it, by the marks


# ---------- the seed, through the command line, beside the brief ----------


@pytest.mark.parametrize("build", ["seed_build", "seed_build_letter"])
def test_the_seed_flyer_is_built_beside_the_brief(build: str, request) -> None:
    out: Path = request.getfixturevalue(build)
    path = out / "flyer.pdf"
    assert (out / "brief.pdf").exists() and pages(path) == 1
    assert path.stat().st_size <= 60 * 1024
    _, drawn = glyphs(path)
    text = squash(page_text(drawn))
    assert squash("We demand a choice in") in text  # the ask
    assert squash("Open letter to Jeff Bezos, CEO of Amazon") in text
    assert squash("Jeff Bezos, we call on you to:") in text
    assert "Amazonians" in text and squash("June 22, 2018") in text
    for demand in SEED_DEMANDS:
        assert min(demand_sizes(drawn, demand)) >= 24
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
    assert "Nothing was written." in message
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before
    assert sorted(path.name for path in out.iterdir()) == ["brief.pdf", "flyer.pdf"]


def floor_fit(fullness: float) -> Scaled:
    return Scaled((Trial(FLOOR_PT, fullness, None),), None)


FLYER = next(output for output in OUTPUTS if output.name == "flyer.pdf")


def test_a_slight_overflow_on_letter_suggests_a4(make_campaign) -> None:
    campaign = load_campaign(make_campaign(letter={"demands": ["Short.", "A longer demand."]}))
    letter, a4 = whole_sheet(Paper.LETTER), whole_sheet(Paper.A4)
    slight = overflow_message(FLYER, campaign, letter, floor_fit(1.04))
    assert "needs 1.04 pages" in slight and "--paper a4" in slight
    assert "demand 2: 16 characters; demand 1: 6 characters" in slight
    # A4 is taller only by 17.6 mm: no use suggesting it for a page and a half.
    assert "--paper a4" not in overflow_message(FLYER, campaign, letter, floor_fit(1.5))
    assert "--paper a4" not in overflow_message(FLYER, campaign, a4, floor_fit(1.04))
