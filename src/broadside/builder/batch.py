"""Several campaigns in one run: one process, one printer, each campaign on its own.

Campaigns are read and their jobs handed to the printer a few ahead of the one being
collected, so the workers never wait for this process; each is then collected, checked and
written in turn, and reported as soon as it is done. One campaign's mistakes are its own:
they are reported, its previous outputs are left as they were, and the others carry on.
The time limit applies to each campaign, from the moment it is read.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from broadside.builder.output import sweep, write_all
from broadside.builder.run import Built, Started, output_folder, start
from broadside.content.loader import load_campaign
from broadside.deadline import deadline_in, time_limit
from broadside.errors import BuildError, ContentError, Problem, UserError
from broadside.interrupts import deferred
from broadside.options import BuildOptions
from broadside.pdf.printer import Printer


@dataclass(frozen=True)
class Outcome:
    """One campaign's build: what was written, or why nothing was."""

    folder: Path
    out: Path
    built: Built | None = None
    written: tuple[Path, ...] = ()
    error: UserError | None = None


Report = Callable[[Outcome], None]


def check_names(folders: Sequence[Path]) -> None:
    """Several campaigns write into `OUT/<folder name>`: two of the same name would collide."""
    if len(folders) < 2:
        return
    seen: dict[str, Path] = {}
    problems = []
    for folder in folders:
        name = folder.resolve().name
        if name in seen:
            problems.append(
                Problem(
                    folder,
                    None,
                    None,
                    f"has the same name as {seen[name]}: both would be "
                    "written to the same output folder; rename one",
                )
            )
        seen.setdefault(name, folder)
    if problems:
        raise ContentError(problems)


def build_all(
    folders: Sequence[Path],
    out: Path,
    options: BuildOptions,
    printer: Printer,
    report: Report,
    *,
    strict: bool = False,
    ahead: int = 2,
) -> list[Outcome]:
    """Build every campaign in `folders`; `report` hears of each as soon as it is done."""
    check_names(folders)
    outcomes: list[Outcome] = []
    waiting: deque[tuple[Path, Started | UserError]] = deque()
    for folder in folders:
        waiting.append((folder, _start(folder, options, printer)))
        while len(waiting) > ahead:
            outcomes.append(_finish(*waiting.popleft(), out, len(folders), strict, report))
    while waiting:
        outcomes.append(_finish(*waiting.popleft(), out, len(folders), strict, report))
    return outcomes


def _start(folder: Path, options: BuildOptions, printer: Printer) -> Started | UserError:
    deadline = deadline_in()
    try:
        with time_limit(until=deadline):
            return start(load_campaign(folder), options, printer, deadline=deadline)
    except UserError as error:
        return error


def _finish(
    folder: Path,
    started: Started | UserError,
    out: Path,
    campaigns: int,
    strict: bool,
    report: Report,
) -> Outcome:
    target = output_folder(out, folder, campaigns)
    sweep(target)  # what a killed build left there goes, whether or not this one writes
    built: Built | None = None
    try:
        if isinstance(started, UserError):
            raise started
        built = started.collect()
        if strict and built.warnings:
            count = len(built.warnings)
            raise BuildError(
                f"--strict: {count} warning{'s' if count != 1 else ''} above; nothing was written"
            )
        files = {artifact.name: artifact.data for artifact in built.artifacts}
    except UserError as error:
        outcome = Outcome(folder, target, built, error=error)
        report(outcome)
        return outcome
    # From writing to saying what was written, Ctrl-C waits: whatever the moment it comes,
    # the command then reports exactly the files that are new.
    with deferred():
        try:
            outcome = Outcome(folder, target, built, tuple(write_all(files, target)))
        except UserError as error:
            outcome = Outcome(folder, target, built, error=error)
        report(outcome)
    return outcome
