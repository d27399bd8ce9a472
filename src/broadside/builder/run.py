"""One campaign's build, as a straight line of values: campaign → print jobs → files in memory.

Nothing is written here (builder/output.py does that, last) and nothing is shared: the options
come in frozen, every output's jobs are handed to the printer before any result is waited
on (so a printer with workers prints them side by side), and each output's files come back
with what making them found, changed and decided. `broadside build` and `watch` both call
`build`.
"""

from __future__ import annotations

import time
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, replace
from pathlib import Path

from broadside.builder import sizing
from broadside.content.models import Campaign
from broadside.deadline import gave_up
from broadside.documents import archive
from broadside.documents.document import Artifact, Composed, Made, Output
from broadside.documents.registry import composed_for, outputs_for
from broadside.options import BuildOptions
from broadside.pdf.jobs import Printed
from broadside.pdf.printer import Printer
from broadside.pdf.settings import ImageQuality, PdfSettings
from broadside.reproducible import source_date

# A worker enforces the deadline itself; this much later, the build stops waiting for it.
GRACE_SECONDS = 10.0


@dataclass(frozen=True)
class Built:
    """Every file one campaign's build made, and what the build has to say about it."""

    artifacts: tuple[Artifact, ...]
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # what the build changed; always shown
    details: tuple[str, ...] = ()  # how it decided; shown with --verbose


def build(
    campaign: Campaign,
    options: BuildOptions,
    printer: Printer,
    only: frozenset[str] | None = None,
    deadline: float | None = None,
) -> Built:
    """Render every output (or only those named in `only`) in memory."""
    return start(campaign, options, printer, only, deadline).collect()


def start(
    campaign: Campaign,
    options: BuildOptions,
    printer: Printer,
    only: frozenset[str] | None = None,
    deadline: float | None = None,
) -> Started:
    """Hand every output's jobs to the printer; `collect` waits for them."""
    settings = pdf_settings(campaign, options)
    pending = [
        (output, _submit(output, campaign, options, settings, printer, deadline))
        for output in outputs_for(options, only)
    ]
    composed = composed_for(options, only)
    return Started(campaign, options, printer, settings, deadline, pending, composed)


@dataclass(frozen=True)
class Started:
    """A campaign whose jobs are with the printer."""

    campaign: Campaign
    options: BuildOptions
    printer: Printer
    settings: PdfSettings
    deadline: float | None
    pending: list[tuple[Output, list[Future[Printed]]]]
    composed: tuple[Composed, ...] = ()  # made last, from the printed outputs' files

    def collect(self) -> Built:
        campaign, options, settings = self.campaign, self.options, self.settings
        notes: list[str] = []
        if options.archival and not (campaign.latest or source_date()):
            notes.append(
                "archival: the content has no date, so the embedded files are dated by their "
                "modification time; set `published` in article.md (or SOURCE_DATE_EPOCH) for "
                "PDFs identical on every machine"
            )
        results: list[tuple[Made, sizing.Reduction]] = []
        for output, futures in self.pending:
            made = output.finish(output, campaign, options, self._wait(futures))

            def again(images: ImageQuality, output: Output = output) -> Made:
                smaller = replace(settings, images=images)
                futures = _submit(output, campaign, options, smaller, self.printer, self.deadline)
                return output.finish(output, campaign, options, self._wait(futures))

            results.append(sizing.within(options.max_size, made, settings.images, again))
        sizing.check(results, options.max_size)
        made_all = [made for made, _ in results]
        files = {artifact.name: artifact for made in made_all for artifact in made.artifacts}
        made_all += [
            output.compose(output, campaign, options, files)
            for output in self.composed
            if all(name in files for name in output.needs)
        ]
        return Built(
            artifacts=tuple(a for made in made_all for a in made.artifacts),
            warnings=(
                *(problem.describe() for problem in campaign.warnings),
                *(w for made in made_all for w in made.warnings),
            ),
            notes=(*notes, *(n for made in made_all for n in made.notes)),
            details=tuple(d for made in made_all for d in made.details),
        )

    def _wait(self, futures: list[Future[Printed]]) -> list[Printed]:
        """Each job's answer; a printer stuck well past the deadline is given up on."""
        printed = []
        for future in futures:
            timeout = None
            if self.deadline is not None:
                timeout = max(0.0, self.deadline - time.monotonic()) + GRACE_SECONDS
            try:
                printed.append(future.result(timeout=timeout))
            except FutureTimeout:
                raise gave_up() from None
        return printed


def _submit(
    output: Output,
    campaign: Campaign,
    options: BuildOptions,
    settings: PdfSettings,
    printer: Printer,
    deadline: float | None,
) -> list[Future[Printed]]:
    jobs = output.jobs(output, campaign, options, settings)
    return [printer.submit(replace(job, deadline=deadline)) for job in jobs]


def pdf_settings(campaign: Campaign, options: BuildOptions) -> PdfSettings:
    """How this build makes every PDF; each print job carries it."""
    if not options.archival:
        return PdfSettings(bleed_mm=options.bleed_mm, marks=options.marks)
    return PdfSettings(
        archival=True,
        attachments=archive.sources(campaign),
        attachment_date=archive.attachment_date(campaign),
        bleed_mm=options.bleed_mm,
        marks=options.marks,
    )


def output_folder(out: Path, campaign_dir: Path, campaigns: int) -> Path:
    """One campaign writes straight into `out`; several each into `out/<folder name>`."""
    return out if campaigns == 1 else out / campaign_dir.resolve().name
