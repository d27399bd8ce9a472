"""Render independent outputs side by side: the brief here, the flyer in a forked child.

A cold build is mostly one process waiting on one core while the other sits idle. After
WeasyPrint is loaded and the fonts registered, `fork()` gives a child all of that for free,
so the flyer's layouts and PDF run while the parent lays out the brief.

Only where it is safe and useful: Linux, more than one core, more than one job, and not
turned off with BROADSIDE_JOBS=1. Other threads are allowed only if they are daemons: in
the CLI those are the progress display's (a timer, Rich's refresh), and a child never
prints or imports Rich, so it cannot wait on a lock one of them held at the fork; the
child writes only to its own pipe. A child that
fails in any way is not trusted: its job simply runs again here, so errors surface as they
would without any of this, with their own messages and tracebacks.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
W = TypeVar("W")


def run_all(jobs: Sequence[Callable[[], T]]) -> list[T]:
    """Every job's result, in order; the first runs here, the others maybe in children."""
    if len(jobs) < 2 or not worth_forking():
        return [job() for job in jobs]
    children = [_Child.start(job) for job in jobs[1:]]
    try:
        results = [jobs[0]()]
        for child, job in zip(children, jobs[1:], strict=True):
            outcome = child.outcome()
            results.append(job() if outcome is _FAILED else outcome)
        return results
    finally:
        for child in children:
            child.stop()


def alongside(
    waiting: Callable[[], W], jobs: Sequence[Callable[[], T]]
) -> tuple[W | None, list[T]]:
    """Run `waiting` on a thread while `jobs` run here, one after another.

    For a job that mostly waits on another process (engine_process.py): it holds no lock
    on the interpreter while it waits, so this thread's jobs run meanwhile. Returns its
    result (None if that other process failed: the caller then runs it here) and theirs;
    its other errors are raised here, as if it had run here.
    """
    from broadside.engine_process import RenderProcessFailed

    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(("ok", waiting()))
        except RenderProcessFailed:
            outcome.append(("ok", None))
        except BaseException as error:  # handed to the caller's thread below
            outcome.append(("raise", error))

    thread = threading.Thread(target=run, name="broadside-waiting", daemon=True)
    thread.start()
    results = [job() for job in jobs]
    thread.join()
    kind, value = outcome[0]
    if kind == "raise":
        raise value
    return value, results


def worth_forking() -> bool:
    return (
        sys.platform == "linux"
        and os.environ.get("BROADSIDE_JOBS") != "1"
        and len(os.sched_getaffinity(0)) > 1
        and all(
            thread.daemon
            for thread in threading.enumerate()
            if thread is not threading.main_thread()
        )
    )


_FAILED: Any = object()


class _Child:
    def __init__(self, pid: int, reader: int) -> None:
        self.pid = pid
        self.reader = reader
        self.done = False

    @classmethod
    def start(cls, job: Callable[[], object]) -> _Child:
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: run, send the result, leave without cleanup handlers
            os.close(reader)
            status = 1
            try:
                payload = pickle.dumps(job(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(writer, "wb") as pipe:
                    pipe.write(payload)
                status = 0
            finally:
                os._exit(status)
        os.close(writer)
        return cls(pid, reader)

    def outcome(self) -> Any:
        """The child's result, or _FAILED if it did not finish cleanly."""
        with os.fdopen(self.reader, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.done = True
        if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0 or not payload:
            return _FAILED
        try:
            return pickle.loads(payload)  # noqa: S301 - our own child, over our own pipe
        except Exception:
            return _FAILED

    def stop(self) -> None:
        """Never leave a child behind (the parent failed or was interrupted first)."""
        if self.done:
            return
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        with contextlib.suppress(OSError):
            os.close(self.reader)
        self.done = True
