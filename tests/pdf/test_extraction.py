"""What copying, pasting and searching get from a brief: the words as written.

Measured with the two extractors readers meet most: pdfium (Chrome's viewer; pypdfium2) and
poppler (`pdftotext`, behind most Linux viewers). Hyphens the content wrote are U+002D;
hyphens hyphenation added never show (a word may be split by a line break, never joined by
a hyphen); capitals set by CSS and letter-spacing come out as the words were written.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.builds import build
from tests.reading import body_texts

# pdfium marks a line-end hyphen it joins with U+FFFE, and a hyphen it keeps with U+0002.
PDFIUM_MARKERS = "\ufffe\x02"


MM = 72 / 25.4
TOP, BOTTOM = 20 * MM, 18 * MM  # the running head and foot sit in these margins


def pdftotext(path: Path) -> str:
    """poppler's text of each page's body (the running head and foot are decoration)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    crop = ["-x", "0", "-y", f"{TOP:.0f}", "-W", "600", "-H", f"{842 - TOP - BOTTOM:.0f}"]
    command = ["pdftotext", "-enc", "UTF-8", *crop, str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory, "seed", "plain") / "brief.pdf"


@pytest.fixture(scope="module", params=["pdfium", "poppler"])
def extracted(request: pytest.FixtureRequest, seed: Path) -> str:
    if request.param == "pdfium":
        return "\n".join(body_texts(seed)).replace("\r\n", "\n")
    return pdftotext(seed)


def test_hyphens_the_content_wrote_are_hyphen_minus(extracted: str) -> None:
    """Even where a line breaks after one (the seed's A4 brief breaks "asylum-seekers")."""
    assert "asylum-seekers" in extracted
    assert "gettyimages-520695280.jpg" in extracted.replace("\n", "")
    assert "\u2010" not in extracted  # U+2010 HYPHEN: only hyphenation would have put it there


def test_hyphens_hyphenation_added_never_reach_the_text(extracted: str) -> None:
    """The seed's A4 brief hyphenates "Rekognition" at a line end: it reads whole."""
    assert "company’s Rekognition technology" in " ".join(extracted.split())
    assert not re.search(f"Rekogni[\u2010\u00ad{PDFIUM_MARKERS}-]", extracted)
    # No line anywhere ends in a hyphen, nor does pdfium find one to join.
    assert not re.search(f"\\w[-\u2010\u00ad{PDFIUM_MARKERS}]\n", extracted)
    assert not re.search(f"[{PDFIUM_MARKERS}]", extracted)


def test_capitals_and_letter_spacing_come_out_as_written(extracted: str) -> None:
    """Labels set in spaced capitals by CSS read as written: "The letter", not "T HE LET TER"
    or "THE LETTER"; a photographer's credit is a name, "Brent Lewis"."""
    assert "The letter" in extracted
    assert "Campaign brief" in extracted
    assert "Brent Lewis, Denver Post via Getty Images" in extracted.replace("\n", " ")
    assert "T HE" not in extracted and "THE LETTER" not in extracted
    assert "BRENT LEWIS" not in extracted
