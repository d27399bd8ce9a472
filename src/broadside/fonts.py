"""The typefaces Broadside ships, and which characters they can print.

Fonts come from PyPI packages (OFL), so they arrive with `pip install` and never depend on
the machine. The rendering engine is told to see *only* these (see `engine.py`), so a
character they lack is a visible gap we can report, not something a system font hides.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import fontpkg
from fontTools.ttLib import TTFont

SERIF = "Source Serif 4"  # reading text: a real book face with Latin Ext., Greek, Cyrillic
SANS = "IBM Plex Sans"  # display: headings, labels, the flyer


WEIGHTS = (400, 600, 700)  # the weights the sheets use; each gets its own @font-face


@dataclass(frozen=True)
class Face:
    family: str
    style: str  # "normal" or "italic"

    @property
    def path(self) -> Path:
        return Path(fontpkg.path(self.family, 400, self.style))


FACES = (Face(SERIF, "normal"), Face(SERIF, "italic"), Face(SANS, "normal"), Face(SANS, "italic"))


def font_face_css() -> str:
    """@font-face rules for every shipped face.

    The files are variable fonts, but WeasyPrint reads no weight ranges in @font-face, so
    each weight the sheets use is declared on its own (same file, one instance each).
    """
    return "".join(
        f'@font-face {{ font-family: "{face.family}"; src: url("{face.path.as_uri()}"); '
        f"font-style: {face.style}; font-weight: {weight}; }}\n"
        for face in FACES
        for weight in WEIGHTS
    )


def font_files() -> tuple[Path, ...]:
    return tuple(face.path for face in FACES)


@cache
def covered_codepoints() -> frozenset[int]:
    """Characters at least one shipped face can draw (the CSS stacks fall back between them)."""
    codepoints: set[int] = set()
    for path in {face.path for face in FACES}:
        font = TTFont(path, lazy=True)
        codepoints.update(font.getBestCmap())
        font.close()
    return frozenset(codepoints)


def uncovered(text: str) -> list[str]:
    """The distinct characters of `text` that no shipped font has, in order of appearance."""
    covered = covered_codepoints()
    missing: dict[str, None] = {}
    for char in text:
        if ord(char) in covered or char.isspace() or char in missing or _invisible(char):
            continue
        missing[char] = None
    return list(missing)


def _invisible(char: str) -> bool:
    """Format characters and variation selectors draw nothing, so need no glyph."""
    code = ord(char)
    return (
        unicodedata.category(char) == "Cf" or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF
    )
