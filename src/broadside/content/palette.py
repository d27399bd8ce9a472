"""The colours the pages are drawn with, read from styles/tokens.css: the one place they are
defined. Checks that need them (is a brand's accent legible on the cover's tint?) read the
sheet itself, so a designer who changes a token changes what is checked too.
"""

from __future__ import annotations

from pathlib import Path

import tinycss2
import tinycss2.color3

from broadside.content.colour import Colour
from broadside.resources import STYLES

TOKENS = STYLES / "tokens.css"


def palette(sheet: Path = TOKENS) -> dict[str, Colour]:
    """Every custom property of the sheet's `:root` whose value is one plain colour
    (`--tint: #f4efe6`), by name (`--tint`). Read each time: `watch` sees an edit at once."""
    rules = tinycss2.parse_stylesheet(
        sheet.read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True
    )
    colours: dict[str, Colour] = {}
    for rule in rules:
        if rule.type != "qualified-rule" or tinycss2.serialize(rule.prelude).strip() != ":root":
            continue
        for declaration in tinycss2.parse_blocks_contents(
            rule.content, skip_comments=True, skip_whitespace=True
        ):
            if declaration.type != "declaration" or not declaration.name.startswith("--"):
                continue
            value = [token for token in declaration.value if token.type != "whitespace"]
            parsed = tinycss2.color3.parse_color(value[0]) if len(value) == 1 else None
            if isinstance(parsed, tinycss2.color3.RGBA) and parsed.alpha == 1:
                colours[declaration.name] = Colour.from_unit(parsed.red, parsed.green, parsed.blue)
    return colours
