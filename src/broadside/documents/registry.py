"""Every output a build can make: the one place each is named, with its template and sheet.

Order matters: it is the order outputs are printed in, listed, and written.
"""

from __future__ import annotations

from functools import partial

from broadside.documents import brief, flyer, handouts, mail
from broadside.documents.document import Composed, Output
from broadside.options import BuildOptions
from broadside.paper import copy_of, half_sheet

# The letter's words, the article's dates and keywords, the signatories' count (their file is
# signatories.csv, or a form's export the letter names), the brand and its logo (which may
# have any name brand.yaml gives it: every file of a logo's kinds is read as it).
FLYER_READS = ("*.md", "*.csv", "brand.yaml", "*.svg", "*.png", "*.jpg", "*.jpeg")

OUTPUTS = (
    # Both texts and any picture in the campaign folder.
    Output("brief.pdf", "brief.html.j2", "brief.css", ("*",), brief.jobs, brief.finish),
    Output("flyer.pdf", "flyer.html.j2", "flyer.css", FLYER_READS, flyer.jobs, flyer.finish),
    # The brief again on half a sheet, folded: its own sheet, then the booklet's page.
    Output(
        "brief-booklet.pdf",
        "brief.html.j2",
        ("brief.css", "booklet.css"),
        ("*",),
        handouts.booklet_jobs,
        handouts.booklet,
        handout=True,
        page=half_sheet,
    ),
    # The flyer again at the size of one of two or four copies on a sheet.
    *(
        Output(
            f"flyer-{copies}up.pdf",
            "flyer.html.j2",
            "flyer.css",
            FLYER_READS,
            handouts.flyer_jobs,
            partial(handouts.flyer_sheet, copies=copies),
            handout=True,
            page=partial(copy_of, copies=copies),
        )
        for copies in (2, 4)
    ),
)


def outputs_for(options: BuildOptions, only: frozenset[str] | None = None) -> tuple[Output, ...]:
    """The outputs a build with `options` makes (only those named in `only`, if given)."""
    return tuple(
        output
        for output in OUTPUTS
        if output.wanted(options) and (only is None or output.name in only)
    )


# Made after every printed output, from their files.
COMPOSED = (
    # With --email: the letter as a draft to its recipient, and one per row of recipients.csv.
    Composed("letter.eml", (mail.BRIEF,), ("*.md", "recipients.csv"), mail.compose),
)


def composed_for(options: BuildOptions, only: frozenset[str] | None = None) -> tuple[Composed, ...]:
    """The composed outputs a build with `options` makes (only those named in `only`)."""
    return tuple(
        output
        for output in COMPOSED
        if output.wanted(options) and (only is None or output.name in only)
    )
