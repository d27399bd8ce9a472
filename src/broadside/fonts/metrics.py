"""How wide a line of text is in a shipped face: the sum of the font's own advance widths.

For text that must fit one line without being broken (a web address), measured before any
layout, so a content check can refuse what the page could not print. The widths are the
face the renderer is given (the static instance at that weight, fonts/instances.py), so
they are the widths printed. Kerning is left out: it only ever narrows a line by a little,
so the width measured here is never less than the width printed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from broadside.cache import cache_file, file_key, write_atomic
from broadside.fonts.faces import OPTICAL_SIZE, Face, face_file

FORMAT = 1  # bump when what is stored changes
PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class Advances:
    units_per_em: int
    by_char: dict[int, int]  # code point → advance width in font units
    missing: int  # the advance of .notdef, for a character the face lacks

    def em(self, text: str) -> float:
        """`text`'s width in ems."""
        units = sum(self.by_char.get(ord(char), self.missing) for char in text)
        return units / self.units_per_em


@cache
def advances(family: str, weight: int, style: str = "normal") -> Advances:
    """The advance widths of `family` at `weight`.

    Reading them means making the static instance and parsing it (~0.3 s on a first run),
    so they are kept in the cache, keyed by the shipped file they come from.
    """
    face = Face(family, style)
    stored = cache_file("advances", f"{file_key(face.path, extra=f'{weight}/{FORMAT}')}.json")
    try:
        data = json.loads(stored.read_text(encoding="ascii"))
        return Advances(data["upem"], {int(k): v for k, v in data["by_char"].items()}, data["nd"])
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        pass  # not there yet, or unreadable: read again
    found = _read(face, weight)
    record = {"upem": found.units_per_em, "by_char": found.by_char, "nd": found.missing}
    write_atomic(stored, json.dumps(record).encode("ascii"))
    return found


def _read(face: Face, weight: int) -> Advances:
    from fontTools.ttLib import TTFont  # only campaigns that measure a line load it

    path = face_file(face, weight)
    font: Any = TTFont(path, lazy=True)
    if "fvar" in font:  # no static instance on this machine: the variable font at `weight`
        font = _instance(path, weight)
    metrics = font["hmtx"].metrics
    return Advances(
        units_per_em=font["head"].unitsPerEm,
        by_char={code: metrics[glyph][0] for code, glyph in font.getBestCmap().items()},
        missing=metrics[font.getGlyphOrder()[0]][0],
    )


def _instance(path: Path, weight: int) -> Any:
    from fontTools.ttLib import TTFont
    from fontTools.varLib.instancer import instantiateVariableFont

    font = TTFont(path)
    axes = {axis.axisTag for axis in font["fvar"].axes}
    location = {"wght": weight, **({"opsz": OPTICAL_SIZE} if "opsz" in axes else {})}
    return instantiateVariableFont(font, location)


def width_mm(text: str, size_pt: float, family: str, weight: int) -> float:
    """How wide `text` is set on one line at `size_pt`, in millimetres."""
    return advances(family, weight).em(text) * size_pt / PT_PER_MM
