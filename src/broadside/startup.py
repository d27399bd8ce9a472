"""Python's cyclic garbage collector kept out of the way while modules load.

Imports allocate hundreds of thousands of long-lived objects and free almost none, yet each
pass of the collector scans them all again: ~0.1–0.2 s of a cold build's CPU. Each process
pauses it while it loads what it needs, then freezes what was loaded out of its view and
resumes it. This touches only the interpreter's own collector, nothing of any library's.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_paused = False  # by us, so we only ever resume what we paused


def pause_collection() -> None:
    """Called first thing; commands that never get far simply finish with it paused."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collection() -> None:
    """Once the modules are loaded: never scan them again, and collect as usual from now on."""
    global _paused
    if _paused:
        gc.freeze()
        gc.enable()
        _paused = False


def thaw_collection() -> None:
    """Let the collector see again what `resume_collection` froze: at exit, so objects that
    clean up after themselves when they are collected (a temporary folder) are."""
    gc.unfreeze()


@contextmanager
def collection_paused() -> Iterator[None]:
    pause_collection()
    try:
        yield
    finally:
        resume_collection()
