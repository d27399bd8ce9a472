"""`broadside watch` as a writer uses it: a real process, real saves, real PDFs read back."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from broadside.cli.watch import affected, template_closure
from broadside.documents.registry import outputs_for
from broadside.options import BuildOptions
from broadside.resources import STYLES, TEMPLATES
from tests.conftest import run_cli
from tests.reading import page_texts

TIMEOUT = 90  # seconds for any one step: generous, so a slow machine is never a failure


class Watch:
    """`broadside watch` in a child process, its output read line by line."""

    def __init__(self, campaign: Path, out: Path) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "broadside", "watch", str(campaign), "--out", str(out)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.seen: list[str] = []

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                assert self.process.poll() is None, f"watch exited: {self.seen}"
                continue
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"no line with {text!r} within {TIMEOUT} s: {self.seen}")

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=TIMEOUT)
        finally:
            self.process.kill()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process")
def test_watch_rebuilds_on_save_survives_mistakes_and_stops_cleanly(
    seed_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    watch = Watch(seed_copy, out)
    try:
        first = watch.wait_for("brief.pdf")
        assert "5 pages" in first and " KB" in first and " s" in first
        watch.wait_for("watching")

        article = seed_copy / "article.md"
        edit(article, "Amazon workers reportedly wrote", "Amazon workers (edited live) wrote")
        watch.wait_for("brief.pdf")
        assert "edited live" in "".join(page_texts(out / "brief.pdf"))

        edit(article, "\ntitle:", "\ntitel:")
        watch.wait_for("nothing rebuilt, still watching")
        problem = watch.wait_for("titel")
        assert "article.md:" in problem and "unknown field; did you mean 'title'?" in problem
        assert "edited live" in "".join(page_texts(out / "brief.pdf"))  # the last good one

        edit(article, "\ntitel:", "\ntitle:")
        edit(article, "(edited live)", "(fixed again)")
        watch.wait_for("brief.pdf")
        text = "".join(page_texts(out / "brief.pdf"))
        assert "fixed again" in text and "edited live" not in text
    finally:
        code = watch.stop()
    assert code == 0
    assert any("stopped watching" in line for line in [*watch.seen, *drain(watch)])
    # Every output, and nothing else: no temporaries left behind.
    assert {path.name for path in out.iterdir()} == {"brief.pdf", "flyer.pdf"}


def drain(watch: Watch) -> list[str]:
    lines = []
    while not watch.lines.empty():
        lines.append(watch.lines.get())
    return lines


def test_watch_refuses_a_missing_campaign_folder(tmp_path: Path) -> None:
    result = run_cli("watch", tmp_path / "nowhere", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "campaign folder not found" in result.output


def test_each_edit_rebuilds_only_the_outputs_that_read_it(seed_copy: Path) -> None:
    brief = ["brief.pdf"]
    everything = ["brief.pdf", "flyer.pdf"]
    options = BuildOptions()

    def touched(path: Path) -> list[str]:
        return affected([path], seed_copy, options)

    assert "brief.pdf" in touched(seed_copy / "article.md")
    assert touched(seed_copy / "photos" / "crowd.webp") == brief  # never a logo
    assert touched(seed_copy / "brand.yaml") == everything  # the accent is on both
    assert touched(seed_copy / "images" / "logo.png") == everything  # a logo, perhaps
    assert touched(TEMPLATES / "partials" / "letter.html.j2") == brief
    assert touched(TEMPLATES / "base.html.j2") == everything
    assert touched(STYLES / "tokens.css") == everything
    assert touched(STYLES / "brief.css") == brief
    assert touched(STYLES / "not-a-sheet-anyone-uses.css") == []
    assert touched(seed_copy.parent / "elsewhere.md") == []
    handouts = affected([STYLES / "brief.css"], seed_copy, BuildOptions(handouts=True))
    assert handouts == ["brief.pdf", "brief-booklet.pdf"]


def test_a_template_reads_what_it_includes_as_written_now() -> None:
    closure = template_closure("brief.html.j2")
    assert {"brief.html.j2", "base.html.j2", "partials/cover.html.j2"} <= closure
    assert "partials/letter.html.j2" in closure


def test_every_output_a_build_makes_is_registered_for_watch(seed_build: Path) -> None:
    """A PDF made by `build` but missing from the registry would never be rebuilt."""
    made = {path.name for path in seed_build.glob("*.pdf")}
    assert made == {output.name for output in outputs_for(BuildOptions())}


def test_watch_reports_an_output_it_cannot_write_and_goes_on(
    seed_copy: Path, tmp_path: Path
) -> None:
    from broadside.cli.watch import Session

    out = tmp_path / "out"
    (out / "brief.pdf").mkdir(parents=True)  # something that is not a file is in the way
    said: list[str] = []
    session = Session(seed_copy, out, BuildOptions(), said.append)
    assert session.rebuild(["brief.pdf", "flyer.pdf"]) is False
    assert [line.split(" ", 1)[1] for line in said[:1]] == ["not rebuilt, the previous files stay:"]
    assert said[1:] == [
        f"  cannot write {out / 'brief.pdf'}: something that is not a file is in the way"
    ]
    assert [path.name for path in out.iterdir()] == ["brief.pdf"]

    (out / "brief.pdf").rmdir()
    said.clear()
    assert session.rebuild(["brief.pdf", "flyer.pdf"]) is True
    assert [line.split()[1] for line in said] == ["brief.pdf", "flyer.pdf"]
