"""The structure tree a screen reader walks, built by Broadside (pdf/structure.py, pdf/tagged.py).

Checked in real briefs and flyers: one element per paragraph and per section whatever the
pages, languages announced, the contents as TOC, lists and term lists as lists, pictures
with their text and size, links described, nothing empty or nested in itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest

from broadside.content.loader import load_campaign
from tests.builds import CAMPAIGNS, LONG, SIGNED, build
from tests.reading import bookmarks, fonts, squash
from tests.structure import Element, structure


def brief(factory: pytest.TempPathFactory, campaign: str, variant: str = "plain") -> Path:
    return build(factory, campaign, variant) / "brief.pdf"


@pytest.fixture(scope="module")
def long_tree(tmp_path_factory: pytest.TempPathFactory) -> Element:
    return structure(brief(tmp_path_factory, LONG))


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return brief(tmp_path_factory, "bilingual")


def paragraphs(*bodies: str) -> list[str]:
    return [part for body in bodies for part in body.split("\n\n") if part.strip()]


def test_a_paragraph_that_crosses_a_page_is_still_one_paragraph(
    long_tree: Element, tmp_path_factory: pytest.TempPathFactory
) -> None:
    campaign = load_campaign(CAMPAIGNS["seed"])
    texts = [squash(p.text) for p in long_tree.walk() if p.tag == "P"]
    for paragraph in paragraphs(campaign.article.body, campaign.letter.body):
        # Each paragraph of the source is the whole text of one P, four times over.
        assert texts.count(squash(paragraph)) == 4, paragraph[:60]
    with pikepdf.open(brief(tmp_path_factory, LONG)) as pdf:
        spanning = [
            e
            for e in _elements(pdf)
            if e.get("/S") == "/P"
            and any(isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR" for k in e.K)
        ]
    assert spanning, "no paragraph crosses a page in the long brief: make it longer"


def test_each_section_is_one_element_whatever_the_pages(long_tree: Element) -> None:
    document = long_tree.children[0]
    assert [child.tag for child in document.children] == ["Sect", "Sect", "Art", "Art", "Sect"]
    article, letter = document.children[2], document.children[3]
    assert len({e.page for e in article.walk() if e.page}) > 1  # the article spans pages
    assert len({e.page for e in letter.walk() if e.page}) > 1  # and so does the letter


def _elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    found = []
    stack = [pdf.Root.StructTreeRoot.K]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            found.append(node)
            stack.append(node.get("/K", pikepdf.Array()))
    return found


def test_a_letter_in_german_is_announced_as_german(bilingual: Path) -> None:
    tree = structure(bilingual)
    with pikepdf.open(bilingual) as pdf:
        assert str(pdf.Root.Lang) == "en"
    letter = [e for e in tree.walk() if e.tag == "Art"][1]
    assert letter.lang == "de"
    # Broadside's own words inside it are English, and say so.
    label = next(e for e in letter.walk() if e.text == "The letter")  # the opener's label
    assert label.lang == "en"
    demands = next(e for e in letter.walk() if e.tag == "H2")
    assert demands.text == "The demands" and demands.lang == "en"
    # German inside English: the letter's title in "In this brief" (a short brief has no
    # contents page), its signature in the sources.
    glance = next(e for e in tree.walk() if e.tag in ("TOC", "L") and "The letter" in e.text)
    assert any(e.lang == "de" and "Hafenleitung" in e.text for e in glance.walk())
    sources = tree.children[0].children[-1]
    assert any(e.lang == "de" and "Beschäftigten" in e.text for e in sources.walk())


def test_the_signatories_of_a_german_letter_are_german_under_english_labels(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    tree = structure(brief(tmp_path_factory, SIGNED))
    section = tree.children[0].children[4]
    assert section.tag == "Sect" and section.lang == "de"
    label, title, count = section.children[:3]
    assert (label.text, label.lang) == ("Signatories", "en")
    assert (title.tag, title.text, title.lang) == ("H1", "Signatories", "en")
    assert count.text.startswith("Signed by") and count.lang == "en"
    groups = [e for e in section.children if e.tag == "H2"]
    assert [(g.text, g.lang) for g in groups] == [("Organisations", "en"), ("People", "en")]


def test_a_language_is_said_only_where_it_changes(bilingual: Path) -> None:
    def walk(element: Element, inherited: str) -> None:
        assert element.lang != inherited, f"{element.tag} repeats /Lang {inherited}"
        for child in element.children:
            walk(child, element.lang or inherited)

    for top in structure(bilingual).children:
        walk(top, "en")


def test_term_and_definition_lists_are_lists_of_labelled_items(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    tree = structure(brief(tmp_path_factory, "seed"))
    sources = tree.children[0].children[-1]
    # The redesigned cover has no term list (its route is a sentence, its foot one line).
    for part, terms in ((sources, ["The report"]),):
        facts = next(e for e in part.walk() if e.tag == "L")
        items = [e for e in facts.children if e.tag == "LI"]
        assert [[c.tag for c in item.children] for item in items] == [["Lbl", "LBody"]] * len(items)
        assert [item.children[0].text for item in items][: len(terms)] == terms


def test_a_picture_is_a_figure_with_its_text_and_its_place_in_points(bilingual: Path) -> None:
    with pikepdf.open(bilingual) as pdf:
        (figure,) = [e for e in _elements(pdf) if e.get("/S") == "/Figure"]
        assert str(figure.Alt).startswith("Cranes on a quay")
        assert figure.A.O == "/Layout"
        bbox = [float(v) for v in figure.A.BBox]
        page = next(i for i, p in enumerate(pdf.pages) if p.obj.objgen == figure.Pg.objgen)
    document = pdfium.PdfDocument(bilingual)
    try:
        (image,) = [o for o in document[page].get_objects() if o.type == raw.FPDF_PAGEOBJ_IMAGE]
        assert bbox == pytest.approx(list(image.get_bounds()), abs=0.5)  # where it is drawn
    finally:
        document.close()
    # Its caption is a sibling, not inside it: a reader hears the alternate text, then the caption.
    tree = structure(bilingual)
    holder = next(e for e in tree.walk() if any(c.tag == "Figure" for c in e.children))
    assert [c.tag for c in holder.children] == ["Figure", "Caption"]


@pytest.mark.parametrize("campaign", ["seed", "rich", "bilingual", LONG, SIGNED])
def test_nothing_is_empty_anonymous_or_nested_in_itself(
    campaign: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    for output in ("brief.pdf", "flyer.pdf"):
        tree = structure(build(tmp_path_factory, campaign, "plain") / output)
        for element in tree.walk()[1:]:
            assert element.tag != "NonStruct", output
            assert element.text.strip() or element.alt or element.children, element.tag
            nested = [c for c in element.children if c.tag == element.tag]
            assert not (element.tag in ("Caption", "P", "Link", "LBody") and nested), element.tag


def test_the_flyer_s_qr_code_is_a_described_figure(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    tree = structure(build(tmp_path_factory, "bilingual", "plain") / "flyer.pdf")
    (figure,) = [e for e in tree.walk() if e.tag == "Figure"]
    assert figure.alt and "example.org/hitzeschutz" in figure.alt


@pytest.mark.parametrize("campaign", ["seed", "bilingual"])
def test_links_are_described_and_never_stacked(
    campaign: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = brief(tmp_path_factory, campaign)
    with pikepdf.open(path) as pdf:
        ids = {str(key) for key, _ in pikepdf.NameTree(pdf.Root.Names.Dests).items()}
        for number, page in enumerate(pdf.pages, 1):
            rects = []
            for annotation in page.obj.get("/Annots", []):
                description = str(annotation.get("/Contents", ""))
                assert description.strip() and description not in ids, (number, description)
                x1, y1, x2, y2 = sorted(map(float, annotation.Rect[::2])) + sorted(
                    map(float, annotation.Rect[1::2])
                )
                rects.append((x1, x2, y1, y2))
            for i, a in enumerate(rects):
                for b in rects[i + 1 :]:
                    inside = b[0] <= a[0] and a[1] <= b[1] and b[2] <= a[2] and a[3] <= b[3]
                    assert not inside, f"page {number}: one link annotation inside another"


@pytest.mark.parametrize("campaign", ["seed", "bilingual", LONG, SIGNED])
def test_no_two_bookmarks_share_a_title(
    campaign: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    titles = [b.title for b in bookmarks(brief(tmp_path_factory, campaign))]
    assert len(titles) == len(set(titles)), titles


def test_font_names_are_postscript_names(tmp_path_factory: pytest.TempPathFactory) -> None:
    for font in fonts(brief(tmp_path_factory, "seed")):
        assert re.fullmatch(r"[A-Z]{6}\+[!-~]+", font.name), font.name
        assert not re.search(r"[\[\](){}<>/%,]", font.name.split("+", 1)[1]), font.name
