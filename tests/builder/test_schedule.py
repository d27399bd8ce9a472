"""How many workers a build uses: fewer while other programs keep the cores busy."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from broadside.builder import schedule


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts from /proc")
def test_a_core_kept_busy_right_now_is_not_counted_idle() -> None:
    """The load average would take a minute to see a program that has just started; the
    count of running processes sees it at once, so a build started beside it holds back."""
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.3)  # started and spinning
        idle = schedule.idle_cores.__wrapped__()
        assert 1 <= idle <= max(1, schedule.cores() - 1)
    finally:
        busy.kill()
        busy.wait()
