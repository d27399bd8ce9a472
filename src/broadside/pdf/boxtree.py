"""Which HTML element drew each piece of tagged content: read from WeasyPrint's box tree.

WeasyPrint 70 tags a PDF page by page, and its structure elements carry nothing of the
HTML element they came from: no id, no `lang`, no attributes. So a paragraph that crosses
a page becomes two paragraphs, a German letter is read with an English voice, and a
contents page is a list of links to bare ids (pdf/structure.py says what Broadside makes
instead). What it needs is known only while the document is laid out: which element each
text box belongs to.

This is the one module that reads WeasyPrint's private layout objects (`Page._page_box`,
the box classes, `box.element`, `box.style`). It visits the boxes of each page in the order
WeasyPrint's tagging (weasyprint/pdf/tags.py) visits them, so the n-th piece found here is
the n-th marked-content sequence in WeasyPrint's structure tree. pdf/structure.py checks
that the two agree page by page and refuses to guess if they do not, and
tests/pdf/test_boxtree.py fails when a WeasyPrint release changes the order. It covers
WeasyPrint 70 (pyproject.toml pins `weasyprint>=70,<71`).
Upstream, this would close WeasyPrint's issue #2903 (structure elements split at page
breaks): https://github.com/Kozea/WeasyPrint/issues/2903
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

SCALE = 0.75  # PDF points per CSS pixel
# The attributes pdf/structure.py reads; anything else stays behind.
KEPT = ("lang", "id", "href", "alt", "role", "scope", "colspan", "rowspan", "aria-label")
HTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class Element:
    """One HTML element, as far as tagging needs it."""

    parent: int | None  # index of its parent element; None for <html>
    tag: str  # "p", "li", "svg"
    attributes: Mapping[str, str] = field(default_factory=dict)  # only those in KEPT
    own_text: str = ""  # its own text (not its children's), spaces collapsed
    title: str | None = None  # an <svg>'s <title>


@dataclass(frozen=True, eq=False)  # each piece is itself: two alike are still two pieces
class Piece:
    """One marked-content sequence WeasyPrint draws: a line's run of text, or a picture."""

    element: int  # index of the element that drew it
    pseudo: str = ""  # "marker", "before" or "after" for generated content
    text: str | None = None  # the text as drawn; None for a picture
    added_hyphen: str = ""  # the hyphen hyphenation added at the end of `text`, if any
    transformed: bool = False  # `text-transform` changed the letters drawn
    spaced: bool = False  # `letter-spacing` pulled the letters apart
    leader: bool = False  # dots drawn by `leader()`
    line_end: bool = False  # the last text drawn on its line
    bbox: tuple[float, float, float, float] | None = None  # a picture's, in PDF points


@dataclass(frozen=True)
class Drawing:
    """A laid-out document: its elements in document order, and each page's pieces in the
    order WeasyPrint tags them."""

    elements: tuple[Element, ...]
    pages: tuple[tuple[Piece, ...], ...]
    meta: Mapping[str, str] = field(default_factory=dict)  # <meta name content> of <head>


def drawing(document: Any) -> Drawing:
    """What each page of a laid-out WeasyPrint `Document` draws, element by element."""
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.absolute import AbsolutePlaceholder

    if not document.pages:
        return Drawing((), ())
    root = next(
        child.element
        for child in document.pages[0]._page_box.children
        if child.element is not None and _local(child.element.tag) == "html"
    )
    index, elements = _elements(root)

    def pieces(
        box: Any, height: float, leader: bool = False, line: int = 0
    ) -> Iterator[tuple[Piece, int]]:
        # The order of weasyprint.pdf.tags._build_box_tree: children (a line box's children
        # in its place), then the box itself if it is a picture; margin boxes stay out.
        # Each piece comes with the line box it is on (0 outside any).
        if isinstance(box, AbsolutePlaceholder):
            box = box._box
        if isinstance(box, boxes.MarginBox):
            return
        leader = leader or box.is_leader
        children = list(box.children) if isinstance(box, boxes.ParentBox) else []
        if box.element_tag == "table" and getattr(box, "is_table_wrapper", False):
            table = box.get_wrapped_table()
            if table is not None:  # tagged as one table, its caption inside
                children = [
                    c for child in children for c in (child.children if child is table else [child])
                ]
        for child in children:
            on = id(child) if isinstance(child, boxes.LineBox) else line
            for item in child.children if isinstance(child, boxes.LineBox) else [child]:
                if isinstance(item, boxes.TextBox):
                    yield _text_piece(item, index, leader), on
                else:
                    yield from pieces(item, height, leader, on)
        if isinstance(box, boxes.ReplacedBox):
            yield _picture_piece(box, index, height), line

    pages = tuple(_line_ends(list(pieces(page._page_box, page.height))) for page in document.pages)
    return Drawing(elements, pages, _meta(root))


def _line_ends(found: list[tuple[Piece, int]]) -> tuple[Piece, ...]:
    """The pieces, the last text of each line marked as such."""
    last = {line: index for index, (piece, line) in enumerate(found) if line and piece.text}
    ends = set(last.values())
    return tuple(
        replace(piece, line_end=True) if index in ends else piece
        for index, (piece, _) in enumerate(found)
    )


def _local(tag: object) -> str:
    """ "p" for "p" or "{http://www.w3.org/1999/xhtml}p"; "svg" for an SVG element."""
    name = str(tag)
    return name.rsplit("}", 1)[-1] if name.startswith("{") else name


def _elements(root: Any) -> tuple[dict[int, int], tuple[Element, ...]]:
    """Every element under `root` in document order, and the index of each (by identity)."""
    index: dict[int, int] = {}
    parents: dict[int, int | None] = {id(root): None}
    found: list[Any] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        index[id(element)] = len(found)
        found.append(element)
        for child in element:
            parents[id(child)] = len(found) - 1
    elements = []
    for element in found:
        parent = parents.get(id(element))
        own = [element.text or ""] + [child.tail or "" for child in element]
        title = None
        if _local(element.tag) == "svg":
            title_element = next((child for child in element if _local(child.tag) == "title"), None)
            title = (
                _collapse("".join(title_element.itertext())) if title_element is not None else None
            )
        elements.append(
            Element(
                parent,
                _local(element.tag),
                {key: value for key, value in element.attrib.items() if key in KEPT},
                _collapse("".join(own)),
                title,
            )
        )
    return index, tuple(elements)


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _meta(root: Any) -> dict[str, str]:
    return {
        element.get("name"): element.get("content", "")
        for element in root.iter()
        if isinstance(element.tag, str) and _local(element.tag) == "meta" and element.get("name")
    }


def _pseudo(box: Any) -> str:
    tag = box.element_tag or ""
    return tag.split("::", 1)[1] if "::" in tag else ""


def _text_piece(box: Any, index: Mapping[int, int], leader: bool) -> Piece:
    style = box.style
    hyphen = style["hyphenate_character"] or ""
    # WeasyPrint appends the hyphenate character only where it breaks a word itself.
    added = hyphen if hyphen and box.text.endswith(hyphen) and hyphen != "-" else ""
    spacing = style["letter_spacing"]
    return Piece(
        index[id(box.element)],
        _pseudo(box),
        box.text,
        added,
        style["text_transform"] not in (None, "none"),
        spacing != "normal" and float(spacing) > 0,
        leader,
    )


def _picture_piece(box: Any, index: Mapping[int, int], height: float) -> Piece:
    x, y = box.content_box_x(), box.content_box_y()
    bbox = (
        x * SCALE,
        (height - y - box.height) * SCALE,
        (x + box.width) * SCALE,
        (height - y) * SCALE,
    )
    return Piece(index[id(box.element)], _pseudo(box), bbox=tuple(round(v, 3) for v in bbox))
