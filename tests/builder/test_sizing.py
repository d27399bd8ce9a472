"""Small enough to email: the seed's sizes, and `--max-size` shrinking pictures, out loud."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest
from PIL import Image

from broadside.builder.sizing import parse_size
from tests.conftest import run_cli

KB = 1024


def test_the_seed_brief_is_small_enough_to_email(seed_build: Path) -> None:
    assert (seed_build / "brief.pdf").stat().st_size <= 150 * KB


def picture_dpi(pdf: Path) -> list[float]:
    """Effective resolution of each picture at the size it is printed."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [
            image.get_metadata().horizontal_dpi
            for page in document
            for image in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE])
        ]
    finally:
        document.close()


@pytest.fixture
def photo_campaign(make_campaign) -> Path:
    """A campaign whose photo is noise: it does not compress, so it is genuinely big."""
    root = make_campaign(
        article={"figure": {"file": "photos/crowd.jpg", "alt": "A crowd", "caption": "A crowd."}}
    )
    (root / "photos").mkdir()
    # 1600 px across a ~118 mm column is ~340 dpi: more than print needs, as photos are.
    noise = random.Random(1).randbytes(1600 * 1000 * 3)
    Image.frombytes("RGB", (1600, 1000), noise).save(root / "photos" / "crowd.jpg", quality=90)
    return root


def test_max_size_reduces_pictures_step_by_step_and_says_so(
    photo_campaign: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run_cli("build", photo_campaign, "--out", out, "--max-size", "120KB")
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if line.startswith("note:")]
    # Full quality (~350 KB) → 200 dpi (still over) → 150 dpi or lower, until it fits.
    assert 2 <= len(notes) <= 4, result.output
    assert "is over --max-size 120 KB; pictures re-rendered at 200 dpi, JPEG quality 70" in notes[0]
    assert "pictures re-rendered at 150 dpi, JPEG quality 65" in notes[1]
    final_dpi = int(re.search(r"at (\d+) dpi", notes[-1]).group(1))  # type: ignore[union-attr]
    size = (out / "brief.pdf").stat().st_size
    assert size <= 120 * KB
    assert f"{size / KB:.0f} KB" in result.output  # the size printed is the file's
    assert [round(dpi) for dpi in picture_dpi(out / "brief.pdf")] == [final_dpi]


def test_without_a_limit_pictures_keep_print_resolution(
    photo_campaign: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run_cli("build", photo_campaign, "--out", out)
    assert result.exit_code == 0, result.output
    assert "note:" not in result.output
    assert [round(dpi) for dpi in picture_dpi(out / "brief.pdf")] == [300]
    assert (out / "brief.pdf").stat().st_size > 300 * KB


def test_a_limit_that_cannot_be_met_fails_and_writes_nothing(
    seed_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run_cli("build", seed_copy, "--out", out, "--max-size", "20KB")
    assert result.exit_code == 3
    assert "brief.pdf is " in result.output and "over --max-size 20 KB" in result.output
    assert "it has none to shrink" in result.output  # the seed has no pictures
    assert "raise --max-size" in result.output and "Nothing was written" in result.output
    assert "Traceback" not in result.output
    # One message, several lines, printed as lines (not with escaped line breaks).
    assert "\\u000A" not in result.output
    lines = result.output.splitlines()
    assert any(line.startswith("brief.pdf is ") for line in lines)
    assert any(line.startswith("flyer.pdf is ") or line.startswith("To fit") for line in lines)
    assert not out.exists()


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("2MB", 2 * KB * KB),
        ("500KB", 500 * KB),
        ("1.5 MB", int(1.5 * KB * KB)),
        ("250000", 250000),
        ("300k", 300 * KB),
        ("1 MiB", KB * KB),
    ],
)
def test_sizes_are_read_as_people_write_them(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["big", "2 MBs", "-1MB", "", "0"])
def test_a_bad_size_is_a_usage_error(seed_copy: Path, tmp_path: Path, text: str) -> None:
    result = run_cli("build", seed_copy, "--out", tmp_path / "out", "--max-size", text)
    assert result.exit_code == 2
    assert "--max-size" in result.output
