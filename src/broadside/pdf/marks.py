"""Changing how pieces of a page's content are marked: an artifact instead of tagged content,
or tagged content with the text a reader should get (/ActualText).

A page's content stream brackets each tagged piece as `/Span <</MCID 7>> BDC … EMC`. Only
those opening operators change; everything else is copied byte for byte, so a page keeps
its size. Content streams in which an opening operator could hide inside other syntax
(literal strings, comments, inline images: WeasyPrint writes none of them) are parsed and
written again by pikepdf instead, which is exact but about ten times slower.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pikepdf
from pikepdf import Name, Operator


@dataclass(frozen=True)
class Artifact:
    """Decoration, not content: running heads, leaders, crop marks."""


@dataclass(frozen=True)
class Spoken:
    """Tagged content a reader should get as `text` rather than as the glyphs drawn: a line
    that ends in a hyphen added by hyphenation, capitals set by `text-transform`, letters
    pulled apart by `letter-spacing`."""

    text: str


Mark = Artifact | Spoken

# `/Span <</MCID 12>> BDC`, as a PDF writer may space it.
_OPENING = re.compile(rb"/([A-Za-z][A-Za-z0-9]*)\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC(?![^\s/<\[(])")
_DELIMITERS = b" \t\r\n\f\x00/<>[]()%"


def remark(content: bytes, marks: Mapping[int, Mark]) -> bytes:
    """`content` (a decoded content stream) with the pieces whose MCID is in `marks`
    marked as they say."""
    if not marks:
        return content
    if _opaque(content):
        return _remark_parsed(content, marks)

    def replace(match: re.Match[bytes]) -> bytes:
        mark = marks.get(int(match.group(2)))
        if mark is None:
            return match.group(0)
        if isinstance(mark, Artifact):
            return b"/Artifact BMC"
        return b"/%s <</MCID %s /ActualText %s>> BDC" % (
            match.group(1),
            match.group(2),
            text_string(mark.text),
        )

    return _OPENING.sub(replace, content)


def _opaque(content: bytes) -> bool:
    """Whether `content` has syntax inside which `BDC` could be data rather than an
    operator: a literal string, a comment, an inline image."""
    if b"(" in content or b"%" in content:
        return True
    start = content.find(b"BI")
    while start >= 0:
        before = content[start - 1 : start] if start else b" "
        after = content[start + 2 : start + 3] or b" "
        if before in _DELIMITERS and after in _DELIMITERS:
            return True
        start = content.find(b"BI", start + 2)
    return False


def text_string(text: str) -> bytes:
    """A PDF text string in its shortest form: PDFDocEncoding where it can be (a literal,
    one byte a letter), UTF-16BE otherwise."""
    data: bytes = pikepdf.String(text).unparse()
    return data


def _remark_parsed(content: bytes, marks: Mapping[int, Mark]) -> bytes:
    with pikepdf.new() as scratch:  # parsing needs a stream, and a stream needs a PDF
        instructions = pikepdf.parse_content_stream(pikepdf.Stream(scratch, content))
    result: list[Any] = []
    for instruction in instructions:
        operands, operator = instruction.operands, instruction.operator
        mcid = (
            int(operands[1].get("/MCID", -1))
            if operator == Operator("BDC")
            and len(operands) == 2
            and isinstance(operands[1], pikepdf.Dictionary)
            else -1
        )
        mark = marks.get(mcid)
        if isinstance(mark, Artifact):
            result.append(([Name.Artifact], Operator("BMC")))
        elif isinstance(mark, Spoken):
            properties = pikepdf.Dictionary(MCID=mcid, ActualText=pikepdf.String(mark.text))
            result.append(([operands[0], properties], operator))
        else:
            result.append(instruction)
    data: bytes = pikepdf.unparse_content_stream(result)
    return data
