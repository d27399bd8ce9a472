"""QR codes as inline SVG: vector, with their quiet zone, error correction M or better."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

QUIET_ZONE = 4  # modules of light margin all round, as the QR standard asks
MODULE_MM = 0.8  # a phone reads this from arm's length off a printed sheet
MIN_MM, MAX_MM = 26.0, 40.0  # whole symbol with quiet zone: never a speck, never a poster


@dataclass(frozen=True)
class QrCode:
    svg: Markup
    size_mm: float  # printed width and height, quiet zone included
    version: str  # "3": the symbol grows with the data; the module count follows from it
    error: str  # "M", "Q" or "H": segno raises the level when it costs no extra size


def qr_code(data: str, *, title: str, dark: str = "#000") -> QrCode:
    """A QR code for `data`, sized so its modules stay readable (longer data → bigger symbol).

    `title` becomes the SVG's <title>, which the tagged PDF uses as the figure's alternate text.
    """
    import segno  # only campaigns with a URL pay for it

    code = segno.make(data, error="m", boost_error=True, micro=False)
    modules = code.symbol_size(scale=1, border=QUIET_ZONE)[0]
    size_mm = round(min(MAX_MM, max(MIN_MM, modules * MODULE_MM)), 1)
    # scale=1 keeps the viewBox in whole modules (segno rounds fractional scales badly);
    # the printed size is set on the element instead. The light fill makes the quiet zone
    # real even on a tinted background.
    svg = code.svg_inline(
        scale=1,
        border=QUIET_ZONE,
        omitsize=True,
        dark=dark,
        light="#fff",
        title=title,
        svgclass="qr-code",
        lineclass=None,
    )
    sized = svg.replace("<svg ", f'<svg width="{size_mm}mm" height="{size_mm}mm" role="img" ', 1)
    # segno escapes the title and writes only path data besides it.
    return QrCode(Markup(sized), size_mm, str(code.version), str(code.error))  # noqa: S704
