"""The progress display: on a terminal once a build takes a moment; never anywhere else."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from broadside.cli import progress as progress_module
from broadside.cli.progress import progress
from tests.conftest import run_cli


def test_a_slow_build_on_a_terminal_shows_what_it_is_doing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with progress("typesetting the brief", enabled=True) as shown:
        deadline = time.monotonic() + 30
        while shown._status is None and time.monotonic() < deadline:
            time.sleep(0.05)  # the display appears after DELAY, on its own thread
        assert shown._status is not None
    assert "typesetting the brief" in capsys.readouterr().err


def test_nothing_is_shown_when_not_on_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    with progress("typesetting", enabled=False) as shown:
        time.sleep(progress_module.DELAY * 2)
        assert shown._status is None
    assert capsys.readouterr() == ("", "")


def test_build_output_is_the_same_without_a_terminal(seed_copy: Path, tmp_path: Path) -> None:
    result = run_cli("build", seed_copy, "--out", tmp_path / "out")
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith("wrote ")
    assert "typesetting" not in result.output
