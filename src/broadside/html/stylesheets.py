"""The stylesheets an output is drawn with, in cascade order: fonts → tokens → page → own sheet.

The fonts are the Latin faces, and the faces of any other script the document's text uses
(fonts/scripts.py), so each job carries exactly the fonts it needs.

A worker host imports this module to parse every sheet before it forks (pdf/host.py), while
the build waits for it: so nothing here reads a campaign. The brand's sheet comes in as text,
made by the document from the campaign (html/brand.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from broadside.fonts import faces as fonts
from broadside.fonts.scripts import script_fonts, scripts_in
from broadside.html.direction import is_rtl
from broadside.paper import PageSize, Paper, page_css
from broadside.resources import STYLES

SHARED = "tokens.css"  # every output's custom properties and base typography
RTL = "rtl.css"  # right-to-left documents: the page furniture mirrored


@dataclass(frozen=True)
class Stylesheet:
    name: str  # shown in messages
    text: str
    base: Path  # relative url()s resolve from here
    fonts: tuple[Path, ...] = ()  # the font files its @font-face rules read, and no others

    def inline(self) -> Markup:
        """The sheet as the text of a <style> element: our own CSS, so not HTML-escaped
        (quotes must stay quotes), and unable to end the element early."""
        return Markup(self.text.replace("</", "<\\/"))  # noqa: S704 - Broadside's own sheets


def own_sheet(name: str) -> Stylesheet:
    path = STYLES / name
    return Stylesheet(name, path.read_text(encoding="utf-8"), STYLES)


def shared_sheets(text: str = "") -> tuple[Stylesheet, ...]:
    """What every output starts from: the fonts `text` needs, then the tokens."""
    return (*font_sheets(text), own_sheet(SHARED))


def font_sheets(text: str = "") -> tuple[Stylesheet, ...]:
    """The Latin faces, then those of each other script `text` uses (its whole HTML, say:
    markup is ASCII, so only the words count)."""
    latin = Stylesheet("fonts", fonts.font_face_css(), STYLES, fonts.font_files())
    scripts = tuple(script_fonts(script) for script in scripts_in(text))
    return (
        latin,
        *(Stylesheet(f"fonts: {s.script.name}", s.css, STYLES, s.files) for s in scripts),
    )


def all_sheets() -> tuple[Stylesheet, ...]:
    """Every sheet any output is drawn with (a worker parses them before its first job)."""
    own = sorted(path.name for path in STYLES.glob("*.css") if path.name != SHARED)
    return (*shared_sheets(), *(own_sheet(name) for name in own))


def sheets_for(
    own: str | tuple[str, ...],
    paper: Paper | PageSize,
    extra_page_css: str = "",
    branded: str = "",
    text: str = "",
    lang: str = "en",
) -> tuple[Stylesheet, ...]:
    """Shared tokens plus the output's own thin sheet(s), with the page size set in one place,
    and the organisation's accent over the tokens' (`branded`, html/brand.py); the fonts
    are those `text` (the document's HTML) needs; a document in a right-to-left `lang` ends
    with the sheet that mirrors its pages."""
    own = (own,) if isinstance(own, str) else own
    mirrored = (own_sheet(RTL),) if is_rtl(lang) else ()
    return (
        *shared_sheets(text),
        *((Stylesheet("brand", branded, STYLES),) if branded else ()),
        Stylesheet("page", page_css(paper) + extra_page_css, STYLES),
        *(own_sheet(name) for name in own),
        *mirrored,
    )
