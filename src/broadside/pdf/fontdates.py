"""Fonts written into a PDF carry the fonts' own date, never the clock.

WeasyPrint subsets every font it embeds with fontTools, which stamps the current time into
each font it saves unless SOURCE_DATE_EPOCH (the reproducible-builds convention) says
otherwise. While a PDF is written we set it to the shipped fonts' own date, unless the user
set one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from broadside.fonts.faces import font_files
from broadside.reproducible import ENV, source_date


@cache
def font_epoch() -> int:
    """The newest modification date of the shipped font files, in seconds since 1970."""
    from fontTools.misc.timeTools import epoch_diff
    from fontTools.ttLib import TTFont

    stamps = []
    for path in set(font_files()):
        with TTFont(path, lazy=True) as font:  # closed: an open file is a warning at exit
            stamps.append(font["head"].modified)
    return int(max(stamps) + epoch_diff)


@contextmanager
def fixed_font_dates() -> Iterator[None]:
    """Fonts re-saved inside this block carry the fonts' own date, not the clock."""
    previous = os.environ.get(ENV)
    if previous and source_date():
        yield  # the user's SOURCE_DATE_EPOCH already fixes it (fontTools reads it)
        return
    os.environ[ENV] = str(font_epoch())
    try:
        yield
    finally:
        if previous is None:
            del os.environ[ENV]
        else:
            os.environ[ENV] = previous
