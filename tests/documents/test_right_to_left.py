"""Campaigns in other scripts, read back from real PDFs on A4 and Letter: right-to-left pages
mirrored, text in logical order, each part marked with its language and direction.

The campaigns are tests/campaigns/{arabic,hebrew,hindi,english-arabic} (test text, not
reviewed by speakers; each README.md says what it stresses)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli
from tests.reading import glyphs, page_texts

CAMPAIGNS = REPO / "tests" / "campaigns"
PAPERS = ["a4", "letter"]


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], Path]:
    """The outputs of a campaign on a paper, built once per module (brief, flyer, brief.html)."""
    done: dict[tuple[str, str], Path] = {}

    def build(campaign: str, paper: str) -> Path:
        if (campaign, paper) not in done:
            out = tmp_path_factory.mktemp(f"{campaign}-{paper}")
            result = run_cli(
                "build", CAMPAIGNS / campaign, "--out", out, "--paper", paper, "--html"
            )
            assert result.exit_code == 0, result.output
            assert "warning" not in result.output.lower(), result.output
            done[campaign, paper] = out
        return done[campaign, paper]

    return build


def text_of(pdf: Path) -> str:
    return words(" ".join(page_texts(pdf)))


def where(path: Path, page: int, text: str) -> tuple[float, float]:
    """Where `text` is drawn on a page: its left edge, and the page's width."""
    (width, _), drawn = glyphs(path, page)
    chars = "".join(g.char for g in drawn)
    at = chars.find(text)
    assert at >= 0, (text, chars[:200])
    return min(g.box[0] for g in drawn[at : at + len(text)]), width


@pytest.mark.parametrize("paper", PAPERS)
def test_an_arabic_brief_reads_in_logical_order(
    built: Callable[[str, str], Path], paper: str
) -> None:
    """Arabic comes out as written, letter by letter (no ligature reversed). Where a line
    mixes the directions, the extractor guesses the order of whole runs (pdfium gives
    "Bezos Jeff", and a URL in pieces, inside Arabic): words of the other direction are
    checked one by one, each in its own order; the URL where it stands alone, on the flyer."""
    out = built("arabic", paper)
    text = text_of(out / "brief.pdf")
    assert "رسالة الموظفين إلى جيف بيزوس" in text
    assert "التوقف عن تقديم البنية التحتية لشركة Palantir وغيرها من الشركاء." in text
    assert "Jeff" in text and "Bezos" in text
    assert "اتحاد الحريات المدنية الأمريكي" in text
    html = (out / "brief.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="ar" dir="rtl"', html)


@pytest.mark.parametrize("paper", PAPERS)
def test_the_folio_and_the_rail_are_mirrored(built: Callable[[str, str], Path], paper: str) -> None:
    """The page number at the foot's left, the byline's rail at the right of the column."""
    brief = built("arabic", paper) / "brief.pdf"
    pages = page_texts(brief)
    report = next(i for i, text in enumerate(pages) if i and "Sean Keane" in text)  # the byline
    folio, width = where(brief, report, "صفحة")
    assert folio < width / 3
    byline, _ = where(brief, report, "Sean Keane")
    body, _ = where(brief, report, "كتب عدد")
    assert byline > body


@pytest.mark.parametrize("paper", PAPERS)
def test_the_flyer_stays_one_page_right_to_left(
    built: Callable[[str, str], Path], paper: str
) -> None:
    flyer = built("arabic", paper) / "flyer.pdf"
    (text,) = page_texts(flyer)
    assert "نطالب بأن يكون لنا رأي فيما نبنيه وفي كيفية استخدامه." in words(text)
    url, width = where(flyer, 0, "example.org/letter")
    assert url < width / 2  # the call to action beside the QR code, both on the left


@pytest.mark.parametrize("paper", PAPERS)
def test_a_hebrew_brief_reads_in_logical_order(
    built: Callable[[str, str], Path], paper: str
) -> None:
    out = built("hebrew", paper)
    text = text_of(out / "brief.pdf")
    assert "מכתב פתוח לראש העירייה על מי השתייה בשכונה" in text
    assert "פנינו למוקד העירוני 12 פעמים" in text  # a number inside Hebrew
    assert "14 במרץ 2024" in text  # the letter's date, as CLDR writes it in Hebrew
    assert '<html lang="he" dir="rtl"' in (out / "brief.html").read_text(encoding="utf-8")
    (flyer,) = page_texts(out / "flyer.pdf")
    assert "אנחנו דורשים מים נקיים בכל בית" in words(flyer)


@pytest.mark.parametrize("paper", PAPERS)
def test_a_hindi_brief_is_set_left_to_right_in_devanagari(
    built: Callable[[str, str], Path], paper: str
) -> None:
    """Hindi is left to right; its labels are Hindi. (Its text layer loses vowel signs the
    shaper moves, docs/languages.md: only words without them are compared.)"""
    out = built("hindi", paper)
    text = text_of(out / "brief.pdf")
    assert "माँगें" in text  # "The demands", the cover's label
    assert "नगर आयुक्त" in text
    html = (out / "brief.html").read_text(encoding="utf-8")
    assert '<html lang="hi" dir="ltr"' in html
    brief = out / "brief.pdf"
    label, width = where(brief, 0, "माँगें")
    assert label < width / 3  # at the left, in the rail, as in an English brief


@pytest.mark.parametrize("paper", PAPERS)
def test_an_english_brief_of_an_arabic_letter_marks_each_part(
    built: Callable[[str, str], Path], paper: str
) -> None:
    out = built("english-arabic", paper)
    html = (out / "brief.html").read_text(encoding="utf-8")
    assert '<html lang="en" dir="ltr"' in html
    assert '<article class="letter" id="letter" lang="ar" dir="rtl">' in html
    # The letter's signatories on the English cover: in its language and direction.
    assert '<span lang="ar" dir="rtl">Layla Haddad' in html
    text = text_of(out / "brief.pdf")
    assert "رسالة الموظفين إلى جيف بيزوس" in text  # the letter's title, in its own part
    # Quoted inside English, each Hebrew word reads as written (pdfium lists the words of a
    # right-to-left run inside a left-to-right line from the left).
    assert all(word in text for word in ["אנחנו", "דורשים", "זכות", "לבחור"])
    # Who asks whom, in the brief's English (the names in the letter's Arabic).
    assert re.search(r"From .*Layla Haddad.* to Jeff Bezos", text)
