"""Right-to-left and mixed campaigns, read back from real PDFs: the page mirrored, the text in
logical order, each part marked with its language."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run_cli, write_markdown
from tests.reading import glyphs, page_texts

# Test text, not reviewed by speakers.
ARABIC_LETTER = {
    "title": "رسالة الموظفين إلى جيف بيزوس",
    "lang": "ar",
    "ask": "نطالب بأن يكون لنا رأي فيما نبنيه وفي كيفية استخدامه.",
    "recipient": {"name": "Jeff Bezos", "role": "الرئيس التنفيذي", "organisation": "Amazon"},
    "demands_intro": "ندعوك إلى:",
    "demands": [
        "التوقف عن بيع خدمات التعرف على الوجوه لجهات إنفاذ القانون.",
        "التوقف عن تقديم البنية التحتية لشركة Palantir وغيرها من الشركاء.",
    ],
    "signature": ["Layla Haddad", "Tom O'Brien"],
    "url": "https://example.org/letter",
}
ARABIC_BODY = (
    "نحن قلقون من تقرير ACLU عن تقنية Rekognition. اقرأ المزيد على https://example.org/report"
    " اليوم.\n"
)
ARABIC_ARTICLE = {
    "title": "موظفو أمازون يحتجون على بيع برنامج التعرف على الوجوه",
    "lang": "ar",
    "author": {"name": "Sean Keane"},
}
ENGLISH_ARTICLE = {"title": "Workers in Amman write to Amazon", "lang": "en"}
HEBREW_QUOTE = "אנחנו דורשים זכות לבחור"


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """Build a campaign (article front matter and body, the Arabic letter) on `paper`."""

    def make(article: dict[str, object], body: str, paper: str = "a4") -> Path:
        root = tmp_path_factory.mktemp("campaign")
        write_markdown(root / "article.md", article, body)
        write_markdown(root / "letter.md", ARABIC_LETTER, ARABIC_BODY)
        out = root / "dist"
        result = run_cli("build", root, "--out", out, "--paper", paper, "--html")
        assert result.exit_code == 0, result.output
        return out

    return make


@pytest.fixture(scope="module", params=["a4", "letter"])
def arabic(request: pytest.FixtureRequest, build: Callable[..., Path]) -> Path:
    return build(
        ARABIC_ARTICLE, "كتب عدد من موظفي أمازون رسالة مفتوحة إلى Jeff Bezos.\n", request.param
    )


def test_an_arabic_brief_reads_in_logical_order(arabic: Path) -> None:
    """Words come out as written, letter by letter (no ligature reversed), and an English
    name inside Arabic keeps its place. (Where a line mixes the directions, a reader's
    extractor guesses the order of whole runs: pdfium puts "https" after "://" in a URL
    inside Arabic, so the URL is checked in one piece only from its host on.)"""
    text = words(" ".join(page_texts(arabic / "brief.pdf")))
    assert ARABIC_LETTER["title"] in text
    assert "لشركة Palantir وغيرها" in text
    assert "Jeff Bezos" in text
    assert "example.org/report" in text
    for demand in ARABIC_LETTER["demands"]:
        assert demand in text


def test_an_arabic_brief_is_marked_right_to_left(arabic: Path) -> None:
    html = (arabic / "brief.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="ar" dir="rtl"', html)


def _leftmost(path: Path, page: int, text: str) -> tuple[float, float]:
    """Where `text` is drawn on a page: its left edge, and the page's width."""
    (width, _), drawn = glyphs(path, page)
    chars = "".join(g.char for g in drawn)
    at = chars.find(text)
    assert at >= 0, (text, chars[:200])
    return min(g.box[0] for g in drawn[at : at + len(text)]), width


def test_the_folio_and_the_rail_are_mirrored(arabic: Path) -> None:
    """The page number at the foot's left, the byline's rail at the right of the column."""
    brief = arabic / "brief.pdf"
    pages = page_texts(brief)
    report = next(i for i, text in enumerate(pages) if "مدة القراءة" in text)  # min read
    folio, width = _leftmost(brief, report, "صفحة")
    assert folio < width / 3
    byline, _ = _leftmost(brief, report, "Sean Keane")
    body, _ = _leftmost(brief, report, "رسالة")
    assert byline > body


def test_the_flyer_stays_one_page_right_to_left(arabic: Path) -> None:
    flyer = arabic / "flyer.pdf"
    (text,) = page_texts(flyer)
    assert words(ARABIC_LETTER["ask"]) in words(text)
    url, width = _leftmost(flyer, 0, "example.org/letter")
    assert url < width / 2  # the call to action beside the QR code, both on the left


def test_an_english_brief_quoting_arabic_and_hebrew_marks_each_part(
    build: Callable[..., Path],
) -> None:
    body = f"The letter opens: «{ARABIC_LETTER['ask']}». A petition said «{HEBREW_QUOTE}».\n"
    out = build(ENGLISH_ARTICLE, body)
    html = (out / "brief.html").read_text(encoding="utf-8")
    assert '<html lang="en" dir="ltr"' in html
    assert re.search(r'<article class="letter" id="letter" lang="ar" dir="rtl">', html)
    # The names on the English cover are the letter's, in its language and direction.
    assert '<span lang="ar" dir="rtl">Layla Haddad' in html
    text = words(" ".join(page_texts(out / "brief.pdf")))
    assert HEBREW_QUOTE in text and ARABIC_LETTER["title"] in text
    assert "writing to Jeff Bezos" in text
