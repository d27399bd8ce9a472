"""Broadside's structure tree, planned from what each HTML element drew (pdf/boxtree.py).

- one structure element per HTML element, however many pages it spans, in document order;
- `/Lang` on every element whose language differs from its parent's (the document's is the
  catalog's /Lang);
- lists as L > LI > Lbl + LBody, a nested list after its item; a `<dl>` as L > LI > Lbl
  (the term) + LBody (its definitions);
- the lists inside an element with `role="doc-toc"` as TOC > TOCI, each entry its link;
- pictures as Figure with their alternate text and a /BBox in PDF units; a picture with
  empty alternate text is decoration, as are leaders and the spaces WeasyPrint tags;
- inline elements (`em`, `time`, `span`…) are part of their paragraph's text, unless they
  are in another language: then a Span with its /Lang;
- text a reader should get differently from the glyphs drawn (a hyphen hyphenation added,
  capitals set by `text-transform`, letters pulled apart by `letter-spacing`) is spoken as
  written (/ActualText, pdf/marks.py), so copying, searching and reading aloud get the words.

The markup this relies on is HTML's own: element names, `lang`, `alt`, an SVG's `<title>`,
`role="doc-toc"` (DPUB-ARIA). Templates may be redesigned freely as long as they keep it.
Nothing here touches a PDF: pdf/tagged.py writes the plan into the file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from broadside.pdf.boxtree import Drawing, Element, Piece

# HTML element → PDF 1.7 standard structure type (ISO 32000-1, 14.8.4). Elements not listed
# are transparent: their content belongs to the nearest listed ancestor.
ROLES = {
    "article": "Art",
    "section": "Sect",
    "nav": "Sect",
    "main": "Part",
    **dict.fromkeys(("aside", "header", "footer", "div", "figure"), "Div"),
    "figcaption": "Caption",
    "p": "P",
    "pre": "P",
    **{f"h{level}": f"H{level}" for level in range(1, 7)},
    "blockquote": "BlockQuote",
    "q": "Quote",
    "code": "Code",
    **dict.fromkeys(("ul", "ol", "dl"), "L"),
    "li": "LI",
    "dt": "Lbl",
    "dd": "LBody",
    "table": "Table",
    "caption": "Caption",
    "thead": "THead",
    "tbody": "TBody",
    "tfoot": "TFoot",
    "tr": "TR",
    "th": "TH",
    "td": "TD",
    "img": "Figure",
    "svg": "Figure",
}
# Phrasing elements: part of the text around them, or a Span when in another language.
INLINE = frozenset(
    {"a", "span", "em", "strong", "b", "i", "u", "s", "small", "cite", "time", "abbr"}
    | {"sup", "sub", "mark", "bdi", "bdo", "kbd", "var", "samp", "dfn", "data", "ins", "del"}
)
LAST = 1 << 62  # the order of a node without content: after everything


@dataclass(eq=False)
class Node:
    """A structure element to be written."""

    role: str  # its PDF structure type
    element: int | None = None  # the HTML element it stands for; None if Broadside adds it
    lang: str | None = None  # set only where it differs from the parent's
    alt: str | None = None
    attributes: dict[str, object] = field(default_factory=dict)  # its /A entries, by key
    kids: list[Node | Piece] = field(default_factory=list)
    first: int = LAST  # order of its first piece in the document

    def walk(self) -> Iterator[Node]:
        yield self
        for kid in self.kids:
            if isinstance(kid, Node):
                yield from kid.walk()

    def pieces(self) -> Iterator[Piece]:
        for kid in self.kids:
            if isinstance(kid, Node):
                yield from kid.pieces()
            else:
                yield kid


@dataclass(frozen=True)
class Placed:
    """Where a piece is: its page (0-based) and its place in WeasyPrint's tagging order."""

    page: int
    position: int


class Plan:
    """The structure tree for a drawing, and what is decoration or spoken differently."""

    def __init__(self, drawing: Drawing, document_lang: str) -> None:
        self.drawing = drawing
        self.elements = drawing.elements
        self.order: dict[int, int] = {}  # id(piece) → its order in the document
        self.placed: dict[int, Placed] = {}  # id(piece) → where it is
        self.decoration: set[int] = set()  # id(piece) of every artifact
        self.spoken: dict[int, str] = spoken_texts(drawing)  # id(piece) → what a reader gets
        self.root = Node("Document")
        self._languages = _languages(self.elements, document_lang)
        self._toc = self._inside_toc()
        self._nodes: dict[int, Node] = {}  # element index → its node (or its owner's)
        self._build()

    def _build(self) -> None:
        content: dict[int, list[Piece]] = {}
        for page, pieces in enumerate(self.drawing.pages):
            for position, piece in enumerate(pieces):
                self.order[id(piece)] = len(self.order)
                self.placed[id(piece)] = Placed(page, position)
                if self._decoration(piece):
                    self.decoration.add(id(piece))
                else:
                    content.setdefault(piece.element, []).append(piece)
        for index in sorted(content):
            owner = self._owner(index)
            for piece in content[index]:
                (self._label(owner) if piece.pseudo == "marker" else owner).kids.append(piece)
        _order(self.root, self.order)
        _shape(self.root, self.elements)

    def _decoration(self, piece: Piece) -> bool:
        """Leaders, pictures with empty alternate text, and spaces (WeasyPrint tags a space
        between elements even though it draws nothing)."""
        if piece.text is None:
            return not self.alt(piece.element)
        return piece.leader or not piece.text.strip()

    def alt(self, index: int) -> str:
        element = self.elements[index]
        found = (
            element.title or element.attributes.get("alt") or element.attributes.get("aria-label")
        )
        return (found or "").strip()

    def _inside_toc(self) -> set[int]:
        """Elements inside an element with role="doc-toc" (parents come before children)."""
        inside: set[int] = set()
        for index, element in enumerate(self.elements):
            if element.attributes.get("role") == "doc-toc" or element.parent in inside:
                inside.add(index)
        return inside

    def _role(self, index: int) -> str | None:
        element = self.elements[index]
        tag = element.tag
        if tag == "a" and "href" in element.attributes:
            return "Link"
        if index in self._toc and tag in ("ol", "ul"):
            return "TOC"
        if index in self._toc and tag == "li":
            return "TOCI"
        if tag in ROLES:
            return ROLES[tag]
        parent = element.parent
        foreign = parent is not None and self._languages[index] != self._languages[parent]
        return "Span" if tag in INLINE and foreign else None  # a phrase in another language

    def _owner(self, index: int) -> Node:
        """The node of element `index`: its own if it has a role, else its nearest
        ancestor's. Nodes for the ancestors are made on the way down."""
        chain = []
        current: int | None = index
        while current is not None and current not in self._nodes:
            chain.append(current)
            current = self.elements[current].parent
        node = self.root if current is None else self._nodes[current]
        for element in reversed(chain):
            role = self._role(element)
            if role is not None:
                child = Node(role, element)
                if self._languages[element] != self._language(node):
                    child.lang = self._languages[element]
                if role == "Figure":
                    child.alt = self.alt(element)
                node.kids.append(child)
                node = child
            self._nodes[element] = node  # a transparent element's content is its parent's
        return node

    def _language(self, node: Node) -> str:
        return self._languages[node.element if node.element is not None else 0]

    @staticmethod
    def _label(item: Node) -> Node:
        """The Lbl of a list item, for its marker (added first, once)."""
        for kid in item.kids:
            if isinstance(kid, Node) and kid.role == "Lbl" and kid.element is None:
                return kid
        label = Node("Lbl")
        item.kids.insert(0, label)
        return label


def _languages(elements: Sequence[Element], document: str) -> list[str]:
    """Each element's language: its own `lang`, else its parent's, else the document's."""
    found: list[str] = []
    for element in elements:
        inherited = found[element.parent] if element.parent is not None else document
        found.append(element.attributes.get("lang") or inherited)
    return found


def _order(node: Node, order: Mapping[int, int]) -> int:
    """Sort every node's kids into reading order; returns the node's first piece's order."""
    keyed = [
        (_order(kid, order) if isinstance(kid, Node) else order[id(kid)], kid) for kid in node.kids
    ]
    keyed.sort(key=lambda pair: pair[0])
    node.kids = [kid for _, kid in keyed]
    node.first = keyed[0][0] if keyed else LAST
    return node.first


def _nodes(kids: Sequence[Node | Piece], *roles: str) -> list[Node]:
    return [kid for kid in kids if isinstance(kid, Node) and kid.role in roles]


def _without(kids: Sequence[Node | Piece], taken: Sequence[Node]) -> list[Node | Piece]:
    return [kid for kid in kids if not any(kid is node for node in taken)]


def _shape(node: Node, elements: Sequence[Element]) -> None:
    """What PDF/UA asks of lists, TOCs and tables, where HTML nests them otherwise."""
    for kid in node.kids:
        if isinstance(kid, Node):
            _shape(kid, elements)
    tag = elements[node.element].tag if node.element is not None else None
    if node.role == "LI":
        labels = _nodes(node.kids, "Lbl")
        nested = _nodes(node.kids, "L")
        body = _without(node.kids, labels + nested)
        node.kids = [*labels, *([Node("LBody", kids=body)] if body else []), *nested]
    elif node.role == "L" and tag == "dl":
        node.kids = _definitions(node.kids)
    elif node.role == "TOCI":
        nested = _nodes(node.kids, "TOC")
        node.kids = [*_without(node.kids, nested), *nested]
    if node.role in ("L", "TOC"):
        node.kids = list(_lift(node.kids))
    elif node.role == "Table":
        caption = _nodes(node.kids, "Caption")[:1]
        node.kids = [*caption, *_without(node.kids, caption)]
    elif node.role in ("TH", "TD") and node.element is not None:
        attributes = elements[node.element].attributes
        if node.role == "TH":
            scope = "Row" if attributes.get("scope") == "row" else "Column"
            node.attributes.update({"/O": "Table", "/Scope": scope})
        for name, key in (("colspan", "/ColSpan"), ("rowspan", "/RowSpan")):
            value = attributes.get(name, "1")
            if value.isdigit() and int(value) > 1:
                node.attributes.update({"/O": "Table", key: int(value)})


def _lift(kids: Sequence[Node | Piece]) -> Iterator[Node | Piece]:
    """A list nested in an item follows that item in the list (ISO 32000-1, 14.8.4.3.3)."""
    for kid in kids:
        if isinstance(kid, Node) and kid.role in ("LI", "TOCI"):
            nested = _nodes(kid.kids, "L", "TOC")
            kid.kids = _without(kid.kids, nested)
            yield kid
            yield from nested
        else:
            yield kid


def _definitions(kids: Sequence[Node | Piece]) -> list[Node | Piece]:
    """A term and its definitions as one list item: LI > Lbl (term) + LBody (definitions)."""
    items: list[Node | Piece] = []
    current: Node | None = None
    for kid in kids:
        if isinstance(kid, Node) and kid.role == "Lbl":
            current = Node("LI", kids=[kid], first=kid.first)
            items.append(current)
        elif isinstance(kid, Node) and kid.role == "LBody":
            if current is None:  # a definition without a term
                current = Node("LI", first=kid.first)
                items.append(current)
            current.kids.append(kid)
        else:
            items.append(kid)
    return items


def spoken_texts(drawing: Drawing) -> dict[int, str]:
    """id(piece) → the text a reader should get, for pieces whose glyphs say otherwise:

    - in the letter case written, not as `text-transform` drew it;
    - as one run, not the letters `letter-spacing` pulled apart (text extractors read wide
      gaps as spaces: "T HE LET TER");
    - a word broken at a line end whole: the end of the word moves up to the line that
      starts it, so "Rekogni‐" / "tion technology" read "Rekognition" / " technology" and
      "asylum-" / "seekers have" read "asylum-seekers" / " have". No hyphen hyphenation
      added is ever read, and no extractor drops a hyphen the content wrote (they take a
      hyphen ending a line for hyphenation's).
    """
    pieces = [piece for page in drawing.pages for piece in page if piece.text is not None]
    written: dict[int, str] = {}
    spoken: set[int] = set()
    cursors: dict[int, int] = {}  # per element: how far its text has been matched
    for piece in pieces:
        text = (
            (piece.text or "").removesuffix(piece.added_hyphen)
            if piece.added_hyphen
            else piece.text or ""
        )
        if piece.transformed and not piece.pseudo:
            text = _as_written(
                text, drawing.elements[piece.element].own_text, piece.element, cursors
            )
        written[id(piece)] = text
        if piece.added_hyphen or piece.transformed or piece.spaced:
            spoken.add(id(piece))
    following: dict[int, Piece] = {}  # id(piece) → the next piece of the same element
    latest: dict[int, Piece] = {}
    for piece in pieces:
        if piece.pseudo:
            continue
        if piece.element in latest:
            following[id(latest[piece.element])] = piece
        latest[piece.element] = piece
    for piece in pieces:
        text = written[id(piece)]
        real_hyphen = piece.line_end and not piece.added_hyphen and text.endswith(("-", "\u2010"))
        if not (piece.added_hyphen or real_hyphen):
            continue
        after = following.get(id(piece))
        rest = written[id(after)] if after is not None else ""
        word = rest.split(" ", 1)[0] if rest and not rest[0].isspace() else ""
        if word and word != rest:
            written[id(piece)] = text + word
            written[id(after)] = rest[len(word) :]  # keeps the space that ended the word
            spoken.update((id(piece), id(after)))
        elif real_hyphen:
            # The word ends its line's neighbour too: a word joiner keeps extractors from
            # taking the content's hyphen for hyphenation's and dropping it.
            written[id(piece)] = text + "\u2060"
            spoken.add(id(piece))
    return {key: written[key] for key in spoken}


def _as_written(drawn: str, source: str, element: int, cursors: dict[int, int]) -> str:
    """`drawn` (transformed capitals) in the case `source` has it, where it can be found."""
    found = _find_folded(source, drawn.strip(), cursors.get(element, 0))
    if found is None:
        return drawn
    start, end = found
    cursors[element] = end
    leading = drawn[: len(drawn) - len(drawn.lstrip())]
    return leading + source[start:end] + drawn[len(drawn.rstrip()) :]


def _find_folded(source: str, text: str, start: int) -> tuple[int, int] | None:
    """Where `text` is in `source` from `start` on, letter case aside."""
    folded = source.casefold()
    if not text or len(folded) != len(source):
        return None  # "ß" and friends change length when folded: positions would not match
    at = folded.find(text.casefold(), start)
    return (at, at + len(text)) if at >= 0 else None
