"""Numbers, dates, plural forms and lists in a language, by CLDR's rules (Babel): the one
place Broadside formats them. "10,000" in English, "10.000" in German, "10 000" in French (with a
narrow no-break space); "47 organisations and 312 people"; "Anna, Ben and Chloé".

An unknown language tag falls back to English.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, format_time, get_month_names
from babel.lists import format_list
from babel.numbers import format_decimal


@cache
def locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang, sep="-")
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def number(value: int, lang: str) -> str:
    """A whole number with the language's grouping and digits: 10,000 / 10.000 / ۱۰٬۰۰۰."""
    return digits(format_decimal(value, locale=locale(lang), numbering_system="default"), lang)


def plural_form(value: int, lang: str) -> str:
    """CLDR's plural category of `value` in `lang`: zero, one, two, few, many or other."""
    return str(locale(lang).plural_form(value))


def join(items: Sequence[str], lang: str) -> str:
    """Items as a list in running text: "A, B and C" (CLDR's "and" list for the language)."""
    return format_list(list(items), locale=locale(lang))


# The zero of each CLDR numbering system Broadside's languages use by default; the other
# nine digits follow it in Unicode. Babel knows each locale's system but writes only ASCII
# digits, so they are mapped here. (WeasyPrint's counter styles of the same names do the
# page numbers: `counter_style`.)
_ZEROS = {"arab": "٠", "arabext": "۰", "beng": "০", "deva": "०", "tamldec": "௦", "thai": "๐"}
_COUNTER_STYLES = {
    "arab": "arabic-indic",
    "arabext": "persian",
    "beng": "bengali",
    "deva": "devanagari",
    "tamldec": "tamil",
    "thai": "thai",
}


def numbering_system(lang: str) -> str:
    """CLDR's default numbering system for `lang`: "latn" for most, "arabext" for Persian,
    "beng" for Bengali."""
    return str(locale(lang).default_numbering_system)


def digits(text: str, lang: str) -> str:
    """`text` with its ASCII digits written in the language's own (unchanged for "latn")."""
    zero = _ZEROS.get(numbering_system(lang))
    if zero is None:
        return text
    return text.translate({ord("0") + d: chr(ord(zero) + d) for d in range(10)})


def counter_style(lang: str) -> str:
    """The CSS counter style that writes page numbers in the language's digits."""
    return _COUNTER_STYLES.get(numbering_system(lang), "decimal")


def date(value: dt.date, lang: str) -> str:
    """CLDR's long date: "June 22, 2018", "22. Juni 2018", "۲۲ ژوئن ۲۰۱۸"."""
    return digits(format_date(value, "long", locale=locale(lang)), lang)


def month_name(value: dt.date, lang: str) -> str:
    """The month's name as a date writes it: "June", "Juni", "juin"."""
    return str(get_month_names("wide", "format", locale(lang))[value.month])


def day_and_time(value: dt.datetime, lang: str) -> str:
    """Day, month and time as CLDR joins them: "22 يونيو، 7:20 ص"."""
    day = format_skeleton("MMMMd", value, locale=locale(lang))
    time = format_time(value, "short", locale=locale(lang))
    glue = str(locale(lang).datetime_formats["medium"]).replace("'", "")
    return digits(glue.replace("{1}", day).replace("{0}", time), lang)
