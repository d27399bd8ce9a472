"""The stylesheets an output is drawn with, in cascade order: fonts → tokens → page → own sheet."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from broadside.content.models import Brand
from broadside.fonts import faces as fonts
from broadside.html.brand import brand_css
from broadside.paper import PageSize, Paper, page_css
from broadside.resources import STYLES

SHARED = "tokens.css"  # every output's custom properties and base typography


@dataclass(frozen=True)
class Stylesheet:
    name: str  # shown in messages
    text: str
    base: Path  # relative url()s resolve from here

    def inline(self) -> Markup:
        """The sheet as the text of a <style> element: our own CSS, so not HTML-escaped
        (quotes must stay quotes), and unable to end the element early."""
        return Markup(self.text.replace("</", "<\\/"))  # noqa: S704 - Broadside's own sheets


def own_sheet(name: str) -> Stylesheet:
    path = STYLES / name
    return Stylesheet(name, path.read_text(encoding="utf-8"), STYLES)


def shared_sheets() -> tuple[Stylesheet, ...]:
    """What every output starts from: the fonts, then the tokens."""
    return (Stylesheet("fonts", fonts.font_face_css(), STYLES), own_sheet(SHARED))


def all_sheets() -> tuple[Stylesheet, ...]:
    """Every sheet any output is drawn with (a worker parses them before its first job)."""
    own = sorted(path.name for path in STYLES.glob("*.css") if path.name != SHARED)
    return (*shared_sheets(), *(own_sheet(name) for name in own))


def sheets_for(
    own: str | tuple[str, ...],
    paper: Paper | PageSize,
    extra_page_css: str = "",
    brand: Brand | None = None,
) -> tuple[Stylesheet, ...]:
    """Shared tokens plus the output's own thin sheet(s), with the page size set in one place,
    and the organisation's accent over the tokens' when the campaign has a brand."""
    own = (own,) if isinstance(own, str) else own
    branded = brand_css(brand)
    return (
        *shared_sheets(),
        *((Stylesheet("brand", branded, STYLES),) if branded else ()),
        Stylesheet("page", page_css(paper) + extra_page_css, STYLES),
        *(own_sheet(name) for name in own),
    )
