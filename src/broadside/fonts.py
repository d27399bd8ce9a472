"""The typefaces Broadside ships, and which characters they can print.

Fonts come from PyPI packages (OFL), so they arrive with `pip install` and never depend on
the machine. The rendering engine is told to see *only* these (see `engine.py`), so a
character they lack is a visible gap we can report, not something a system font hides.
"""

from __future__ import annotations

import json
import os
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import fontpkg

SERIF = "Source Serif 4"  # reading text: a real book face with Latin Ext., Greek, Cyrillic
SANS = "IBM Plex Sans"  # display: headings, labels, the flyer


WEIGHTS = (400, 600, 700)  # the weights the sheets use; each gets its own @font-face
# Static instances have one optical size (see fontinstances.py): the reading size, 10.5pt,
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
        f'@font-face {{ font-family: "{face.family}"; '
        f'src: url("{face_file(face, weight).as_uri()}"); '
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
    from broadside.fontinstances import static_instance

    if os.environ.get("BROADSIDE_VARIABLE_FONTS", "") not in ("", "0"):
        return face.path
    return static_instance(face.path, {"wght": weight, "opsz": OPTICAL_SIZE}) or face.path


def font_files() -> tuple[Path, ...]:
    """The files the @font-face rules point to (what the renderer may read fonts from)."""
    return tuple(dict.fromkeys(face_file(face, weight) for face in FACES for weight in WEIGHTS))


COVERAGE_FORMAT = 1


@cache
def covered_codepoints() -> frozenset[int]:
    """Characters at least one shipped face can draw (the CSS stacks fall back between them).

    Reading four cmaps takes ~0.1 s, so the answer is kept in the cache, as code point ranges.
    """
    from broadside.cache import cache_root, file_key, write_atomic

    paths = sorted({face.path for face in FACES})
    stored = cache_root() / f"coverage-{file_key(*paths, extra=str(COVERAGE_FORMAT))}.json"
    cached = _read_ranges(stored)
    if cached is not None:
        return cached
    codepoints = _read_cmaps(paths)
    write_atomic(stored, json.dumps(_ranges(codepoints)).encode("ascii"))
    return codepoints


def _read_ranges(stored: Path) -> frozenset[int] | None:
    """What an earlier run stored, or None (not there yet, or unreadable: made again)."""
    try:
        ranges = json.loads(stored.read_text(encoding="ascii"))
        return frozenset(code for first, last in ranges for code in range(first, last + 1))
    except (OSError, ValueError, TypeError):
        return None


def _read_cmaps(paths: list[Path]) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    codepoints: set[int] = set()
    for path in paths:
        font = TTFont(path, lazy=True)
        codepoints.update(font.getBestCmap())
        font.close()
    return frozenset(codepoints)


def _ranges(codepoints: frozenset[int]) -> list[list[int]]:
    ranges: list[list[int]] = []
    for code in sorted(codepoints):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return ranges


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
