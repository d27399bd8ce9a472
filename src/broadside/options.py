"""What a user asked of a build, as one frozen value handed down the pipeline."""

from __future__ import annotations

from dataclasses import dataclass

from broadside.paper import Paper


@dataclass(frozen=True)
class BuildOptions:
    paper: Paper = Paper.A4
    html: bool = False  # also write the intermediate HTML, for debugging layouts
    max_size: int | None = None  # bytes; pictures are reduced until every PDF fits
    handouts: bool = False  # also the sheets for printing: n-up flyers, brief booklet
    bleed_mm: float = 0.0  # print shop: backgrounds extend this far past the trim
    marks: bool = False  # print shop: crop marks outside the bleed
    archival: bool = False  # PDF/A-3b carrying the campaign's own sources
    email: bool = False  # also e-mail drafts of the letter, with the brief attached
