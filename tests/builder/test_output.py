"""Nothing lost: a failed build leaves the previous PDFs byte for byte, and no temporaries."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from broadside import temporaries
from broadside.builder.output import _commit, _failed, _stage, write_all
from broadside.errors import BuildError, ExitCode
from tests.conftest import run_cli


@pytest.fixture
def built(
    make_campaign: Callable[..., Path], tmp_path: Path
) -> tuple[Path, Path, dict[str, bytes]]:
    """A campaign built once: its folder, the output folder and every output's bytes."""
    root = make_campaign()
    out = tmp_path / "out"
    result = run_cli("build", root, "--out", out)
    assert result.exit_code == 0, result.output
    return root, out, snapshot(out)


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir() if path.is_file()}


def test_a_content_error_keeps_the_previous_pdf(built: tuple[Path, Path, dict[str, bytes]]) -> None:
    root, out, before = built
    article = root / "article.md"
    article.write_text(article.read_text() + "\nA [bad link](javascript:alert(1)).\n")
    result = run_cli("build", root, "--out", out)
    assert result.exit_code == ExitCode.CONTENT
    assert snapshot(out) == before
    assert files_in(out) == ["brief.pdf", "flyer.pdf"]


@pytest.mark.expected_weasyprint_warnings
def test_strict_turns_warnings_into_a_failure_that_writes_nothing(
    built: tuple[Path, Path, dict[str, bytes]],
) -> None:
    root, out, before = built
    article = root / "article.md"
    # A link to an anchor that does not exist: valid Markdown, but WeasyPrint warns.
    article.write_text(article.read_text() + "\nSee [below](#nowhere).\n")
    warning = "warning: brief.pdf: No anchor #nowhere for internal URI reference"

    relaxed = run_cli("build", root, "--out", out)
    assert relaxed.exit_code == 0
    assert relaxed.stderr.splitlines() == [warning]
    after_relaxed = snapshot(out)
    assert after_relaxed["brief.pdf"] != before["brief.pdf"]

    strict = run_cli("build", root, "--out", out, "--strict")
    assert strict.exit_code == ExitCode.BUILD
    assert strict.stderr.splitlines() == [
        warning,
        "--strict: 1 warning above; nothing was written",
    ]
    assert snapshot(out) == after_relaxed
    assert files_in(out) == ["brief.pdf", "flyer.pdf"]


def test_a_folder_in_the_way_fails_before_anything_is_written(
    built: tuple[Path, Path, dict[str, bytes]],
) -> None:
    root, out, before = built
    (out / "brief.html").mkdir()
    result = run_cli("build", root, "--out", out, "--html")
    assert result.exit_code == ExitCode.BUILD
    assert result.stderr.splitlines() == [
        f"cannot write {out / 'brief.html'}: something that is not a file is in the way"
    ]
    assert snapshot(out) == before
    assert files_in(out) == ["brief.html", "brief.pdf", "flyer.pdf"]


def test_an_output_folder_that_is_a_file(
    make_campaign: Callable[..., Path], tmp_path: Path
) -> None:
    (tmp_path / "out").write_text("not a folder")
    result = run_cli("build", make_campaign(), "--out", tmp_path / "out")
    assert result.exit_code == ExitCode.BUILD
    assert result.stderr.startswith(f"cannot create output folder {tmp_path / 'out'}:")
    assert (tmp_path / "out").read_text() == "not a folder"


def test_a_rename_failing_part_way_puts_back_the_files_already_replaced(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"old a")
    (tmp_path / "c.pdf").write_bytes(b"old c")
    # Staged first, then something takes b.pdf's name: the case the pre-flight cannot see.
    staged = _stage({"a.pdf": b"new a", "b.pdf": b"new b", "c.pdf": b"new c"}, tmp_path)
    (tmp_path / "b.pdf").mkdir()
    (tmp_path / "b.pdf" / "keep").write_text("a folder's content")
    with pytest.raises(BuildError, match=r"b\.pdf: .*; the previous files were kept"):
        _commit(staged)
    assert (tmp_path / "a.pdf").read_bytes() == b"old a"
    assert (tmp_path / "c.pdf").read_bytes() == b"old c"
    assert files_in(tmp_path) == ["a.pdf", "b.pdf", "c.pdf"]


def test_new_files_appear_whole_and_old_ones_are_replaced(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"old")
    written = write_all({"a.pdf": b"new a", "b.html": b"new b"}, tmp_path)
    assert written == [tmp_path / "a.pdf", tmp_path / "b.html"]
    assert (tmp_path / "a.pdf").read_bytes() == b"new a"
    assert files_in(tmp_path) == ["a.pdf", "b.html"]
    assert (tmp_path / "a.pdf").stat().st_mode & 0o777 == 0o644


def cpu_seconds(pid: int) -> float:
    """CPU time of `pid` and of the processes it runs now (the build's render process)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads CPU time from /proc")
def test_an_interrupted_build_writes_nothing(
    make_campaign: Callable[..., Path], tmp_path: Path
) -> None:
    sentence = "The workers wrote to their chief executive about the contracts. "
    root = make_campaign(article_body="\n\n".join(sentence * 3 for _ in range(500)))
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "broadside", "build", str(root), "--out", str(out)],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    # Interrupt once it has worked two CPU seconds: imported, loaded, typesetting (it needs
    # about five), however busy the machine is.
    while cpu_seconds(process.pid) < 2.0 and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == ExitCode.INTERRUPTED, stderr
    assert stderr.strip() == "interrupted; nothing was written"
    assert not out.exists() or files_in(out) == []


@pytest.mark.skipif(sys.platform == "win32", reason="a file-size limit is a POSIX resource")
def test_a_file_size_limit_is_a_clean_exit_3_and_keeps_the_previous_files(
    built: tuple[Path, Path, dict[str, bytes]],
) -> None:
    import resource

    root, out, before = built
    # A noisy picture makes the brief larger than the limit, the fonts' copies smaller.
    Image.effect_noise((1200, 1200), 60).convert("RGB").save(root / "noise.jpg", quality=95)
    article = root / "article.md"
    article.write_text(article.read_text() + "\n\n![Noise](noise.jpg)\n")
    limit = 700 * 1024

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run(
        [sys.executable, "-m", "broadside", "build", str(root), "--out", str(out)],
        capture_output=True,
        text=True,
        preexec_fn=limited,  # in the child, before Broadside starts
        timeout=300,
    )
    assert result.returncode == ExitCode.BUILD, result.stderr
    assert result.stderr.splitlines() == [
        f"cannot write to {out}: File too large (a limit on the size of files, ulimit -f, "
        "is in the way); the previous files were kept"
    ]
    assert snapshot(out) == before
    assert files_in(out) == ["brief.pdf", "flyer.pdf"]


def test_a_build_removes_what_a_killed_build_left_and_nothing_else(
    built: tuple[Path, Path, dict[str, bytes]],
) -> None:
    root, out, _ = built
    killed = subprocess.Popen([sys.executable, "-c", "pass"])
    killed.wait()
    left = out / f".brief.pdf.{temporaries.machine()}-{killed.pid}.0badc0de.tmp"
    left.write_bytes(b"half a PDF")
    someone_elses = out / ".brief.pdf.tmp"
    someone_elses.write_bytes(b"not ours")
    result = run_cli("build", root, "--out", out)
    assert result.exit_code == 0, result.output
    assert files_in(out) == [".brief.pdf.tmp", "brief.pdf", "flyer.pdf"]


def test_the_error_says_which_files_stayed_new_when_they_cannot_be_put_back(
    tmp_path: Path,
) -> None:
    error = OSError(28, "No space left on device")
    assert _failed(tmp_path / "b.pdf", error, []) == (
        f"cannot write {tmp_path / 'b.pdf'}: No space left on device (the disk is full); "
        "the previous files were kept"
    )
    assert _failed(tmp_path / "b.pdf", error, [tmp_path / "a.pdf"]) == (
        f"cannot write {tmp_path / 'b.pdf'}: No space left on device (the disk is full); "
        f"{tmp_path / 'a.pdf'} was already replaced by the new version and could not be put "
        "back (this file system makes no hard links); the other previous files were kept"
    )
