"""The brief for readers who use a screen reader: tagged PDF/UA-1, checked in the real file.

veraPDF cannot be installed here, so these check what it would: the catalog entries PDF/UA
requires, the XMP claim, and a structure tree that carries every piece of real content in
reading order, with headings, lists, links and figures as what they are.
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from broadside.content.loader import load_campaign
from broadside.content.markdown import render_block
from tests.conftest import SEED_CONTENT, run_cli
from tests.reading import squash
from tests.structure import Element, structure, tagged_mcids, text_runs

TITLE = "Amazon employees protest sale of face recognition software to police"
ASK = "We demand a choice in what we build, and a say in how it is used."


@pytest.fixture(scope="module")
def brief(seed_build: Path) -> Path:
    return seed_build / "brief.pdf"


@pytest.fixture(scope="module")
def tree(brief: Path) -> Element:
    return structure(brief)


def test_catalog_says_tagged_titled_and_in_which_language(brief: Path) -> None:
    with pikepdf.open(brief) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "en"
        assert root.ViewerPreferences.DisplayDocTitle is True  # title bar shows the title
        assert "/StructTreeRoot" in root
        for page in pdf.pages:  # tab order follows the structure
            assert page.Tabs == "/S" and "/StructParents" in page
        with pdf.open_metadata() as xmp:
            assert xmp["pdfuaid:part"] == "1"
            assert xmp["dc:title"] == TITLE == str(pdf.docinfo.Title)


def test_headings_are_real_headings_in_order_and_never_skip_a_level(tree: Element) -> None:
    headings = [(e.tag, squash(e.text).upper()) for e in tree.walk() if re.fullmatch(r"H\d", e.tag)]
    assert headings == [
        ("H1", squash(ASK).upper()),  # the cover: the campaign's ask
        ("H2", "THEDEMANDS"),
        ("H2", "INTHISBRIEF"),  # a short brief's contents, on its cover
        ("H1", squash(TITLE).upper()),  # the report
        ("H1", squash("The employees’ letter to Jeff Bezos").upper()),
        ("H2", "THEDEMANDS"),
        ("H1", "SOURCESANDCREDITS"),
    ]
    assert_no_skipped_levels(tree)


def assert_no_skipped_levels(tree: Element) -> None:
    level = 0
    for element in tree.walk():
        if re.fullmatch(r"H\d", element.tag):
            assert int(element.tag[1]) <= level + 1, f"{element.tag} after H{level}"
            level = int(element.tag[1])


def test_demands_are_numbered_lists_with_labels(tree: Element) -> None:
    demand_lists = [e for e in tree.walk() if e.tag == "L" and e.text.startswith("1.")]
    assert len(demand_lists) == 2  # the cover's and the letter's
    for demands in demand_lists:
        items = [child for child in demands.children if child.tag == "LI"]
        assert len(items) == 3
        for number, item in enumerate(items, start=1):
            assert [child.tag for child in item.children] == ["Lbl", "LBody"]
            assert item.children[0].text.strip() == f"{number}."
        assert items[0].children[1].text.startswith("Stop selling facial recognition")


def test_contents_is_a_list_of_links_to_the_pages_they_name(tree: Element) -> None:
    heading = next(e for e in tree.walk() if e.tag == "H2" and e.text == "In this brief")
    contents = next(
        e
        for e in tree.walk()
        if e.tag == "TOC" and e.page == heading.page and "The report" in e.text
    )
    entries = [e for e in contents.walk() if e.tag == "TOCI"]
    assert len(entries) == 4  # report, letter, its demands, sources
    targets = [
        next(link.annotation_pages[0] for link in entry.walk() if link.tag == "Link")
        for entry in entries
    ]
    assert targets == [2, 3, 4, 5]


def test_every_piece_of_text_is_tagged_or_an_artifact(brief: Path) -> None:
    tagged = tagged_mcids(brief)
    for run in text_runs(brief):
        assert ("Artifact" in run.marks) != ((run.page, run.mcid) in tagged), run


def test_running_headers_and_footers_are_artifacts_not_read_aloud(
    brief: Path, tree: Element
) -> None:
    artifacts = "".join(run.text for run in text_runs(brief) if "Artifact" in run.marks)
    assert "Page 2 of 5" in artifacts and "Page 5 of 5" in artifacts
    assert "Page 2 of" not in tree.text
    # The running head (the cover's ask) is an artifact on every page it is on: in the tree,
    # the ask is read once, as the cover's heading.
    assert squash(ASK) in squash(artifacts)
    assert squash(tree.text).count(squash(ASK)) == 1


def test_reading_order_follows_the_text(tree: Element) -> None:
    """Every paragraph of the report, then of the letter, is in the structure in order."""
    campaign = load_campaign(SEED_CONTENT)
    paragraphs = [
        paragraph
        for body in (campaign.article.body, campaign.letter.body)
        for paragraph in body.split("\n\n")
        if paragraph.strip()
    ]
    assert len(paragraphs) > 10
    text = squash(tree.text)
    position = 0
    for paragraph in paragraphs:
        found = text.find(squash(paragraph), position)
        assert found >= position, paragraph[:60]
        position = found


def test_a_missing_photo_is_not_a_figure_without_alt(tree: Element) -> None:
    """The seed has no photo file: its placeholder is text, not an image with no description."""
    assert [e for e in tree.walk() if e.tag == "Figure"] == []
    assert "Photograph not reproduced" in tree.text


def test_pictures_are_figures_with_their_alt_text(make_campaign, tmp_path: Path) -> None:
    root = make_campaign(
        article={
            "figure": {
                "file": "photos/lead.png",
                "alt": "Workers with placards",
                "caption": "Outside the office.",
            }
        },
        article_body="A paragraph.\n\n![A chart of signatures by week](photos/chart.png)\n",
    )
    (root / "photos").mkdir()
    Image.new("RGB", (300, 200), (200, 60, 60)).save(root / "photos" / "lead.png")
    Image.new("RGB", (300, 150), (60, 60, 200)).save(root / "photos" / "chart.png")
    out = tmp_path / "out"
    result = run_cli("build", root, "--out", out)
    assert result.exit_code == 0, result.output
    figures = [e for e in structure(out / "brief.pdf").walk() if e.tag == "Figure"]
    assert [figure.alt for figure in figures] == [
        "Workers with placards",
        "A chart of signatures by week",
    ]


def test_body_headings_never_skip_a_level() -> None:
    html = render_block("## Background\n\ntext\n\n#### Detail\n\n# Top", lang="en", doc_id="a")
    assert re.findall(r"<(h\d)[ >]", html) == ["h2", "h3", "h2"]
