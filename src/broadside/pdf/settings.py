"""How every PDF of a build is made, whatever the output: brief and flyer share one setting.

Each print job carries these, so an output gets accessibility, print-shop bleed, archival
sources and image quality without its own code knowing about any of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from broadside import css

MM = 72 / 25.4  # PDF points per millimetre


@dataclass(frozen=True)
class ImageQuality:
    """How finely pictures are kept: resolution at their printed size, and JPEG quality."""

    dpi: int
    jpeg_quality: int

    def describe(self) -> str:
        return f"{self.dpi} dpi, JPEG quality {self.jpeg_quality}"


# Print quality; 75 is what WeasyPrint's optimiser (Pillow) used before it was made explicit.
FULL_QUALITY = ImageQuality(dpi=300, jpeg_quality=75)


@dataclass(frozen=True)
class EmbeddedFile:
    """A file carried inside the PDF (PDF/A-3 associated file)."""

    name: str
    data: bytes
    mime_type: str
    relationship: str  # ISO 32000-2 7.11.3: Source, Data, Alternative, Supplement, …
    description: str


@dataclass(frozen=True)
class PdfSettings:
    archival: bool = False  # PDF/A-3b (still tagged, still PDF/UA-1) with `attachments`
    attachments: tuple[EmbeddedFile, ...] = ()
    attachment_date: datetime | None = None  # PDF/A-3 wants one; from content, never the clock
    bleed_mm: float = 0.0
    marks: bool = False
    images: ImageQuality = FULL_QUALITY
    tagged: bool = True  # PDF/UA-1; handouts are sheets for a printer, not documents to read

    def __post_init__(self) -> None:
        if self.attachments and self.attachment_date is None:
            raise ValueError("attachments need a date, or WeasyPrint would use the clock")

    @property
    def variant(self) -> str | None:
        if self.archival:
            return "pdf/a-3b"
        return "pdf/ua-1" if self.tagged else None

    @property
    def bleed(self) -> float:
        return self.bleed_mm * MM

    def page_css(self) -> str:
        """The print-shop part of the page rule: bleed, so edge-to-edge backgrounds extend.

        Page backgrounds fill the bleed by themselves; an element's background that touches
        an edge reaches into it with `--bleed` (the flyer's accent field and the brief's cover
        field do).
        Crop marks are not WeasyPrint's (those sit inside the bleed, over the background);
        `finishing.py` draws them outside it, on white.
        """
        if not self.bleed_mm:
            return ""
        bleed = css.length(self.bleed_mm, "mm")
        return f"@page {{ bleed: {bleed}; }}\n:root {{ --bleed: {bleed}; }}\n"
