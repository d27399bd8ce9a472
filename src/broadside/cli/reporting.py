"""What the command line says: the one error boundary, and a line for every file written."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from broadside.errors import ExitCode, UserError, printable


@contextmanager
def reporting(debug: bool) -> Iterator[None]:
    """The one error boundary: a user's mistake is a message and an exit code, a bug a traceback."""
    try:
        yield
    except UserError as error:
        if debug:
            raise
        tell_error(error)
        raise typer.Exit(int(error.exit_code)) from None
    except KeyboardInterrupt:
        typer.echo("interrupted; nothing was written", err=True)
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


def tell_error(error: UserError, prefix: str = "") -> None:
    for line in error.lines(Path.cwd()):
        typer.echo(printable(prefix + line), err=True)


def tell(warnings: tuple[str, ...], notes: tuple[str, ...], details: tuple[str, ...]) -> None:
    """What the build saw (warnings), changed (notes) and, with --verbose, decided."""
    for warning in warnings:
        typer.echo(printable(f"warning: {warning}"), err=True)
    for note in notes:
        typer.echo(printable(f"note: {note}"), err=True)
    for detail in details:
        typer.echo(printable(detail), err=True)


def summary(path: Path, pages: int | None, size: int) -> str:
    """`wrote dist/brief.pdf    6 pages     53 KB`"""
    from broadside.builder.sizing import human_size

    pages_text = "" if pages is None else plural(pages, "page")
    return f"wrote {path}  {pages_text:>9}  {human_size(size):>8}"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
