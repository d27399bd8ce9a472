"""The fit search on its own: bounded, never past the floor, close to the best size.

Page fullness here is arithmetic (smooth curves, and curves in steps as line breaks make
them), so thousands of cases run in a second; tests/test_flyer.py fits real layouts.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from broadside.pdf.fit import Limits, search

LIMITS = Limits(floor=10, cap=60, max_layouts=6)
GRID = [round(LIMITS.floor + i * LIMITS.step, 1) for i in range(501)]


def page(base: float, scale: float, power: float, step: float) -> Callable[[float], float]:
    """Fullness at a size: a fixed part plus text growing faster than the size, in steps."""

    def fullness(size: float) -> float:
        value = base + scale * (size / 30) ** power
        return math.ceil(value / step) * step if step else value

    return fullness


def best_on_grid(fullness: Callable[[float], float]) -> float | None:
    fitting = [size for size in GRID if fullness(size) <= 1]
    return max(fitting) if fitting else None


curves = st.builds(
    page,
    base=st.floats(0.0, 0.6),
    scale=st.floats(0.05, 20.0),
    power=st.floats(1.0, 2.5),
    step=st.sampled_from([0.0, 0.01, 0.04, 0.1]),
)
# The model that aims the search is wrong by up to ±50% in level and ±25% in shape.
model_errors = st.tuples(st.floats(0.5, 1.5), st.floats(0.75, 1.25))


@settings(max_examples=400, deadline=None)
@given(curves, model_errors)
def test_never_more_than_six_layouts_and_never_a_size_that_overflows(
    fullness: Callable[[float], float], error: tuple[float, float]
) -> None:
    model = skewed(fullness, *error)
    tried: list[float] = []

    def measure(size: float) -> tuple[float, None]:
        tried.append(size)
        return fullness(size), None

    found = search(measure, model, LIMITS)
    assert len(tried) <= 6
    assert all(LIMITS.floor <= size <= LIMITS.cap for size in tried)
    optimum = best_on_grid(fullness)
    if optimum is None:
        # Nothing fits: the floor was tried, so the failure can say by how much.
        assert found.best is None
        assert found.at_floor is not None and found.at_floor.fullness > 1
    else:
        assert found.best is not None
        assert found.best.fullness <= 1
        # Within 3% of the largest size that fits, or the page is well filled anyway.
        assert found.best.size >= optimum / 1.03 or found.best.fullness >= LIMITS.good - 0.05


def skewed(fullness: Callable[[float], float], level: float, shape: float) -> Callable:
    return lambda size: max(1e-3, fullness(30 * (size / 30) ** shape)) * level


def test_short_text_takes_the_cap_in_one_layout() -> None:
    tried: list[float] = []
    curve = page(0.2, 0.1, 1.0, 0.0)

    def measure(size: float) -> tuple[float, None]:
        tried.append(size)
        return curve(size), None

    found = search(measure, curve, LIMITS)
    assert tried == [LIMITS.cap]
    assert found.best is not None and found.best.size == LIMITS.cap


def test_far_too_much_text_goes_straight_to_the_floor_and_fails() -> None:
    tried: list[float] = []
    curve = page(0.3, 40.0, 2.0, 0.0)

    def measure(size: float) -> tuple[float, None]:
        tried.append(size)
        return curve(size), None

    found = search(measure, curve, LIMITS)
    assert tried == [LIMITS.floor]
    assert found.best is None
    assert found.at_floor is not None and found.at_floor.fullness > 1


def test_a_model_that_is_far_off_still_ends_within_six() -> None:
    curve = page(0.1, 1.0, 2.0, 0.05)
    # A model ten times too optimistic: the first guess overflows badly, bisection recovers.
    found = search(lambda size: (curve(size), None), lambda size: curve(size) / 10, LIMITS)
    assert len(found.trials) <= 6
    assert found.best is not None and found.best.fullness <= 1
