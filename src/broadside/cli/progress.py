"""A progress line for builds that take longer than a moment, on a terminal only.

Quick builds print nothing extra; after `DELAY` seconds a transient spinner on stderr says
what is being made, and disappears when the build ends. Not a terminal (pipes, CI, tests,
TERM=dumb): nothing at all, so output stays the same wherever it is read.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

DELAY = 0.4  # seconds: below this a build feels instant and needs no display


class Progress:
    """Says what the build is doing; shown only once the build has taken `DELAY`."""

    def __init__(self, message: str, enabled: bool) -> None:
        self.message = message
        self._lock = threading.Lock()
        self._status: Any = None
        self._finished = False
        self._timer = threading.Timer(DELAY, self._show) if enabled else None
        if self._timer is not None:
            self._timer.daemon = True
            self._timer.start()

    def _show(self) -> None:
        from rich.console import Console  # only now: importing Rich costs ~50 ms

        with self._lock:
            if self._finished:
                return
            # Shown only once we know stderr is a terminal (or a test says so).
            self._status = Console(stderr=True, force_terminal=True).status(self.message)
            self._status.start()

    def finish(self) -> None:
        with self._lock:
            self._finished = True
            if self._timer is not None:
                self._timer.cancel()
            if self._status is not None:
                self._status.stop()


def on_terminal() -> bool:
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


@contextmanager
def progress(message: str, enabled: bool | None = None) -> Iterator[Progress]:
    shown = Progress(message, on_terminal() if enabled is None else enabled)
    try:
        yield shown
    finally:
        shown.finish()
