"""Printing in worker processes, as seen from the build: the `WorkerPrinter`.

It starts a worker host as a new Python process (`python -m broadside.pdf.host`) the moment
a build knows it will print, so WeasyPrint loads there while the build reads the campaign
and renders its HTML here; the host forks children that print side by side (pdf/host.py).
Answers come back in whatever order jobs finish. This process never imports WeasyPrint.

Only `PrintJob`s and `Printed`s cross, pickled, over the host's stdin and stdout: our own
process, our own pipes. A user's error in a job (a refused file, the deadline) comes back as
itself; anything else — a bug, a child that died — comes back as a `WorkerFailed` carrying
the worker's own traceback, so a bug is never mistaken for the user's.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from broadside import temporaries
from broadside.interrupts import deferred
from broadside.pdf import wire

if TYPE_CHECKING:
    from broadside.pdf.jobs import Printed, PrintJob


class WorkerFailed(Exception):
    """The worker could not print a job for a reason that is not the user's (a bug)."""


# ---------- this process: the printer ----------


class WorkerPrinter:
    """A `Printer` (pdf/printer.py) whose jobs print in a worker host's children."""

    def __init__(self, workers: int) -> None:
        from broadside.fonts import CONFIG
        from broadside.pdf.libraries import loader_path

        # The host's temporary files (WeasyPrint copies the fonts into one) go in a folder of
        # ours, removed when it stops: or, if this process is killed first, by the next run.
        system_temporary = Path(tempfile.gettempdir())
        temporaries.sweep_folders(system_temporary)
        self._scratch = system_temporary / temporaries.folder_name()
        self._scratch.mkdir(mode=0o700)
        env = {**os.environ, "FONTCONFIG_FILE": str(CONFIG), "TMPDIR": str(self._scratch)}
        if found := loader_path():
            env["LD_LIBRARY_PATH"] = os.pathsep.join(
                [found, *filter(None, [os.environ.get("LD_LIBRARY_PATH")])]
            )
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "broadside.pdf.host", str(max(1, workers))],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
                start_new_session=True,  # Ctrl-C goes to the build, which stops the host
            )
        except BaseException:
            shutil.rmtree(self._scratch, ignore_errors=True)
            raise
        self._lock = threading.Lock()
        self._pending: dict[int, Future[Printed]] = {}
        self._next = 0
        self._reader = threading.Thread(target=self._read, name="broadside-worker", daemon=True)
        self._reader.start()

    @property
    def host_pid(self) -> int:
        return self._process.pid

    def limit(self, workers: int) -> None:
        """Print in at most `workers` children from now on."""
        with contextlib.suppress(OSError):
            assert self._process.stdin is not None
            wire.send(self._process.stdin, ("workers", max(1, workers)))

    def submit(self, job: PrintJob) -> Future[Printed]:
        future: Future[Printed] = Future()
        with self._lock:
            number, self._next = self._next, self._next + 1
            self._pending[number] = future
        try:
            assert self._process.stdin is not None
            wire.send(self._process.stdin, ("job", number, job))
        except OSError:
            self._fail_all("the render worker stopped before it could take a job")
        return future

    def close(self) -> None:
        """Stop the host and its children. When every job they were given is done they are
        let exit (so the system counts their time as this process's); else they are killed.
        Either way their temporary files go too. Ctrl-C waits until all that is done."""
        with deferred():
            self._stop()
            shutil.rmtree(self._scratch, ignore_errors=True)

    def _stop(self) -> None:
        with self._lock:
            finished = self._next > 0 and all(f.done() for f in self._pending.values())
        with contextlib.suppress(OSError):
            if self._process.stdin is not None:
                self._process.stdin.close()  # the host's cue: no more jobs
        if finished:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=5)
        if self._process.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self._process.pid, signal.SIGKILL)  # the host and its children
            self._process.wait()
        self._reader.join(timeout=5)
        self._fail_all("the render worker was stopped")

    def _read(self) -> None:
        stream = self._process.stdout
        assert stream is not None
        while True:
            try:
                number, kind, value = wire.receive(stream)
            except wire.BROKEN:
                self._fail_all("the render worker stopped unexpectedly")
                return
            with self._lock:
                future = self._pending.pop(number, None)
            if future is None:
                continue
            if kind == "printed":
                future.set_result(value)
            elif kind == "user error":
                future.set_exception(value)
            else:
                future.set_exception(WorkerFailed(f"the render worker failed:\n{value}"))

    def _fail_all(self, message: str) -> None:
        with self._lock:
            pending, self._pending = self._pending, {}
        for future in pending.values():
            if not future.done():
                future.set_exception(WorkerFailed(message))
