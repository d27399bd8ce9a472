"""Which printer a run uses: this process, or workers, and how many.

Workers pay for themselves twice over on a cold build: WeasyPrint loads in the worker while
this process reads the campaign, and outputs print side by side. But each worker is a
process that needs a core: on a machine already busy, more of them only queue. So `--jobs`
(default: `BROADSIDE_JOBS`, else the cores this process may use) is a ceiling, and the
machine's load decides how much of it is used. `--jobs 0` prints in this process.
"""

from __future__ import annotations

import os
import sys

from broadside.pdf.printer import LocalPrinter, Printer

ENV = "BROADSIDE_JOBS"


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def default_jobs() -> int | None:
    """`BROADSIDE_JOBS` if set (a whole number), else None: decided by the machine."""
    value = os.environ.get(ENV, "").strip()
    return int(value) if value.isdigit() else None


def printer_for(jobs: int | None, tasks: int) -> Printer:
    """A printer for `tasks` print jobs at most at once, given `--jobs`."""
    if jobs is None:
        jobs = default_jobs()
    if jobs == 0 or not hasattr(os, "fork") or sys.platform == "win32":
        return LocalPrinter()
    from broadside.pdf.worker import WorkerPrinter

    wanted = min(jobs or cores(), max(1, tasks))
    if jobs is None or jobs > idle_cores():
        wanted = min(wanted, idle_cores())
    return WorkerPrinter(max(1, wanted))


def idle_cores() -> int:
    """Cores the last minute's load left free, at least one."""
    try:
        load = os.getloadavg()[0]
    except OSError:
        return cores()
    return max(1, round(cores() - load))
