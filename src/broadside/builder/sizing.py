"""Size limits: `--max-size` parsed, and outputs re-rendered with smaller pictures to fit.

Only pictures are reduced (first resolution and JPEG quality together, a step at a time),
never text or vector art, and every step is reported. Sizes count in binary units, as the
build prints them: 1 KB = 1024 bytes, 1 MB = 1024 KB.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from broadside.documents.document import Artifact, Made
from broadside.errors import BuildError
from broadside.pdf.settings import FULL_QUALITY, ImageQuality

# Each step trades detail for bytes; 72 dpi is screen resolution, the last that still
# shows what a photograph is of.
STEPS = (
    FULL_QUALITY,
    ImageQuality(dpi=200, jpeg_quality=70),
    ImageQuality(dpi=150, jpeg_quality=65),
    ImageQuality(dpi=110, jpeg_quality=55),
    ImageQuality(dpi=72, jpeg_quality=45),
)

_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "kib": 1024, "m": 1024**2, "mb": 1024**2}
_UNITS |= {"mib": 1024**2, "g": 1024**3, "gb": 1024**3, "gib": 1024**3}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$", re.IGNORECASE)


def parse_size(text: str) -> int:
    """ "2MB", "500 KB", "1.5 MB", "250000" → bytes. ValueError says what is accepted."""
    match = _SIZE.match(text)
    unit = match.group(2).lower() if match else ""
    if match is None or unit not in _UNITS:
        raise ValueError(f"{text!r} is not a size; write it like 2MB, 500KB or 1.5 MB")
    size = int(float(match.group(1)) * _UNITS[unit])
    if size < 1:
        raise ValueError(f"{text!r} is too small to hold a PDF")
    return size


def human_size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} bytes"
    return f"{size / 1024 / 1024:.1f} MB"


@dataclass(frozen=True)
class Reduction:
    """How an output met the limit: the pictures' quality it ended with."""

    images: ImageQuality
    reduced: bool = False
    nothing_to_shrink: bool = False  # smaller pictures saved nothing: it has none
    steps: tuple[str, ...] = ()  # what was tried, as reported


def within(
    limit: int | None, made: Made, images: ImageQuality, again: Callable[[ImageQuality], Made]
) -> tuple[Made, Reduction]:
    """While one of `made`'s PDFs is over `limit`, make it `again` with smaller pictures.

    Returns the last attempt (which may still be too big: `check` reports that, once every
    output is known). Stops early when a step saves nothing: there are no pictures to shrink.
    """
    if limit is None or not _over(made.artifacts, limit):
        return made, Reduction(images)
    stuck, steps = False, []
    for step in STEPS[STEPS.index(images) + 1 if images in STEPS else 1 :]:
        before = {a.name: len(a.data) for a in _over(made.artifacts, limit)}
        retry = again(step)
        after = [len(a.data) for a in retry.artifacts if a.name in before]
        steps.append(
            f"{', '.join(before)}: {_sizes(before.values())} is over --max-size "
            f"{human_size(limit)}; pictures re-rendered at {step.describe()}: "
            f"{_sizes(after)}"
        )
        stuck = sum(before.values()) - sum(after) < 0.01 * sum(before.values())
        made, images = retry, step
        if not _over(retry.artifacts, limit) or stuck:
            break
    made = replace(made, notes=(*steps, *made.notes))
    return made, Reduction(images, reduced=True, nothing_to_shrink=stuck, steps=tuple(steps))


def _sizes(sizes: Iterable[int]) -> str:
    return ", ".join(human_size(size) for size in sizes)


def _over(artifacts: Sequence[Artifact], limit: int) -> list[Artifact]:
    return [a for a in artifacts if a.pages is not None and len(a.data) > limit]


def check(results: Sequence[tuple[Made, Reduction]], limit: int | None) -> None:
    """BuildError naming every PDF still over the limit, its size, and what to do."""
    if limit is None:
        return
    over = [(a, reduction) for made, reduction in results for a in _over(made.artifacts, limit)]
    if not over:
        return
    lines = []
    for artifact, reduction in over:
        how = ""
        if reduction.nothing_to_shrink:
            how = "; smaller pictures saved nothing (it has none to shrink)"
        elif reduction.reduced:
            how = f", even with pictures at {reduction.images.describe()}"
        lines.append(
            f"{artifact.name} is {human_size(len(artifact.data))}, over --max-size "
            f"{human_size(limit)}{how}"
        )
    tried = dict.fromkeys(step for _, reduction in over for step in reduction.steps)
    lines += [f"  tried: {step}" for step in tried]
    lines.append(
        "To fit: use fewer or smaller pictures (crop them; save photographs as JPEG, not "
        "PNG), shorten the text, or raise --max-size. Nothing was written."
    )
    raise BuildError("\n".join(lines))
