"""The campaign's web address as the flyer prints it: without its scheme, on one line.

The flyer sets it beside the QR code at 14 pt, smaller if it must, never below 9 pt, and
never broken inside (a break, or a hyphen added at one, would be typed in). Whether an
address fits is measured with the font's own advance widths (fonts/metrics.py), so `check`
refuses an address the flyer could not print, naming the field, before anything is laid out.
"""

from __future__ import annotations

from broadside.content.frontmatter import SourceFile
from broadside.content.models import LetterMeta
from broadside.errors import Problem
from broadside.fonts.faces import SANS
from broadside.fonts.metrics import width_mm

FAMILY, WEIGHT = SANS, 600  # flyer.css: .flyer-url
LARGEST_PT = 14.0
SMALLEST_PT = 9.0
STEP_PT = 0.5
# The flyer's address line on its narrowest page (A4, beside the largest QR code it prints
# for an address this long); documents/flyer.py holds its line to at least this.
LINE_MM = 130.0


def printed_url(url: str) -> str:
    """ "https://example.org/" → "example.org": what a reader types, without the scheme."""
    bare = url.split("://", 1)[-1]
    host, slash, rest = bare.partition("/")
    return host if slash and not rest else bare


def url_size(url: str, line_mm: float, largest: float = LARGEST_PT) -> float | None:
    """The largest size, in steps of half a point from `largest` down to 9 pt, at which the
    printed address fits `line_mm`; None if it does not fit even at 9 pt."""
    text = printed_url(url)
    size = largest
    while size >= SMALLEST_PT - 1e-9:
        if width_mm(text, size, FAMILY, WEIGHT) <= line_mm:
            return size
        size = round(size - STEP_PT, 2)
    return None


def address_problems(source: SourceFile, meta: LetterMeta) -> list[Problem]:
    """An address too long for the flyer's line, and a label with no address to label."""
    problems = []
    if meta.url is not None and url_size(meta.url, LINE_MM) is None:
        text = printed_url(meta.url)
        wide = width_mm(text, SMALLEST_PT, FAMILY, WEIGHT)
        problems.append(
            Problem(
                source.path,
                source.line_of(("url",)),
                "url",
                f"too long to print on one line of the flyer: without https:// it is "
                f"{wide:.0f} mm wide at {SMALLEST_PT:g} pt, the smallest size allowed, and the "
                f"line holds {LINE_MM:g} mm",
                hint="use a shorter address (a short link that redirects to it)",
            )
        )
    if meta.url_label is not None and meta.url is None:
        problems.append(
            Problem(
                source.path,
                source.line_of(("url_label",)),
                "url_label",
                "needs a url: it is printed beside the QR code that leads there",
                hint="add the url, or delete the label",
            )
        )
    return problems
