"""QR codes as inline SVG: vector, error correction M or better, at the size the page chooses."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

QUIET_ZONE = 4  # modules of light margin all round, as the QR standard asks


@dataclass(frozen=True)
class QrCode:
    """A QR code's symbol, drawn without its quiet zone: the page around it keeps that white
    (`quiet_mm` says how much), so the code's printed width is the symbol's own."""

    svg: Markup  # sized by its viewBox, one unit a module: `sized` gives it a printed size
    modules: int  # across the symbol: 21 for version 1, four more each version up
    version: str  # "3": the symbol grows with the data; the module count follows from it
    error: str  # "M", "Q" or "H": segno raises the level when it costs no extra size

    def sized(self, size_mm: float) -> Markup:
        sized = str(self.svg).replace(
            "<svg ", f'<svg width="{size_mm:g}mm" height="{size_mm:g}mm" ', 1
        )
        return Markup(sized)  # noqa: S704 - segno's own SVG, sized with a number

    def quiet_mm(self, size_mm: float) -> float:
        """The white the page must leave all round the symbol printed at `size_mm`."""
        return QUIET_ZONE * size_mm / self.modules


def qr_code(data: str, *, title: str, dark: str = "#000") -> QrCode:
    """A QR code for `data` (longer data → more modules).

    `title` becomes the SVG's <title>, which the tagged PDF uses as the figure's alternate text.
    """
    import segno  # only campaigns with a URL pay for it

    code = segno.make(data, error="m", boost_error=True, micro=False)
    # scale=1 keeps the viewBox in whole modules (segno rounds fractional scales badly);
    # the printed size is set on the element instead. The light fill keeps the symbol's
    # own light modules white even over a tint.
    svg = code.svg_inline(
        scale=1,
        border=0,
        omitsize=True,
        dark=dark,
        light="#fff",
        title=title,
        svgclass="qr-code",
        lineclass=None,
    )
    svg = svg.replace("<svg ", '<svg role="img" ', 1)
    modules = int(code.symbol_size(scale=1, border=0)[0])
    # segno escapes the title and writes only path data besides it.
    return QrCode(Markup(svg), modules, str(code.version), str(code.error))  # noqa: S704
