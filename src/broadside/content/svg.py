"""An SVG logo made safe to draw: read without a DTD or entities, held to an allow-list, and
written anew from what was allowed. The renderer only ever sees the new document.

An SVG is a program's worth of features: scripts, links, other documents pulled in by
`href`, `url()` and `@import`, entities that expand to gigabytes, `<use>` that copies copies.
A logo needs shapes, text, gradients, clipping and perhaps a picture of its own, so that is
all that passes. Whatever else is found is refused with the line it is on and what it is,
except the bookkeeping drawing programs leave (Inkscape's, Illustrator's, Sketch's, RDF
metadata, `data-*` attributes), which is dropped: it never draws anything.

What a logo may refer to: its own parts (`#id`), and pictures embedded in it as `data:`
URLs, which are held to the same checks as every other picture (content/images.py) and
written back as the picture Pillow recognised, never as the type the file claimed.
"""

from __future__ import annotations

import base64
import binascii
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import tinycss2

from broadside.content import characters
from broadside.content.images import check_image_data, read_header

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"

MAX_BYTES = 2 * 1024 * 1024  # a logo with a picture inside; a drawing alone is far smaller
# Counted with every copy <use> makes. A traced logo has a few thousand; each element is
# drawn wherever the logo is (cover, sources page, flyer): 5,000 paths add about 5 s of CPU
# to a build (docs/limits.md).
MAX_ELEMENTS = 5_000
MAX_DEPTH = 32  # groups in groups
MAX_DRAWN_DEPTH = 48  # groups in groups, each <use> adding the depth of what it copies
MAX_PICTURES = 8

# Drawn, or needed to draw: shapes, text, paint servers, clipping, structure.
ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "symbol", "use",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "textPath",
        "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask",
        "image", "style",
    }
)  # fmt: skip
# Never drawn: left out of the new document, with everything inside them.
SILENT_ELEMENTS = frozenset({"title", "desc", "metadata"})
# Why the usual suspects are refused, in the words of the message.
REASONS = {
    "script": "logos run no scripts",
    "foreignObject": "it embeds a web page",
    "a": "a logo is not a link",
    "iframe": "it embeds a web page",
    "filter": "filters are not printed: flatten the effect in your drawing program",
    "animate": "a printed logo does not move",
    "animateTransform": "a printed logo does not move",
    "animateMotion": "a printed logo does not move",
    "set": "a printed logo does not move",
    "font": "SVG fonts are not printed: convert the text to outlines",
    "font-face": "SVG fonts are not printed: convert the text to outlines",
}
# Namespaces of drawing programs' bookkeeping: elements and attributes in them are dropped.
EDITOR_NAMESPACES = (
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://creativecommons.org/ns#",
    "http://web.resource.org/cc/",
    "http://ns.adobe.com/",
    "http://www.bohemiancoding.com/sketch/ns",
    "http://www.serif.com/",
    "http://www.figma.com/",
)

# Presentation and geometry: what an attribute or a `style` declaration may set.
PROPERTIES = frozenset(
    {
        "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap",
        "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset",
        "stroke-opacity", "opacity", "color", "stop-color", "stop-opacity", "clip-path",
        "clip-rule", "mask", "display", "visibility", "overflow", "paint-order",
        "vector-effect", "shape-rendering", "text-rendering", "image-rendering",
        "color-interpolation", "mix-blend-mode", "isolation",
        "font", "font-family", "font-size", "font-weight", "font-style", "font-variant",
        "font-stretch", "text-anchor", "letter-spacing", "word-spacing", "text-decoration",
        "dominant-baseline", "alignment-baseline", "baseline-shift", "writing-mode",
        "direction", "unicode-bidi", "transform", "transform-origin",
    }
)  # fmt: skip
ATTRIBUTES = PROPERTIES | frozenset(
    {
        "id", "class", "style", "version", "baseProfile", "viewBox", "preserveAspectRatio",
        "x", "y", "width", "height", "rx", "ry", "cx", "cy", "r", "fx", "fy", "fr",
        "x1", "y1", "x2", "y2", "d", "points", "pathLength", "offset", "dx", "dy", "rotate",
        "textLength", "lengthAdjust", "startOffset", "method", "spacing", "side",
        "gradientUnits", "gradientTransform", "spreadMethod", "patternUnits",
        "patternContentUnits", "patternTransform", "clipPathUnits", "maskUnits",
        "maskContentUnits", "lang",
    }
)  # fmt: skip
SILENT_ATTRIBUTES = frozenset(
    {"enable-background", "role", "focusable", "tabindex", "type", "media"}
)
SILENT_PREFIXES = ("data-", "aria-")
# Functions a value may call; `url()` only for the logo's own parts.
FUNCTIONS = frozenset(
    {
        "url", "rgb", "rgba", "hsl", "hsla", "calc",
        "matrix", "translate", "translatex", "translatey", "scale", "scalex", "scaley",
        "rotate", "skewx", "skewy",
    }
)  # fmt: skip
# Where `href` may point to another part of the logo.
LOCAL_HREF = frozenset({"use", "linearGradient", "radialGradient", "pattern", "textPath"})

OWN_PARTS = "a logo may refer only to its own parts (#id), never to a file or an address"
LOADS_NOTHING = "a logo loads nothing and defines nothing beyond its own shapes"

_CHECKED = ("d", "points", "viewBox", "id", "class")  # by pattern; other values as CSS
_NAMES = re.compile(r"^[\w.:\- ]*$")
_LOCAL = re.compile(r"^#[A-Za-z_][\w.:\-]*$")
_PATH_DATA = re.compile(r"^[MmZzLlHhVvCcSsQqTtAa0-9eE.,+\-\s]*$")
_NUMBERS = re.compile(r"^[0-9eE.,+\-\s]*$")
_DATA_URL = re.compile(r"^data:image/[\w.+-]+(?:;[\w=.+-]+)*;base64,([A-Za-z0-9+/=\s]*)$", re.S)
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*(px|pt|mm|cm|in|pc)?\s*$")
_PX_PER_UNIT = {None: 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "mm": 96 / 25.4}
_PX_PER_UNIT["cm"] = 10 * _PX_PER_UNIT["mm"]


class Refused(Exception):
    """The SVG cannot be used; `line` is where (when known). The message says what was found
    and why, as words that follow "the logo": "holds <script>: logos run no scripts"."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


@dataclass(frozen=True)
class SafeSvg:
    data: bytes  # the new document: UTF-8 SVG, nothing in it but what was allowed
    width: float  # its size in CSS px (the viewBox's, when it has no size of its own)
    height: float
    pictures: tuple[str, ...]  # the data: URLs of pictures inside it, as written there


def sanitise(data: bytes) -> SafeSvg:
    """`data` as a safe SVG document; `Refused` with the reason if it cannot be one."""
    if len(data) > MAX_BYTES:
        raise Refused(
            None,
            f"is {len(data) / 2**20:.1f} MB; the limit for an SVG logo is {MAX_BYTES // 2**20} MB",
        )
    root, lines = _parse(data)
    return _Sanitiser(lines).document(root)


def _parse(data: bytes) -> tuple[ET.Element, dict[ET.Element, int]]:
    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
    from defusedxml.ElementTree import DefusedXMLParser

    builder = _Lines()
    parser = DefusedXMLParser(
        target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    builder.parser = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except DTDForbidden:
        what = "a DOCTYPE that declares entities" if b"<!ENTITY" in data else "a DOCTYPE"
        raise Refused(
            parser.parser.CurrentLineNumber,
            f"has {what}: a logo may not declare a DTD or entities (they can expand to "
            "gigabytes, or read other files); delete the <!DOCTYPE …> declaration, or "
            "export the SVG again as plain SVG",
        ) from None
    except (EntitiesForbidden, ExternalReferenceForbidden):
        raise Refused(
            parser.parser.CurrentLineNumber,
            "declares entities: a logo may not (they can expand to gigabytes, or read other "
            "files); export the SVG again as plain SVG",
        ) from None
    except ET.ParseError as error:
        line, column = error.position
        reason = str(error).split(":")[0]
        raise Refused(line, f"is not well-formed XML ({reason}, column {column + 1})") from None
    except UnicodeError:
        raise Refused(None, "is not UTF-8 (or UTF-16) text; export it again") from None
    return root, builder.lines


class _Lines(ET.TreeBuilder):
    """A tree builder that remembers the line each element starts on."""

    parser: Any = None

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[ET.Element, int] = {}

    def start(self, tag: Any, attrs: Any) -> ET.Element:
        element = super().start(tag, attrs)
        if self.parser is not None:
            self.lines[element] = self.parser.CurrentLineNumber
        return element


class _Sanitiser:
    def __init__(self, lines: dict[ET.Element, int]) -> None:
        self.lines = lines
        self.pictures: list[str] = []
        self.count = 0
        self.ids: dict[str, ET.Element] = {}
        self.safe: set[str] = set()  # attribute values already found to refer to nothing

    def document(self, root: ET.Element) -> SafeSvg:
        namespace, name = _split(root.tag)
        if name != "svg" or namespace not in (SVG, ""):
            raise Refused(
                self.lines.get(root, 1), f"is not an SVG picture (it starts with <{name}>)"
            )
        self.svg_namespace = namespace
        width, height = self._size(root)
        clean = self._element(root, depth=0)
        assert clean is not None
        for attribute in ("x", "y", "width", "height"):
            clean.attrib.pop(attribute, None)
        clean.set("viewBox", clean.get("viewBox") or f"0 0 {_number(width)} {_number(height)}")
        clean.set("width", _number(width))
        clean.set("height", _number(height))
        self._count_copies(clean)
        clean.attrib = {"xmlns": SVG, **clean.attrib}
        data = ET.tostring(clean, encoding="utf-8", xml_declaration=False)
        return SafeSvg(data, width, height, tuple(self.pictures))

    # ---------- elements ----------

    def _element(self, element: ET.Element, depth: int) -> ET.Element | None:
        """The allowed copy of `element` and what it holds, or None when it is dropped."""
        line = self.lines.get(element)
        namespace, name = _split(element.tag)
        if namespace.startswith(EDITOR_NAMESPACES):
            return None
        if namespace != self.svg_namespace:
            origin = f"from {namespace}" if namespace else "without a namespace"
            raise Refused(line, f"holds <{name}> {origin}, which is not SVG")
        if name in SILENT_ELEMENTS:
            return None
        if name not in ELEMENTS:
            reason = REASONS.get(name, "a logo holds only shapes, text, gradients and pictures")
            raise Refused(line, f"holds <{name}>: {reason}")
        if depth > MAX_DEPTH:
            raise Refused(line, f"is nested more than {MAX_DEPTH} groups deep")
        self.count += 1
        if self.count > MAX_ELEMENTS:
            raise Refused(None, f"has more than {MAX_ELEMENTS:,} elements")
        # Unqualified names, with the namespace declared once on the root: ElementTree
        # cannot write a default namespace beside unqualified attributes.
        clean = ET.Element(name, self._attributes(element, name, line))
        if "id" in clean.attrib:
            self.ids.setdefault(clean.attrib["id"], clean)
        if name == "style":
            clean.text = self._stylesheet(element.text or "", line)
            return clean
        if name in ("text", "tspan", "textPath"):
            clean.text = self._words(element.text, line)
        for child in element:
            kept = self._element(child, depth + 1)
            if kept is not None:
                clean.append(kept)
                if name in ("text", "tspan", "textPath"):
                    kept.tail = self._words(child.tail, self.lines.get(child, line))
        return clean

    def _words(self, text: str | None, line: int | None) -> str | None:
        """Text of the logo, held to the rules of every printed text (content/characters.py):
        it is set in the shipped fonts like the rest of the page."""
        if not text:
            return text
        found = characters.problems(text)
        if found:
            raise Refused(
                line, f"has text that cannot be printed: {found[0]}; or convert it to outlines"
            )
        return text

    # ---------- attributes ----------

    def _attributes(self, element: ET.Element, name: str, line: int | None) -> dict[str, str]:
        kept: dict[str, str] = {}
        for key, value in element.attrib.items():
            namespace, attribute = _split(key)
            if namespace.startswith(EDITOR_NAMESPACES) or attribute.startswith(SILENT_PREFIXES):
                continue
            if attribute == "href" and namespace in ("", XLINK):
                kept["href"] = self._href(value, name, line)
            elif namespace == XML and attribute == "space" and value in ("default", "preserve"):
                kept[key] = value
            elif namespace in (XML, XLINK):
                continue  # xml:lang, xlink:title and the like: never drawn
            elif namespace:
                raise Refused(line, f"has {attribute} on <{name}> from {namespace}, not SVG")
            elif attribute.lower().startswith("on"):
                raise Refused(
                    line, f"has an event handler, {attribute} on <{name}>: logos run no scripts"
                )
            elif attribute in SILENT_ATTRIBUTES:
                continue
            elif attribute not in ATTRIBUTES:
                raise Refused(line, f"has {attribute} on <{name}>, which a logo may not use")
            else:
                kept[attribute] = self._value(attribute, value, name, line)
        return kept

    def _value(self, attribute: str, value: str, name: str, line: int | None) -> str:
        shown = f'{attribute}="{_shorten(value)}" on <{name}>' if attribute in _CHECKED else ""
        if attribute == "style":
            return self._declarations(value, line, f"the style of <{name}>")
        if attribute == "d" and not _PATH_DATA.fullmatch(value):
            raise Refused(line, f"has {shown}: path data holds only commands and numbers")
        if attribute in ("points", "viewBox") and not _NUMBERS.fullmatch(value):
            raise Refused(line, f"has {shown}: it holds only numbers")
        if attribute in ("id", "class") and not _NAMES.fullmatch(value):
            raise Refused(line, f"has {shown}: names hold only letters, digits and - _ . :")
        if attribute not in _CHECKED and value not in self.safe:
            tokens = tinycss2.parse_component_value_list(value)
            _refuse_css(tokens, f"{attribute} on <{name}>", line)
            self.safe.add(value)  # a drawing repeats its few colours and widths many times
        return value

    def _href(self, value: str, name: str, line: int | None) -> str:
        target = value.strip()
        if name in LOCAL_HREF:
            if _LOCAL.fullmatch(target):
                return target
            raise Refused(line, f"refers to '{_shorten(target)}' in <{name}>: {OWN_PARTS}")
        if name == "image":
            return self._picture(target, line)
        raise Refused(
            line, f"has href on <{name}>: only <use>, gradients and pictures refer to anything"
        )

    def _picture(self, target: str, line: int | None) -> str:
        """A picture embedded as a data: URL, checked like any picture, written back as what
        it is; nothing else (a file, an address) is allowed."""
        found = _DATA_URL.fullmatch(target)
        if not found:
            raise Refused(
                line,
                f"refers to '{_shorten(target)}' in <image>: a picture in a logo is embedded "
                "in it (a data: URL of a PNG, JPEG, GIF or WebP), never a file or an address",
            )
        if len(self.pictures) >= MAX_PICTURES:
            raise Refused(line, f"embeds more than {MAX_PICTURES} pictures")
        try:
            picture = base64.b64decode("".join(found.group(1).split()), validate=True)
        except (binascii.Error, ValueError):
            raise Refused(line, "embeds a picture whose data is not valid base64") from None
        refused = check_image_data(picture, "it", decode=True)
        if refused:
            raise Refused(line, f"embeds a picture that cannot be printed: {refused}")
        url = f"data:{read_header(picture).mime};base64,{base64.b64encode(picture).decode()}"
        self.pictures.append(url)
        return url

    # ---------- CSS: style attributes and <style> ----------

    def _declarations(self, text: str, line: int | None, where: str) -> str:
        kept = []
        for item in tinycss2.parse_blocks_contents(text, skip_comments=True, skip_whitespace=True):
            if item.type == "at-rule":
                raise Refused(line, f"uses @{item.at_keyword} in {where}: {LOADS_NOTHING}")
            if item.type != "declaration":
                shown = _shorten(item.serialize())
                raise Refused(line, f"has CSS that cannot be read in {where} ({shown})")
            _refuse_css(item.value, f"{item.name} in {where}", line)
            if item.lower_name in PROPERTIES:
                important = " !important" if item.important else ""
                kept.append(
                    f"{item.lower_name}:{tinycss2.serialize(item.value).strip()}{important}"
                )
        return ";".join(kept)

    def _stylesheet(self, text: str, line: int | None) -> str:
        rules = []
        for rule in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
            if rule.type == "at-rule":
                raise Refused(line, f"uses @{rule.at_keyword} in <style>: {LOADS_NOTHING}")
            if rule.type != "qualified-rule":
                shown = _shorten(rule.serialize())
                raise Refused(line, f"has CSS that cannot be read in <style> ({shown})")
            _refuse_css(rule.prelude, "a selector in <style>", line)
            body = self._declarations(tinycss2.serialize(rule.content), line, "<style>")
            rules.append(f"{tinycss2.serialize(rule.prelude).strip()}{{{body}}}")
        return "\n".join(rules)

    # ---------- size and copies ----------

    def _size(self, root: ET.Element) -> tuple[float, float]:
        """The logo's proportions: its viewBox, else its width and height."""
        line = self.lines.get(root, 1)
        view_box = root.get("viewBox")
        if view_box is not None:
            numbers = [float(n) for n in re.split(r"[\s,]+", view_box.strip()) if _is_number(n)]
            if len(numbers) != 4 or not (numbers[2] > 0 and numbers[3] > 0):
                shown = _shorten(view_box)
                raise Refused(line, f'has viewBox="{shown}", which is not four numbers with a size')
            return numbers[2], numbers[3]
        lengths = [_px(root.get(side)) for side in ("width", "height")]
        if lengths[0] and lengths[1]:
            return lengths[0], lengths[1]
        raise Refused(
            line,
            "has neither a viewBox nor a width and height, so its proportions are unknown: "
            "export it again with a viewBox",
        )

    def _count_copies(self, root: ET.Element) -> None:
        """Refuse a logo that, once every <use> is copied out, has too many elements (ten
        <use> of ten <use> of … is SVG's own billion laughs) or is drawn too deep (each copy
        is drawn inside the <use>, so a chain of them nests as deep as it is long)."""
        memo: dict[int, tuple[int, int]] = {}

        def measure(element: ET.Element, path: frozenset[int]) -> tuple[int, int]:
            """(elements, depth) of `element` drawn with every copy it makes."""
            key = id(element)
            if key in path:
                raise Refused(None, "has a <use> that refers to itself, or to a group holding it")
            if key in memo:
                return memo[key]
            if len(path) >= MAX_DRAWN_DEPTH:  # before going deeper: the stack stays short
                raise _too_deep()
            inside = path | {key}
            parts = [measure(child, inside) for child in element]
            if element.tag == "use":
                target = self.ids.get(element.get("href", "")[1:])
                if target is not None:
                    parts.append(measure(target, inside))
            total = 1 + sum(count for count, _ in parts)
            depth = 1 + max((deep for _, deep in parts), default=0)
            if total > MAX_ELEMENTS:
                raise Refused(
                    None,
                    f"has more than {MAX_ELEMENTS:,} elements once the copies <use> makes are "
                    "counted",
                )
            if depth > MAX_DRAWN_DEPTH:
                raise _too_deep()
            memo[key] = total, depth
            return total, depth

        measure(root, frozenset())


def _too_deep() -> Refused:
    return Refused(
        None,
        f"is drawn more than {MAX_DRAWN_DEPTH} levels deep once the copies <use> makes are counted",
    )


def _refuse_css(tokens: Any, where: str, line: int | None) -> None:
    """Refuse CSS tokens that refer out of the logo or call a function that loads or runs
    something. The tokenizer has decoded escapes, so `\\75 rl(` is seen as url."""
    for token in _walk(tokens):
        if token.type == "url":
            target = token.value
        elif token.type == "function" and token.lower_name == "url":
            arguments = [t for t in token.arguments if t.type not in ("whitespace", "comment")]
            one_string = len(arguments) == 1 and arguments[0].type == "string"
            target = arguments[0].value if one_string else tinycss2.serialize(token.arguments)
        elif token.type == "function" and token.lower_name not in FUNCTIONS:
            raise Refused(line, f"uses {token.name}() in {where}, which a logo may not use")
        elif token.type == "at-keyword":
            raise Refused(line, f"uses @{token.value} in {where}: {LOADS_NOTHING}")
        else:
            continue
        if not _LOCAL.fullmatch(target):
            raise Refused(line, f"refers to '{_shorten(target)}' in {where}: {OWN_PARTS}")


def _walk(tokens: Any) -> Iterator[Any]:
    for token in tokens or ():
        yield token
        if token.type == "function":
            yield from _walk(token.arguments)
        elif token.type in ("() block", "[] block", "{} block"):
            yield from _walk(token.content)


def _split(tag: str) -> tuple[str, str]:
    """`{namespace}name` → (namespace, name)."""
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _px(value: str | None) -> float | None:
    found = _LENGTH.fullmatch(value or "")
    if not found:
        return None
    size = float(found.group(1)) * _PX_PER_UNIT[found.group(2)]
    return size if size > 0 else None


def _number(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
