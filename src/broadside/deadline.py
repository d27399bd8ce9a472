"""A wall-clock limit on each campaign's build: the backstop behind the content limits.

The limits in content/checks.py keep every campaign that passes them well under this
(docs/limits.md has the measurements); the deadline is for whatever they did not foresee,
so a build always ends, with a message, in bounded time. A deadline is a point on the
system's monotonic clock, so it means the same in a worker process (pdf/host.py).
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from broadside.errors import BuildError

BUILD_SECONDS = 120


def deadline_in(seconds: float = BUILD_SECONDS) -> float:
    return time.monotonic() + seconds


def gave_up(seconds: float = BUILD_SECONDS) -> BuildError:
    return BuildError(
        f"gave up after {seconds:g} seconds: the campaign is too big or too complex to "
        "typeset; shorten the longest texts"
    )


class _Expired(BaseException):
    """Not an `Exception`: the engine's `except Exception` handlers must not swallow it."""


# The ends of the limits in force, outermost first: a limit inside another (a print job's
# inside a campaign's) must not switch the outer one off when it ends.
_in_force: list[float] = []


@contextmanager
def time_limit(seconds: float = BUILD_SECONDS, *, until: float | None = None) -> Iterator[None]:
    """Raise `BuildError` if the body runs longer than `seconds` (or past `until`).

    Uses SIGALRM, so it works in the main thread on POSIX; elsewhere it does nothing. Limits
    nest: the alarm is set for the earliest end in force, and set again for the outer limits
    when an inner one ends.
    """
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    end = time.monotonic() + seconds if until is None else until
    if end <= time.monotonic():
        raise gave_up(seconds if until is None else BUILD_SECONDS)
    armed = True

    def expire(_signal: int, _frame: FrameType | None) -> None:
        if armed:
            raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    _in_force.append(end)
    _arm()
    try:
        yield
    except _Expired:
        raise gave_up(seconds if until is None else BUILD_SECONDS) from None
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        _in_force.remove(end)
        signal.signal(signal.SIGALRM, previous)
        if _in_force:
            _arm()


def _arm() -> None:
    # Fires again every second, in case a library's `except BaseException` swallowed it; an
    # end already past fires at once.
    left = max(min(_in_force) - time.monotonic(), 0.001)
    signal.setitimer(signal.ITIMER_REAL, left, 1.0)
