"""What a cold start of WeasyPrint spends, and how Broadside avoids spending it again.

- engine.py imports WeasyPrint inside `quick_start()`: libraries found by soname
  (libsearch.py), then parsed hyphenation dictionaries read from the cache
  (hyphenation.py).
- The CLI pauses Python's cyclic garbage collector while modules load: imports allocate
  hundreds of thousands of long-lived objects and free almost none, yet each pass of the
  collector scans them all again. Once WeasyPrint is in, what was loaded is frozen out of
  the collector's view and collection resumes (a 6-page build: ~0.1–0.2 s less CPU).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from broadside.hyphenation import keep_parsed_dictionaries
from broadside.libsearch import sonames_first

_paused = False  # by us, so we only ever resume what we paused


def pause_collection() -> None:
    """Called first by the CLI; commands that never render simply finish with it paused."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collection() -> None:
    global _paused
    if _paused:
        gc.freeze()  # everything imported lives until exit: never scan it again
        gc.enable()
        _paused = False


@contextmanager
def quick_start() -> Iterator[None]:
    """Wrap the import of WeasyPrint."""
    with sonames_first():
        yield
    keep_parsed_dictionaries()
    resume_collection()
