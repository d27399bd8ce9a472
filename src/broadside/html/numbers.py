"""Numbers, plural forms and lists in a language, by CLDR's rules (Babel): the one place
Broadside formats them. "10,000" in English, "10.000" in German, "10 000" in French (with a
narrow no-break space); "47 organisations and 312 people"; "Anna, Ben and Chloé".

An unknown language tag falls back to English.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.lists import format_list
from babel.numbers import format_decimal


@cache
def locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang, sep="-")
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def number(value: int, lang: str) -> str:
    """A whole number with the language's grouping: 10,000 / 10.000 / 10 000."""
    return format_decimal(value, locale=locale(lang))


def plural_form(value: int, lang: str) -> str:
    """CLDR's plural category of `value` in `lang`: zero, one, two, few, many or other."""
    return str(locale(lang).plural_form(value))


def join(items: Sequence[str], lang: str) -> str:
    """Items as a list in running text: "A, B and C" (CLDR's "and" list for the language)."""
    return format_list(list(items), locale=locale(lang))
