"""What an output is, and what making one gives: the shapes every document shares.

An output is made in two steps, so a build can have every output printing at once:
`jobs` turns the campaign into print jobs (HTML, sheets, settings: no rendering), and
`finish` turns what the printer answered into files, with what the build should say.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase

from broadside.content.models import Campaign
from broadside.html.brand import LogoPicture
from broadside.options import BuildOptions
from broadside.paper import PageSize, Paper, whole_sheet
from broadside.pdf.confine import fingerprint
from broadside.pdf.jobs import Printed, PrintJob
from broadside.pdf.settings import PdfSettings


@dataclass(frozen=True)
class Artifact:
    name: str
    data: bytes
    pages: int | None = None  # None for files that are not PDFs


@dataclass(frozen=True)
class Made:
    """One output's files, and what making them found (warnings), changed (notes) and
    decided (details, shown with --verbose)."""

    artifacts: tuple[Artifact, ...]
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    details: tuple[str, ...] = ()


Jobs = Callable[["Output", Campaign, BuildOptions, PdfSettings], tuple[PrintJob, ...]]
Finish = Callable[["Output", Campaign, BuildOptions, Sequence[Printed]], Made]


@dataclass(frozen=True)
class Output:
    """One output of a build; documents/registry.py lists them all."""

    name: str  # the file it writes
    template: str  # under templates/
    # Its own sheet under styles/ (tokens.css is every output's), or that sheet and thin
    # sheets drawn after it: the booklet is the brief's sheet and booklet.css.
    stylesheet: str | tuple[str, ...]
    reads: tuple[str, ...]  # patterns for the campaign files it reads (watch rebuilds on them)
    jobs: Jobs
    finish: Finish
    handout: bool = False  # made only with --handouts
    page: Callable[[Paper], PageSize] = whole_sheet  # its page on the --paper sheet

    @property
    def sheets(self) -> tuple[str, ...]:
        return (self.stylesheet,) if isinstance(self.stylesheet, str) else self.stylesheet

    def page_size(self, options: BuildOptions) -> PageSize:
        return self.page(options.paper)

    def wanted(self, options: BuildOptions) -> bool:
        return options.handouts or not self.handout

    def reads_content(self, relative: str) -> bool:
        return any(fnmatchcase(relative, pattern) for pattern in self.reads)


Compose = Callable[["Composed", Campaign, BuildOptions, Mapping[str, Artifact]], Made]


@dataclass(frozen=True)
class Composed:
    """An output made from other outputs' files, with nothing of its own to print: the
    e-mail drafts, which attach the brief as the build wrote it (after any --max-size)."""

    name: str  # its main file
    needs: tuple[str, ...]  # the outputs whose files `compose` receives, by name
    reads: tuple[str, ...]  # patterns for the campaign files it reads
    compose: Compose

    def wanted(self, options: BuildOptions) -> bool:
        return options.email


def showing(job: PrintJob, logo: LogoPicture | None) -> PrintJob:
    """`job`, allowed to show the logo its HTML carries as data: URLs (pdf/confine.py serves
    no other)."""
    if logo is None:
        return job
    return replace(job, embedded=job.embedded | {fingerprint(url) for url in logo.urls})
