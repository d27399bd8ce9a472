"""The `broadside` command: each command parses its options, wires the steps, reports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from broadside.cli.diagnostics import Format
from broadside.cli.reporting import reporting
from broadside.paper import Paper

app = typer.Typer(
    name="broadside",
    help="Typeset a campaign's news article and open letter into print-ready PDFs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

CampaignDirs = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Campaign folders holding article.md and letter.md [default: content]",
        show_default=False,
        metavar="[CAMPAIGN_DIR]...",
    ),
]
CampaignDir = Annotated[
    Path,
    typer.Argument(
        help="Campaign folder holding article.md and letter.md.",
        show_default=True,
        metavar="[CAMPAIGN_DIR]",
    ),
]
Debug = Annotated[bool, typer.Option("--debug", help="Show a traceback for every error.")]
OutDir = Annotated[Path, typer.Option("--out", "-o", help="Folder to write the PDFs into.")]
PaperSize = Annotated[Paper, typer.Option(help="Paper size.", case_sensitive=False)]
Html = Annotated[bool, typer.Option("--html", help="Also write brief.html beside the PDF.")]


def _size(text: str) -> int:
    from broadside.builder.sizing import parse_size

    try:
        return parse_size(text)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def _version(value: bool) -> None:
    if value:
        from broadside import __version__  # importlib.metadata: ~20 ms, only when asked

        typer.echo(f"broadside {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    context: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Typeset a campaign's news article and open letter into print-ready PDFs."""
    if context.invoked_subcommand == "build":
        # Click names the command before it reads the command's options: a worker can
        # start loading the renderer now, while they are read and the campaigns loaded.
        from broadside.builder.schedule import early_printer
        from broadside.interrupts import deferred

        with deferred():  # Ctrl-C waits until the worker is started and sure to be stopped
            context.obj = early_printer()
            if context.obj is not None:
                context.call_on_close(context.obj.close)


@app.command()
def build(
    context: typer.Context,
    campaign_dirs: CampaignDirs = None,
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
    email: Annotated[
        bool,
        typer.Option(
            "--email",
            help="Also write letter.eml: the letter as an e-mail draft with brief.pdf "
            "attached (and email/<name>.eml for each row of recipients.csv).",
        ),
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings as errors: write nothing if any.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            metavar="N",
            help="Print in at most N worker processes (default: the cores, fewer on a busy "
            "machine; 0: in this process).",
            show_default=False,
        ),
    ] = None,
    debug: Debug = False,
) -> None:
    """Build the brief and the flyer of each CAMPAIGN_DIR into the output folder.

    One folder writes into OUT; several each write into OUT/<folder name>.
    """
    from broadside.builder.schedule import printer_for
    from broadside.documents.registry import outputs_for
    from broadside.interrupts import deferred
    from broadside.options import BuildOptions

    folders = campaign_dirs or [Path("content")]
    options = BuildOptions(
        paper=paper,
        html=html,
        max_size=max_size,
        handouts=handouts,
        bleed_mm=bleed,
        marks=marks,
        archival=archival,
        email=email,
    )
    tasks = len(folders) * len(outputs_for(options))
    printer = None
    try:
        with deferred():  # a worker started is a worker stopped, whenever Ctrl-C comes
            printer = printer_for(jobs, tasks, started=context.obj)
        with reporting(debug):
            from broadside.cli.building import build_folders

            build_folders(folders, out, options, printer, verbose=verbose, strict=strict)
    finally:
        if printer is not None:
            printer.close()


@app.command()
def check(
    campaign_dirs: CampaignDirs = None,
    output_format: Annotated[
        Format,
        typer.Option(
            "--format",
            help="text: one line per problem; json: every diagnostic as JSON on standard "
            "output; github: GitHub Actions annotations.",
            case_sensitive=False,
        ),
    ] = Format.TEXT,
    debug: Debug = False,
) -> None:
    """Check each CAMPAIGN_DIR for mistakes without rendering (for editors, CI and hooks)."""
    with reporting(debug):
        from broadside.cli.building import check_folders

        check_folders(campaign_dirs or [Path("content")], output_format)


@app.command()
def new(
    folder: Annotated[Path, typer.Argument(help="The new campaign's folder (new or empty).")],
    lang: Annotated[
        str, typer.Option("--lang", help="Language of the placeholder text, such as en or de.")
    ] = "en",
    debug: Debug = False,
) -> None:
    """Start a campaign: FOLDER gets article.md, letter.md and a README that build at once."""
    with reporting(debug):
        from datetime import date

        from broadside.builder.output import write_all
        from broadside.content.starter import ensure_empty, starter_files

        ensure_empty(folder)
        for path in write_all(starter_files(folder, lang.lower(), date.today()), folder):
            typer.echo(f"wrote {path}")
        typer.echo(f"next: replace the [bracketed] text, then: broadside build {folder}")


@app.command()
def schema(
    which: Annotated[
        str | None,
        typer.Argument(
            help="article or letter: only that file's front matter [default: both]; "
            "brand: brand.yaml",
            show_default=False,
            metavar="[article|letter|brand]",
        ),
    ] = None,
) -> None:
    """Print the JSON Schema (draft 2020-12) of the front matter, for editors and form builders."""
    import json

    from broadside.content.schema import FrontMatter, front_matter_schema

    if which is not None and which not in set(FrontMatter):
        raise typer.BadParameter(
            f"'{which}' is not one of 'article', 'letter', 'brand'", param_hint="WHICH"
        )
    kind = FrontMatter(which) if which is not None else None
    typer.echo(json.dumps(front_matter_schema(kind), indent=2, ensure_ascii=False))


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
        from broadside.cli.watch import watch as watch_outputs
        from broadside.options import BuildOptions

        try:
            watch_outputs(campaign_dir, out, BuildOptions(paper=paper, html=html), typer.echo)
        except KeyboardInterrupt:
            typer.echo("stopped watching", err=True)


def main() -> None:
    from broadside.startup import pause_collection

    pause_collection()  # while modules load (startup.py); a build resumes it once they are in
    app()
