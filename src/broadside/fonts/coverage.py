"""Which characters the shipped faces can print: checked before anything is rendered.

The renderer sees only the shipped fonts (pdf/engine.py), so a character they lack would be
an empty box on paper; content checks refuse it first, naming it. Every shipped face counts,
whichever script it is for: fonts/scripts.py loads the ones a text needs.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from pathlib import Path

from broadside.cache import cache_file, file_key, write_atomic
from broadside.fonts.faces import FACES, SCRIPTS, Face

FORMAT = 2  # bump when what is stored changes


def every_face() -> tuple[Face, ...]:
    """The Latin faces, then each script's."""
    return tuple(dict.fromkeys((*FACES, *(face for s in SCRIPTS for face in s.faces))))


@cache
def by_face() -> dict[Face, frozenset[int]]:
    """The characters each shipped face can draw.

    Reading a dozen cmaps takes a few tenths of a second, so the answer is kept in the
    cache, as code point ranges, keyed by the files it was read from.
    """
    faces = every_face()
    paths = [face.path for face in faces]
    stored = cache_file("coverage", f"{file_key(*paths, extra=str(FORMAT))}.json")
    cached = _read_ranges(stored, len(faces))
    if cached is None:
        cached = [_read_cmap(path) for path in paths]
        write_atomic(stored, json.dumps([_ranges(c) for c in cached]).encode("ascii"))
    return dict(zip(faces, cached, strict=True))


@cache
def latin() -> frozenset[int]:
    """What the faces every document loads can draw."""
    covered = by_face()
    return frozenset().union(*(covered[face] for face in FACES))


@cache
def covered_codepoints() -> frozenset[int]:
    """Characters at least one shipped face can draw (the stacks fall back between them)."""
    return frozenset().union(*by_face().values())


def _read_ranges(stored: Path, count: int) -> list[frozenset[int]] | None:
    """What an earlier run stored, or None (not there yet, or unreadable: made again)."""
    try:
        faces = json.loads(stored.read_text(encoding="ascii"))
        found = [
            frozenset(code for first, last in ranges for code in range(first, last + 1))
            for ranges in faces
        ]
    except (OSError, ValueError, TypeError):
        return None
    return found if len(found) == count else None


def _read_cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    codepoints = frozenset(font.getBestCmap())
    font.close()
    return codepoints


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
