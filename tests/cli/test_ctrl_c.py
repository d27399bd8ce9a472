"""Ctrl-C at any moment: exit code 130 and no traceback, from the `broadside` script's first
line on. (Before it, Python itself is starting: the signal ends the process outright, or
Python reports that its own start-up was interrupted; neither is Broadside's code.)"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from broadside.errors import ExitCode

SCRIPT = Path(sys.executable).with_name("broadside")
# Python's own words for an interrupted start-up, at whichever step it was: "Fatal Python
# error: init_import_site: …", "… init_sys_streams: …" (seen on a busy machine).
PYTHON_STARTING = "Fatal Python error: init_"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process")
@pytest.mark.skipif(not SCRIPT.is_file(), reason="the console script is not installed")
def test_ctrl_c_while_broadside_starts_exits_130_quietly(seed_copy: Path) -> None:
    outcomes = []
    # Every few milliseconds through start-up and loading: Python, the script, Typer, the
    # content check. On a busy machine each moment falls later in that sequence.
    for delay in [0.0, 0.01, 0.02, 0.03, 0.05, 0.07, 0.09, 0.12, 0.15, 0.2, 0.3, 0.5]:
        process = subprocess.Popen(
            [str(SCRIPT), "check", str(seed_copy)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
        outcomes.append(process.returncode)
        if process.returncode == -signal.SIGINT or PYTHON_STARTING in stderr:
            continue  # stopped before Broadside's first line
        if process.returncode == 0:
            assert stdout == f"{seed_copy}: ok\n"  # done before the signal came
            continue
        assert process.returncode == ExitCode.INTERRUPTED, (delay, stderr)
        assert "Traceback" not in stderr and "Error" not in stderr, (delay, stderr)
    assert ExitCode.INTERRUPTED in outcomes, outcomes


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM to a child process")
def test_sigterm_stops_a_build_like_ctrl_c(seed_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "broadside", "build", str(seed_copy), "--out", str(out)],
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.0)  # loading, or already typesetting
    process.terminate()
    _, stderr = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the build finished within a second: nothing to interrupt")
    assert process.returncode == ExitCode.INTERRUPTED, stderr
    # Quiet if it came while Broadside was still loading; else it says so.
    assert stderr in ("", "interrupted; nothing was written\n")
    assert not out.exists() or sorted(path.name for path in out.iterdir()) == []
