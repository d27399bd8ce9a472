"""A PDF read once, every way the PDF/UA-1 and PDF/A-3B rules look at it.

The rules (pdfua1.py, pdfa3b.py) are veraPDF's, restated over these facts: the file's
bytes, every object, every content stream (pages and form XObjects, with the marked-content
and graphics-state stacks at each operator), the fonts and the glyphs drawn with them,
the structure tree, annotations, XMP, output intents and embedded files. Reusable on any
PDF: `Document(path)`.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pikepdf
from fontTools.ttLib import TTFont

RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"


def words(text: str) -> frozenset[str]:
    """A set of names written as text, one word each."""
    return frozenset(text.split())


STANDARD_TYPES = words(
    """
    Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H
    H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note
    Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form
    """
)

# Every operator ISO 32000-1 defines (Annex A); anything else is "undefined" (PDF/A 6.2.2).
OPERATORS = words(
    """
    b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g gs h i
    ID j J K k l m M MP n q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD Tf TJ Tj TL
    Tm Tr Ts Tw Tz v w W W* y ' "
    """
)
PAINTING = words(
    """
    S s f F f* B B* b b* sh Tj TJ ' " Do EI
    """
)
TEXT_SHOWING = frozenset(["Tj", "TJ", "'", '"'])


@dataclass
class StructElem:
    obj: pikepdf.Object
    type: str  # as written: "P", "Custom"
    standard: str | None  # after role mapping; None if it never reaches a standard type
    circular: bool
    parent: StructElem | None
    has_parent_key: bool
    kids: list[StructElem] = field(default_factory=list)
    mcids: list[tuple[tuple[int, int], int]] = field(default_factory=list)  # (page, mcid)
    annotations: list[pikepdf.Object] = field(default_factory=list)

    def get(self, key: str, default: Any = None) -> Any:
        return self.obj.get(key, default)

    @property
    def kid_types(self) -> str:
        """veraPDF's `kidsStandardTypes`: the kids' standard types joined with '&'."""
        return "&".join(kid.standard or kid.type for kid in self.kids)

    def attribute(self, owner: str, key: str) -> Any:
        attributes = self.obj.get("/A")
        for item in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
            if isinstance(item, pikepdf.Dictionary) and item.get("/O") == owner and key in item:
                return item[key]
        return None


@dataclass(frozen=True)
class Operation:
    """One operator of a content stream, with the state it runs in."""

    stream: str  # "page 3" or "page 3 / XObject /Fm1"
    page: int  # 1-based
    operator: str
    operands: tuple[Any, ...]
    marks: tuple[tuple[str, Any], ...]  # the open marked-content sequences: (tag, properties)
    q_depth: int
    font: pikepdf.Object | None
    rendering_mode: int
    resources: pikepdf.Object | None


@dataclass
class FontFacts:
    obj: pikepdf.Object
    codes: set[int] = field(default_factory=set)  # character codes drawn
    rendering_modes: set[int] = field(default_factory=set)

    @cached_property
    def descendant(self) -> pikepdf.Object | None:
        if self.obj.get("/Subtype") == "/Type0" and "/DescendantFonts" in self.obj:
            return self.obj.DescendantFonts[0]
        return None

    @cached_property
    def descriptor(self) -> pikepdf.Object | None:
        source = self.descendant if self.descendant is not None else self.obj
        return source.get("/FontDescriptor")

    @cached_property
    def program(self) -> pikepdf.Object | None:
        if self.descriptor is None:
            return None
        for key in ("/FontFile", "/FontFile2", "/FontFile3"):
            if key in self.descriptor:
                return self.descriptor[key]
        return None

    @cached_property
    def truetype(self) -> TTFont | None:
        if self.program is None or "/FontFile2" not in self.descriptor:
            return None
        try:
            return TTFont(BytesIO(self.program.read_bytes()), lazy=True)
        except Exception:
            return None

    @cached_property
    def to_unicode(self) -> dict[int, str] | None:
        if "/ToUnicode" not in self.obj:
            return None
        return parse_to_unicode(self.obj.ToUnicode.read_bytes())

    def glyph_id(self, code: int) -> int:
        """The glyph a code draws: CID → GID through CIDToGIDMap (Identity, or a stream)."""
        if self.descendant is None:
            return code
        mapping = self.descendant.get("/CIDToGIDMap", pikepdf.Name.Identity)
        if isinstance(mapping, pikepdf.Stream):
            data = mapping.read_bytes()
            return (
                int.from_bytes(data[2 * code : 2 * code + 2], "big")
                if 2 * code + 2 <= len(data)
                else 0
            )
        return code

    def width(self, code: int) -> float | None:
        """The width the PDF declares for a code, in 1/1000 text space units."""
        if self.descendant is not None:
            default = float(self.descendant.get("/DW", 1000))
            widths = self.descendant.get("/W", pikepdf.Array())
            index = 0
            while index < len(widths):
                first = int(widths[index])
                second = widths[index + 1]
                if isinstance(second, pikepdf.Array):
                    if first <= code < first + len(second):
                        return float(second[code - first])
                    index += 2
                else:
                    if first <= code <= int(second):
                        return float(widths[index + 2])
                    index += 3
            return default
        if "/Widths" in self.obj and "/FirstChar" in self.obj:
            position = code - int(self.obj.FirstChar)
            if 0 <= position < len(self.obj.Widths):
                return float(self.obj.Widths[position])
        return None


def parse_to_unicode(data: bytes) -> dict[int, str]:
    """A ToUnicode CMap's code → text, from its bfchar and bfrange sections."""
    mapping: dict[int, str] = {}

    def text(hexadecimal: bytes) -> str:
        raw = bytes.fromhex(hexadecimal.decode())
        return raw.decode("utf-16-be", errors="replace")

    for section in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for source, target in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", section):
            mapping[int(source, 16)] = text(target)
    for section in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for first, last, target in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", section
        ):
            start, end = int(first, 16), int(last, 16)
            if target.startswith(b"["):
                for offset, item in enumerate(re.findall(rb"<([0-9A-Fa-f]*)>", target)):
                    mapping[start + offset] = text(item)
            else:
                base = bytes.fromhex(target[1:-1].decode())
                for offset in range(end - start + 1):
                    value = int.from_bytes(base, "big") + offset
                    mapping[start + offset] = text(value.to_bytes(len(base), "big").hex().encode())
    return mapping


class Document:
    """A PDF, and everything the rules ask of it, computed once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        self.data = path.read_bytes()
        self.pdf = pikepdf.open(path)
        self.root = self.pdf.Root
        self.pages = list(self.pdf.pages)
        self.page_number = {page.obj.objgen: number for number, page in enumerate(self.pages, 1)}

    def __repr__(self) -> str:
        return f"Document({self.path})"

    # ---------- objects ----------

    @cached_property
    def objects(self) -> list[pikepdf.Object]:
        return [obj for obj in self.pdf.objects if obj is not None]

    def walk_values(self) -> Iterator[Any]:
        """Every value in every object, depth first (each indirect object once)."""
        stack: list[Any] = list(self.objects)
        seen: set[tuple[int, int]] = set()
        while stack:
            value = stack.pop()
            if isinstance(value, pikepdf.Object) and value.is_indirect:
                if value.objgen in seen:
                    continue
                seen.add(value.objgen)
            yield value
            if isinstance(value, pikepdf.Stream):
                stack.extend(pikepdf.Name(key) for key in value.stream_dict)
                stack.extend(value.stream_dict.values())
            elif isinstance(value, pikepdf.Dictionary):
                stack.extend(pikepdf.Name(key) for key in value)
                stack.extend(value.values())
            elif isinstance(value, pikepdf.Array):
                stack.extend(value)

    # ---------- content streams ----------

    @cached_property
    def operations(self) -> list[Operation]:
        found: list[Operation] = []
        for number, page in enumerate(self.pages, 1):
            self._run(
                page.obj, page.obj.get("/Resources"), f"page {number}", number, (), 0, found, set()
            )
            for annotation in page.obj.get("/Annots", []):
                appearance = annotation.get("/AP")
                if appearance is not None and isinstance(appearance.get("/N"), pikepdf.Stream):
                    stream = appearance.N
                    self._run(
                        stream,
                        stream.get("/Resources"),
                        f"page {number} annotation",
                        number,
                        (("Artifact", None),),
                        0,
                        found,
                        set(),
                    )
        return found

    def _run(
        self,
        stream: pikepdf.Object,
        resources: pikepdf.Object | None,
        name: str,
        page: int,
        marks: tuple[tuple[str, Any], ...],
        q_depth: int,
        found: list[Operation],
        inside: set[tuple[int, int]],
    ) -> None:
        font = None
        mode = 0
        stack = list(marks)
        depth = q_depth
        fonts_stack: list[tuple[Any, int]] = []
        for instruction in pikepdf.parse_content_stream(stream):
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                found.append(
                    Operation(
                        name,
                        page,
                        "EI",
                        (instruction.iimage.obj,),
                        tuple(stack),
                        depth,
                        font,
                        mode,
                        resources,
                    )
                )
                continue
            operands, operator = instruction.operands, str(instruction.operator)
            if operator in ("BMC", "BDC"):
                properties = operands[1] if operator == "BDC" and len(operands) > 1 else None
                if isinstance(properties, pikepdf.Name) and resources is not None:
                    properties = resources.get("/Properties", {}).get(str(properties))
                stack.append((str(operands[0])[1:], properties))
            elif operator == "q":
                depth += 1
                fonts_stack.append((font, mode))
            elif operator == "Q":
                depth -= 1
                if fonts_stack:
                    font, mode = fonts_stack.pop()
            elif operator == "Tf" and resources is not None:
                font = resources.get("/Font", {}).get(str(operands[0]))
            elif operator == "Tr":
                mode = int(operands[0])
            found.append(
                Operation(
                    name,
                    page,
                    operator,
                    tuple(operands),
                    tuple(stack),
                    depth,
                    font,
                    mode,
                    resources,
                )
            )
            if operator == "EMC" and stack:
                stack.pop()
            if operator == "Do" and resources is not None:
                xobject = resources.get("/XObject", {}).get(str(operands[0]))
                if (
                    isinstance(xobject, pikepdf.Stream)
                    and xobject.get("/Subtype") == "/Form"
                    and xobject.objgen not in inside
                ):
                    self._run(
                        xobject,
                        xobject.get("/Resources", resources),
                        f"{name} / XObject {operands[0]}",
                        page,
                        tuple(stack),
                        depth,
                        found,
                        inside | {xobject.objgen},
                    )

    @cached_property
    def fonts(self) -> list[FontFacts]:
        by_object: dict[tuple[int, int], FontFacts] = {}
        for operation in self.operations:
            if operation.operator not in TEXT_SHOWING or operation.font is None:
                continue
            font = operation.font
            facts = by_object.setdefault(font.objgen, FontFacts(font))
            facts.rendering_modes.add(operation.rendering_mode)
            two_bytes = font.get("/Subtype") == "/Type0"
            strings = (
                [item for item in operation.operands[0] if isinstance(item, pikepdf.String)]
                if operation.operator == "TJ"
                else [operation.operands[-1]]
            )
            for string in strings:
                raw = bytes(string)
                if two_bytes:
                    facts.codes.update(
                        int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw) - 1, 2)
                    )
                else:
                    facts.codes.update(raw)
        return list(by_object.values())

    @cached_property
    def all_font_dicts(self) -> list[pikepdf.Object]:
        return [
            obj
            for obj in self.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"
        ]

    # ---------- structure ----------

    @cached_property
    def role_map(self) -> dict[str, str]:
        tree = self.root.get("/StructTreeRoot")
        if tree is None or "/RoleMap" not in tree:
            return {}
        return {str(key)[1:]: str(value)[1:] for key, value in tree.RoleMap.items()}

    def standard_type(self, name: str) -> tuple[str | None, bool]:
        """A type's standard type through the role map, and whether the mapping is circular."""
        seen = {name}
        current = name
        while current in self.role_map:
            current = self.role_map[current]
            if current in seen:
                return None, True
            seen.add(current)
        return (current if current in STANDARD_TYPES else None), False

    @cached_property
    def structure(self) -> list[StructElem]:
        """Every structure element reachable from the root, in document (pre-)order."""
        tree = self.root.get("/StructTreeRoot")
        if tree is None:
            return []
        elements: list[StructElem] = []
        seen: set[tuple[int, int]] = set()

        def visit(
            node: pikepdf.Object, parent: StructElem | None, page: tuple[int, int] | None
        ) -> None:
            if node.is_indirect:
                if node.objgen in seen:
                    return
                seen.add(node.objgen)
            kind = str(node.get("/S", "/"))[1:]
            standard, circular = self.standard_type(kind)
            element = StructElem(node, kind, standard, circular, parent, "/P" in node)
            elements.append(element)
            if parent is not None:
                parent.kids.append(element)
            if "/Pg" in node:
                page = node.Pg.objgen
            kids = node.get("/K")
            for kid in (
                kids if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids])
            ):
                if isinstance(kid, int):
                    if page is not None:
                        element.mcids.append((page, int(kid)))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    where = kid.Pg.objgen if "/Pg" in kid else page
                    if where is not None:
                        element.mcids.append((where, int(kid.MCID)))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                    element.annotations.append(kid.Obj)
                elif isinstance(kid, pikepdf.Dictionary):
                    visit(kid, element, page)

        kids = tree.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids]):
            visit(kid, None, None)
        return elements

    @cached_property
    def owner_of_mcid(self) -> dict[tuple[tuple[int, int], int], StructElem]:
        return {place: element for element in self.structure for place in element.mcids}

    @cached_property
    def parent_tree(self) -> dict[int, Any]:
        """The ParentTree as key → value (an array for pages, an element for objects)."""
        tree = self.root.get("/StructTreeRoot")
        if tree is None or "/ParentTree" not in tree:
            return {}
        found: dict[int, Any] = {}

        def walk(node: pikepdf.Object) -> None:
            if "/Nums" in node:
                nums = node.Nums
                for index in range(0, len(nums) - 1, 2):
                    found[int(nums[index])] = nums[index + 1]
            for kid in node.get("/Kids", []):
                walk(kid)

        walk(tree.ParentTree)
        return found

    def element_of(self, obj: pikepdf.Object | None) -> StructElem | None:
        if obj is None or not isinstance(obj, pikepdf.Dictionary):
            return None
        return next(
            (element for element in self.structure if element.obj.objgen == obj.objgen), None
        )

    @cached_property
    def annotation_parent(self) -> dict[tuple[int, int], StructElem]:
        return {
            annotation.objgen: element
            for element in self.structure
            for annotation in element.annotations
        }

    @cached_property
    def annotations(self) -> list[tuple[int, pikepdf.Object]]:
        return [
            (number, annotation)
            for number, page in enumerate(self.pages, 1)
            for annotation in page.obj.get("/Annots", [])
        ]

    # ---------- metadata ----------

    @cached_property
    def xmp_bytes(self) -> bytes | None:
        metadata = self.root.get("/Metadata")
        return metadata.read_bytes() if isinstance(metadata, pikepdf.Stream) else None

    @cached_property
    def xmp(self) -> ElementTree.Element | None:
        if self.xmp_bytes is None:
            return None
        text = self.xmp_bytes.decode("utf-8")
        start, end = text.find("<x:xmpmeta"), text.rfind("</x:xmpmeta>")
        if start < 0 or end < 0:
            start, end = text.find("<rdf:RDF"), text.rfind("</rdf:RDF>")
            return ElementTree.fromstring(text[start : end + len("</rdf:RDF>")])
        return ElementTree.fromstring(text[start : end + len("</x:xmpmeta>")])

    def xmp_properties(self) -> Iterator[tuple[str, str, Any]]:
        """(namespace URI, name, value element or attribute text) of each top-level property."""
        if self.xmp is None:
            return
        for description in self.xmp.iter(f"{RDF}Description"):
            for key, value in description.attrib.items():
                if key.startswith("{") and not key.startswith(RDF):
                    namespace, name = key[1:].split("}", 1)
                    yield namespace, name, value
            for child in description:
                namespace, name = child.tag[1:].split("}", 1)
                yield namespace, name, child

    def xmp_value(self, namespace: str, name: str) -> Any:
        return next(
            (
                value
                for ns, local, value in self.xmp_properties()
                if ns == namespace and local == name
            ),
            None,
        )

    def xmp_prefixes(self) -> dict[str, str]:
        """prefix → namespace URI as declared in the packet."""
        if self.xmp_bytes is None:
            return {}
        return {
            prefix.decode(): uri.decode()
            for prefix, uri in re.findall(
                rb'xmlns:([\w.-]+)\s*=\s*["\']([^"\']*)["\']', self.xmp_bytes
            )
        }

    def prefix_used_for(self, namespace: str, name: str) -> str | None:
        """The prefix written before a property of `namespace` called `name`, if any."""
        if self.xmp_bytes is None:
            return None
        for prefix, uri in self.xmp_prefixes().items():
            if uri == namespace and re.search(
                rf"\b{re.escape(prefix)}:{name}\b".encode(), self.xmp_bytes
            ):
                return prefix
        return None

    # ---------- embedded files, intents ----------

    @cached_property
    def file_specs(self) -> list[pikepdf.Object]:
        return [
            obj
            for obj in self.objects
            if isinstance(obj, pikepdf.Dictionary)
            and (obj.get("/Type") == "/Filespec" or "/EF" in obj)
        ]

    @cached_property
    def associated(self) -> set[tuple[int, int]]:
        """File specifications listed in any /AF array."""
        found: set[tuple[int, int]] = set()
        for value in self.walk_values():
            if isinstance(value, pikepdf.Dictionary) and "/AF" in value:
                for spec in value.AF if isinstance(value.AF, pikepdf.Array) else [value.AF]:
                    if isinstance(spec, pikepdf.Dictionary):
                        found.add(spec.objgen)
        return found

    @cached_property
    def output_intents(self) -> list[pikepdf.Object]:
        return list(self.root.get("/OutputIntents", []))

    @cached_property
    def pdfa_output_profile(self) -> bytes | None:
        for intent in self.output_intents:
            if intent.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in intent:
                return intent.DestOutputProfile.read_bytes()
        return None

    # ---------- raw file ----------

    @cached_property
    def decoded_streams(self) -> list[tuple[pikepdf.Object, bytes]]:
        found = []
        for obj in self.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    found.append((obj, obj.read_bytes()))
                except pikepdf.PdfError:
                    continue
        return found

    def raw_object_streams(self) -> Iterator[bytes]:
        """The decoded text of the file's object streams (their objects' syntax)."""
        for obj, data in self.decoded_streams:
            if obj.get("/Type") == "/ObjStm":
                yield data


def inflate(data: bytes) -> bytes:
    return zlib.decompress(data)


# ---------- the file's own syntax ----------


@dataclass(frozen=True)
class RawObject:
    """An indirect object as it sits in the file (not one inside an object stream)."""

    number: int
    offset: int
    header: bytes  # from the object number to the end of the line after "obj"
    preceded_by_eol: bool
    stream: bytes | None  # the bytes between "stream" and "endstream", EOLs included
    declared_length: int | None
    ends_with_endobj_line: bool


def xref_offsets(data: bytes) -> dict[int, int]:
    """Object number → offset of every uncompressed object, from the last xref stream or table."""
    at = data.rfind(b"startxref")
    offset = int(data[at + 9 :].split()[0])
    if data[offset : offset + 4] == b"xref":
        found: dict[int, int] = {}
        lines = data[offset:].split(b"trailer", 1)[0].splitlines()[1:]
        number = 0
        for line in lines:
            parts = line.split()
            if len(parts) == 2:
                number = int(parts[0])
            elif len(parts) == 3:
                if parts[2] == b"n":
                    found[number] = int(parts[0])
                number += 1
        return found
    header_end = data.index(b"stream", offset)
    dictionary = data[offset:header_end]
    widths = [int(w) for w in re.search(rb"/W\s*\[([^\]]*)\]", dictionary).group(1).split()]
    size = int(re.search(rb"/Size\s+(\d+)", dictionary).group(1))
    index_match = re.search(rb"/Index\s*\[([^\]]*)\]", dictionary)
    index = [int(v) for v in index_match.group(1).split()] if index_match else [0, size]
    length = int(re.search(rb"/Length\s+(\d+)", dictionary).group(1))
    start = header_end + len(b"stream")
    start += 2 if data[start : start + 2] == b"\r\n" else 1
    decoded = zlib.decompress(data[start : start + length])
    columns_match = re.search(rb"/Columns\s+(\d+)", dictionary)
    row = sum(widths)
    if columns_match and b"/Predictor" in dictionary:
        decoded = _png_up(decoded, int(columns_match.group(1)))
    found = {}
    position = 0
    for first, count in zip(index[::2], index[1::2], strict=True):
        for number in range(first, first + count):
            entry = decoded[position : position + row]
            position += row
            fields = []
            cursor = 0
            for width in widths:
                fields.append(int.from_bytes(entry[cursor : cursor + width], "big") if width else 1)
                cursor += width
            if fields[0] == 1:
                found[number] = fields[1]
    return found


def _png_up(data: bytes, columns: int) -> bytes:
    """Undo the PNG predictors (per row) qpdf applies to xref streams."""
    out = bytearray()
    previous = bytearray(columns)
    stride = columns + 1
    for start in range(0, len(data), stride):
        kind, row = data[start], bytearray(data[start + 1 : start + stride])
        for i in range(len(row)):
            left = row[i - 1] if i else 0
            up = previous[i]
            if kind == 1:
                row[i] = (row[i] + left) & 0xFF
            elif kind == 2:
                row[i] = (row[i] + up) & 0xFF
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                corner = previous[i - 1] if i else 0
                estimate = left + up - corner
                best = min(
                    (abs(estimate - left), left),
                    (abs(estimate - up), up),
                    (abs(estimate - corner), corner),
                )
                row[i] = (row[i] + best[1]) & 0xFF
        out += row
        previous = row
    return bytes(out)


def raw_objects(data: bytes) -> list[RawObject]:
    found = []
    for number, offset in sorted(xref_offsets(data).items(), key=lambda item: item[1]):
        line_end = re.compile(rb"obj(\r\n|\r|\n)").search(data, offset)
        header = data[offset : line_end.end()] if line_end else data[offset : offset + 20]
        preceded = offset > 0 and data[offset - 1 : offset] in (b"\n", b"\r")
        end = data.find(b"endobj", offset)
        body = data[offset:end]
        stream = None
        declared = None
        keyword = re.search(rb">>\s*stream(\r\n|\n|\r)", body)
        if keyword:
            stream_start = offset + keyword.end()
            stream_end = data.rfind(b"endstream", stream_start, end)
            stream = data[offset + keyword.start() : stream_end + len(b"endstream")]
            length = re.search(rb"/Length\s+(\d+)(\s+(\d+)\s+R)?", body[: keyword.start() + 2])
            if length and not length.group(2):
                declared = int(length.group(1))
        found.append(
            RawObject(
                number,
                offset,
                header,
                preceded,
                stream,
                declared,
                data[end - 1 : end] in (b"\n", b"\r")
                and data[end + 6 : end + 7] in (b"\n", b"\r", b""),
            )
        )
    return found
