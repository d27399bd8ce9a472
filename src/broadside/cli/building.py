"""`broadside build` and `check` over one or more campaign folders: run, then report each."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import typer

from broadside.build.batch import Outcome, build_all, check_names
from broadside.cli.progress import progress
from broadside.cli.reporting import summary, tell, tell_error
from broadside.content.loader import load_campaign
from broadside.deadline import time_limit
from broadside.errors import ContentError, ExitCode, UserError
from broadside.options import BuildOptions
from broadside.pdf.printer import Printer
from broadside.startup import resume_collection


def build_folders(
    folders: Sequence[Path],
    out: Path,
    options: BuildOptions,
    printer: Printer,
    *,
    verbose: bool,
    strict: bool,
) -> None:
    """Build each folder; one campaign's error fails the command (exit code) but not the rest."""
    resume_collection()  # the modules a build needs are loaded by now (startup.py)
    many = len(folders) > 1
    label = str(folders[0]) if not many else f"{len(folders)} campaigns"
    written: list[Outcome] = []
    with progress(f"typesetting {label}") as shown:

        def report(outcome: Outcome) -> None:
            shown.finish()  # before anything is printed: the spinner shares the terminal
            if outcome.written:
                written.append(outcome)
            prefix = f"{outcome.folder}: " if many else ""
            if outcome.built is not None:
                built = outcome.built
                tell(
                    tuple(prefix + w for w in built.warnings),
                    tuple(prefix + n for n in built.notes),
                    tuple(prefix + d for d in built.details) if verbose else (),
                )
            if outcome.error is not None:
                if not many:
                    raise outcome.error
                tell_error(outcome.error, "" if isinstance(outcome.error, ContentError) else prefix)
                return
            assert outcome.built is not None
            for artifact, path in zip(outcome.built.artifacts, outcome.written, strict=True):
                typer.echo(summary(path, artifact.pages, len(artifact.data)))

        try:
            outcomes = build_all(folders, out, options, printer, report, strict=strict)
        except KeyboardInterrupt:
            if not written:
                raise
            typer.echo("interrupted; nothing was written after the files listed above", err=True)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    failed = [outcome.error for outcome in outcomes if outcome.error is not None]
    if failed:
        typer.echo(f"{len(failed)} of {len(folders)} campaigns failed", err=True)
        raise typer.Exit(int(_worst(failed)))


def check_folders(folders: Sequence[Path]) -> None:
    """Load each folder as a build would; report every mistake of every folder."""
    check_names(folders)
    failed: list[UserError] = []
    for folder in folders:
        try:
            with time_limit():
                load_campaign(folder)
        except UserError as error:
            if len(folders) == 1:
                raise
            tell_error(error)
            failed.append(error)
        else:
            typer.echo(f"{folder}: ok")
    if failed:
        raise typer.Exit(int(_worst(failed)))


def _worst(errors: Sequence[UserError]) -> ExitCode:
    """Content mistakes (1) outrank outputs that could not be made (3)."""
    return min((error.exit_code for error in errors), default=ExitCode.OK)
