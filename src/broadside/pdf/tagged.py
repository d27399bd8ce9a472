"""Broadside's structure tree (pdf/structure.py) written into the PDF WeasyPrint wrote.

WeasyPrint 70 writes a structure tree page by page: a paragraph that crosses a page is two
paragraphs, the contents page is a pile of nested links to bare ids, a German letter is
not marked as German. Its tree is replaced here by the planned one; its marked content
(which MCID is which piece of text) and its annotations are kept, and re-marked where the
plan says so (pdf/marks.py: artifacts, /ActualText).

Each link annotation goes inside its Link element, once per place it covers (annotations
nested inside another of the same link are dropped), with a description: the link's text
and, for a link inside the document, the page it leads to. How that reads in the
document's language comes from `<meta name="broadside:link-to-page" content="…">`, with
`{text}` and `{page}` in it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name

from broadside.pdf.boxtree import Drawing, Piece
from broadside.pdf.marks import Artifact, Mark, Spoken
from broadside.pdf.structure import Node, Plan

LINK_TO_PAGE = "broadside:link-to-page"  # <meta name=…>: how a link inside the document reads
DEFAULT_LINK_TO_PAGE = "{text}, page {page}"


class TaggingChanged(RuntimeError):
    """WeasyPrint tagged the document differently from what pdf/boxtree.py read: a WeasyPrint
    release that pdf/boxtree.py does not cover."""


@dataclass(frozen=True)
class Tags:
    """WeasyPrint's structure tree, as far as the rewrite needs it."""

    mcids: tuple[tuple[int, ...], ...]  # each page's MCIDs in WeasyPrint's tagging order
    counts: tuple[int, ...]  # each page's number of MCIDs, running heads' included
    pictures: tuple[frozenset[int], ...]  # each page's MCIDs of Figure elements
    links: tuple[tuple[pikepdf.Object, tuple[tuple[int, int], ...]], ...]  # annotation, MCIDs


def restructure(pdf: pikepdf.Pdf, drawing: Drawing) -> dict[int, dict[int, Mark]]:
    """Replace WeasyPrint's structure tree with Broadside's. Returns, for each page (0-based),
    how its marked content must change (pdf/marks.py)."""
    pages = list(pdf.pages)
    tags = read_tags(pdf, pages)
    check(tags, drawing)
    plan = Plan(drawing, str(pdf.Root.get("/Lang", "")) or "und")
    mcid_of = {
        id(piece): tags.mcids[page][position]
        for page, pieces in enumerate(drawing.pages)
        for position, piece in enumerate(pieces)
    }
    writer = _Writer(pdf, pages, plan, mcid_of)
    document = writer.write(plan.root, None)
    links = _links(pdf, pages, plan, tags, writer)
    nums: list[object] = []
    for number, page in enumerate(pages):
        owners = writer.owners.get(number, {})
        nums += [number, Array([owners.get(mcid) for mcid in range(tags.counts[number])])]
        page.obj.StructParents = number
    for key, (annotation, owner) in enumerate(links, start=len(pages)):
        annotation.StructParent = key
        nums += [key, owner]
    root = pdf.make_indirect(
        Dictionary(
            Type=Name.StructTreeRoot,
            K=document,
            ParentTree=pdf.make_indirect(Dictionary(Nums=Array(nums))),
            ParentTreeNextKey=len(pages) + len(links),
        )
    )
    document.P = root
    pdf.Root.StructTreeRoot = root
    return _marks(drawing, plan, tags, mcid_of)


def read_tags(pdf: pikepdf.Pdf, pages: Sequence[pikepdf.Page]) -> Tags:
    """MCIDs per page in the order WeasyPrint's tree lists them, and its link annotations."""
    page_of = {page.obj.objgen: number for number, page in enumerate(pages)}
    mcids: list[list[int]] = [[] for _ in pages]
    pictures: list[set[int]] = [set() for _ in pages]
    links: list[tuple[pikepdf.Object, list[tuple[int, int]]]] = []
    open_links: list[list[tuple[int, int]]] = []

    def walk(node: pikepdf.Object, page: int) -> None:
        if "/Pg" in node:
            page = page_of[node.Pg.objgen]
        figure = node.get("/S") == "/Figure"
        own: list[tuple[int, int]] | None = None
        kids = node.get("/K", Array())
        for kid in kids if isinstance(kids, Array) else [kids]:
            if isinstance(kid, int):
                mcids[page].append(int(kid))
                if figure:
                    pictures[page].add(int(kid))
                for found in open_links:
                    found.append((page, int(kid)))
            elif kid.get("/Type") == "/OBJR":
                own = []
                links.append((kid.Obj, own))
                open_links.append(own)
            elif kid.get("/Type") == "/MCR":
                raise TaggingChanged("WeasyPrint now writes marked-content references")
            else:
                walk(kid, page)
        if own is not None:
            open_links.pop()  # the innermost open link is this one

    for top in pdf.Root.StructTreeRoot.K:
        walk(top, -1)
    tree = pdf.Root.StructTreeRoot.ParentTree.Nums
    sizes = {int(tree[index]): len(tree[index + 1]) for index in range(0, len(tree), 2)}
    return Tags(
        tuple(tuple(found) for found in mcids),
        tuple(sizes.get(int(page.obj.get("/StructParents", -1)), 0) for page in pages),
        tuple(frozenset(found) for found in pictures),
        tuple((annotation, tuple(found)) for annotation, found in links),
    )


def check(tags: Tags, drawing: Drawing) -> None:
    """WeasyPrint tagged, page by page, the pieces pdf/boxtree.py read, in the same order."""
    if len(tags.mcids) != len(drawing.pages):
        raise TaggingChanged(f"{len(tags.mcids)} pages tagged, {len(drawing.pages)} drawn")
    for number, (mcids, pieces) in enumerate(zip(tags.mcids, drawing.pages, strict=True), 1):
        pictures = {mcid for mcid, piece in zip(mcids, pieces, strict=False) if piece.text is None}
        if len(mcids) != len(pieces) or pictures != tags.pictures[number - 1]:
            raise TaggingChanged(
                f"page {number}: WeasyPrint tagged {len(mcids)} pieces, Broadside read "
                f"{len(pieces)}; pdf/boxtree.py covers WeasyPrint 70"
            )


class _Writer:
    """Writes planned nodes as structure elements; remembers who owns each MCID."""

    def __init__(
        self,
        pdf: pikepdf.Pdf,
        pages: Sequence[pikepdf.Page],
        plan: Plan,
        mcid_of: Mapping[int, int],
    ) -> None:
        self.pdf, self.pages, self.plan, self.mcid_of = pdf, pages, plan, mcid_of
        self.owners: dict[int, dict[int, pikepdf.Object]] = {}  # page → MCID → element
        self.written: dict[int, pikepdf.Object] = {}  # id(node) → its structure element

    def write(self, node: Node, parent: pikepdf.Object | None) -> pikepdf.Object:
        element = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + node.role)))
        if parent is not None:
            element.P = parent
        self.written[id(node)] = element
        page = next((self.plan.placed[id(piece)].page for piece in node.pieces()), None)
        if page is not None:
            element.Pg = self.pages[page].obj
        if node.lang:
            element.Lang = pikepdf.String(node.lang)
        if node.alt:
            element.Alt = pikepdf.String(node.alt)
        attributes = {key: _pdf_value(value) for key, value in node.attributes.items()}
        bbox = next((kid.bbox for kid in node.kids if isinstance(kid, Piece) and kid.bbox), None)
        if node.role == "Figure" and bbox:
            attributes.update({"/O": Name.Layout, "/BBox": Array(bbox)})
        if attributes:
            element.A = Dictionary(attributes)
        kids = Array()
        for kid in node.kids:
            if isinstance(kid, Node):
                kids.append(self.write(kid, element))
                continue
            placed = self.plan.placed[id(kid)]
            mcid = self.mcid_of[id(kid)]
            self.owners.setdefault(placed.page, {})[mcid] = element
            if placed.page == page:
                kids.append(mcid)
            else:  # content on another page than the element's first
                kids.append(Dictionary(Type=Name.MCR, Pg=self.pages[placed.page].obj, MCID=mcid))
        element.K = kids
        return element


def _pdf_value(value: object) -> object:
    if isinstance(value, str):
        return Name("/" + value)
    return value


def _links(
    pdf: pikepdf.Pdf,
    pages: Sequence[pikepdf.Page],
    plan: Plan,
    tags: Tags,
    writer: _Writer,
) -> list[tuple[pikepdf.Object, pikepdf.Object]]:
    """Each link annotation attached to its Link element, described, and kept once per
    place it covers. Returns (annotation, its Link element) for the parent tree."""
    piece_at = {
        (page, tags.mcids[page][position]): piece
        for page, pieces in enumerate(plan.drawing.pages)
        for position, piece in enumerate(pieces)
    }
    link_nodes = {
        node.element: node
        for node in plan.root.walk()
        if node.role == "Link" and node.element is not None
    }
    page_of = {page.obj.objgen: number for number, page in enumerate(pages)}
    on_page = {
        annotation.objgen: number
        for number, page in enumerate(pages)
        for annotation in page.obj.get("/Annots", Array())
    }
    by_link: dict[int, list[tuple[int, pikepdf.Object]]] = {}
    dropped: set[tuple[int, int]] = set()
    for annotation, found in tags.links:
        link = _nearest_link(plan, [piece_at[place] for place in found if place in piece_at])
        page = on_page.get(annotation.objgen)
        if link is None or link not in link_nodes or page is None:
            dropped.add(annotation.objgen)  # a link around nothing a reader can reach
            continue
        by_link.setdefault(link, []).append((page, annotation))
    kept: list[tuple[pikepdf.Object, pikepdf.Object]] = []
    pattern = plan.drawing.meta.get(LINK_TO_PAGE, DEFAULT_LINK_TO_PAGE)
    for link, placed in by_link.items():
        node = link_nodes[link]
        element = writer.written[id(node)]
        description = _describe(pdf, plan, node, placed[0][1], pattern, page_of)
        for page, annotation in placed:
            if any(
                other is not annotation and other_page == page and _inside(annotation, other)
                for other_page, other in placed
            ):
                dropped.add(annotation.objgen)  # a leader's or ::after's, inside the link's
                continue
            annotation.Contents = pikepdf.String(description)
            element.K.append(Dictionary(Type=Name.OBJR, Obj=annotation, Pg=pages[page].obj))
            kept.append((annotation, element))
    if dropped:
        for sheet in pages:
            if "/Annots" in sheet.obj:
                sheet.obj.Annots = Array([a for a in sheet.obj.Annots if a.objgen not in dropped])
    return kept


def _nearest_link(plan: Plan, pieces: Sequence[Piece]) -> int | None:
    """The `<a href>` element the pieces are in."""
    for piece in pieces:
        current: int | None = piece.element
        while current is not None:
            element = plan.elements[current]
            if element.tag == "a" and "href" in element.attributes:
                return current
            current = element.parent
    return None


def _inside(annotation: pikepdf.Object, other: pikepdf.Object) -> bool:
    """Whether `annotation`'s rectangle lies within `other`'s (of two alike, the later)."""
    a, b = _rectangle(annotation.Rect), _rectangle(other.Rect)
    slack = 0.5
    within = (
        b[0] - slack <= a[0]
        and b[1] - slack <= a[1]
        and a[2] <= b[2] + slack
        and a[3] <= b[3] + slack
    )
    if within and a == b:
        return bool(other.objgen < annotation.objgen)
    return within


def _rectangle(rect: pikepdf.Object) -> tuple[float, float, float, float]:
    x1, y1, x2, y2 = (float(value) for value in rect)
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


def _describe(
    pdf: pikepdf.Pdf,
    plan: Plan,
    node: Node,
    annotation: pikepdf.Object,
    pattern: str,
    page_of: Mapping[tuple[int, int], int],
) -> str:
    """What a link says it does: its text, and for a link inside the document its page."""
    parts: list[str] = []
    for piece in node.pieces():
        if piece.pseudo or not piece.text:
            continue  # generated content: a TOC entry's leader and page number
        words = plan.spoken.get(id(piece), piece.text).strip()
        joined = parts and parts[-1].endswith("\u00ad")  # a word hyphenation broke
        parts.append(words if not parts or joined else " " + words)
        if piece.added_hyphen:
            parts[-1] += "\u00ad"
    text = "".join(parts).replace("\u00ad", "").strip()
    action = annotation.get("/A")
    if action is not None and action.get("/S") == "/URI":
        return text or str(action.URI)
    target = _target_page(pdf, annotation, page_of)
    if target is None:
        return text or "link"
    return pattern.replace("{text}", text).replace("{page}", str(target + 1)).strip(", ")


def _target_page(
    pdf: pikepdf.Pdf, annotation: pikepdf.Object, page_of: Mapping[tuple[int, int], int]
) -> int | None:
    destination = annotation.get("/Dest")
    action = annotation.get("/A")
    if destination is None and action is not None and action.get("/S") == "/GoTo":
        destination = action.D
    if isinstance(destination, pikepdf.String | Name) and "/Names" in pdf.Root:
        names = pdf.Root.Names
        if "/Dests" in names:
            destination = pikepdf.NameTree(names.Dests).get(str(destination))
    if isinstance(destination, Dictionary):
        destination = destination.get("/D")
    if isinstance(destination, Array) and len(destination):
        return page_of.get(destination[0].objgen)
    return None


def _marks(
    drawing: Drawing, plan: Plan, tags: Tags, mcid_of: Mapping[int, int]
) -> dict[int, dict[int, Mark]]:
    """How each page's marked content changes: artifacts, and text a reader should hear."""
    marks: dict[int, dict[int, Mark]] = {}
    for page, pieces in enumerate(drawing.pages):
        drawn = {mcid_of[id(piece)] for piece in pieces}
        # Running heads and footers: WeasyPrint tags them but leaves them out of its tree.
        page_marks: dict[int, Mark] = {
            mcid: Artifact() for mcid in range(tags.counts[page]) if mcid not in drawn
        }
        for piece in pieces:
            mcid = mcid_of[id(piece)]
            if id(piece) in plan.decoration:
                page_marks[mcid] = Artifact()
            elif id(piece) in plan.spoken:
                page_marks[mcid] = Spoken(plan.spoken[id(piece)])
        marks[page] = page_marks
    return marks
