"""The few values Broadside writes into CSS itself, each one a single, well-formed token.

Content never goes into a stylesheet: what the pages print from the content is in the HTML,
and the sheets take it from there (`string-set: title attr(data-running-title)` in brief.css).
What Python does write into CSS — a paper size, a bleed, a type size, a font's address, a
brand's accent colour — goes
through these functions, so a value can only ever be the one token it was meant to be,
whatever it holds.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

UNITS = frozenset({"mm", "pt", "px"})
_HEX_COLOUR = re.compile(r"#[0-9a-f]{6}")


def string(text: str) -> str:
    """A CSS string token that reads back as `text`, whatever `text` holds.

    Every character but ASCII letters, digits and the space is written as a code point
    escape (`\\22 ` for a quote), as CSS Syntax 4.3.7 reads them: nothing inside can end
    the string, the declaration or the rule, in any spelling. NUL and lone surrogates,
    which CSS cannot carry, become U+FFFD, as a CSS parser would make them.
    """
    parts = ['"']
    for char in text:
        code = ord(char)
        if char.isascii() and (char.isalnum() or char == " "):
            parts.append(char)
        elif code == 0 or 0xD800 <= code <= 0xDFFF:
            parts.append("\\FFFD ")
        else:
            parts.append(f"\\{code:X} ")  # the space ends the escape; it is not printed
    parts.append('"')
    return "".join(parts)


def url(path: Path) -> str:
    """`url("file:///…")` for a local file (a font), its address escaped as a string."""
    return f"url({string(path.as_uri())})"


def number(value: float) -> str:
    """A finite number in plain decimal notation: `12.5`, never `nan`, `inf` or `1e-07`."""
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def length(value: float, unit: str) -> str:
    """A CSS length such as `210mm` or `18.5pt`."""
    if unit not in UNITS:
        raise ValueError(f"not a unit Broadside writes: {unit!r}")
    return number(value) + unit


def colour(value: str) -> str:
    """A colour written `#rrggbb` (lower case, as the content's models leave it), as is: one
    hash token. Anything else is refused, not escaped: no other form is ever meant."""
    if not _HEX_COLOUR.fullmatch(value):
        raise ValueError(f"not a #rrggbb colour: {value!r}")
    return value
