"""Which way a language is written: CLDR's character order (Babel), for `dir` attributes and
the right-to-left sheet. Arabic, Persian, Urdu and Hebrew are right to left; a tag Babel does
not know is left to right."""

from __future__ import annotations

from typing import Literal

Direction = Literal["ltr", "rtl"]


def direction(lang: str) -> Direction:
    from broadside.html.numbers import locale  # Babel: the renderer's processes need it not

    return "rtl" if locale(lang).character_order == "right-to-left" else "ltr"


def is_rtl(lang: str) -> bool:
    return direction(lang) == "rtl"
