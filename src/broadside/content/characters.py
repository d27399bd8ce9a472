"""Which characters a campaign may print, judged on the text as it will be printed.

Markdown turns character references (`&#x202E;`, `&#8238;`, `&rlm;`) into the characters
they name before anything is typeset, so every rule here is applied to the decoded text, and
a refusal says how the character was written. Every text Broadside reads goes through
`problems` (or, for a model's field, `refusal`): the content files' fields and bodies, and any
other input (a CSV row, an e-mail header) that ends up printed or in a PDF's metadata.

The rules, in docs/content.md ("Characters"):

- **Allowed, though invisible**: the characters scripts need to join, separate and order
  their letters — `ALLOWED_INVISIBLE`. They stay in the printed text, and are taken out of
  the PDF's metadata (`for_metadata`), where they mean nothing.
- **Refused**, with a message: the bidi embeddings and overrides U+202A–U+202E (they reorder
  printed words without showing why), every other invisible format character, the C0 and C1
  control characters other than tab and new line, the line and paragraph separators, lone
  surrogates and unassigned code points.
- Characters no shipped font has are refused too (fonts/coverage.py), on the decoded text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from markdown_it.common.entities import entities

ALLOWED_INVISIBLE = {
    "\u00ad": "soft hyphen",
    "\u061c": "Arabic letter mark",
    "\u200b": "zero width space",
    "\u200c": "zero width non-joiner",
    "\u200d": "zero width joiner",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u2060": "word joiner",
    "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate",
    "\u2069": "pop directional isolate",
}
BIDI_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e")
_ALLOWED_CONTROLS = frozenset("\t\n")

# Markdown's own character references (markdown_it/rules_inline/entity.py): a number it
# cannot use becomes U+FFFD, an unknown name stays as written.
_REFERENCE = re.compile(r"&(?:#(x[0-9a-f]{1,6}|[0-9]{1,7})|([a-z][a-z0-9]{1,31}));", re.I)


@dataclass(frozen=True)
class Refusal:
    """A character that may not be printed, and how the text spelled it."""

    char: str
    written: str | None = None  # "&#x202E;" when it came from a reference

    @property
    def message(self) -> str:
        code = f"U+{ord(self.char):04X}"
        name = unicodedata.name(self.char, "")
        named = f"{code} {name}" if name else code
        spelled = f" (written as {self.written})" if self.written else ""
        category = unicodedata.category(self.char)
        if self.char in BIDI_OVERRIDES:
            return (
                f"bidirectional control {named}{spelled}: it reorders the printed words "
                "without showing why; delete it (to set a right-to-left phrase inside other "
                "text, use the isolates U+2067 and U+2069)"
            )
        if category == "Cc":
            return f"invisible control character {code}{spelled}; delete it"
        if category == "Cs":
            return f"invalid character {code}, half of a surrogate pair{spelled}; delete it"
        if self.char == "\ufffd" and self.written:
            return f"character reference {self.written} names no character; delete it"
        if category == "Cn":
            return f"unassigned code point {code}{spelled}: not a character; delete it"
        if category in ("Zl", "Zp"):
            return (
                f"invisible separator {named}{spelled}: it starts no new line on paper; "
                "use a new line in the file instead"
            )
        return f"invisible format character {named}{spelled}; delete it"


def is_refused(char: str) -> bool:
    """Whether `char` may not be printed, whoever wrote it and however."""
    if char in _ALLOWED_CONTROLS or char in ALLOWED_INVISIBLE:
        return False
    return unicodedata.category(char) in ("Cc", "Cf", "Cs", "Cn", "Zl", "Zp")


def decode_references(text: str) -> str:
    """`text` with its character references replaced as Markdown replaces them."""
    if "&" not in text:
        return text
    return _REFERENCE.sub(lambda match: _decoded(match) or match.group(), text)


def refusals(raw: str, printed: str | None = None) -> list[Refusal]:
    """The distinct refused characters of `raw` and of `printed` (what `raw` prints as; by
    default `raw` with its references decoded), each with its spelling if it was a reference.

    A reference to a number Markdown cannot print (`&#0;`, `&#11;`) is refused too: it would
    print as U+FFFD, a box with a question mark, which nobody meant.
    """
    printed = decode_references(raw) if printed is None else printed
    both = raw + printed
    refused = sorted((char for char in set(both) if is_refused(char)), key=both.index)
    found = {char: Refusal(char, None if char in raw else _spelling(char, raw)) for char in refused}
    if "\ufffd" in printed and "\ufffd" not in raw:
        for match in _REFERENCE.finditer(raw):
            code = _number(match)
            if code is not None and not _usable(code):
                char = chr(code) if code <= 0x10FFFF else "\ufffd"
                found.setdefault(char, Refusal(char, match.group()))
    return list(found.values())


def refusal(text: str, *, markdown: bool) -> str | None:
    """The first problem with `text`'s characters (decoded if it is Markdown), or None."""
    found = refusals(text, None if markdown else text)
    return found[0].message if found else None


def problems(text: str, *, markdown: bool = False, printed: bool = True) -> list[str]:
    """Every problem with `text`'s characters, as messages to show with its file and field.

    `markdown`: the text is Markdown, so references are decoded first. `printed`: it is set
    in the shipped fonts, so characters they lack are problems too (not for text that only
    goes into metadata or a message header).
    """
    if text.isascii() and text.isprintable() and (not markdown or "&" not in text):
        return []  # the common case, quickly: the shipped fonts have every such character
    decoded = decode_references(text) if markdown else text
    messages = [found.message for found in refusals(text, decoded)]
    if printed:
        messages += glyph_problems(text if decoded is text else text + decoded, written_in=text)
    return messages


def glyph_problems(text: str, *, written_in: str | None = None) -> list[str]:
    """A message naming the characters of `text` no shipped font has (refused ones apart)."""
    from broadside.fonts.coverage import uncovered  # reads the fonts' tables once, cached

    missing = [char for char in uncovered(text) if not is_refused(char)]
    if not missing:
        return []
    source = text if written_in is None else written_in
    shown = ", ".join(_glyph(char, source) for char in missing[:5])
    more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
    return [f"no shipped font has {shown}{more}; it would print as an empty box"]


def for_metadata(text: str) -> str:
    """`text` for a PDF's title, author, subject or keywords: one line, and without the
    invisible characters that only matter to typesetting (soft hyphens, joiners, marks)."""
    kept = "".join(char for char in text if char not in ALLOWED_INVISIBLE)
    return " ".join(kept.split())


def _glyph(char: str, source: str) -> str:
    name = unicodedata.name(char, "unnamed")
    spelled = "" if char in source else f", written as {_spelling(char, source)}"
    return f"'{char}' (U+{ord(char):04X} {name}{spelled})"


def _decoded(match: re.Match[str]) -> str | None:
    code = _number(match)
    if code is not None:
        return chr(code) if _usable(code) else "\ufffd"
    return entities.get(match.group(2))


def _number(match: re.Match[str]) -> int | None:
    number = match.group(1)
    if number is None:
        return None
    return int(number[1:], 16) if number[0] in "xX" else int(number)


def _usable(code: int) -> bool:
    """The numbers Markdown turns into their character (markdown_it's isValidEntityCode)."""
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF:
        return False
    if code & 0xFFFF in (0xFFFE, 0xFFFF):
        return False
    return not (code <= 0x08 or code == 0x0B or 0x0E <= code <= 0x1F or 0x7F <= code <= 0x9F)


def _spelling(char: str, raw: str) -> str | None:
    for match in _REFERENCE.finditer(raw):
        if _decoded(match) == char:
            return match.group()
    return None
