"""Whether a brand's accent colour can be read wherever the pages use it, and if not, the
nearest colour of the same hue that can.

The pages use the accent in three ways (styles/*.css, `var(--accent)`); each is checked
against the colours tokens.css gives the other side, with the contrast WCAG 2.2 (1.4.3, AA)
asks of the smallest text set that way:

- text in the accent on the paper: links, labels, the demands' numbers (some of it 7.5 pt);
- text in the accent on the cover's tint: the cover's kicker and labels (9 pt);
- text in `--on-accent` on an accent field: the flyer's head, whose kicker is 9 pt.

Each use holds small text, so each asks 4.5:1. A use whose text is all large (18 pt, or
14 pt bold) would ask 3:1, and its `minimum` says so; the bands and rules drawn in the
accent (WCAG 1.4.11 asks 3:1 of them) sit on the same grounds as its text, so the checks
above cover them.
"""

from __future__ import annotations

from dataclasses import dataclass

from broadside.content.colour import Colour
from broadside.content.palette import palette

ACCENT = "--accent"
TEXT, LARGE_TEXT = 4.5, 3.0  # WCAG 2.2 AA
LIGHTNESS_STEP = 0.01  # OKLCH lightness: how far each step of the search for a passing colour


@dataclass(frozen=True)
class Use:
    """The accent against one other colour of tokens.css, one as text and one as ground."""

    where: str  # "on the paper (#ffffff)": `{other}` is the other colour
    text: str  # a custom property of tokens.css, or ACCENT
    ground: str
    minimum: float

    def contrast(self, accent: Colour, colours: dict[str, Colour]) -> float:
        return self._colour(self.text, accent, colours).contrast(
            self._colour(self.ground, accent, colours)
        )

    def describe(self, accent: Colour, colours: dict[str, Colour]) -> str:
        other = self.ground if self.text == ACCENT else self.text
        return self.where.format(other=colours[other].hex)

    @staticmethod
    def _colour(name: str, accent: Colour, colours: dict[str, Colour]) -> Colour:
        return accent if name == ACCENT else colours[name]


USES = (
    Use("as text on the paper ({other})", text=ACCENT, ground="--paper", minimum=TEXT),
    Use("as text on the cover's tint ({other})", text=ACCENT, ground="--tint", minimum=TEXT),
    Use(
        "as the field under the flyer's headline ({other} text)",
        text="--on-accent",
        ground=ACCENT,
        minimum=TEXT,
    ),
)


@dataclass(frozen=True)
class Shortfall:
    """A use the accent fails, with the contrast it has."""

    use: Use
    contrast: float


def shortfalls(accent: Colour, colours: dict[str, Colour] | None = None) -> list[Shortfall]:
    """The uses `accent` is too faint (or too bright) for; empty when it passes every one."""
    colours = palette() if colours is None else colours
    found = [Shortfall(use, use.contrast(accent, colours)) for use in USES]
    return [short for short in found if short.contrast < short.use.minimum]


def nearest_passing(accent: Colour, colours: dict[str, Colour] | None = None) -> Colour | None:
    """The colour of `accent`'s hue, nearest to it in OKLCH lightness, that passes every use:
    the chroma kept where sRGB allows, given up (never the hue) where it does not. None when
    no lightness of this hue passes (only if tokens.css made the grounds impossible)."""
    colours = palette() if colours is None else colours
    if not shortfalls(accent, colours):
        return accent
    start = accent.oklch

    def passes(lightness: float) -> bool:
        return not shortfalls(start.with_lightness(lightness), colours)

    found: list[float] = []
    for direction in (-1, 1):  # darker, then lighter: each to its first passing step
        failing = start.lightness
        for step in range(1, round(1 / LIGHTNESS_STEP) + 1):
            lightness = min(1.0, max(0.0, start.lightness + direction * step * LIGHTNESS_STEP))
            if passes(lightness):
                for _ in range(12):  # and back towards the colour given, to 1/4000 of a step
                    middle = (failing + lightness) / 2
                    failing, lightness = (
                        (failing, middle) if passes(middle) else (middle, lightness)
                    )
                found.append(lightness)
                break
            if lightness in (0.0, 1.0):
                break
            failing = lightness
    if not found:
        return None
    return start.with_lightness(min(found, key=lambda lightness: abs(lightness - start.lightness)))


def problem(accent: Colour, colours: dict[str, Colour] | None = None) -> tuple[str, str] | None:
    """What is wrong with `accent` and what to choose instead, or None if it passes."""
    colours = palette() if colours is None else colours
    failing = shortfalls(accent, colours)
    if not failing:
        return None
    needs = sorted({short.use.minimum for short in failing})
    message = (
        f"{accent.hex} has too little contrast to be read: "
        + ", ".join(
            f"{_ratio(short.contrast)} {short.use.describe(accent, colours)}" for short in failing
        )
        + f"; text needs {' or '.join(_ratio(need) for need in needs)}"
    )
    suggestion = nearest_passing(accent, colours)
    if suggestion is None:
        return message, "no colour of this hue passes: choose a darker colour"
    least = min(use.contrast(suggestion, colours) for use in USES)
    return message, (
        f"the nearest colour of the same hue that passes is {suggestion.hex} "
        f"(at least {_ratio(least)})"
    )


def _ratio(value: float) -> str:
    """3.94:1, rounded down: a contrast shown as 4.5:1 must be 4.5:1."""
    return f"{int(value * 100) / 100:g}:1"
