"""Printing in worker processes: one host that loads WeasyPrint once, and children it forks.

`WorkerPrinter` starts the host as a new Python process (`python -m broadside.pdf.worker`)
the moment a build knows it will print, so WeasyPrint loads there while the build reads the
campaign and renders its HTML here. Once loaded (fonts registered, stylesheets parsed), the
host forks up to `workers` children that share all of it, and hands each job to an idle one;
answers come back in whatever order jobs finish. This process never imports WeasyPrint.

Only `PrintJob`s and `Printed`s cross, pickled, over the host's stdin and stdout: our own
process, our own pipes. A user's error in a job (a refused file, the deadline) comes back as
itself; anything else — a bug, a child that died — comes back as a `WorkerFailed` carrying
the worker's own traceback, so a bug is never mistaken for the user's.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import selectors
import signal
import struct
import subprocess
import sys
import threading
import traceback
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from broadside.errors import UserError
from broadside.startup import collection_paused

if TYPE_CHECKING:
    from broadside.pdf.jobs import Printed, PrintJob

_LENGTH = struct.Struct("!Q")


class WorkerFailed(Exception):
    """The worker could not print a job for a reason that is not the user's (a bug)."""


# ---------- this process: the printer ----------


class WorkerPrinter:
    """A `Printer` (pdf/printer.py) whose jobs print in a worker host's children."""

    def __init__(self, workers: int) -> None:
        from broadside.fonts import CONFIG
        from broadside.pdf.libraries import loader_path

        env = {**os.environ, "FONTCONFIG_FILE": str(CONFIG)}
        if found := loader_path():
            env["LD_LIBRARY_PATH"] = os.pathsep.join(
                [found, *filter(None, [os.environ.get("LD_LIBRARY_PATH")])]
            )
        self._process = subprocess.Popen(
            [sys.executable, "-m", "broadside.pdf.worker", str(max(1, workers))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            start_new_session=True,  # Ctrl-C goes to the build, which stops the host itself
        )
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
            _send(self._process.stdin, ("workers", max(1, workers)))

    def submit(self, job: PrintJob) -> Future[Printed]:
        future: Future[Printed] = Future()
        with self._lock:
            number, self._next = self._next, self._next + 1
            self._pending[number] = future
        try:
            assert self._process.stdin is not None
            _send(self._process.stdin, ("job", number, job))
        except OSError:
            self._fail_all("the render worker stopped before it could take a job")
        return future

    def close(self) -> None:
        """Stop the host and its children. When every job they were given is done they are
        let exit (so the system counts their time as this process's); else they are killed."""
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
                number, kind, value = _receive(stream)
            except (EOFError, OSError, pickle.UnpicklingError, struct.error):
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


# ---------- the host process ----------


@dataclass
class _Child:
    pid: int
    jobs: IO[bytes]
    answers: IO[bytes]
    busy: int | None = None  # the job number it is printing


@dataclass
class _Host:
    workers: int
    engine: Any
    children: list[_Child] = field(default_factory=list)
    queue: deque[tuple[int, PrintJob]] = field(default_factory=deque)

    def serve(self, requests: IO[bytes], replies: IO[bytes]) -> None:
        selector = selectors.DefaultSelector()
        selector.register(requests, selectors.EVENT_READ, None)
        open_requests = True
        while open_requests or self.queue or any(c.busy is not None for c in self.children):
            for key, _ in selector.select():
                if key.data is None:
                    try:
                        message = _receive(requests)
                    except EOFError:
                        selector.unregister(requests)
                        open_requests = False
                        self.queue.clear()  # the build is gone: nobody wants these
                        continue
                    if message[0] == "workers":
                        self.workers = message[1]
                    else:
                        self.queue.append(message[1:])
                    continue
                child: _Child = key.data
                try:
                    answer = _receive(child.answers)
                except EOFError:
                    selector.unregister(child.answers)
                    self.children.remove(child)
                    answer = (child.busy, "failed", _death(child))
                _send(replies, answer)
                child.busy = None
            while self.queue:
                idle = self._idle(selector)
                if idle is None:
                    break
                number, job = self.queue.popleft()
                idle.busy = number
                _send(idle.jobs, (number, job))
        for child in self.children:
            child.jobs.close()
        for child in self.children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(child.pid, 0)

    def _idle(self, selector: selectors.BaseSelector) -> _Child | None:
        for child in self.children:
            if child.busy is None:
                return child
        if len(self.children) >= self.workers:
            return None
        child = self._fork()
        selector.register(child.answers, selectors.EVENT_READ, child)
        self.children.append(child)
        return child

    def _fork(self) -> _Child:
        jobs_read, jobs_write = os.pipe()
        answers_read, answers_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: print jobs until the host closes the pipe
            status = 1
            try:
                os.close(jobs_write)
                os.close(answers_read)
                for other in self.children:
                    other.jobs.close()
                    other.answers.close()
                with os.fdopen(jobs_read, "rb") as jobs, os.fdopen(answers_write, "wb") as out:
                    _print_jobs(self.engine, jobs, out)
                status = 0
            finally:
                os._exit(status)
        os.close(jobs_read)
        os.close(answers_write)
        return _Child(pid, os.fdopen(jobs_write, "wb"), os.fdopen(answers_read, "rb"))


def _print_jobs(engine: Any, jobs: IO[bytes], answers: IO[bytes]) -> None:
    from broadside.deadline import time_limit

    while True:
        try:
            number, job = _receive(jobs)
        except EOFError:
            return
        try:
            with time_limit(until=job.deadline) if job.deadline else contextlib.nullcontext():
                answer: tuple[int, str, Any] = (number, "printed", engine.print(job))
        except UserError as error:
            answer = (number, "user error", error)
        except Exception:
            answer = (number, "failed", traceback.format_exc())
        _send(answers, answer)


def _death(child: _Child) -> str:
    _, status = os.waitpid(child.pid, 0)
    if os.WIFSIGNALED(status):
        return f"a render worker died (signal {os.WTERMSIG(status)})"
    return f"a render worker stopped (exit status {os.WEXITSTATUS(status)})"


def main() -> None:
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the build decides when printing stops
    # Replies go out on a copy of stdout; stdout itself now leads to stderr, so a library
    # that prints (WeasyPrint does, when a native library is missing) cannot garble them.
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    with collection_paused():  # see startup.py
        from broadside.html.stylesheets import all_sheets
        from broadside.pdf.engine import Engine
        from broadside.pdf.libraries import remember_loaded

        engine = Engine()
        # Fonts registered and every output's sheets parsed, once, before any child is forked.
        engine.prepare(all_sheets())
    remember_loaded()
    _Host(workers, engine).serve(sys.stdin.buffer, replies)


# ---------- the wire ----------


def _send(stream: IO[bytes], message: object) -> None:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(payload)) + payload)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    header = _read_exactly(stream, _LENGTH.size)
    (length,) = _LENGTH.unpack(header)
    return pickle.loads(_read_exactly(stream, length))  # noqa: S301 - our own process, our own pipe


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            raise EOFError("the other process closed the pipe")
        data += chunk
    return data


if __name__ == "__main__":
    main()
