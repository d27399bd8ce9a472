"""The shipped typefaces and the @font-face rules that point the renderer at them.

Fonts come from PyPI packages (OFL), so they arrive with `pip install` and never depend on
the machine. The renderer is told to see *only* these (pdf/engine.py), so a character they
lack is a visible gap the content checks report (fonts/coverage.py), not something a system
font quietly hides.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import fontpkg

from broadside import css

SERIF = "Source Serif 4"  # reading text: a real book face with Latin Ext., Greek, Cyrillic
SANS = "IBM Plex Sans"  # display: headings, labels, the flyer

WEIGHTS = (400, 600, 700)  # the weights the sheets use; each gets its own @font-face
# Static instances have one optical size (see fonts/instances.py): the reading size, 10.5pt,
# in CSS px as Pango sets it for the variable fonts, so body text measures as it always has.
OPTICAL_SIZE = 14.0


@dataclass(frozen=True)
class Face:
    family: str
    style: str  # "normal" or "italic"

    @property
    def path(self) -> Path:
        return Path(fontpkg.path(self.family, 400, self.style))


FACES = (Face(SERIF, "normal"), Face(SERIF, "italic"), Face(SANS, "normal"), Face(SANS, "italic"))


@cache
def font_face_css() -> str:
    """@font-face rules for every shipped face.

    The files are variable fonts, but WeasyPrint reads no weight ranges in @font-face, so
    each weight the sheets use is declared on its own: a static instance of it when this
    machine can make one (much faster to embed), else the variable file itself.
    """
    return "".join(
        f"@font-face {{ font-family: {css.string(face.family)}; "
        f"src: {css.url(face_file(face, weight))}; "
        f"font-style: {face.style}; font-weight: {weight}; }}\n"
        for face in FACES
        for weight in WEIGHTS
    )


@cache
def face_file(face: Face, weight: int) -> Path:
    """The file the @font-face rule for `face` at `weight` points to.

    BROADSIDE_VARIABLE_FONTS=1 uses the shipped variable files as they are (slower; for
    comparison, or should an instance ever misbehave).
    """
    from broadside.fonts.instances import static_instance

    if os.environ.get("BROADSIDE_VARIABLE_FONTS", "") not in ("", "0"):
        return face.path
    return static_instance(face.path, {"wght": weight, "opsz": OPTICAL_SIZE}) or face.path


def font_files() -> tuple[Path, ...]:
    """The files the @font-face rules point to (what the renderer may read fonts from)."""
    return tuple(dict.fromkeys(face_file(face, weight) for face in FACES for weight in WEIGHTS))
