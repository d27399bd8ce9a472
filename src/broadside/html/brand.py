"""The organisation's brand in the pages: its accent in the stylesheets, its logo a picture
the document carries inside it.

Content never becomes CSS (issue 10): the only values of brand.yaml that reach a stylesheet
are the accent, a colour the model has already held to `#rrggbb`, and the logo's proportions,
a number measured from the file, and both are written by broadside/css.py, which writes one
token each and refuses anything else.
"""

from __future__ import annotations

from base64 import b64encode
from dataclasses import dataclass

from broadside import css
from broadside.content.characters import for_metadata
from broadside.content.markdown import plain_inline
from broadside.content.models import Brand, Logo


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


@dataclass(frozen=True)
class LogoPicture:
    """The logo as the templates show it (templates/partials/brand.html.j2)."""

    src: str  # a data: URL of the bytes checked (or, for an SVG, of it written anew)
    alt: str  # the organisation's name: screen readers announce the logo by it
    urls: tuple[str, ...]  # every data: URL the print job must allow (pdf/confine.py)


def logo_picture(brand: Brand | None, lang: str) -> LogoPicture | None:
    """The logo to put in a page, named by the organisation (as plain text in `lang`).

    A data: URL rather than the file's address: what is drawn is exactly what was checked
    (the file may have changed since), and brief.html carries it with it."""
    logo = brand.logo if brand is not None else None
    if brand is None or logo is None:
        return None
    src = _data_url(logo)
    alt = for_metadata(plain_inline(brand.meta.name, lang=lang))
    return LogoPicture(src, alt, (src, *logo.pictures))


def _data_url(logo: Logo) -> str:
    return f"data:{logo.mime};base64,{b64encode(logo.data).decode('ascii')}"
