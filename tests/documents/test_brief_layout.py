"""The brief's own layout, measured on every corpus campaign on both papers: what issue 9 §3
asks of the brief that the shared layout rules (tests/layoutrules.py, applied in
test_layout_rules.py) do not already check — the grid of the cover, where a picture sits,
no dashed boxes, the demands as the letter's climax, and the campaign's address.

Positions come from tests/pagelayout.py, in PDF points from the page's top left.
"""

from __future__ import annotations

import re

import pikepdf
import pytest

from tests.corpus import SharedBuilds, cases, front_matter
from tests.layoutrules import Document
from tests.pagelayout import MM
from tests.reading import links

GRID = 154 * MM  # the text block (brief.css): rail and column, centred on every paper
RAIL = 36 * MM


def read(builds: SharedBuilds, campaign: str, paper: str) -> Document:
    return Document.read(builds.get(campaign, paper).pdf("brief"))


@pytest.mark.parametrize(("campaign", "paper"), cases())
def test_every_element_of_the_cover_hangs_from_the_grid(
    campaign: str, paper: str, corpus_builds: SharedBuilds
) -> None:
    cover = read(corpus_builds, campaign, paper).pages[0]
    left = (cover.width - GRID) / 2
    right = left + GRID
    for line in cover.content:
        assert left - 0.5 * MM <= line.box.left and line.box.right <= right + 0.5 * MM, line
    # One right edge: the page numbers of "In this brief" end on the block's.
    for line in cover.content:
        if re.fullmatch(r"\d{1,2}", line.text) and line.box.left > cover.width / 2:
            assert line.box.right > right - 2.5 * MM, line
    # The kicker names the kind of document, never the publication that ran the news.
    publication = front_matter(campaign, "article.md").get("publication")
    kicker = min(cover.content, key=lambda line: line.box.top)
    if publication:
        assert str(publication) not in kicker.text


@pytest.mark.parametrize(("campaign", "paper"), cases())
def test_a_picture_opens_the_report_level_with_its_byline(
    campaign: str, paper: str, corpus_builds: SharedBuilds
) -> None:
    document = read(corpus_builds, campaign, paper)
    figure = front_matter(campaign, "article.md").get("figure") or {}
    pictured = [page for page in document.pages[1:] if page.pictures]
    if not (isinstance(figure, dict) and figure.get("file")):
        return
    report = document.sections[1]
    assert pictured and pictured[0].number == report.first  # never pushed on to the next
    page = pictured[0]
    picture = page.pictures[0]
    column = (page.width - GRID) / 2 + RAIL
    assert abs(picture.left - column) < 0.6 * MM  # not inset by a browser's figure margins
    rail = [line for line in page.content if line.box.right < column and line.box.top > 0]
    byline = [line for line in rail if line.box.top > picture.top - 8 * MM]
    assert byline and abs(picture.top - min(line.box.top for line in byline)) < 4 * MM


@pytest.mark.parametrize(("campaign", "paper"), cases())
def test_a_figure_without_a_picture_is_a_note_not_a_dashed_box(
    campaign: str, paper: str, corpus_builds: SharedBuilds
) -> None:
    with pikepdf.open(corpus_builds.get(campaign, paper).pdf("brief")) as pdf:
        for page in pdf.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "d":
                    assert len(operands[0]) == 0, "a dashed line"


@pytest.mark.parametrize(("campaign", "paper"), cases())
def test_the_demands_are_the_letters_climax(
    campaign: str, paper: str, corpus_builds: SharedBuilds
) -> None:
    """Set larger in the letter than on the cover, and printed there in full."""
    document = read(corpus_builds, campaign, paper)
    first = squash_start(str(front_matter(campaign, "letter.md")["demands"][0]))

    def sizes(pages: range) -> list[float]:
        return [
            line.size
            for number in pages
            for line in document.pages[number - 1].content
            if squash_start(line.text).startswith(first)
        ]

    letter = next(s for s in document.sections if s.first > 1 and sizes(range(s.first, s.last + 1)))
    assert max(sizes(range(letter.first, letter.last + 1))) > max(sizes(range(1, 2)))


def squash_start(text: str) -> str:
    """The first words of a demand, letters only, to find it however it is set."""
    text = re.sub(r"^\s*\d+[.)]\s*", "", text)  # the number, when it shares the line
    return re.sub(r"\W+", "", re.sub(r"[*_`]|\[|\]\([^)]*\)", "", text)).casefold()[:24]


@pytest.mark.parametrize(("campaign", "paper"), cases())
def test_the_campaign_address_is_printed_and_linked_where_a_reader_looks(
    campaign: str, paper: str, corpus_builds: SharedBuilds
) -> None:
    """On the cover, at the end of the letter and on the sources page; each source's address
    printed with it; no web idiom ("3 min read")."""
    document = read(corpus_builds, campaign, paper)
    pdf = corpus_builds.get(campaign, paper).pdf("brief")
    text = [" ".join(line.text for line in page.content) for page in document.pages]
    assert not any("min read" in page for page in text)
    article = front_matter(campaign, "article.md")
    for source in article.get("sources") or []:
        if source.get("url"):
            shown = re.sub(r"^https?://", "", source["url"])
            assert squash_address(shown) in squash_address(" ".join(text)), shown
    # An address wraps after a slash, never at a hyphen of its own: a reader retyping it
    # would take a line-end hyphen for the typesetter's.
    for page in document.pages:
        for line in page.content:
            end = line.words[-1].rstrip("\u2060") if line.words else ""  # pdf/structure.py
            broken = end.endswith(("-", "\u2010", "\u00ad", "\x02"))  # pdfium reads some as \x02
            assert not (broken and ("/" in end or "." in end)), line
    url = front_matter(campaign, "letter.md").get("url")
    if not url:
        return
    linked = {link.page for link in links(pdf) if link.uri == url}
    sources = document.sections[-1].first  # the sources section opens with it
    letter_end = max(
        number
        for number, page in enumerate(text[: sources - 1], start=1)
        if squash_address(str(url)) in squash_address(page)
    )
    assert {1, letter_end, sources} <= linked
    for number in (1, letter_end, sources):
        assert squash_address(str(url)) in squash_address(text[number - 1]), number


def squash_address(text: str) -> str:
    """An address as printed, broken over lines or not: its letters, digits and slashes."""
    return re.sub(r"^https?://|[^\w/.?=&]", "", text.replace("https://", "")).casefold()
