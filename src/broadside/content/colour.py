"""Colours as the pages print them: sRGB, how legible one is on another (WCAG 2.2), and how
light it looks (OKLCH), so a colour can be made lighter or darker without changing its hue.

OKLCH is Björn Ottosson's OKLab in polar form (the space CSS Color 4 calls `oklch()`): equal
steps of its lightness look equal, and changing the lightness alone keeps the hue, which
CIELAB does less well for blues.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_HEX = re.compile(r"^#([0-9a-fA-F]{6})$")


@dataclass(frozen=True, order=True)
class Colour:
    """An 8-bit sRGB colour, as `#rrggbb` writes it."""

    red: int
    green: int
    blue: int

    def __post_init__(self) -> None:
        if not all(0 <= channel <= 255 for channel in (self.red, self.green, self.blue)):
            raise ValueError(f"not an 8-bit colour: {self!r}")

    @classmethod
    def from_hex(cls, text: str) -> Colour:
        found = _HEX.fullmatch(text)
        if not found:
            raise ValueError(f"not a #rrggbb colour: {text!r}")
        value = int(found.group(1), 16)
        return cls(value >> 16, (value >> 8) & 0xFF, value & 0xFF)

    @classmethod
    def from_unit(cls, red: float, green: float, blue: float) -> Colour:
        """From channels in 0..1 (as a CSS parser gives them)."""
        return cls(*(round(min(1.0, max(0.0, c)) * 255) for c in (red, green, blue)))

    @property
    def hex(self) -> str:
        return f"#{self.red:02x}{self.green:02x}{self.blue:02x}"

    @property
    def luminance(self) -> float:
        """Relative luminance, as WCAG 2.2 defines it (0 for black, 1 for white)."""
        red, green, blue = (_linear(c / 255) for c in (self.red, self.green, self.blue))
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    def contrast(self, other: Colour) -> float:
        """WCAG 2.2 contrast ratio, 1 to 21, the same either way round."""
        lighter, darker = sorted((self.luminance, other.luminance), reverse=True)
        return (lighter + 0.05) / (darker + 0.05)

    @property
    def oklch(self) -> Lch:
        channels = (_linear(c / 255) for c in (self.red, self.green, self.blue))
        lightness, a, b = _oklab(*channels)
        chroma = math.hypot(a, b)
        hue = math.degrees(math.atan2(b, a)) % 360
        return Lch(lightness, chroma, hue)


@dataclass(frozen=True)
class Lch:
    """OKLCH: lightness 0..1, chroma (0 is grey; sRGB reaches about 0.32), hue in degrees."""

    lightness: float
    chroma: float
    hue: float

    def in_srgb(self) -> Colour | None:
        """The 8-bit colour, or None when this lies outside what sRGB can show."""
        radians = math.radians(self.hue)
        linear = _linear_rgb(
            self.lightness, self.chroma * math.cos(radians), self.chroma * math.sin(radians)
        )
        if any(c < -1e-4 or c > 1 + 1e-4 for c in linear):
            return None
        return Colour.from_unit(*(_gamma(min(1.0, max(0.0, c))) for c in linear))

    def with_lightness(self, lightness: float) -> Colour:
        """This hue at `lightness`, as colourful as sRGB allows up to this chroma: the chroma
        is given up, never the hue, where the lighter or darker colour cannot hold it."""
        lowest, highest = 0.0, self.chroma
        if (found := Lch(lightness, highest, self.hue).in_srgb()) is not None:
            return found
        for _ in range(24):  # bisect the chroma to well under one 8-bit step
            middle = (lowest + highest) / 2
            if Lch(lightness, middle, self.hue).in_srgb() is None:
                highest = middle
            else:
                lowest = middle
        found = Lch(lightness, lowest, self.hue).in_srgb()
        assert found is not None  # chroma 0 is a grey, always in sRGB
        return found


def hue_distance(first: float, second: float) -> float:
    """Degrees between two hues, the short way round the circle."""
    difference = abs(first - second) % 360
    return min(difference, 360 - difference)


def _linear(channel: float) -> float:
    """sRGB's transfer function undone (IEC 61966-2-1)."""
    if channel <= 0.04045:
        return channel / 12.92
    return float(((channel + 0.055) / 1.055) ** 2.4)


def _gamma(channel: float) -> float:
    if channel <= 0.0031308:
        return 12.92 * channel
    return float(1.055 * channel ** (1 / 2.4) - 0.055)


def _oklab(red: float, green: float, blue: float) -> tuple[float, float, float]:
    long = 0.4122214708 * red + 0.5363325363 * green + 0.0514459929 * blue
    medium = 0.2119034982 * red + 0.6806995451 * green + 0.1073969566 * blue
    short = 0.0883024619 * red + 0.2817188376 * green + 0.6299787005 * blue
    l_, m_, s_ = (math.copysign(abs(x) ** (1 / 3), x) for x in (long, medium, short))
    return (
        0.2104542553 * l_ + 0.7936177850 * m_ - 0.0040720468 * s_,
        1.9779984951 * l_ - 2.4285922050 * m_ + 0.4505937099 * s_,
        0.0259040371 * l_ + 0.7827717662 * m_ - 0.8086757660 * s_,
    )


def _linear_rgb(lightness: float, a: float, b: float) -> tuple[float, float, float]:
    l_ = lightness + 0.3963377774 * a + 0.2158037573 * b
    m_ = lightness - 0.1055613458 * a - 0.0638541728 * b
    s_ = lightness - 0.0894841775 * a - 1.2914855480 * b
    long, medium, short = l_**3, m_**3, s_**3
    return (
        4.0767416621 * long - 3.3077115913 * medium + 0.2309699292 * short,
        -1.2684380046 * long + 2.6097574011 * medium - 0.3413193965 * short,
        -0.0041960863 * long - 0.7034186147 * medium + 1.7076147010 * short,
    )
