"""Which characters the shipped faces can print: checked before anything is rendered.

The renderer sees only the shipped fonts (pdf/engine.py), so a character they lack would be
an empty box on paper; content checks refuse it first, naming it.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from pathlib import Path

from broadside.cache import cache_file, file_key, write_atomic
from broadside.fonts.faces import FACES

FORMAT = 1  # bump when what is stored changes


@cache
def covered_codepoints() -> frozenset[int]:
    """Characters at least one shipped face can draw (the CSS stacks fall back between them).

    Reading four cmaps takes ~0.1 s, so the answer is kept in the cache, as code point ranges.
    """
    paths = sorted({face.path for face in FACES})
    stored = cache_file("coverage", f"{file_key(*paths, extra=str(FORMAT))}.json")
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
