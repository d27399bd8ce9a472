"""The layout rules can fail: each one, applied to a hand-written page that breaks it, names
the page and what is wrong, and finds nothing on the same page mended.

The corpus tests (tests/documents/test_layout_rules.py) pass only if the rules see what a
reader sees; these pages, printed by the real engine, show that they do.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

from broadside.html.stylesheets import Stylesheet, shared_sheets
from tests.layoutrules import (
    Document,
    blocks_pushed_past_room,
    broken_pairs,
    clamped_cover,
    headline_widows,
    hyphenation,
    letter_end,
    lonely_sign_off,
    pictures_adrift,
    pictures_off_the_column,
    straight_quotes,
    thin_pages,
)
from tests.printing import page, print_html

SHEET = """
@page { size: A4; margin: 20mm }
body { font-family: var(--serif); font-size: 10pt; line-height: 1.4; margin: 0 }
h1 { font-size: 24pt; line-height: 1.1; margin: 0 0 6mm; bookmark-level: 1 }
p { margin: 0 0 3mm; hyphens: manual }
.new-page { break-before: page }
"""

PARAGRAPH = (
    "Workers across the company have written to the chief executive about the contracts "
    "the company signed with agencies that hold families apart, and they ask for a vote. "
)


def printed(folder: Path, body: str, css: str = "") -> Document:
    """`body` printed on A4 with the shared fonts and `SHEET`, read back as the rules see it."""
    sheets = (*shared_sheets(), Stylesheet("test", SHEET + css, folder))
    result = print_html(folder, page(body), sheets)
    assert result.pdf is not None
    path = folder / "test.pdf"
    path.write_bytes(result.pdf)
    return Document.read(path)


def paragraphs(count: int) -> str:
    return "".join(f"<p>{PARAGRAPH * 3}</p>" for _ in range(count))


def cover() -> str:
    return "<h1>Cover</h1><p>The campaign.</p>"


# ---------- page fullness ----------


def test_a_section_ending_on_a_few_lines_is_thin(tmp_path: Path) -> None:
    full_page = f'<p style="padding-top: 200mm">{PARAGRAPH}</p>'
    body = cover() + (
        f'<h1 class="new-page">The report</h1>{full_page}<p class="new-page">{PARAGRAPH}</p>'
    )
    document = printed(tmp_path, body)
    assert len(document.pages) == 3, "the case needs a report of two pages"
    [violation] = thin_pages(document)
    assert violation.page == 3
    assert "the last page of “The report” holds 2 lines" in violation.detail


def test_a_section_ending_on_five_lines_or_more_is_not_thin(tmp_path: Path) -> None:
    body = cover() + f'<h1 class="new-page">The report</h1>{paragraphs(4)}'
    assert thin_pages(printed(tmp_path, body)) == []


def test_a_page_a_section_runs_on_from_must_be_a_third_full(tmp_path: Path) -> None:
    body = cover() + (
        f'<h1 class="new-page">The report</h1><p>{PARAGRAPH}</p>'
        f'<p class="new-page">{PARAGRAPH * 4}</p>'
    )
    [violation] = thin_pages(printed(tmp_path, body))
    assert violation.page == 2
    assert "full, and not the end of its section" in violation.detail


def test_a_block_pushed_on_with_room_to_spare_is_found(tmp_path: Path) -> None:
    body = cover() + (
        f'<h1 class="new-page">The letter</h1>{paragraphs(2)}'
        f'<p class="new-page">The demands. {PARAGRAPH}</p>{paragraphs(2)}'
    )
    [violation] = blocks_pushed_past_room(printed(tmp_path, body))
    assert violation.page == 2
    assert "left empty, while what opens page 3" in violation.detail


def test_a_block_kept_with_what_follows_is_measured_with_it(tmp_path: Path) -> None:
    """The letter's last demand travels with its end: the room left is measured against the
    two together, across the blank between them."""
    end = f'<p style="margin-top: 12mm">{PARAGRAPH * 8}</p><p>Sincerely,</p><p>Amazonians</p>'
    body = cover() + (
        f'<h1 class="new-page">The letter</h1>{paragraphs(5)}'
        f'<p class="new-page">The last demand. {PARAGRAPH}</p>{end}'
    )
    document = printed(tmp_path, body)
    letter = {**LETTER, "closing": PARAGRAPH * 8}
    assert blocks_pushed_past_room(document)  # the demand alone would fit
    assert blocks_pushed_past_room(document, letter_end(letter)) == []


def test_a_block_that_could_not_fit_may_move_on(tmp_path: Path) -> None:
    body = cover() + f'<h1 class="new-page">The letter</h1>{paragraphs(16)}'
    document = printed(tmp_path, body)
    assert len(document.pages) >= 3
    assert blocks_pushed_past_room(document) == []


# ---------- the letter's end ----------

LETTER = {"title": "The letter", "signature": "Amazonians", "sign_off": "Sincerely,"}
SIGN_OFF = "<p>Sincerely,</p><p>Amazonians</p>"


def test_a_sign_off_alone_on_its_page_is_found(tmp_path: Path) -> None:
    body = (
        cover()
        + f'<h1 class="new-page">The letter</h1>{paragraphs(3)}'
        + f'<div class="new-page">{SIGN_OFF}</div>'
    )
    [violation] = lonely_sign_off(printed(tmp_path, body), LETTER)
    assert violation.page == 3


def test_a_sign_off_under_the_letters_last_lines_is_kept(tmp_path: Path) -> None:
    body = cover() + f'<h1 class="new-page">The letter</h1>{paragraphs(3)}{SIGN_OFF}'
    assert lonely_sign_off(printed(tmp_path, body), LETTER) == []


# ---------- the cover ----------


def test_a_cover_clamped_with_room_below_is_found(tmp_path: Path) -> None:
    body = "<h1>Cover</h1><p>Stop selling facial recognition to the police and …</p>"
    [violation] = clamped_cover(printed(tmp_path, body), fields=["Stop selling"])
    assert violation.page == 1
    assert "shortened with “…”" in violation.detail


def test_an_ellipsis_the_content_has_is_not_a_clamp(tmp_path: Path) -> None:
    said = "They said: “we will think about it…”"
    body = f"<h1>Cover</h1><p>{said}</p>"
    assert clamped_cover(printed(tmp_path, body), fields=[said]) == []


def test_a_clamp_on_a_full_cover_is_allowed(tmp_path: Path) -> None:
    body = '<h1>Cover</h1><div style="height: 243mm"></div><p>And more demands …</p>'
    document = printed(tmp_path, body, "@page { margin-bottom: 12mm }")
    assert len(document.pages) == 1, "the case needs a full cover"
    assert clamped_cover(document, fields=[]) == []


# ---------- headlines and lines ----------


def test_a_headline_ending_on_one_short_word_is_found(tmp_path: Path) -> None:
    body = "<h1>We demand a choice in what we build<br>now</h1>"
    [violation] = headline_widows(printed(tmp_path, body))
    assert "ends on “now” alone" in violation.detail


def test_a_balanced_headline_passes(tmp_path: Path) -> None:
    body = "<h1>We demand a choice<br>in what we build now</h1>"
    assert headline_widows(printed(tmp_path, body)) == []


@pytest.mark.parametrize(
    ("before", "after", "what"),
    [
        ("on April", "19 they wrote", "a date"),
        ("on 19", "April 2018 they wrote", "a date"),
        ("it rose by 40", "°C in a year", "a number and its unit"),
        ("it cost $", "40,000 a month", "an amount"),
        ("signed by J.", "Smith and others", "initials"),
    ],
)
def test_pairs_split_across_lines_are_found(
    tmp_path: Path, before: str, after: str, what: str
) -> None:
    body = f"<p>The union wrote {before}<br>{after}, to the board.</p>"
    [violation] = broken_pairs(printed(tmp_path, body))
    assert violation.detail.startswith(f"{what} split across lines")


def test_pairs_kept_on_one_line_pass(tmp_path: Path) -> None:
    body = "<p>On April 19 it rose by 40 °C, cost $40,000 and was signed by J. Smith.</p>"
    assert broken_pairs(printed(tmp_path, body)) == []


def test_a_straight_apostrophe_after_a_full_stop_is_found(tmp_path: Path) -> None:
    body = "<p>The U.S.'s agencies, and the company\u2019s own.</p>"
    [violation] = straight_quotes(printed(tmp_path, body))
    assert "U.S.'s" in violation.detail


def test_curly_quotes_and_web_addresses_pass(tmp_path: Path) -> None:
    body = "<p>The U.S.\u2019s \u201cagencies\u201d: see https://example.org/it's-here</p>"
    assert straight_quotes(printed(tmp_path, body)) == []


def test_many_hyphenated_line_ends_are_found(tmp_path: Path) -> None:
    # One long word with a soft hyphen every few letters: every line must end on one.
    word = "extra\u00adordinary\u00adlong\u00adcompound\u00adwords\u00ad" * 20
    body = f'<p style="width: 75mm">{word}</p>'
    found = hyphenation(printed(tmp_path, body))
    assert any("in a row" in violation.detail for violation in found)
    assert any("lines of body text end hyphenated" in violation.detail for violation in found)


def test_text_without_hyphenated_line_ends_passes(tmp_path: Path) -> None:
    assert hyphenation(printed(tmp_path, paragraphs(3))) == []


# ---------- pictures ----------


@pytest.fixture
def photo(tmp_path: Path) -> str:
    Image.new("RGB", (300, 200), (40, 90, 140)).save(tmp_path / "photo.png")
    return "photo.png"


def _full_width(photo: str) -> str:
    return f'<img alt="a photograph" src="{photo}" style="width: 100%">'


def test_a_picture_inset_from_the_column_is_found(tmp_path: Path, photo: str) -> None:
    figure = f'<figure style="margin: 0 10mm">{_full_width(photo)}</figure>'
    [violation] = pictures_off_the_column(printed(tmp_path, paragraphs(1) + figure))
    assert re.search(r"sits (9\.9|10\.0) mm inside the column's left edge", violation.detail)


def test_a_picture_across_the_column_passes(tmp_path: Path, photo: str) -> None:
    figure = f'<figure style="margin: 0">{_full_width(photo)}</figure>'
    assert pictures_off_the_column(printed(tmp_path, paragraphs(1) + figure)) == []


def test_a_narrower_picture_with_its_caption_beside_spans_the_column(
    tmp_path: Path, photo: str
) -> None:
    caption = "A caption beside the picture, as a portrait's is set, a few lines long."
    beside = (
        '<figure style="margin: 0; display: flex; align-items: flex-end; gap: 5mm">'
        f'<img alt="x" src="{photo}" style="width: 64%; flex: none">'
        f'<figcaption style="flex: 1 1 0">{caption}</figcaption></figure>'
    )
    alone = f'<figure style="margin: 0"><img alt="x" src="{photo}" style="width: 64%"></figure>'
    assert pictures_off_the_column(printed(tmp_path, paragraphs(1) + beside)) == []
    [violation] = pictures_off_the_column(printed(tmp_path, paragraphs(1) + alone))
    assert "inside its right" in violation.detail


def test_a_picture_pushed_down_is_found(tmp_path: Path, photo: str) -> None:
    figure = f'<img alt="x" src="{photo}" style="display: block; width: 80mm; margin-top: 30mm">'
    [violation] = pictures_adrift(printed(tmp_path, paragraphs(1) + figure))
    assert violation.page == 1
    assert "below the text above it" in violation.detail


def test_a_picture_under_the_text_passes(tmp_path: Path, photo: str) -> None:
    figure = f'<img alt="x" src="{photo}" style="display: block; width: 80mm; margin-top: 4mm">'
    assert pictures_adrift(printed(tmp_path, paragraphs(1) + figure)) == []
