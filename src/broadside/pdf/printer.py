"""Who prints a job: here, or a worker process. Callers see only the `Printer` protocol.

`submit` hands over a job and returns a future; the build submits every output's jobs
before it waits on any, so a printer with workers prints them side by side while one
without prints them in turn. The result is the same PDF either way.
"""

from __future__ import annotations

import atexit
from concurrent.futures import Future
from contextlib import nullcontext
from functools import cache
from typing import TYPE_CHECKING, Protocol

from broadside.deadline import time_limit
from broadside.startup import thaw_collection

if TYPE_CHECKING:
    from broadside.pdf.engine import Engine
    from broadside.pdf.jobs import Printed, PrintJob


class Printer(Protocol):
    def submit(self, job: PrintJob) -> Future[Printed]: ...

    def close(self) -> None:
        """Stop whatever is still printing; safe to call more than once."""


class LocalPrinter:
    """Prints in this process, each job as it is submitted, with the process's one engine."""

    def __init__(self) -> None:
        self.engine = _engine()

    def submit(self, job: PrintJob) -> Future[Printed]:
        future: Future[Printed] = Future()
        try:
            with time_limit(until=job.deadline) if job.deadline else nullcontext():
                future.set_result(self.engine.print(job))
        except Exception as error:  # handed over at `result()`, as a worker's would be
            future.set_exception(error)
        return future

    def close(self) -> None:
        pass


@cache
def _engine() -> Engine:
    from broadside.pdf.engine import Engine  # WeasyPrint: only once something prints here

    engine = Engine()
    atexit.register(_release, engine)
    return engine


def _release(engine: Engine) -> None:
    """At exit, the engine's fonts let go, so WeasyPrint removes its temporary copies of them
    (objects frozen out of the collector's view at start-up included: startup.py)."""
    thaw_collection()
    engine.close()
