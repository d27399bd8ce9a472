"""Same content, same version → the same bytes: dates come from the content, never the clock.

Two clocks could leak into a PDF: the document's dates (we take them from the content, or
from SOURCE_DATE_EPOCH, the reproducible-builds convention, when the content has none) and
fontTools, which stamps the current time into every font it re-saves (WeasyPrint re-saves
each variable font it instantiates). fontTools reads SOURCE_DATE_EPOCH too, so while a PDF
is written we give it the shipped fonts' own date unless the user set one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache

from broadside.errors import BuildError

ENV = "SOURCE_DATE_EPOCH"


def source_date() -> datetime | None:
    """SOURCE_DATE_EPOCH as a UTC date, or None when unset."""
    value = os.environ.get(ENV, "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise BuildError(
            f"{ENV} must be a whole number of seconds since 1970-01-01 UTC, not {value!r}"
        )
    return datetime.fromtimestamp(int(value), tz=UTC)


@cache
def font_epoch() -> int:
    """The newest modification date of the shipped font files, in seconds since 1970."""
    from fontTools.misc.timeTools import epoch_diff
    from fontTools.ttLib import TTFont

    from broadside.fonts import font_files

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
