"""pdf/boxtree.py reads WeasyPrint's private box tree in the order WeasyPrint tags it.

This is the test that fails when a WeasyPrint release changes that order (pyproject.toml
pins the range it covers): on a page using every kind of box Broadside's templates and
Markdown produce, the n-th piece read is the n-th marked-content sequence WeasyPrint wrote,
and both say the same text.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest

from broadside.html.stylesheets import Stylesheet, shared_sheets
from broadside.pdf.boxtree import Drawing, drawing
from broadside.pdf.engine import Engine, weasyprint
from broadside.pdf.tagged import TaggingChanged, check, read_tags
from broadside.resources import STYLES

SHEET = """
@page { size: A6; margin: 12mm; @top-left { content: "Running head"; }
        @bottom-right { content: counter(page); } }
html { font-family: "Source Serif 4"; font-size: 10pt; hyphens: auto; }
.label { letter-spacing: 0.12em; text-transform: uppercase; }
.rail { float: left; width: 20mm; }
.pinned { position: absolute; top: 0; right: 0; }
.toc a::after { content: leader(dotted) " " target-counter(attr(href url), page); }
.toc { list-style: none; }
"""

BODY = (
    """
<p class="label">The letter to Brent Lewis</p>
<nav role="doc-toc"><ol class="toc"><li><a href="#end">To the end</a>
  <ol class="toc"><li><a href="#end">Nested entry</a></li></ol></li></ol></nav>
<aside class="rail">A note in the rail</aside>
<div class="pinned">Pinned</div>
<p>Characteristically incomprehensible internationalization responsibilities, and
<em>emphasis</em>, <span lang="de">ein deutscher Satz</span> and a
<a href="https://example.org/">link that runs on across a line</a>.</p>
<ul><li>One<ul><li>One, nested</li></ul></li><li>Two</li></ul>
<dl><dt>Term</dt><dd>Definition</dd></dl>
<table><caption>A caption</caption><thead><tr><th>Head</th><th>Other</th></tr></thead>
<tbody><tr><td>Cell</td><td>Cell</td></tr></tbody></table>
<figure><svg width="20" height="20"><title>A square</title><rect width="20" height="20"/></svg>
<figcaption>Caption <span style="display:block">credit</span></figcaption></figure>
"""
    + "<p>"
    + "A paragraph long enough to cross onto another page. " * 30
    + "</p>"
    + """
<p id="end">The end.</p>
"""
)


@pytest.fixture(scope="module")
def written() -> tuple[Drawing, bytes]:
    """BODY laid out and written by WeasyPrint itself, as it tags (no finishing)."""
    engine = Engine()  # its font configuration must outlive the document
    html = f'<!doctype html><html lang="en"><head><title>t</title></head><body>{BODY}</body></html>'
    sheets = [*shared_sheets(), Stylesheet("test", SHEET, STYLES)]  # fonts first
    css = [engine._css(sheet) for sheet in sheets]
    document = (
        weasyprint().HTML(string=html).render(font_config=engine.font_config, stylesheets=css)
    )
    read = drawing(document)
    return read, document.write_pdf(pdf_variant="pdf/ua-1")


def mcid_texts(data: bytes) -> dict[tuple[int, int], str]:
    """(page, MCID) → the text pdfium finds in that marked-content sequence."""
    found: dict[tuple[int, int], str] = {}
    document = pdfium.PdfDocument(data)
    try:
        for number, page in enumerate(document):
            textpage = page.get_textpage()
            for obj in page.get_objects():
                mcid = raw.FPDFPageObj_GetMarkedContentID(obj.raw)
                if obj.type == raw.FPDF_PAGEOBJ_TEXT and mcid >= 0:
                    size = raw.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
                    buffer = (raw.FPDF_WCHAR * size)()
                    raw.FPDFTextObj_GetText(obj.raw, textpage.raw, buffer, size)
                    text = bytes(buffer).decode("utf-16-le").rstrip("\x00")
                    found[(number, mcid)] = found.get((number, mcid), "") + text
    finally:
        document.close()
    return found


def test_every_piece_is_the_content_weasyprint_tagged_in_the_same_place(
    written: tuple[Drawing, bytes],
) -> None:
    read, data = written
    assert len(read.pages) >= 2  # the long paragraph crossed a page
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tags = read_tags(pdf, list(pdf.pages))
    check(tags, read)  # same count, pictures in the same places
    texts = mcid_texts(data)
    compared = 0
    for page, (pieces, mcids) in enumerate(zip(read.pages, tags.mcids, strict=True)):
        for piece, mcid in zip(pieces, mcids, strict=True):
            if piece.text is None:
                assert (page, mcid) not in texts  # a picture: no text there
                continue
            drawn = re.sub(r"\s+", "", piece.text).replace("\u2010", "-")
            found = re.sub(r"\s+", "", texts.get((page, mcid), "")).replace("\u2010", "-")
            assert found == drawn, (page, mcid, piece)
            compared += 1
    assert compared > 40


def test_pieces_know_their_element_and_what_was_drawn_differently(
    written: tuple[Drawing, bytes],
) -> None:
    read, _ = written
    pieces = [piece for page in read.pages for piece in page]
    by_tag = {read.elements[piece.element].tag for piece in pieces}
    assert {"p", "a", "em", "span", "li", "dt", "dd", "th", "td", "caption", "svg"} <= by_tag
    label = next(p for p in pieces if p.text and "LETTER" in p.text)
    assert (
        label.transformed
        and label.spaced
        and read.elements[label.element].own_text == ("The letter to Brent Lewis")
    )
    assert any(p.added_hyphen == "\u2010" for p in pieces)  # hyphenation broke a word
    assert any(p.leader for p in pieces)  # the TOC's dots
    assert {p.pseudo for p in pieces} >= {"marker", "after"}
    svg = next(p for p in pieces if p.text is None)
    assert read.elements[svg.element].title == "A square"
    x1, y1, x2, y2 = svg.bbox or (0, 0, 0, 0)
    assert x2 - x1 == pytest.approx(15, abs=0.01) and y2 - y1 == pytest.approx(15, abs=0.01)
    german = next(e for e in read.elements if e.attributes.get("lang") == "de")
    assert german.tag == "span" and read.elements[german.parent or 0].tag == "p"


def test_a_tagging_order_the_reader_does_not_know_is_refused(
    written: tuple[Drawing, bytes],
) -> None:
    """If a WeasyPrint release tagged differently, Broadside says so rather than guess."""
    read, data = written
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tags = read_tags(pdf, list(pdf.pages))
    shorter = Drawing(read.elements, (read.pages[0][:-1], *read.pages[1:]), read.meta)
    with pytest.raises(TaggingChanged, match="page 1"):
        check(tags, shorter)


def test_weasyprint_is_the_version_this_reader_covers() -> None:
    """pyproject.toml pins weasyprint>=70,<71: the range tests/pdf/test_boxtree.py covers."""
    from importlib.metadata import version

    assert version("weasyprint").split(".")[0] == "70"
    pins = (Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"weasyprint>=70,<71"' in pins
