"""The worker host: loads WeasyPrint once, then forks children that print jobs side by side.

Started by `WorkerPrinter` (pdf/worker.py) as `python -m broadside.pdf.host N`, with
fontconfig pointed at Broadside's empty configuration and the library links of
pdf/libraries.py on its loader path. It loads the engine, registers the fonts and parses
every stylesheet, and only then forks: up to N children share all of it. Each job goes to
an idle child; each answer goes back to the build as soon as it is ready. A child that dies
fails its one job (as a bug, with what killed it) and is replaced by the next fork.

Before forking, the host also prepares what the queued jobs will need and every child would
otherwise make for itself: the hyphenation patterns of their languages.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import sys
import traceback
from collections import deque
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from broadside.errors import UserError
from broadside.pdf import wire
from broadside.startup import collection_paused

if TYPE_CHECKING:
    from broadside.pdf.engine import Engine
    from broadside.pdf.jobs import PrintJob


@dataclass
class _Child:
    pid: int
    jobs: IO[bytes]
    answers: IO[bytes]
    busy: int | None = None  # the job number it is printing


@dataclass
class _Host:
    workers: int
    engine: Engine
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
                        message = wire.receive(requests)
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
                    answer = wire.receive(child.answers)
                except EOFError:
                    selector.unregister(child.answers)
                    self.children.remove(child)
                    answer = (child.busy, "failed", _death(child))
                wire.send(replies, answer)
                child.busy = None
            while self.queue:
                if len(self.children) < self.workers:  # about to fork: share what it needs
                    self.engine.warm(lang for _, job in self.queue for lang in job.languages)
                idle = self._idle(selector)
                if idle is None:
                    break
                number, job = self.queue.popleft()
                idle.busy = number
                wire.send(idle.jobs, (number, job))
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


def _print_jobs(engine: Engine, jobs: IO[bytes], answers: IO[bytes]) -> None:
    from broadside.deadline import time_limit

    while True:
        try:
            number, job = wire.receive(jobs)
        except EOFError:
            return
        try:
            with time_limit(until=job.deadline) if job.deadline else contextlib.nullcontext():
                answer: tuple[int, str, Any] = (number, "printed", engine.print(job))
        except UserError as error:
            answer = (number, "user error", error)
        except Exception:
            answer = (number, "failed", traceback.format_exc())
        wire.send(answers, answer)


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
        # If that fails (no room for the fonts' temporary copies), each job fails with the
        # reason when it tries again, and the build reports it.
        with contextlib.suppress(UserError):
            engine.prepare(all_sheets())
    remember_loaded()
    _Host(workers, engine).serve(sys.stdin.buffer, replies)


if __name__ == "__main__":
    main()
