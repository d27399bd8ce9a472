"""What the PDF stage is asked to do, and what it answers: plain frozen values.

A `PrintJob` carries everything a render needs (HTML, stylesheets, PDF settings, and how to
choose between layouts), so it can be printed here or in a worker process alike
(pdf/printer.py); a `Printed` is the answer. Neither holds anything of WeasyPrint's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from broadside.html.stylesheets import Stylesheet
from broadside.pdf.fit import Curve, Limits, Trial
from broadside.pdf.settings import PdfSettings


@dataclass(frozen=True)
class Anchor:
    """The element with this id starts on this page (1-based)."""

    id: str
    page: int

    def holds(self, laid_out: LaidOut) -> bool:
        return laid_out.anchors.get(self.id) == self.page


@dataclass(frozen=True)
class PagesFrom:
    """From the page the element with this id starts on to the last: so many pages."""

    id: str
    least: int = 1
    most: int | None = None

    def holds(self, laid_out: LaidOut) -> bool:
        start = laid_out.anchors.get(self.id)
        if start is None:
            return False
        count = laid_out.pages - start + 1
        return self.least <= count and (self.most is None or count <= self.most)


Condition = Anchor | PagesFrom


@dataclass(frozen=True)
class LaidOut:
    """What a condition reads from a layout: its page count and where each id starts."""

    pages: int
    anchors: Mapping[str, int]

    def meets(self, conditions: tuple[Condition, ...]) -> bool:
        return all(condition.holds(self) for condition in conditions)


@dataclass(frozen=True)
class Layout:
    """One HTML document and the sheets it is drawn with, in cascade order.

    A job with several layouts writes the first that meets its `require`. `worth_trying`
    saves renders: it is read from the first layout's render, and a layout whose
    conditions did not hold there is skipped (it could not meet `require` either).
    """

    html: str
    sheets: tuple[Stylesheet, ...]
    require: tuple[Condition, ...] = ()
    worth_trying: tuple[Condition, ...] = ()


@dataclass(frozen=True)
class Scale:
    """Search the largest type size at which the layout fits one page (pdf/fit.py).

    `sheet` is CSS with `{size}` (points) and `{spare}` (px) in it, filled in as `css.length`
    values and added after the layout's own sheets for each size tried. Fullness is measured
    from three elements' boxes: `flow` (from the top of the page area), `foot` (pinned to its
    bottom) and the space between.
    """

    limits: Limits
    model: Curve  # a rough guess of fullness by size: it aims the search, never decides
    sheet: str
    flow: str  # id of the block that grows with the size
    foot: str  # id of the block pinned to the foot of the page
    spread_below: float | None = None  # at the cap, a page emptier than this spreads out


@dataclass(frozen=True)
class PrintJob:
    name: str  # the output it is for, in messages: "brief.pdf"
    base: Path  # the campaign folder: pictures are read from here, and only from here
    settings: PdfSettings
    layouts: tuple[Layout, ...]  # tried in order: the first that meets its `require` is written
    scale: Scale | None = None  # with one layout: lay it out at the best type size
    deadline: float | None = None  # time.monotonic() by which the job must be done
    languages: tuple[str, ...] = ()  # hyphenated in these: a worker prepares them once
    # Fingerprints (pdf/confine.py) of the data: URLs the document may show: pictures
    # Broadside embedded itself, such as a brand's logo. No other data: URL is served.
    embedded: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Scaled:
    """How a `Scale` search went."""

    trials: tuple[Trial[None], ...]  # every size laid out, in order, and how full it was
    size: float | None  # the size written; None when nothing fits at the floor
    spread_px: float = 0.0  # room added above the flow to spread a short page out
    spread_fullness: float | None = None
    milliseconds: float = 0.0

    def at(self, size: float) -> Trial[None] | None:
        return next((trial for trial in self.trials if trial.size == size), None)


@dataclass(frozen=True)
class Printed:
    pdf: bytes | None  # None only when a `scale` search found no size that fits
    pages: int
    layout: int  # index of the layout written
    met: bool  # whether it met its `require`; if none did, the last worth trying is written
    warnings: tuple[str, ...] = ()
    anchors: Mapping[str, int] = field(default_factory=dict)  # element id → its first page
    scaled: Scaled | None = None
