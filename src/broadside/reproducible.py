"""Same content, same version → the same bytes: dates come from the content, never the clock.

When the content has no date, SOURCE_DATE_EPOCH (the reproducible-builds convention) is
used if set; otherwise the PDF carries no date at all.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from broadside.errors import BuildError

ENV = "SOURCE_DATE_EPOCH"
LATEST = 7_289_654_399  # 2200-12-31T23:59:59Z


def as_utc(value: date) -> datetime:
    """A date or date-time to compare or store: one written without an offset is taken as
    UTC, and a day as its start in UTC.

    Never the machine's zone: the same campaign must sort and print the same everywhere.
    """
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def source_date() -> datetime | None:
    """SOURCE_DATE_EPOCH as a UTC date, or None when unset."""
    value = os.environ.get(ENV, "").strip()
    if not value:
        return None
    # Up to the end of 2200, the last year a campaign's own dates may name (content/models.py).
    if not value.isdigit() or int(value) > LATEST:
        raise BuildError(
            f"{ENV} must be a whole number of seconds since 1970-01-01 UTC, at most "
            f"{LATEST} (the end of 2200), not {value[:40]!r}"
        )
    return datetime.fromtimestamp(int(value), tz=UTC)
