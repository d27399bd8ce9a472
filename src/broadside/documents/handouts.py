"""`--handouts`: sheets for the printer, made from the brief and the flyer.

brief-booklet.pdf: the brief imposed for saddle stitching; flyer-2up.pdf and flyer-4up.pdf:
copies of the flyer per sheet, with cut marks (pdf/imposition.py). Sheets are untagged and
never PDF/A, whatever the other options: they are for a printer, not a reader.
"""

from __future__ import annotations

from collections.abc import Sequence

from broadside.content.models import Campaign
from broadside.documents import brief, flyer
from broadside.documents.document import Artifact, Made, Output
from broadside.errors import BuildError
from broadside.options import BuildOptions
from broadside.pdf.jobs import Printed, PrintJob
from broadside.pdf.settings import PdfSettings


def _for_sheets(settings: PdfSettings) -> PdfSettings:
    return PdfSettings(images=settings.images, tagged=False)


def booklet_jobs(
    output: Output, campaign: Campaign, options: BuildOptions, settings: PdfSettings
) -> tuple[PrintJob, ...]:
    return brief.jobs(output, campaign, options, _for_sheets(settings))


def booklet(
    output: Output, campaign: Campaign, options: BuildOptions, printed: Sequence[Printed]
) -> Made:
    from broadside.pdf.imposition import booklet, booklet_order  # pikepdf: only when asked

    (pages,) = printed
    assert pages.pdf is not None
    sides = len(booklet_order(pages.pages))
    return Made((Artifact(output.name, booklet(pages.pdf, options.paper), sides),))


def flyer_jobs(
    output: Output, campaign: Campaign, options: BuildOptions, settings: PdfSettings
) -> tuple[PrintJob, ...]:
    return flyer.jobs(output, campaign, options, _for_sheets(settings))


def flyer_sheet(
    output: Output,
    campaign: Campaign,
    options: BuildOptions,
    printed: Sequence[Printed],
    *,
    copies: int,
) -> Made:
    from broadside.pdf.imposition import n_up

    (page,) = printed
    assert page.scaled is not None
    if page.pdf is None:
        raise BuildError(flyer.overflow_message(output, campaign, options.paper, page.scaled))
    return Made((Artifact(output.name, n_up(page.pdf, options.paper, copies), 1),))
