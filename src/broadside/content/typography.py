"""What a typesetter does to text that its writers cannot be asked to type.

- Spaces that must not break: a date ("April 19", "19 April 2018", "19. März"), a number and
  its unit ("35 °C", "9 €"), initials ("J. T. Okafor"), a time ("7:20 a.m."), and in French
  the space before "; : ! ?". A line break there makes a reader stop and look back.
- Quotes the Markdown typographer leaves straight (`U.S.'s`, `'90s`, `5'10"`): curled.
- A headline's last two words kept together, so it never ends on one short word.

Applied to text as it is rendered (content/markdown.py), never to the content's files.
Month names come from CLDR (Babel), so dates are found in any language it knows; they are
kept in Broadside's cache, so a build reads a few bytes instead of loading Babel's data.
"""

from __future__ import annotations

import json
import re
from functools import cache

from broadside.cache import cache_file, write_atomic

NBSP = "\u00a0"
WORD_JOINER = "\u2060"
NNBSP = "\u202f"  # narrow: French puts it before ; ! ? and inside « »

UNITS = (
    "%|‰|°C|°F|°|K|km²|km/h|km|cm|mm|µm|m²|m³|m|kg|mg|g|t|ml|mL|l|L|ha|"
    "kWh|MWh|GWh|TWh|kW|MW|GW|W|V|Hz|dB|MB|GB|TB|kB|h|min|s|ms|mph|mi|ft|lb|oz|pp|"
    "€|£|¥|\\$|US\\$|percent|per cent|Prozent|pour cent|por ciento|Uhr|a\\.m\\.|p\\.m\\."
)
# A unit after a number: "35 °C", "9 €", "7:20 a.m.". Not followed by a letter, so "5 men"
# keeps its space ("m" is a unit, "men" is not).
_NUMBER_UNIT = re.compile(rf"(\d)[ \u00a0]({UNITS})(?![\w])")
_CURRENCY_NUMBER = re.compile(r"(€|£|¥|\$|US\$|CHF|EUR|USD|GBP)[ ](?=\d)")
_SIGN_NUMBER = re.compile(r"(§|№|\bNo\.|\bNr\.|\bArt\.|\bp\.|\bpp\.)[ ](?=\d)")
_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
# "J. T. Okafor", "Dr. Ruiz", "z. B.": a one-letter or titled abbreviation and what follows.
_INITIAL = re.compile(r"(?<![\w.])(\w\.) (?=\w)")
_TITLE = re.compile(r"\b(Mr|Mrs|Ms|Mx|Dr|Prof|St|Sr|Jr|Rev|Hon|Fr|Sen|Rep|Gov|Gen|Hr|Fr)\. (?=\w)")
# A spaced dash belongs to the words before it: it must not start a line.
_SPACED_DASH = re.compile(r" (?=[\u2013\u2014](?: |$))")
_FRENCH_BEFORE = re.compile(r" (?=[;!?»\u203a])")
_FRENCH_COLON = re.compile(r" (?=:)")
_FRENCH_AFTER = re.compile(r"(?<=[«\u2039]) ")


def keep_together(text: str, lang: str) -> str:
    """`text` with the spaces that must not break made non-breaking."""
    text = _dates(lang).sub(_bind, text)
    text = _NUMBER_UNIT.sub(f"\\1{NBSP}\\2", text)
    text = _CURRENCY_NUMBER.sub(f"\\1{NBSP}", text)
    text = _SIGN_NUMBER.sub(f"\\1{NBSP}", text)
    text = _INITIAL.sub(f"\\1{NBSP}", text)
    text = _TITLE.sub(f"\\1.{NBSP}", text)
    text = _SPACED_DASH.sub(NBSP, text)
    if _primary(lang) == "fr":
        text = _THOUSANDS.sub(NNBSP, text)
        text = _FRENCH_BEFORE.sub(NNBSP, text)
        text = _FRENCH_COLON.sub(NBSP, text)
        text = _FRENCH_AFTER.sub(NNBSP, text)
    return text


def _bind(match: re.Match[str]) -> str:
    return match.group(0).replace(" ", NBSP)


@cache
def _dates(lang: str) -> re.Pattern[str]:
    """Dates written with the language's month names: "April 19, 2018", "19. März 2024",
    "19 de abril de 2018", "avril 2018". English names are always known too."""
    names = _month_names(lang) | _month_names("en")
    month = "|".join(sorted((re.escape(name) for name in names), key=len, reverse=True))
    day = r"\d{1,2}(?:st|nd|rd|th|er|\.)?"
    return re.compile(
        rf"\b{day} (?:de )?(?:{month})(?![\w])(?:,? (?:de )?\d{{4}}\b)?"  # 19 April (2018)
        rf"|(?<![\w])(?:{month})\.? {day}(?!\d)(?:, \d{{4}}\b)?"  # April 19(, 2018)
        rf"|(?<![\w])(?:{month})\.? (?:de )?\d{{4}}\b"  # April 2018, abril de 2018
    )


def _month_names(lang: str) -> set[str]:
    """Month names, full and abbreviated, as written mid-sentence and capitalised."""
    from importlib.metadata import version  # loaded by then anyway (the colophon's version)

    stored = cache_file("months", f"{version('babel')}-{lang.lower()}.json")
    try:
        return set(json.loads(stored.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        names = _cldr_month_names(lang)
        write_atomic(stored, json.dumps(sorted(names), ensure_ascii=False).encode())
        return names


def _cldr_month_names(lang: str) -> set[str]:
    from babel import Locale, UnknownLocaleError  # ~0.1 s with its data: only on a cache miss
    from babel.dates import get_month_names

    try:
        locale = Locale.parse(lang, sep="-")
    except (UnknownLocaleError, ValueError):
        return set()
    names: set[str] = set()
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for name in get_month_names(width, context, locale).values():
                if len(name.rstrip(".")) >= 3:  # "mar", "may": fine; one- or two-letter: no
                    names |= {name, name[:1].upper() + name[1:]}
    return names


def _primary(lang: str) -> str:
    return lang.split("-")[0].lower()


def bind_last_words(text: str, room: int = 20) -> str:
    """A headline's last two words joined, so its last line never holds one short word.

    Only when the two, `room` letters at most, share a line with room to spare (a
    headline's line holds about 1.3 times `room`); a long last word stands on its own line
    better than it pulls a long one with it. A hyphen inside the pair holds too (a word
    joiner after it): "Saint-Aubin" would otherwise leave "Aubin" alone on the last line.
    """
    head, space, last = text.rstrip().rpartition(" ")
    if not space or len(last) > 12:
        return text
    before = head.rpartition(" ")[2]
    if len(before) + len(last) > room:
        return text
    head = head[: len(head) - len(before)] + _held_hyphens(before)
    return f"{head}{NBSP}{_held_hyphens(last)}"


def _held_hyphens(word: str) -> str:
    """`word` with no line break after its hyphens (Unicode line breaking: none beside a
    word joiner); the joiner prints nothing and metadata drops it (characters.py)."""
    return word.replace("-", f"-{WORD_JOINER}")


def curl_leftovers(text: str, before: str, quotes: str | list[str]) -> str:
    """Straight quotes the typographer could not pair, curled by their neighbours.

    `before` is the character printed just before `text` (the end of the previous piece
    of a paragraph, or "" at its start); `quotes` is the language's four marks.
    A straight ' left over is an apostrophe (`U.S.'s`, `'90s`) or, after a digit, a
    prime (`5'10"`); a straight " opens after a space or an opening bracket, else closes.
    """
    out: list[str] = []
    previous = before
    for index, char in enumerate(text):
        following = text[index + 1 : index + 2]
        if char == "'":
            char = "\u2032" if previous.isdigit() and not following.isalpha() else "\u2019"
        elif char == '"':
            if previous.isdigit():
                char = "\u2033"
            elif previous == "" or previous.isspace() or previous in "([{\u2014\u2013":
                char = quotes[0]
            else:
                char = quotes[1]
        out.append(char)
        previous = char
    return "".join(out)
