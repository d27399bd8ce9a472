"""Same content, same version → byte-identical PDFs, run after run, process after process."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest
from fontTools.misc.timeTools import epoch_diff
from fontTools.ttLib import TTFont

from broadside.pdf.fontdates import font_epoch
from tests.conftest import REPO, SEED_CONTENT, run_cli

EVERYTHING = ("--handouts", "--archival", "--bleed", "3", "--marks")


# One interpreter runs the command line twice: the plain build, then every print option.
SCRIPT = """
import sys
from broadside.cli.app import app
content, out = sys.argv[1:3]
app(["build", content, "--out", out + "/plain"], standalone_mode=False)
app(["build", content, "--out", out + "/everything", *sys.argv[3:]], standalone_mode=False)
"""


@pytest.mark.slow
def test_two_processes_write_identical_bytes(tmp_path: Path) -> None:
    """Separate interpreters, different hash seeds, no SOURCE_DATE_EPOCH: same bytes."""
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    runs = [tmp_path / "first", tmp_path / "second"]
    processes = []
    for seed, out in enumerate(runs, start=1):
        processes.append(
            subprocess.Popen(
                [sys.executable, "-c", SCRIPT, str(SEED_CONTENT), str(out), *EVERYTHING],
                cwd=REPO,
                env={**env, "PYTHONHASHSEED": str(seed)},
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
        )
        time.sleep(1.1)  # a clock read at one-second resolution would now differ
    for process in processes:
        output, _ = process.communicate(timeout=120)
        assert process.returncode == 0, output.decode()
    first, second = runs
    files = sorted(path.relative_to(first) for path in first.rglob("*.pdf"))
    assert files == sorted(path.relative_to(second) for path in second.rglob("*.pdf"))
    assert {str(f) for f in files} >= {
        "plain/brief.pdf",
        "everything/brief.pdf",
        "everything/brief-booklet.pdf",
    }
    for file in files:
        assert (first / file).read_bytes() == (second / file).read_bytes(), file


def test_embedded_fonts_carry_the_fonts_date_not_the_clock(seed_build: Path) -> None:
    with pikepdf.open(seed_build / "brief.pdf") as pdf:
        stamps = {
            TTFont(io.BytesIO(descriptor[key].read_bytes()))["head"].modified
            for descriptor in pdf.objects
            if isinstance(descriptor, pikepdf.Dictionary)
            and descriptor.get("/Type") == "/FontDescriptor"
            for key in ("/FontFile2", "/FontFile3")
            if key in descriptor
        }
    assert stamps
    # Subsets of unchanged faces keep their date; re-saved instances get the newest.
    assert max(stamps) == font_epoch() - epoch_diff


def test_without_a_date_in_the_content_the_pdf_has_none(make_campaign, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("build", make_campaign(), "--out", out).exit_code == 0
    with pikepdf.open(out / "brief.pdf") as pdf:
        assert "/CreationDate" not in pdf.docinfo and "/ModDate" not in pdf.docinfo
        with pdf.open_metadata() as xmp:
            assert "xmp:CreateDate" not in xmp and "xmp:ModifyDate" not in xmp


def test_source_date_epoch_dates_a_campaign_without_dates(
    make_campaign, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    out = tmp_path / "out"
    assert run_cli("build", make_campaign(), "--out", out).exit_code == 0
    with pikepdf.open(out / "brief.pdf") as pdf:
        assert str(pdf.docinfo.CreationDate) == "D:20231114221320+00'00"
        assert str(pdf.docinfo.ModDate) == "D:20231114221320+00'00"


@pytest.mark.parametrize("value", ["yesterday", "99999999999999999999", "7289654400"])
def test_a_bad_source_date_epoch_is_a_clear_error(
    make_campaign, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    """Words, or a date past Python's calendar (year 3 billion) or past 2200: no traceback."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    result = run_cli("build", make_campaign(), "--out", tmp_path / "out", "--archival")
    assert result.exit_code == 3
    assert result.stderr == (
        "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, at most "
        f"7289654399 (the end of 2200), not {value!r}\n"
    )
    assert not (tmp_path / "out").exists()


def test_a_date_without_an_offset_means_the_same_instant_in_every_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Archival attachments are dated in UTC; a bare date must not shift with the machine."""
    import time
    from datetime import UTC, datetime

    from broadside.reproducible import as_utc

    for zone in ("UTC", "Asia/Tokyo", "America/Los_Angeles"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        assert as_utc(datetime(2018, 6, 20)) == datetime(2018, 6, 20, tzinfo=UTC)
    monkeypatch.delenv("TZ")
    time.tzset()


def test_where_the_folder_is_changes_nothing_in_the_pdfs(tmp_path: Path) -> None:
    """A campaign with a picture, built from two places: the same bytes (a picture's name in
    the PDF is a digest of its address, so the address must not say where the folder is)."""
    from PIL import Image

    builds = []
    for place in ("here", "somewhere/else/entirely"):
        folder = Path(shutil.copytree(SEED_CONTENT, tmp_path / place / "campaign"))
        Image.radial_gradient("L").convert("RGB").save(folder / "photo.jpg", quality=80)
        article = folder / "article.md"
        text = article.read_text(encoding="utf-8")
        picture = "figure:\n  file: photo.jpg\n  alt: A grey circle, light at its centre\n"
        article.write_text(text.replace("figure:\n", picture, 1))
        out = tmp_path / place / "out"
        result = run_cli("build", folder, "--out", out, "--archival")
        assert result.exit_code == 0, result.output
        builds.append(out)
    first, second = builds
    for name in ("brief.pdf", "flyer.pdf"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    with pikepdf.open(first / "brief.pdf") as pdf:
        assert any("/XObject" in page.Resources for page in pdf.pages)  # the picture is in
