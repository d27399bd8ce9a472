"""Which printer a run uses: this process, or workers, and how many.

Workers pay for themselves twice over on a cold build: WeasyPrint loads in the worker while
this process reads the campaign, and outputs print side by side. But each worker is a
process that needs a core: on a machine already busy, more of them only queue. So `--jobs`
(default: `BROADSIDE_JOBS`, else the cores this process may use) is a ceiling, and the
processes other programs are running decide how much of it is used. `--jobs 0` prints in
this process.

The worker is started as early as can be: the CLI's root callback starts one as soon as it
knows the command is `build` (before Typer reads the command's options), and `printer_for`
then takes it over with the number of workers the options and the machine call for.
"""

from __future__ import annotations

import os
import sys
import time
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from broadside.pdf.printer import LocalPrinter, Printer

if TYPE_CHECKING:
    from broadside.pdf.worker import WorkerPrinter

ENV = "BROADSIDE_JOBS"


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def default_jobs() -> int | None:
    """`BROADSIDE_JOBS` if set (a whole number), else None: decided by the machine."""
    value = os.environ.get(ENV, "").strip()
    return int(value) if value.isdigit() else None


def workers_possible() -> bool:
    return hasattr(os, "fork") and sys.platform != "win32"


def early_printer() -> WorkerPrinter | None:
    """A worker started before the command's options are even read, so WeasyPrint loads
    while they are and the campaigns are read; `printer_for` takes it over, or stops it."""
    if not workers_possible() or default_jobs() == 0:
        return None
    from broadside.pdf.worker import WorkerPrinter

    return WorkerPrinter(min(default_jobs() or cores(), idle_cores()))


def printer_for(jobs: int | None, tasks: int, started: WorkerPrinter | None = None) -> Printer:
    """A printer for `tasks` print jobs at most at once, given `--jobs`; `started` is an
    early worker (`early_printer`) to use if workers are wanted."""
    if jobs is None:
        jobs = default_jobs()
    if jobs == 0 or not workers_possible():
        if started is not None:
            started.close()
        return LocalPrinter()
    from broadside.pdf.worker import WorkerPrinter

    wanted = min(jobs or cores(), max(1, tasks))
    if jobs is None or jobs > idle_cores():
        wanted = min(wanted, idle_cores())
    if started is None:
        return WorkerPrinter(max(1, wanted))
    started.limit(wanted)
    return started


@cache
def idle_cores() -> int:
    """Cores no other process is using, at least one: judged once per command, when first
    asked (before Broadside starts a process of its own), so a build never counts itself.

    Counted from the processes running now, not from the load average: over the last minute
    that counts this machine's own previous builds, and a batch started after a build would
    print in one worker on an idle machine. The kernel's count is read a few times over a
    few milliseconds and the fewest taken, so a process that only flickers is not load."""
    running = _running_now()
    if running is None:  # not Linux: the last minute's load it is
        try:
            return max(1, round(cores() - os.getloadavg()[0]))
        except OSError:
            return cores()
    return max(1, cores() - max(0, running - 1))  # the one reading is this process


def _running_now(samples: int = 3) -> int | None:
    """Processes running or ready to run, from /proc/loadavg ("0.52 0.58 0.59 2/301 ...")."""
    counts = []
    try:
        for sample in range(samples):
            if sample:
                time.sleep(0.002)
            fields = Path("/proc/loadavg").read_text().split()
            counts.append(int(fields[3].split("/")[0]))
    except (OSError, ValueError, IndexError):
        return None
    return min(counts)
