"""The `broadside` command. Thin: load → build → write, with one place that reports errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing as contextlib_closing
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Annotated, Any

import typer

from broadside import __version__
from broadside.errors import BuildError, ExitCode, UserError, printable
from broadside.paper import Paper
from broadside.progress import progress

app = typer.Typer(
    name="broadside",
    help="Typeset a campaign's news article and open letter into print-ready PDFs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

CampaignDir = Annotated[
    Path,
    typer.Argument(help="Campaign folder holding article.md and letter.md.", show_default=True),
]
Debug = Annotated[bool, typer.Option("--debug", help="Show a traceback for every error.")]
OutDir = Annotated[Path, typer.Option("--out", "-o", help="Folder to write the PDFs into.")]
PaperSize = Annotated[Paper, typer.Option(help="Paper size.", case_sensitive=False)]
Html = Annotated[bool, typer.Option("--html", help="Also write brief.html beside the PDF.")]


def _size(text: str) -> int:
    from broadside.sizing import parse_size

    try:
        return parse_size(text)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"broadside {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Typeset a campaign's news article and open letter into print-ready PDFs."""


@contextmanager
def reporting(debug: bool) -> Iterator[None]:
    """The one error boundary: a user's mistake is a message and an exit code, a bug a traceback."""
    try:
        yield
    except UserError as error:
        if debug:
            raise
        for line in error.lines(Path.cwd()):
            typer.echo(printable(line), err=True)
        raise typer.Exit(int(error.exit_code)) from None
    except KeyboardInterrupt:
        typer.echo("interrupted; nothing was written", err=True)
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


@app.command()
def build(
    campaign_dir: CampaignDir = Path("content"),
    out: OutDir = Path("dist"),
    paper: PaperSize = Paper.A4,
    html: Html = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help="Also say what the build decided (layouts tried, sizes chosen)."
        ),
    ] = False,
    max_size: Annotated[
        int | None,
        typer.Option(
            "--max-size",
            parser=_size,
            metavar="SIZE",
            help="Largest size for each PDF, e.g. 2MB or 500KB: pictures are reduced "
            "(and each step reported) until every file fits, or the build fails.",
        ),
    ] = None,
    handouts: Annotated[
        bool,
        typer.Option(
            "--handouts",
            help="Also write flyer-2up.pdf and flyer-4up.pdf (copies per sheet, with cut "
            "marks) and brief-booklet.pdf (for folding and stapling).",
        ),
    ] = False,
    bleed: Annotated[
        float,
        typer.Option(
            "--bleed",
            min=0,
            max=20,
            metavar="MM",
            help="Print shop: extend edge-to-edge backgrounds this many millimetres past "
            "the trim (3 is usual); TrimBox and BleedBox are set.",
        ),
    ] = 0.0,
    marks: Annotated[
        bool, typer.Option("--marks", help="Print shop: add crop marks outside the bleed.")
    ] = False,
    archival: Annotated[
        bool,
        typer.Option(
            "--archival",
            help="Write PDF/A-3b (still tagged for screen readers) carrying article.md, "
            "letter.md and demands.json inside.",
        ),
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings as errors: write nothing if any.")
    ] = False,
    debug: Debug = False,
) -> None:
    """Build the brief and the flyer from CAMPAIGN_DIR into the output folder."""
    from broadside.engine_process import EngineProcess

    # First, before Broadside's own imports: a render process starts loading WeasyPrint.
    render_process = EngineProcess.start(campaign_dir)
    with (
        reporting(debug),
        progress(f"typesetting {campaign_dir}") as shown,
        closing(render_process),
    ):
        from broadside.build import BuildOptions, build_folder
        from broadside.output import write_all

        options = BuildOptions(
            paper=paper,
            html=html,
            max_size=max_size,
            handouts=handouts,
            bleed_mm=bleed,
            marks=marks,
            archival=archival,
        )
        result = build_folder(campaign_dir, options, render_process)
        shown.finish()  # before anything is printed: the spinner shares the terminal
        _tell(result.warnings, result.notes, result.details if verbose else [])
        if strict and result.warnings:
            raise BuildError(f"--strict: {_count(result.warnings)} above; nothing was written")
        written = write_all({a.name: a.data for a in result.artifacts}, out)
        for artifact, path in zip(result.artifacts, written, strict=True):
            typer.echo(_summary(path, artifact.pages, len(artifact.data)))


@app.command()
def check(campaign_dir: CampaignDir = Path("content"), debug: Debug = False) -> None:
    """Check CAMPAIGN_DIR for mistakes without rendering (for editors and pre-commit hooks)."""
    with reporting(debug):
        from broadside.content.loader import load_campaign

        load_campaign(campaign_dir)
        typer.echo(f"{campaign_dir}: ok")


@app.command()
def watch(
    campaign_dir: CampaignDir = Path("content"),
    out: OutDir = Path("dist"),
    paper: PaperSize = Paper.A4,
    html: Html = False,
    debug: Debug = False,
) -> None:
    """Build, then rebuild whatever each save in CAMPAIGN_DIR, templates/ or styles/ touches.

    One line per file written; mistakes in the content are listed and the watch goes on.
    Ctrl-C stops it (exit code 0).
    """
    with reporting(debug):
        from broadside.build import BuildOptions
        from broadside.watch import watch as watch_outputs

        try:
            watch_outputs(campaign_dir, out, BuildOptions(paper=paper, html=html), typer.echo)
        except KeyboardInterrupt:
            typer.echo("stopped watching", err=True)


def closing(process: Any) -> Any:
    """Stop the render process however the build ends (it holds no files of ours)."""
    return contextlib_closing(process) if process is not None else nullcontext()


def _tell(warnings: list[str], notes: list[str], details: list[str]) -> None:
    """What the build saw (warnings), changed (notes) and, with --verbose, decided."""
    for warning in warnings:
        typer.echo(f"warning: {warning}", err=True)
    for note in notes:
        typer.echo(f"note: {note}", err=True)
    for detail in details:
        typer.echo(detail, err=True)


def _summary(path: Path, pages: int | None, size: int) -> str:
    pages_text = "" if pages is None else f"{pages} page{'s' if pages != 1 else ''}"
    from broadside.sizing import human_size

    return f"wrote {path}  {pages_text:>9}  {human_size(size):>8}"


def _count(warnings: list[str]) -> str:
    return f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}"


def main() -> None:
    from broadside.startup import pause_collection

    pause_collection()  # while modules load; see startup.py
    app()


if __name__ == "__main__":
    main()
