"""`--handouts`: sheets for the printer, laid out at the size they are printed.

brief-booklet.pdf: the brief laid out again on half a sheet (A5 on A4), then imposed for
saddle stitching; flyer-2up.pdf and flyer-4up.pdf: the flyer laid out again at the size of
one copy, by the same fit search, two or four to a sheet with cut marks (pdf/imposition.py).
Nothing is shrunk on the way to paper, so the type sizes the layouts promise (the brief's
reading size, the flyer's 10 pt floor) are the sizes printed. Sheets are untagged and never
PDF/A, whatever the other options: they are for a printer, not a reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from broadside.content.models import Campaign
from broadside.documents import brief, flyer
from broadside.documents.document import Artifact, Made, Output
from broadside.options import BuildOptions
from broadside.paper import COPY_BLEED_MM
from broadside.pdf.jobs import Printed, PrintJob
from broadside.pdf.settings import PdfSettings


def _for_sheets(settings: PdfSettings) -> PdfSettings:
    return PdfSettings(images=settings.images, tagged=False)


def booklet_jobs(
    output: Output, campaign: Campaign, options: BuildOptions, settings: PdfSettings
) -> tuple[PrintJob, ...]:
    """The brief's own job, on the booklet's page (half the sheet) with its thin sheet."""
    return brief.jobs(output, campaign, options, _for_sheets(settings))


def booklet(
    output: Output, campaign: Campaign, options: BuildOptions, printed: Sequence[Printed]
) -> Made:
    from broadside.pdf.imposition import booklet, booklet_order  # pikepdf: only when asked

    (pages,) = printed
    assert pages.pdf is not None
    sides = len(booklet_order(pages.pages))
    details = (f"{output.name}: {pages.pages} pages of {output.page_size(options).label}",)
    return Made((Artifact(output.name, booklet(pages.pdf, options.paper), sides),), details=details)


def flyer_jobs(
    output: Output, campaign: Campaign, options: BuildOptions, settings: PdfSettings
) -> tuple[PrintJob, ...]:
    """The flyer laid out again at one copy's size, by the same fit search, with a bleed
    into the gutter so its colour band survives a cut a little off; with a logo, also
    without it, for when a copy is too small for both the logo and the demands at 10 pt."""
    page = output.page_size(options)
    for_copies = replace(_for_sheets(settings), bleed_mm=COPY_BLEED_MM)
    job, _ = flyer.flyer_job(output, campaign, page, for_copies)
    if campaign.brand is None or campaign.brand.logo is None:
        return (job,)
    plain, _ = flyer.flyer_job(output, campaign, page, for_copies, with_logo=False)
    return (job, plain)


def flyer_sheet(
    output: Output,
    campaign: Campaign,
    options: BuildOptions,
    printed: Sequence[Printed],
    *,
    copies: int,
) -> Made:
    """The copies on one sheet; or, when the demands do not fit a copy at the floor, no
    sheet and a note saying why (the flyer itself, and every other output, still made).
    The logo is left out of the copies (and the note says so) if that is what it takes."""
    from broadside.pdf.imposition import n_up

    page = next((answer for answer in printed if answer.pdf is not None), printed[-1])
    without_logo = len(printed) > 1 and page is printed[1] and page.pdf is not None
    scaled = page.scaled
    assert scaled is not None
    details = tuple(f"{output.name}: {detail}" for detail in flyer.fit_details(output, scaled))
    size = output.page_size(options)
    if page.pdf is None:
        reason = flyer.overflow_message(output, campaign, size, scaled)
        note = f"{reason} The sheet was not made; the other outputs were."
        return Made((), notes=(note,), details=details)
    notes = []
    if without_logo:
        notes.append(
            f"{output.name}: the demands fit a {size.label} at 10 pt or more only without the "
            "logo, so the copies leave it out"
        )
    url = campaign.letter.meta.url
    if url and flyer.geometry(size, flyer.campaign_qr(campaign), url).url_pt is None:
        notes.append(
            f"{output.name}: the address is too long for one line of a {size.label} even at "
            "9 pt, so the copies carry the QR code and its label without it"
        )
    sheet = Artifact(output.name, n_up(page.pdf, options.paper, copies, bleed=True), 1)
    return Made((sheet,), notes=tuple(notes), details=details)
