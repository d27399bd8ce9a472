"""Paper sizes: the one place they are defined. Sheets use relative measures around them."""

from __future__ import annotations

from enum import StrEnum

from broadside import css


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"

    @property
    def size_mm(self) -> tuple[float, float]:
        return {Paper.A4: (210.0, 297.0), Paper.LETTER: (215.9, 279.4)}[self]

    @property
    def label(self) -> str:
        return {Paper.A4: "A4", Paper.LETTER: "US Letter"}[self]


def page_css(paper: Paper) -> str:
    """The page-size rule every output shares."""
    width, height = paper.size_mm
    return f"@page {{ size: {css.length(width, 'mm')} {css.length(height, 'mm')}; }}\n"
