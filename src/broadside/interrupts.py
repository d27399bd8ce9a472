"""Ctrl-C, and `kill` or `timeout` (SIGTERM), in the middle of a step that must not stop
half-way: the signal waits until the step is done, then takes effect as if it came then.

Used where stopping half-way would leave something behind or tell a lie: starting and
stopping the render worker, and writing the outputs and saying which were written.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

STOPS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the block is done, then deliver the first received.

    Only the main thread can set signal handlers; elsewhere this does nothing (and Python
    delivers signals to the main thread only).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def hold(number: int, _frame: FrameType | None) -> None:
        received.append(number)

    previous = {number: signal.signal(number, hold) for number in STOPS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if received:
            # To whatever handles it outside: a KeyboardInterrupt, an outer `deferred`
            # that holds it in turn, or the default of ending the process.
            signal.raise_signal(received[0])


def interrupt(_number: int, _frame: FrameType | None) -> None:
    """A handler that makes SIGTERM stop a command the way Ctrl-C does."""
    raise KeyboardInterrupt
