"""Printing in worker processes: the same PDFs as in-process, and a failure there is never the
user's unless it is the user's."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from broadside.errors import BuildError
from broadside.fonts.faces import font_face_css
from broadside.html.stylesheets import Stylesheet
from broadside.pdf.jobs import Layout, PrintJob
from broadside.pdf.settings import PdfSettings
from broadside.pdf.worker import WorkerFailed, WorkerPrinter
from broadside.resources import STYLES
from tests.conftest import SEED_CONTENT, run_cli
from tests.printing import page

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="workers need fork()")
SHEETS = (Stylesheet("fonts", font_face_css(), STYLES),)


def job(root: Path, body: str, **kwargs: object) -> PrintJob:
    return PrintJob("test.pdf", root, PdfSettings(), (Layout(page(body), SHEETS),), **kwargs)  # type: ignore[arg-type]


def test_workers_print_the_very_pdfs_this_process_prints(tmp_path: Path) -> None:
    here = run_cli("build", SEED_CONTENT, "--out", tmp_path / "here", "--jobs", "0")
    there = run_cli("build", SEED_CONTENT, "--out", tmp_path / "there", "--jobs", "2")
    assert here.exit_code == there.exit_code == 0, here.output + there.output
    for name in ("brief.pdf", "flyer.pdf"):
        assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "there" / name).read_bytes()


def test_answers_come_back_to_the_job_that_asked(tmp_path: Path) -> None:
    printer = WorkerPrinter(2)
    try:
        futures = [printer.submit(job(tmp_path, f"<p>{'word ' * n * 300}</p>")) for n in (6, 1, 3)]
        pages = [future.result(timeout=60).pages for future in futures]
    finally:
        printer.close()
    assert pages[1] < pages[2] < pages[0]


def test_a_users_error_in_a_worker_comes_back_as_itself(tmp_path: Path) -> None:
    printer = WorkerPrinter(1)
    try:
        refused = printer.submit(job(tmp_path, '<img src="/etc/passwd" alt="x">'))
        with pytest.raises(BuildError, match=r"^refused /etc/passwd: it is outside"):
            refused.result(timeout=60)
        # The worker is still there for the next job.
        assert printer.submit(job(tmp_path, "<p>Next.</p>")).result(timeout=60).pdf
    finally:
        printer.close()


def test_a_worker_that_dies_fails_its_job_as_a_bug_and_is_replaced(tmp_path: Path) -> None:
    printer = WorkerPrinter(1)
    try:
        assert printer.submit(job(tmp_path, "<p>Warm.</p>")).result(timeout=60).pdf
        children = _children(printer)
        assert len(children) == 1
        slow = printer.submit(job(tmp_path, "<p>" + "a\u0301\u0300 " * 40_000 + "</p>"))
        time.sleep(1.0)
        os.kill(children[0], signal.SIGKILL)
        with pytest.raises(WorkerFailed, match=r"a render worker died \(signal 9\)"):
            slow.result(timeout=60)
        assert printer.submit(job(tmp_path, "<p>Again.</p>")).result(timeout=60).pdf
    finally:
        printer.close()


def test_a_job_past_its_deadline_is_stopped_in_the_worker(tmp_path: Path) -> None:
    printer = WorkerPrinter(1)
    try:
        slow = job(
            tmp_path, "<p>" + "a\u0301\u0300 " * 40_000 + "</p>", deadline=time.monotonic() + 2
        )
        started = time.monotonic()
        with pytest.raises(BuildError, match=r"^gave up after"):
            printer.submit(slow).result(timeout=60)
        assert time.monotonic() - started < 30
    finally:
        printer.close()


def test_closing_stops_every_worker_process(tmp_path: Path) -> None:
    printer = WorkerPrinter(2)
    printer.submit(job(tmp_path, "<p>One.</p>")).result(timeout=60)
    host = printer.host_pid
    children = _children(printer)
    assert len(children) == 1
    printer.close()
    time.sleep(0.2)
    for pid in (host, *children):
        assert _state(pid) in (None, "Z"), pid  # gone, or dead and waiting to be reaped


def test_a_build_with_workers_reports_a_content_error_and_leaves_no_process(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    result = run_cli("build", broken, "--out", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 1 and "article.md" in result.output


def _state(pid: int) -> str | None:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


def _children(printer: WorkerPrinter) -> list[int]:
    """The host's children, from /proc (Linux)."""
    host = printer.host_pid
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == host:
                found.append(int(entry.name))
    return found
