"""The time limit: a limit inside another leaves the outer one running."""

from __future__ import annotations

import signal
import time

import pytest

from broadside.deadline import deadline_in, time_limit
from broadside.errors import BuildError


def busy(seconds: float) -> None:
    """Python code for `seconds` (a signal handler runs between its bytecodes)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_an_outer_limit_still_stops_the_work_after_an_inner_one_ended() -> None:
    started = time.monotonic()
    with pytest.raises(BuildError, match=r"^gave up after"), time_limit(until=deadline_in(1)):
        with time_limit(until=deadline_in(30)):  # a print job's, inside a campaign's
            busy(0.1)
        busy(10)  # the campaign's limit must stop this
    assert time.monotonic() - started < 5
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_an_outer_limit_that_ends_first_stops_the_inner_work() -> None:
    started = time.monotonic()
    with (
        pytest.raises(BuildError, match=r"^gave up after"),
        time_limit(until=deadline_in(1)),
        time_limit(until=deadline_in(30)),
    ):
        busy(10)
    assert time.monotonic() - started < 5


def test_limits_that_end_in_time_leave_nothing_armed() -> None:
    previous = signal.getsignal(signal.SIGALRM)
    with time_limit(5), time_limit(until=deadline_in(3)):
        busy(0.05)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is previous
