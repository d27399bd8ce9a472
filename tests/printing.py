"""Printing hand-written HTML through the real engine, as a document's print job would."""

from __future__ import annotations

from pathlib import Path

from broadside.content.models import Campaign
from broadside.documents.document import Made
from broadside.documents.registry import OUTPUTS
from broadside.html.stylesheets import Stylesheet
from broadside.options import BuildOptions
from broadside.pdf.jobs import Layout, Printed, PrintJob
from broadside.pdf.printer import LocalPrinter
from broadside.pdf.settings import PdfSettings


def page(body: str, lang: str = "en") -> str:
    head = f'<!doctype html><html lang="{lang}"><head><title>t</title></head>'
    return f"{head}<body>{body}</body></html>"


def print_html(
    root: Path,
    html: str,
    sheets: tuple[Stylesheet, ...],
    settings: PdfSettings | None = None,
    embedded: frozenset[str] = frozenset(),
) -> Printed:
    """`html` printed as a document of the campaign folder `root` (pictures come from there;
    `embedded` lists the fingerprints of the data: URLs it may show)."""
    job = PrintJob(
        "test.pdf", root, settings or PdfSettings(), (Layout(html, sheets),), embedded=embedded
    )
    return LocalPrinter().engine.print(job)


def make(
    name: str, campaign: Campaign, options: BuildOptions | None = None
) -> tuple[Made, tuple[Printed, ...]]:
    """One output of the registry made for `campaign`: its files, and what the printer said."""
    options = options or BuildOptions()
    output = next(output for output in OUTPUTS if output.name == name)
    printer = LocalPrinter()
    jobs = output.jobs(output, campaign, options, PdfSettings())
    printed = tuple(printer.submit(job).result() for job in jobs)
    return output.finish(output, campaign, options, printed), printed
