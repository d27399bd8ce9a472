"""Line widths measured from the fonts' own advances agree with what the renderer prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from broadside.fonts.faces import SANS, SERIF, font_face_css
from broadside.fonts.metrics import width_mm
from broadside.html.stylesheets import Stylesheet
from broadside.resources import STYLES
from tests.printing import page, print_html
from tests.reading import glyphs

MM = 72 / 25.4
TEXTS = ["example.org/campaigns/seven-changes?ref=flyer&lang=en", "WAVE Tolkien Łódź Ελλάδα"]


@pytest.mark.parametrize(("family", "weight"), [(SANS, 600), (SANS, 400), (SERIF, 700)])
@pytest.mark.parametrize("size", [9, 14])
def test_measured_width_is_the_printed_width(
    tmp_path: Path, family: str, weight: int, size: float
) -> None:
    lines = "".join(f'<p style="white-space: nowrap">{text}|</p>' for text in TEXTS)
    css = f"p {{ font: {weight} {size}pt '{family}'; margin: 0 0 5mm; }}"
    sheets = (Stylesheet("fonts", font_face_css(), STYLES), Stylesheet("t", css, STYLES))
    printed = print_html(tmp_path, page(lines), sheets)
    assert printed.pdf is not None
    drawn = [g for g in glyphs(printed.pdf)[1] if not g.char.isspace() or g.box[2] > g.box[0]]
    starts = [i for i, g in enumerate(drawn) if i == 0 or drawn[i - 1].char == "|"]
    for text, start in zip(TEXTS, starts, strict=False):
        visible = [g for g in drawn[start:] if g.char != " "]
        bar = next(g for g in drawn[start:] if g.char == "|")
        printed_mm = (bar.origin[0] - visible[0].origin[0]) / MM
        measured = width_mm(text, size, family, weight)
        # Never narrower than printed (kerning only narrows), and close to it.
        assert measured >= printed_mm - 0.05
        assert measured <= printed_mm * 1.02 + 0.1, (text, measured, printed_mm)
