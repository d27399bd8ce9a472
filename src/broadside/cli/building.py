"""`broadside build` and `check` over one or more campaign folders: run, then report each."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import typer

from broadside.builder.batch import Outcome, build_all, check_names
from broadside.cli.diagnostics import Format, as_github, as_json
from broadside.cli.progress import progress
from broadside.cli.reporting import summary, tell, tell_error
from broadside.content.loader import load_campaign
from broadside.deadline import time_limit
from broadside.errors import ContentError, ExitCode, Problem, UserError
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


def check_folders(folders: Sequence[Path], output: Format = Format.TEXT) -> None:
    """Load each folder as a build would; report every error and warning of every folder.

    Exit code 1 if any folder has an error; warnings alone leave it 0.
    """
    if output is Format.TEXT:
        _check_as_text(folders)
        return
    problems: list[Problem] = []
    try:
        check_names(folders)
    except ContentError as error:
        problems += error.problems
    for folder in folders:
        try:
            with time_limit():
                problems += load_campaign(folder).warnings
        except ContentError as error:
            problems += error.problems
        except UserError as error:  # the time limit: the folder as a whole failed
            problems.append(Problem(folder, None, None, str(error)))
    here = Path.cwd()
    if output is Format.JSON:
        typer.echo(as_json(problems, here))
    else:
        for line in as_github(problems, here):
            typer.echo(line)
    if any(problem.is_error for problem in problems):
        raise typer.Exit(int(ExitCode.CONTENT))


def _check_as_text(folders: Sequence[Path]) -> None:
    check_names(folders)
    failed: list[UserError] = []
    for folder in folders:
        try:
            with time_limit():
                campaign = load_campaign(folder)
        except UserError as error:
            if len(folders) == 1:
                raise
            tell_error(error)
            failed.append(error)
        else:
            for warning in campaign.warnings:
                typer.echo(warning.render(Path.cwd()), err=True)
            typer.echo(f"{folder}: ok")
    if failed:
        raise typer.Exit(int(_worst(failed)))


def _worst(errors: Sequence[UserError]) -> ExitCode:
    """Content mistakes (1) outrank outputs that could not be made (3)."""
    return min((error.exit_code for error in errors), default=ExitCode.OK)
