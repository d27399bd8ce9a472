"""Which scripts a text needs, and the @font-face rules that load their faces.

A document loads the Latin faces always and another script's faces only when its text has
a character that only they draw: a Latin campaign reads and embeds nothing more than it
did before other scripts were shipped. The sheets' stacks name every script's faces after
the Latin ones (tokens.css); a face that is not loaded is simply not there.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from broadside.fonts.coverage import by_face, latin
from broadside.fonts.faces import SCRIPTS, Script, files_of, script_face_css


@dataclass(frozen=True)
class ScriptFonts:
    """One script's @font-face rules and the files they read."""

    script: Script
    css: str
    files: tuple[Path, ...]


def scripts_in(text: str) -> tuple[Script, ...]:
    """The scripts `text` needs, in the order of SCRIPTS: as few as draw every character the
    Latin faces lack. Each step takes the script that draws the most of what is left, so a
    mark several scripts share (the danda "।" of Devanagari and Bengali) loads no second one.
    """
    beyond = {ord(char) for char in set(text)} - latin()
    if not beyond:
        return ()  # Latin text: nothing more is read
    needed: list[Script] = []
    while beyond:
        best = max(SCRIPTS, key=lambda script: len(beyond & own_characters(script)))
        drawn = beyond & own_characters(best)
        if not drawn:
            break  # drawn by no shipped face: the content checks refuse it, naming it
        needed.append(best)
        beyond -= drawn
    return tuple(script for script in SCRIPTS if script in needed)


@cache
def own_characters(script: Script) -> frozenset[int]:
    """What `script`'s faces add to the Latin ones."""
    covered = by_face()
    return frozenset().union(*(covered[face] for face in script.faces)) - latin()


@cache
def script_fonts(script: Script) -> ScriptFonts:
    return ScriptFonts(script, script_face_css(script), files_of(script.faces))
