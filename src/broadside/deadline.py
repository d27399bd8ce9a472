"""A wall-clock limit on rendering: the backstop behind the content limits.

The limits in content/checks.py keep every campaign that passes them well under this
(docs/limits.md has the measurements); the deadline is for whatever they did not foresee,
so a build always ends, with a message, in bounded time.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from broadside.errors import BuildError

BUILD_SECONDS = 120


class _Expired(BaseException):
    """Not an `Exception`: the engine's `except Exception` handlers must not swallow it."""


@contextmanager
def time_limit(seconds: float = BUILD_SECONDS) -> Iterator[None]:
    """Raise `BuildError` if the body runs longer than `seconds`.

    Uses SIGALRM, so it works in the main thread on POSIX; elsewhere it does nothing.
    """
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    armed = True

    def expire(_signal: int, _frame: FrameType | None) -> None:
        if armed:
            raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    # Fires again every second, in case a library's `except BaseException` swallowed it.
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    except _Expired:
        raise BuildError(
            f"gave up after {seconds:g} seconds: the campaign is too big or too complex to "
            "typeset; shorten the longest texts"
        ) from None
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
