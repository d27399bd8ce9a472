"""The organisation's brand in the pages: its accent (and its logo's proportions) in the
stylesheets.

Content never becomes CSS (issue 10): the only values of brand.yaml that reach a stylesheet
are the accent, a colour the model has already held to `#rrggbb`, and the logo's proportions,
a number measured from the file, and both are written by broadside/css.py, which writes one
token each and refuses anything else.
"""

from __future__ import annotations

from broadside import css
from broadside.content.models import Brand


def brand_css(brand: Brand | None) -> str:
    """`:root { --accent: #1d5c8a; --logo-ratio: 3.2; }`, or nothing without a brand.

    Set after tokens.css, so the accent is used wherever the sheets use `var(--accent)`;
    `--logo-ratio` lets a sheet size the logo to a box without distorting it.
    """
    if brand is None:
        return ""
    declarations = []
    if brand.meta.accent is not None:
        declarations.append(f"--accent: {css.colour(brand.meta.accent)};")
    if brand.logo is not None:
        declarations.append(f"--logo-ratio: {css.number(brand.logo.ratio)};")
    return f":root {{ {' '.join(declarations)} }}\n" if declarations else ""
