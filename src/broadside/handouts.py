"""`--handouts`: print-ready sheets made from whatever PDFs the build produced.

flyer.pdf → flyer-2up.pdf and flyer-4up.pdf (copies per sheet, with cut marks);
brief.pdf → brief-booklet.pdf (saddle-stitched). An output the build did not make is
simply not imposed, so a new one needs only a line here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from broadside.imposition import booklet, booklet_order, n_up
from broadside.paper import Paper


@dataclass(frozen=True)
class Handout:
    name: str
    data: bytes
    pages: int  # sheet sides
    source: str  # the output it was made from


def handouts(pdfs: Mapping[str, tuple[bytes, int]], paper: Paper) -> list[Handout]:
    """`pdfs`: name → (data, page count) of every PDF built."""
    made: list[Handout] = []
    if "flyer.pdf" in pdfs:
        flyer, _ = pdfs["flyer.pdf"]
        for copies in (2, 4):
            made.append(
                Handout(f"flyer-{copies}up.pdf", n_up(flyer, paper, copies), 1, "flyer.pdf")
            )
    if "brief.pdf" in pdfs:
        brief, pages = pdfs["brief.pdf"]
        sides = len(booklet_order(pages))
        made.append(Handout("brief-booklet.pdf", booklet(brief, paper), sides, "brief.pdf"))
    return made
