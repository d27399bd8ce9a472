"""Content is text, never CSS or HTML.

Every character that means something to CSS, in every spelling a campaign can write it (as
itself, `&#34;`, `&#x22;`, `&quot;` and `\\"`), goes into every field the brief and the
flyer print. The stylesheets and the HTML's elements stay exactly what a plain campaign
gets; the characters come out as printed text, in the running head too.
"""

from __future__ import annotations

import re
from html.entities import html5
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2 as pdfium
import pytest

from broadside.content.characters import ALLOWED_INVISIBLE
from broadside.content.loader import load_campaign
from broadside.content.markdown import plain_inline
from broadside.documents.brief import brief_html
from broadside.documents.registry import OUTPUTS
from broadside.options import BuildOptions
from broadside.paper import Paper, whole_sheet
from broadside.pdf.settings import PdfSettings
from tests.conftest import run_cli, write_markdown
from tests.reading import bookmarks, page_texts

# Everything that can end a CSS string, a declaration, a block or a comment, start a URL or
# an at-rule, or end an HTML element or attribute.
CSS_SIGNIFICANT = "\"'\\;{}()<>/*@:,!#&%`"
GROUPS = [CSS_SIGNIFICANT[0::2], CSS_SIGNIFICANT[1::2]]  # each fits a one-line field (300)


def named(char: str) -> str:
    names = sorted(
        (name for name, value in html5.items() if value == char and name.endswith(";")),
        key=lambda name: (not name.islower(), len(name)),
    )
    return f"&{names[0]}"


def spellings(char: str) -> str:
    """The character escaped, by decimal and hex reference, by name, and as itself (last,
    and once: two backticks or asterisks would make Markdown, not text)."""
    code = ord(char)
    return " ".join((f"\\{char}", f"&#{code};", f"&#x{code:X};", named(char), char))


def hostile(chars: str) -> str:
    return "x " + " · ".join(spellings(char) for char in chars) + " y"


def write_campaign(root: Path, text: str) -> Path:
    """Every field the brief or the flyer prints holds `text`; the bodies hold it in every
    kind of block."""
    article: dict[str, Any] = {
        "title": text,
        "subtitle": text,
        "publication": text,
        "lang": "en",
        "author": {"name": text, "role": text, "bio": text, "expertise": [text]},
        "published": "2024-05-06",
        "updates": [{"at": "2024-05-07T08:09:00-07:00", "zone": text, "note": text}],
        "figure": {"caption": text, "credit": text, "reference": text},
        "keywords": [text],
        "sources": [{"name": text, "note": text, "url": "https://example.org/a"}],
    }
    letter: dict[str, Any] = {
        "title": text,
        "ask": text,
        "url": "https://example.org/letter",
        "recipient": {"name": text, "role": text},
        "salutation": text,
        "demands_intro": text,
        "demands": [text, text],
        "closing": text,
        "sign_off": text,
        "signature": text,
    }
    body = f"## {text}\n\n{text}\n\n- {text}\n\n> {text}\n"
    write_markdown(root / "article.md", article, body)
    write_markdown(root / "letter.md", letter, body)
    return root


class Shape(HTMLParser):
    """An HTML document's elements and attribute names, and its style elements' text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple[str, ...]]] = []
        self.styles: list[str] = []
        self._in_style = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, tuple(name for name, _ in attrs)))
        self._in_style = tag == "style"
        if self._in_style:
            self.styles.append("")

    def handle_endtag(self, tag: str) -> None:
        self.elements.append((f"/{tag}", ()))
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles[-1] += data


BRIEF, FLYER = (next(o for o in OUTPUTS if o.name == name) for name in ("brief.pdf", "flyer.pdf"))


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return load_campaign(write_campaign(tmp_path_factory.mktemp("plain"), "plain words"))


@pytest.mark.parametrize("chars", GROUPS)
def test_no_character_changes_a_stylesheet_or_an_element(
    chars: str, plain: Any, tmp_path: Path
) -> None:
    campaign = load_campaign(write_campaign(tmp_path, hostile(chars)))
    options = BuildOptions()
    for output in (BRIEF, FLYER):
        (job,) = output.jobs(output, campaign, options, PdfSettings())
        (plain_job,) = output.jobs(output, plain, options, PdfSettings())
        assert [s.text for s in job.layouts[0].sheets] == [
            s.text for s in plain_job.layouts[0].sheets
        ]
        shape, plain_shape = Shape(job.layouts[0].html), Shape(plain_job.layouts[0].html)
        assert shape.elements == plain_shape.elements
    sheets = tuple(sheet.inline() for sheet in job.layouts[0].sheets)
    standalone = Shape(brief_html(BRIEF, campaign, whole_sheet(Paper.A4), inline_styles=sheets))
    assert (
        standalone.styles
        == Shape(brief_html(BRIEF, plain, whole_sheet(Paper.A4), inline_styles=sheets)).styles
    )


def squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def running_head(pdf: Path, page: int) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        width, height = document[page].get_size()
        top = (
            document[page]
            .get_textpage()
            .get_text_bounded(0, height - 20 * 72 / 25.4, width * 0.6, height)
        )
        return " ".join(top.split())
    finally:
        document.close()


@pytest.mark.parametrize("chars", GROUPS)
def test_every_spelling_prints_as_text_in_every_field(chars: str, tmp_path: Path) -> None:
    text = hostile(chars)
    root = write_campaign(tmp_path / "campaign", text)
    out = tmp_path / "out"
    result = run_cli("build", root, "--out", out, "--html")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # not even a warning: nothing odd reached the renderer
    printed = plain_inline(text, lang="en")
    for char in chars:
        assert char in printed.replace("“", '"').replace("”", '"').replace("’", "'")
    pdf = out / "brief.pdf"
    pages = page_texts(pdf)
    assert len(pages) >= 5
    # Each field in the report, the letter and the sources, and the body's four blocks twice.
    assert squashed("".join(pages)).count(squashed(printed)) >= 20
    assert squashed("".join(page_texts(out / "flyer.pdf"))).count(squashed(printed)) >= 4
    # The running head is the cover's headline (the ask), as printed, on every page but the
    # cover and the sections' first pages; cut short with an ellipsis when it is too long.
    heads = [head for head in (running_head(pdf, page) for page in range(1, len(pages))) if head]
    assert heads
    for head in heads:
        assert squashed(printed).startswith(squashed(head.removesuffix("…")))
    with pikepdf.open(pdf) as document:
        assert str(document.docinfo["/Title"]) == printed
        # Keywords are a comma-separated list: commas in one split it, as they should.
        keywords = str(document.docinfo["/Keywords"])
        assert re.sub(r"[\s,]", "", keywords) == re.sub(r"[\s,]", "", printed)
    html = (out / "brief.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_invisible_marks_stay_in_the_text_and_out_of_the_metadata(tmp_path: Path) -> None:
    """Soft hyphens, joiners and direction marks are allowed, in any spelling; they mean
    nothing in a title bar, a search index or a bookmark, so they are left out there."""
    title = "Soft&shy;ly, zero\u200bwidth, join&zwj;ed and &#x200F;marked"
    root = tmp_path / "campaign"
    write_markdown(root / "article.md", {"title": title, "keywords": ["key&#xAD;word"]}, "Body.\n")
    write_markdown(
        root / "letter.md",
        {"title": "A letter", "demands": ["Do it&#x2060;."], "signature": "Us\u2066all\u2069"},
        "Body.\n",
    )
    result = run_cli("build", root, "--out", tmp_path / "out", "--html")
    assert result.exit_code == 0, result.output
    clean = "Softly, zerowidth, joined and marked"
    pdf = tmp_path / "out" / "brief.pdf"
    with pikepdf.open(pdf) as document:
        assert str(document.docinfo["/Title"]) == clean
        assert str(document.docinfo["/Keywords"]) == "keyword"
        assert str(document.docinfo["/Author"]) == "Usall"
        xmp = str(document.open_metadata())
        assert clean in xmp and not set(xmp) & set(ALLOWED_INVISIBLE)
    assert [mark.title for mark in bookmarks(pdf)] == [
        "A letter",  # the cover's headline: the letter's title when it has no ask
        clean,
        "A letter",
        "The demands",
        "Sources and credits",
    ]
    assert "joined and marked" in "".join(page_texts(pdf))
    html = (tmp_path / "out" / "brief.html").read_text(encoding="utf-8")
    assert "join\u200ded" in html and "\u200fmarked" in html  # still in the text, for shaping
