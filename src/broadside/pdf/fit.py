"""The largest type size whose layout fits one page, found by laying out and measuring.

One number is searched: a type size in points, between a legibility floor and a cap. Each
layout is measured as *fullness*, the content's natural height over the page's (≤ 1 fits).
Layouts cost tens of milliseconds, so the search is bounded and spends them carefully:

- the first size comes from a rough model of the text (how many lines at which size);
- each next size solves "model × correction = target", the correction being how wrong the
  model was at the sizes measured so far (a secant step on the model's error);
- every size stays inside the bracket of the largest size known to fit and the smallest
  known to overflow, and falls back to bisecting it when the prediction lands outside;
- the floor is always tried before giving up, so a failure can say how far it overflows.

Pure arithmetic: the caller's `measure` does the layouts, so this is easy to test on its own.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

Layout = TypeVar("Layout")


@dataclass(frozen=True)
class Limits:
    floor: float  # the smallest size allowed: below it, fail rather than shrink
    cap: float  # the largest size wanted, however few the words
    max_layouts: int = 6
    target: float = 0.97  # aim a little under full, so a guess lands on the side that fits
    good: float = 0.95  # a fitting layout this full is good enough to stop
    close: float = 1.03  # ...as is one within 3% of a size that overflows: nobody sees it
    step: float = 0.1  # sizes are tried on this grid, in points

    def snap(self, size: float) -> float:
        snapped = round(round(size / self.step) * self.step, 3)
        return min(self.cap, max(self.floor, snapped))


@dataclass(frozen=True)
class Curve:
    """A guess of fullness by type size, sampled at `sizes` (ascending) and interpolated.

    Plain numbers, so whoever knows the text can make the guess and send it to whoever
    lays the text out, in another process if need be.
    """

    sizes: tuple[float, ...]
    values: tuple[float, ...]

    @classmethod
    def sample(cls, model: Callable[[float], float], limits: Limits, points: int = 48) -> Curve:
        ratio = (limits.cap / limits.floor) ** (1 / (points - 1))
        sizes = tuple(limits.floor * ratio**index for index in range(points))
        return cls(sizes, tuple(model(size) for size in sizes))

    def __call__(self, size: float) -> float:
        sizes, values = self.sizes, self.values
        if size <= sizes[0]:
            return values[0] * size / sizes[0]
        if size >= sizes[-1]:
            return values[-1] * size / sizes[-1]
        high = next(index for index, known in enumerate(sizes) if known >= size)
        x0, x1, y0, y1 = sizes[high - 1], sizes[high], values[high - 1], values[high]
        return y0 + (y1 - y0) * (size - x0) / (x1 - x0)


@dataclass(frozen=True)
class Trial(Generic[Layout]):
    size: float
    fullness: float
    layout: Layout

    @property
    def fits(self) -> bool:
        return self.fullness <= 1.0


@dataclass
class Fit(Generic[Layout]):
    limits: Limits
    trials: list[Trial[Layout]] = field(default_factory=list)

    @property
    def best(self) -> Trial[Layout] | None:
        """The largest size that fits, if any did."""
        fitting = [trial for trial in self.trials if trial.fits]
        return max(fitting, key=lambda trial: trial.size) if fitting else None

    @property
    def smallest_overflow(self) -> Trial[Layout] | None:
        overflowing = [trial for trial in self.trials if not trial.fits]
        return min(overflowing, key=lambda trial: trial.size) if overflowing else None

    @property
    def at_floor(self) -> Trial[Layout] | None:
        return next((t for t in self.trials if t.size == self.limits.floor), None)

    def finished(self) -> bool:
        best, over = self.best, self.smallest_overflow
        if len(self.trials) >= self.limits.max_layouts:
            return True
        if best is None:
            floor = self.at_floor
            return floor is not None and not floor.fits  # nothing smaller is allowed
        if best.size >= self.limits.cap or best.fullness >= self.limits.good:
            return True
        return over is not None and over.size <= best.size * self.limits.close + 1e-9


def search(
    measure: Callable[[float], tuple[float, Layout]],
    model: Callable[[float], float],
    limits: Limits,
) -> Fit[Layout]:
    """Lay out at most `limits.max_layouts` sizes; `model` guesses fullness from a size."""
    fit: Fit[Layout] = Fit(limits)
    size: float | None = _solve(model, _as_modelled, limits, limits.floor, limits.cap)
    while size is not None:
        fullness, layout = measure(size)
        fit.trials.append(Trial(size, fullness, layout))
        if fit.finished():
            break
        size = _next_size(fit, model)
    return fit


def _next_size(fit: Fit[Layout], model: Callable[[float], float]) -> float | None:
    limits = fit.limits
    best, over = fit.best, fit.smallest_overflow
    tried = {trial.size for trial in fit.trials}
    if best is None and len(fit.trials) == limits.max_layouts - 1:
        return limits.floor  # the last layout: a size that fits, or the measure of failure
    low = best.size if best else limits.floor
    high = over.size if over else limits.cap
    candidates = [
        _solve(model, _correction(fit.trials, model), limits, low, high),
        limits.snap(math.sqrt(low * high)),  # bisection, when the prediction is no use
        limits.floor,  # nothing fits yet: the floor settles it either way
    ]
    usable = [s for s in candidates if low <= s <= high and s not in tried]
    return usable[0] if usable else None


def _correction(
    trials: list[Trial[Layout]], model: Callable[[float], float]
) -> Callable[[float], float]:
    """How far off the model is, as a function of size: measured / modelled fullness.

    Interpolated in log size between the two most recent trials (a secant step), and held
    flat beyond them: extrapolating an error estimate invites wild jumps.
    """
    points = sorted((math.log(t.size), t.fullness / max(model(t.size), 1e-6)) for t in trials[-2:])

    def ratio(size: float) -> float:
        x = math.log(size)
        (x0, r0), (x1, r1) = points[0], points[-1]
        if x <= x0 or x1 == x0:
            return r0
        if x >= x1:
            return r1
        return r0 + (r1 - r0) * (x - x0) / (x1 - x0)

    return ratio


def _as_modelled(size: float) -> float:
    return 1.0  # no measurement yet: take the model at its word


def _solve(
    model: Callable[[float], float],
    correction: Callable[[float], float],
    limits: Limits,
    low: float,
    high: float,
) -> float:
    """The largest size in [low, high] whose corrected model fullness is at most the target."""

    def predicted(size: float) -> float:
        return model(size) * correction(size)

    if predicted(high) <= limits.target:
        return limits.snap(high)
    if predicted(low) > limits.target:
        return limits.snap(low)
    lo, hi = low, high
    for _ in range(40):  # model fullness grows with size: bisect to well under the grid step
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if predicted(mid) <= limits.target else (lo, mid)
    snapped = limits.snap(lo)
    return snapped if snapped >= low else limits.snap(low + limits.step)
