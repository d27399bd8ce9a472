"""PDF/A-3B (ISO 19005-3, level B): the rules of veraPDF's PDFA-3B profile.

Each rule keeps veraPDF's number and description (veraPDF-validation-profiles,
PDF_A/PDFA-3B.xml and PDF_A/3b/…); the check restates its test over `Document`. Font,
colour, image, metadata and embedded-file rules are all here; so are the file-syntax and
implementation-limit rules, checked on the file's own bytes.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from functools import cache

import pikepdf

from tests.pdf.standards import pdfua1
from tests.pdf.standards.checker import PDFA3B, rule
from tests.pdf.standards.document import OPERATORS, Document, RawObject, raw_objects, words

A = PDFA3B
PDFAID = "http://www.aiim.org/pdfa/ns/id/"
EXTENSION = "http://www.aiim.org/pdfa/ns/extension/"
SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PROPERTY = "http://www.aiim.org/pdfa/ns/property#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
ALLOWED_FILTERS = words(
    """
    ASCIIHexDecode ASCII85Decode FlateDecode RunLengthDecode CCITTFaxDecode JBIG2Decode
    DCTDecode JPXDecode
    """
)
INLINE_FILTERS = words(
    """
    ASCIIHexDecode ASCII85Decode FlateDecode RunLengthDecode CCITTFaxDecode DCTDecode
    AHx A85 Fl RL CCF DCT
    """
)
BLEND_MODES = words(
    """
    Normal Compatible Multiply Screen Overlay Darken Lighten ColorDodge ColorBurn
    HardLight SoftLight Difference Exclusion Hue Saturation Color Luminosity
    """
)
ANNOTATION_TYPES = words(
    """
    Text Link FreeText Line Square Circle Polygon PolyLine Highlight Underline Squiggly
    StrikeOut Stamp Caret Ink Popup FileAttachment Widget PrinterMark TrapNet Watermark
    Redact
    """
)
ACTIONS = words(
    """
    GoTo GoToR GoToE Thread URI Named SubmitForm
    """
)
# XMP 2005's predefined schemas (and PDF/A's own), with the properties Broadside can write
# and their value types; any other namespace needs an extension schema (6.6.2.3).
PREDEFINED = {
    "http://purl.org/dc/elements/1.1/": {
        "title": "Alt",
        "creator": "Seq",
        "description": "Alt",
        "subject": "Bag",
        "rights": "Alt",
        "date": "Seq",
        "language": "Bag",
        "publisher": "Bag",
        "contributor": "Bag",
        "format": "Text",
        "identifier": "Text",
        "relation": "Bag",
        "source": "Text",
        "coverage": "Text",
        "type": "Bag",
    },
    "http://ns.adobe.com/xap/1.0/": {
        "CreateDate": "Text",
        "ModifyDate": "Text",
        "MetadataDate": "Text",
        "CreatorTool": "Text",
        "Identifier": "Bag",
        "Label": "Text",
        "Nickname": "Text",
        "Rating": "Text",
        "BaseURL": "Text",
        "Thumbnails": "Alt",
    },
    "http://ns.adobe.com/pdf/1.3/": {
        "Keywords": "Text",
        "PDFVersion": "Text",
        "Producer": "Text",
        "Trapped": "Text",
    },
    "http://ns.adobe.com/xap/1.0/rights/": None,
    "http://ns.adobe.com/xap/1.0/mm/": None,
    "http://ns.adobe.com/xap/1.0/bj/": None,
    "http://ns.adobe.com/xap/1.0/t/pg/": None,
    "http://ns.adobe.com/photoshop/1.0/": None,
    "http://ns.adobe.com/tiff/1.0/": None,
    "http://ns.adobe.com/exif/1.0/": None,
    "http://ns.adobe.com/exif/1.0/aux/": None,
    PDFAID: {"part": "Text", "conformance": "Text", "amd": "Text", "corr": "Text"},
    EXTENSION: {"schemas": "Bag"},
}


@cache
def _raw(document: Document) -> list[RawObject]:
    return raw_objects(document.data)


# ---------- 6.1: file structure ----------


@rule(A, "6.1.2-1", "The file header shall begin at byte zero with %PDF-1.n and one EOL (n 0-7)")
def header(document: Document) -> Iterator[str]:
    if not re.match(rb"%PDF-1\.[0-7](\r\n|\r|\n)", document.data):
        yield f"header is {document.data[:10]!r}"


@rule(A, "6.1.2-2", "The header EOL shall be followed by % and at least four bytes above 127")
def binary_comment(document: Document) -> Iterator[str]:
    match = re.match(rb"%PDF-1\.\d(?:\r\n|\r|\n)%(.{4})", document.data, re.S)
    if match is None or not all(byte > 127 for byte in match.group(1)):
        yield "no binary comment after the header"


@rule(A, "6.1.3-1", "The file trailer shall contain the ID keyword with file identifiers")
def file_id(document: Document) -> Iterator[str]:
    identifier = document.pdf.trailer.get("/ID")
    if (
        not isinstance(identifier, pikepdf.Array)
        or len(identifier) != 2
        or not bytes(identifier[0])
    ):
        yield "no /ID in the trailer"


@rule(A, "6.1.3-2", "The keyword Encrypt shall not be used in the trailer dictionary")
def not_encrypted(document: Document) -> Iterator[str]:
    if "/Encrypt" in document.pdf.trailer:
        yield "the file is encrypted"


@rule(A, "6.1.3-3", "No data shall follow the last end-of-file marker except a single EOL")
def nothing_after_eof(document: Document) -> Iterator[str]:
    tail = document.data[document.data.rfind(b"%%EOF") + 5 :]
    if tail not in (b"", b"\n", b"\r", b"\r\n"):
        yield f"{len(tail)} bytes after %%EOF"


@rule(
    A,
    "6.1.4-2",
    "The xref keyword and the cross-reference subsection header shall be separated by a single EOL",
)
def xref_spacing(document: Document) -> Iterator[str]:
    for match in re.finditer(rb"(?<=[\r\n])xref(\s*)\d+ \d+", document.data):
        if match.group(1) not in (b"\n", b"\r", b"\r\n"):
            yield "xref keyword not followed by a single EOL"


def _hex_strings(data: bytes) -> Iterator[bytes]:
    for match in re.finditer(rb"(?<!<)<(?!<)([^<>]*)>", data):
        yield match.group(1)


def _syntax_sources(document: Document) -> Iterator[bytes]:
    """Syntax written as text: the file with stream data left out, the objects packed in
    object streams, and every content stream."""
    yield re.sub(rb"stream\r?\n.*?endstream", b"", document.data, flags=re.S)
    yield from _object_streams(document)
    for page in document.pages:
        yield page.obj.Contents.read_bytes() if "/Contents" in page.obj else b""
    for form in _forms(document):
        yield form.read_bytes()


def _object_streams(document: Document) -> Iterator[bytes]:
    """The decoded text of each object stream, read from the file itself."""
    for match in re.finditer(rb"<<[^>]*/Type\s*/ObjStm[^>]*>>\s*stream(\r\n|\n)", document.data):
        length = re.search(rb"/Length\s+(\d+)", match.group(0))
        if length is None:
            continue
        start = match.end()
        data = document.data[start : start + int(length.group(1))]
        try:
            yield zlib.decompress(data)
        except zlib.error:
            continue


@rule(
    A, "6.1.6-1", "Hexadecimal strings shall contain an even number of non-white-space characters"
)
def hex_even(document: Document) -> Iterator[str]:
    for source in _syntax_sources(document):
        for string in _hex_strings(source):
            digits = re.sub(rb"\s", b"", string)
            if re.fullmatch(rb"[0-9A-Fa-f]*", digits) and len(digits) % 2:
                yield f"hex string <{string[:20]!r}…> has an odd number of digits"


@rule(A, "6.1.6-2", "A hexadecimal string is written with hexadecimal digits only")
def hex_digits(document: Document) -> Iterator[str]:
    for source in _syntax_sources(document):
        for string in _hex_strings(source):
            if not re.fullmatch(rb"[0-9A-Fa-f\s]*", string):
                yield f"hex string <{string[:20]!r}> has other characters"


@rule(A, "6.1.7-1", "A stream's Length shall match the bytes between stream and endstream")
def stream_lengths(document: Document) -> Iterator[str]:
    for obj in _raw(document):
        if obj.stream is None or obj.declared_length is None:
            continue
        body = re.sub(rb"^>>\s*stream(\r\n|\n)", b"", obj.stream, count=1)
        body = body[: -len(b"endstream")]
        # The data, then exactly one EOL before endstream (the data may itself end in one).
        if body[obj.declared_length :] not in (b"\r\n", b"\n", b"\r"):
            yield f"object {obj.number}: Length {obj.declared_length}, {len(body)} bytes"


@rule(A, "6.1.7-2", "stream shall be followed by CRLF or LF; endstream preceded by an EOL")
def stream_keywords(document: Document) -> Iterator[str]:
    for obj in _raw(document):
        if obj.stream is None:
            continue
        if not re.match(rb">>\s*stream(\r\n|\n)", obj.stream) or re.match(
            rb">>\s*stream\r[^\n]", obj.stream
        ):
            yield f"object {obj.number}: stream keyword not followed by CRLF or LF"
        if obj.stream[-len(b"endstream") - 1 : -len(b"endstream")] not in (b"\n", b"\r"):
            yield f"object {obj.number}: endstream not preceded by an EOL"


@rule(A, "6.1.7-3", "A stream dictionary shall not contain the F, FFilter, or FDecodeParms keys")
def stream_external(document: Document) -> Iterator[str]:
    for obj in document.objects:
        if isinstance(obj, pikepdf.Stream) and any(
            key in obj for key in ("/F", "/FFilter", "/FDecodeParms")
        ):
            yield f"object {obj.objgen}: stream refers to an external file"


def _filters(obj: pikepdf.Object) -> list[str]:
    value = obj.get("/Filter")
    if value is None:
        return []
    return (
        [str(item)[1:] for item in value] if isinstance(value, pikepdf.Array) else [str(value)[1:]]
    )


@rule(A, "6.1.7-4", "Only standard filters shall be used, not LZWDecode (Crypt only with Identity)")
def stream_filters(document: Document) -> Iterator[str]:
    for obj in document.objects:
        if isinstance(obj, pikepdf.Stream):
            for name in _filters(obj):
                if name not in ALLOWED_FILTERS:
                    yield f"object {obj.objgen}: filter {name}"


@rule(A, "6.1.8-1", "Font, colourant and structure type names shall be valid UTF-8")
def names_utf8(document: Document) -> Iterator[str]:
    for value in document.walk_values():
        if isinstance(value, pikepdf.Name):
            try:
                bytes(value.unparse()).decode("ascii")
                str(value).encode("utf-8")
            except (UnicodeError, ValueError):
                yield f"name {value!r} is not valid UTF-8"


@rule(
    A, "6.1.9-1", "Object number, generation and obj separated by single spaces; obj/endobj lines"
)
def object_spacing(document: Document) -> Iterator[str]:
    for obj in _raw(document):
        if not re.fullmatch(rb"\d+ \d+ obj(\r\n|\r|\n)", obj.header):
            yield f"object {obj.number}: header {obj.header[:20]!r}"
        if not obj.preceded_by_eol:
            yield f"object {obj.number}: not preceded by an EOL"
        if not obj.ends_with_endobj_line:
            yield f"object {obj.number}: endobj not on its own line"


@rule(A, "6.1.10-1", "Inline image filters shall not be LZW, Crypt or non-standard")
def inline_filters(document: Document) -> Iterator[str]:
    for operation in document.operations:
        if operation.operator == "EI":
            image = operation.operands[0]
            for name in (
                _filters(image) or [str(image.get("/F", ""))[1:]]
                if "/F" in image
                else _filters(image)
            ):
                if name and name not in INLINE_FILTERS:
                    yield f"{operation.stream}: inline image filter {name}"


@rule(A, "6.1.13-1", "No integer greater than 2147483647 or less than -2147483648")
def integer_range(document: Document) -> Iterator[str]:
    for value in document.walk_values():
        if (
            isinstance(value, int)
            and not isinstance(value, bool)
            and not -(2**31) <= value <= 2**31 - 1
        ):
            yield f"integer {value} out of range"


def _reals(document: Document) -> Iterator[float]:
    for value in document.walk_values():
        if isinstance(value, float) or type(value).__name__ == "Decimal":
            yield float(value)


@rule(A, "6.1.13-2", "No real number outside the range of +/-3.403 x 10^38")
def real_range(document: Document) -> Iterator[str]:
    for value in _reals(document):
        if abs(value) > 3.403e38:
            yield f"real {value} out of range"


@rule(A, "6.1.13-3", "No string longer than 32767 bytes")
def string_length(document: Document) -> Iterator[str]:
    for value in document.walk_values():
        if isinstance(value, pikepdf.String) and len(bytes(value)) >= 32767:
            yield f"a string of {len(bytes(value))} bytes"


@rule(A, "6.1.13-4", "No name longer than 127 bytes")
def name_length(document: Document) -> Iterator[str]:
    for value in document.walk_values():
        if isinstance(value, pikepdf.Name) and len(str(value).encode()) - 1 > 127:
            yield f"name {str(value)[:30]}… longer than 127 bytes"


@rule(A, "6.1.13-5", "No real number closer to zero than +/-1.175 x 10^-38")
def real_small(document: Document) -> Iterator[str]:
    for value in _reals(document):
        if value != 0 and abs(value) < 1.175e-38:
            yield f"real {value} too close to zero"


@rule(A, "6.1.13-7", "No more than 8388607 indirect objects")
def object_count(document: Document) -> Iterator[str]:
    if len(document.objects) > 8388607:
        yield f"{len(document.objects)} indirect objects"


@rule(A, "6.1.13-8", "q/Q pairs shall not nest more than 28 levels")
def q_nesting(document: Document) -> Iterator[str]:
    for operation in document.operations:
        if operation.operator == "q" and operation.q_depth > 28:
            yield f"{operation.stream}: q nested {operation.q_depth} deep"
            return


@rule(A, "6.1.13-9", "No DeviceN colour space with more than 32 colourants")
def devicen_size(document: Document) -> Iterator[str]:
    for space in _colour_spaces(document):
        if (
            isinstance(space, pikepdf.Array)
            and len(space)
            and space[0] == "/DeviceN"
            and len(space[1]) > 32
        ):
            yield "a DeviceN space with more than 32 colourants"


@rule(A, "6.1.13-10", "No CID value greater than 65535")
def cid_range(document: Document) -> Iterator[str]:
    for font in document.fonts:
        if font.descendant is not None and any(code > 65535 for code in font.codes):
            yield f"font {font.obj.BaseFont}: a CID above 65535"


@rule(A, "6.1.13-11", "Page boundaries shall be between 3 and 14400 units in either direction")
def page_boundaries(document: Document) -> Iterator[str]:
    for number, page in enumerate(document.pages, 1):
        for key in ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox"):
            if key in page.obj:
                x1, y1, x2, y2 = (float(v) for v in page.obj[key])
                width, height = abs(x2 - x1), abs(y2 - y1)
                if not (3 <= width <= 14400 and 3 <= height <= 14400):
                    yield f"page {number}: {key} is {width:g} × {height:g}"


# ---------- 6.2: graphics ----------


@rule(A, "6.2.2-1", "Content streams shall not contain operators not defined in ISO 32000-1")
def defined_operators(document: Document) -> Iterator[str]:
    for operation in document.operations:
        if operation.operator not in OPERATORS:
            yield f"{operation.stream}: operator {operation.operator!r}"


@rule(A, "6.2.2-2", "A content stream shall have an explicitly associated Resources dictionary")
def explicit_resources(document: Document) -> Iterator[str]:
    for number, page in enumerate(document.pages, 1):
        if "/Resources" not in page.obj:
            yield f"page {number} inherits its resources"
    for obj in document.objects:
        if (
            isinstance(obj, pikepdf.Stream)
            and obj.get("/Subtype") == "/Form"
            and "/Resources" not in obj
            and re.search(rb"/\S+\s+(Tf|Do|gs|cs|CS|sh|scn|SCN)\b", obj.read_bytes())
        ):
            yield f"form XObject {obj.objgen} uses resources it does not have"


def _icc_header(profile: bytes) -> tuple[str, str, float]:
    version = profile[8] + (profile[9] >> 4) / 10
    return profile[12:16].decode("latin-1"), profile[16:20].decode("latin-1"), version


@rule(
    A,
    "6.2.3-1",
    "The output intent's profile shall be an output or monitor profile"
    " in GRAY, RGB or CMYK, version < 5",
)
def output_profile(document: Document) -> Iterator[str]:
    profile = document.pdfa_output_profile
    if profile is None:
        return
    device, space, version = _icc_header(profile)
    if device not in ("prtr", "mntr") or space not in ("RGB ", "CMYK", "GRAY") or version >= 5:
        yield f"output profile is {device}/{space} v{version}"


@rule(
    A, "6.2.3-2", "All output intents with a DestOutputProfile shall share the same profile object"
)
def same_output_profile(document: Document) -> Iterator[str]:
    profiles = {
        intent.DestOutputProfile.objgen
        for intent in document.output_intents
        if "/DestOutputProfile" in intent
    }
    if len(profiles) > 1:
        yield "output intents with different profiles"


@rule(A, "6.2.3-3", "The DestOutputProfileRef key shall not be present in an output intent")
def no_profile_ref(document: Document) -> Iterator[str]:
    for intent in document.output_intents:
        if "/DestOutputProfileRef" in intent:
            yield "an output intent with DestOutputProfileRef"


def _colour_spaces(document: Document) -> Iterator[pikepdf.Object]:
    """Every colour space named in resources, images and inline images."""
    for obj in document.objects:
        if (
            isinstance(obj, pikepdf.Dictionary)
            and "/ColorSpace" in obj
            and obj.get("/Type") != "/Catalog"
        ):
            spaces = obj.ColorSpace
            if isinstance(spaces, pikepdf.Dictionary) and obj.get("/Subtype") != "/Image":
                yield from spaces.values()
            else:
                yield spaces
        if (
            isinstance(obj, pikepdf.Array)
            and len(obj)
            and obj[0] in ("/ICCBased", "/DeviceN", "/Separation")
        ):
            yield obj


def _icc_profiles(document: Document) -> Iterator[bytes]:
    seen: set[tuple[int, int]] = set()
    for space in _colour_spaces(document):
        if (
            isinstance(space, pikepdf.Array)
            and len(space) > 1
            and space[0] == "/ICCBased"
            and space[1].objgen not in seen
        ):
            seen.add(space[1].objgen)
            yield space[1].read_bytes()


@rule(
    A,
    "6.2.4.2-1",
    "ICCBased profiles shall be valid ICC profiles of a supported kind (version < 5)",
)
def icc_profiles(document: Document) -> Iterator[str]:
    for profile in _icc_profiles(document):
        device, space, version = _icc_header(profile)
        if (
            device not in ("prtr", "mntr", "scnr", "spac")
            or space not in ("RGB ", "CMYK", "GRAY", "LAB ")
            or version >= 5
        ):
            yield f"ICC profile {device}/{space} v{version}"


@rule(A, "6.2.4.2-2", "Overprint mode shall not be 1 with ICCBased CMYK and overprinting on")
def overprint_mode(document: Document) -> Iterator[str]:
    for state in _ext_g_states(document):
        overprinting = state.get("/OP") is True or state.get("/op") is True
        if (
            int(state.get("/OPM", 0)) == 1
            and overprinting
            and any(_icc_header(p)[1] == "CMYK" for p in _icc_profiles(document))
        ):
            yield "overprint mode 1 with a CMYK ICC space"


def _output_space(document: Document) -> str | None:
    profile = document.pdfa_output_profile
    return _icc_header(profile)[1] if profile is not None else None


def _device_spaces_used(document: Document) -> set[str]:
    used: set[str] = set()
    for operation in document.operations:
        if operation.operator in ("rg", "RG"):
            used.add("DeviceRGB")
        elif operation.operator in ("k", "K"):
            used.add("DeviceCMYK")
        elif operation.operator in ("g", "G"):
            used.add("DeviceGray")
        elif operation.operator in ("cs", "CS") and str(operation.operands[0]) in (
            "/DeviceRGB",
            "/DeviceCMYK",
            "/DeviceGray",
        ):
            used.add(str(operation.operands[0])[1:])
    for space in _colour_spaces(document):
        if isinstance(space, pikepdf.Name) and str(space) in (
            "/DeviceRGB",
            "/DeviceCMYK",
            "/DeviceGray",
        ):
            used.add(str(space)[1:])
    return used


@rule(
    A, "6.2.4.3-2", "DeviceRGB shall only be used with an RGB PDF/A output intent (or DefaultRGB)"
)
def device_rgb(document: Document) -> Iterator[str]:
    if "DeviceRGB" in _device_spaces_used(document) and _output_space(document) != "RGB ":
        yield "DeviceRGB without an RGB output intent"


@rule(
    A, "6.2.4.3-3", "DeviceCMYK shall only be used with a CMYK PDF/A output intent (or DefaultCMYK)"
)
def device_cmyk(document: Document) -> Iterator[str]:
    if "DeviceCMYK" in _device_spaces_used(document) and _output_space(document) != "CMYK":
        yield "DeviceCMYK without a CMYK output intent"


@rule(A, "6.2.4.3-4", "DeviceGray shall only be used with a PDF/A output intent (or DefaultGray)")
def device_gray(document: Document) -> Iterator[str]:
    if "DeviceGray" in _device_spaces_used(document) and _output_space(document) is None:
        yield "DeviceGray without an output intent"


@rule(A, "6.2.4.4-1", "Every spot colour of a DeviceN space shall have a Colorants entry")
def devicen_colorants(document: Document) -> Iterator[str]:
    for space in _colour_spaces(document):
        if isinstance(space, pikepdf.Array) and len(space) > 1 and space[0] == "/DeviceN":
            colorants = space[4].get("/Colorants", {}) if len(space) > 4 else {}
            for name in space[1]:
                if (
                    str(name) not in ("/Cyan", "/Magenta", "/Yellow", "/Black", "/None")
                    and str(name) not in colorants
                ):
                    yield f"DeviceN colourant {name} undefined"


@rule(
    A,
    "6.2.4.4-2",
    "Separations with the same name shall have the same tint transform and alternate space",
)
def separations_consistent(document: Document) -> Iterator[str]:
    seen: dict[str, tuple[object, object]] = {}
    for space in _colour_spaces(document):
        if isinstance(space, pikepdf.Array) and len(space) > 3 and space[0] == "/Separation":
            key = str(space[1])
            value = (
                space[2].unparse(),
                space[3].unparse()
                if not isinstance(space[3], pikepdf.Stream)
                else space[3].read_bytes(),
            )
            if seen.setdefault(key, value) != value:
                yield f"separation {key} defined twice differently"


def _ext_g_states(document: Document) -> Iterator[pikepdf.Object]:
    for obj in document.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/ExtGState":
            yield obj
        if isinstance(obj, pikepdf.Dictionary) and "/ExtGState" in obj:
            yield from obj.ExtGState.values()


@rule(A, "6.2.5-1", "An ExtGState dictionary shall not contain the TR key")
def no_transfer(document: Document) -> Iterator[str]:
    for state in _ext_g_states(document):
        if "/TR" in state:
            yield "an ExtGState with /TR"


@rule(A, "6.2.5-2", "An ExtGState shall not contain TR2 other than Default")
def transfer2(document: Document) -> Iterator[str]:
    for state in _ext_g_states(document):
        if "/TR2" in state and state.TR2 != "/Default":
            yield "an ExtGState with /TR2"


@rule(A, "6.2.5-3", "An ExtGState dictionary shall not contain the HTP key")
def no_htp(document: Document) -> Iterator[str]:
    for state in _ext_g_states(document):
        if "/HTP" in state:
            yield "an ExtGState with /HTP"


def _halftones(document: Document) -> Iterator[pikepdf.Object]:
    for state in _ext_g_states(document):
        if "/HT" in state and isinstance(state.HT, pikepdf.Dictionary):
            yield state.HT


@rule(A, "6.2.5-4", "Halftones shall have HalftoneType 1 or 5")
def halftone_type(document: Document) -> Iterator[str]:
    for halftone in _halftones(document):
        if int(halftone.get("/HalftoneType", 0)) not in (1, 5):
            yield f"halftone type {halftone.get('/HalftoneType')}"


@rule(A, "6.2.5-5", "Halftones shall not contain a HalftoneName key")
def halftone_name(document: Document) -> Iterator[str]:
    for halftone in _halftones(document):
        if "/HalftoneName" in halftone:
            yield "a halftone with /HalftoneName"


@rule(A, "6.2.6-1", "Rendering intents shall be one of the four defined")
def rendering_intents(document: Document) -> Iterator[str]:
    intents = {"/RelativeColorimetric", "/AbsoluteColorimetric", "/Perceptual", "/Saturation"}
    for operation in document.operations:
        if operation.operator == "ri" and str(operation.operands[0]) not in intents:
            yield f"rendering intent {operation.operands[0]}"
    for obj in document.objects:
        if (
            isinstance(obj, pikepdf.Dictionary)
            and obj.get("/Subtype") == "/Image"
            and str(obj.get("/Intent", "/Perceptual")) not in intents
        ):
            yield f"image rendering intent {obj.Intent}"
    for state in _ext_g_states(document):
        if "/RI" in state and str(state.RI) not in intents:
            yield f"rendering intent {state.RI}"


def _images(document: Document) -> Iterator[pikepdf.Object]:
    for obj in document.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
            yield obj


@rule(A, "6.2.8-1", "An Image dictionary shall not contain the Alternates key")
def no_alternates(document: Document) -> Iterator[str]:
    for image in _images(document):
        if "/Alternates" in image:
            yield f"image {image.objgen} has /Alternates"


@rule(A, "6.2.8-2", "An Image dictionary shall not contain the OPI key")
def no_image_opi(document: Document) -> Iterator[str]:
    for image in _images(document):
        if "/OPI" in image:
            yield f"image {image.objgen} has /OPI"


@rule(A, "6.2.8-3", "If an Image dictionary contains Interpolate, its value shall be false")
def no_interpolation(document: Document) -> Iterator[str]:
    for image in _images(document):
        if image.get("/Interpolate") is True:
            yield f"image {image.objgen} has /Interpolate true"
    for operation in document.operations:
        if operation.operator == "EI":
            image = operation.operands[0]
            if image.get("/I") is True or image.get("/Interpolate") is True:
                yield f"{operation.stream}: an inline image interpolates"


def _jpeg2000(document: Document) -> Iterator[pikepdf.Object]:
    for image in _images(document):
        if "JPXDecode" in _filters(image):
            yield image


@rule(A, "6.2.8.3-1", "JPEG2000 data shall have 1, 3 or 4 colour channels")
def jpx_channels(document: Document) -> Iterator[str]:
    for image in _jpeg2000(document):
        yield f"image {image.objgen}: JPEG 2000 channels not verified (Broadside writes none)"


@rule(
    A,
    "6.2.8.3-2",
    "JPEG2000 with several colour specifications shall have exactly one with APPROX 0x01",
)
def jpx_approx(document: Document) -> Iterator[str]:
    yield from jpx_channels(document)


@rule(A, "6.2.8.3-3", "JPEG2000 colr box METH shall be 0x01, 0x02 or 0x03")
def jpx_method(document: Document) -> Iterator[str]:
    yield from jpx_channels(document)


@rule(A, "6.2.8.3-4", "JPEG2000 enumerated colour space 19 (CIEJab) shall not be used")
def jpx_ciejab(document: Document) -> Iterator[str]:
    yield from jpx_channels(document)


@rule(A, "6.2.8.3-5", "JPEG2000 bit depth 1 to 38, the same for every channel")
def jpx_depth(document: Document) -> Iterator[str]:
    yield from jpx_channels(document)


def _forms(document: Document) -> Iterator[pikepdf.Object]:
    for obj in document.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Form":
            yield obj


@rule(A, "6.2.9-1", "A form XObject shall not contain OPI, Subtype2 PS, or PS")
def form_postscript(document: Document) -> Iterator[str]:
    for form in _forms(document):
        if "/OPI" in form or "/PS" in form or form.get("/Subtype2") == "/PS":
            yield f"form {form.objgen} carries PostScript or OPI"


@rule(A, "6.2.9-2", "A conforming file shall not contain any reference XObjects")
def no_reference_xobjects(document: Document) -> Iterator[str]:
    for form in _forms(document):
        if "/Ref" in form:
            yield f"form {form.objgen} is a reference XObject"


@rule(A, "6.2.9-3", "A conforming file shall not contain any PostScript XObjects")
def no_postscript(document: Document) -> Iterator[str]:
    for obj in document.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/PS":
            yield f"PostScript XObject {obj.objgen}"


@rule(A, "6.2.10-1", "Only blend modes specified in ISO 32000-1 shall be used")
def blend_modes(document: Document) -> Iterator[str]:
    for state in _ext_g_states(document):
        modes = state.get("/BM")
        for mode in (
            modes if isinstance(modes, pikepdf.Array) else ([modes] if modes is not None else [])
        ):
            if str(mode)[1:] not in BLEND_MODES:
                yield f"blend mode {mode}"


@rule(A, "6.2.10-2", "Without an output intent, pages with transparency shall have a Group with CS")
def transparency_group(document: Document) -> Iterator[str]:
    if document.pdfa_output_profile is not None:
        return
    for number, page in enumerate(document.pages, 1):
        group = page.obj.get("/Group")
        if (group is None or "/CS" not in group) and any(
            "/SMask" in state or float(state.get("/ca", 1)) < 1 or float(state.get("/CA", 1)) < 1
            for state in page.obj.get("/Resources", {}).get("/ExtGState", {}).values()
        ):
            yield f"page {number}: transparency without a blending colour space"


@rule(A, "6.2.11.2-1", "A font dictionary's Type shall be Font")
def font_type(document: Document) -> Iterator[str]:
    for font in document.fonts:
        if font.obj.get("/Type") != "/Font":
            yield f"font {font.obj.get('/BaseFont')} has /Type {font.obj.get('/Type')}"


@rule(A, "6.2.11.2-2", "A font's Subtype shall be a defined font type")
def font_subtype(document: Document) -> Iterator[str]:
    kinds = {
        "/Type1",
        "/MMType1",
        "/TrueType",
        "/Type3",
        "/Type0",
        "/CIDFontType0",
        "/CIDFontType2",
    }
    for font in document.fonts:
        for dictionary in (font.obj, font.descendant):
            if dictionary is not None and str(dictionary.get("/Subtype")) not in kinds:
                yield f"font {font.obj.get('/BaseFont')} has /Subtype {dictionary.get('/Subtype')}"


@rule(A, "6.2.11.2-3", "A font (except Type 3) shall have a BaseFont name")
def base_font(document: Document) -> Iterator[str]:
    for font in document.fonts:
        if font.obj.get("/Subtype") != "/Type3" and not isinstance(
            font.obj.get("/BaseFont"), pikepdf.Name
        ):
            yield "a font without /BaseFont"


def _simple(document: Document) -> Iterator:
    for font in document.fonts:
        if font.obj.get("/Subtype") in ("/Type1", "/MMType1", "/TrueType", "/Type3"):
            yield font


@rule(A, "6.2.11.2-4", "A non-standard simple font shall have FirstChar")
def first_char(document: Document) -> Iterator[str]:
    for font in _simple(document):
        if "/FirstChar" not in font.obj:
            yield f"font {font.obj.get('/BaseFont')} has no /FirstChar"


@rule(A, "6.2.11.2-5", "A non-standard simple font shall have LastChar")
def last_char(document: Document) -> Iterator[str]:
    for font in _simple(document):
        if "/LastChar" not in font.obj:
            yield f"font {font.obj.get('/BaseFont')} has no /LastChar"


@rule(
    A,
    "6.2.11.2-6",
    "A non-standard simple font shall have Widths of LastChar - FirstChar + 1 entries",
)
def widths_size(document: Document) -> Iterator[str]:
    for font in _simple(document):
        expected = int(font.obj.get("/LastChar", 0)) - int(font.obj.get("/FirstChar", 0)) + 1
        if len(font.obj.get("/Widths", [])) != expected:
            yield f"font {font.obj.get('/BaseFont')} Widths has the wrong size"


# The composite-font, embedding, metrics, encoding and .notdef rules are PDF/UA-1's too,
# word for word (ISO 14289-1 7.21 refers to ISO 19005).
_SAME = {
    "6.2.11.3-1": (
        pdfua1.cid_system_info,
        "Type 0 font CIDSystemInfo shall be compatible with its CMap",
    ),
    "6.2.11.3-2": (pdfua1.cid_to_gid, "Type 2 CIDFonts shall contain a CIDToGIDMap entry"),
    "6.2.11.3-3": (pdfua1.cmaps_embedded, "CMaps other than the predefined ones shall be embedded"),
    "6.2.11.3-4": (pdfua1.cmap_wmode, "An embedded CMap's WMode shall match its dictionary's"),
    "6.2.11.4-1": (
        pdfua1.fonts_embedded,
        "The font programs for all fonts used for rendering shall be embedded",
    ),
    "6.2.11.4-2": (
        pdfua1.glyphs_present,
        "Embedded fonts shall define all glyphs referenced for rendering",
    ),
    "6.2.11.4-3": (pdfua1.charset, "A Type 1 subset's CharSet shall list all glyphs present"),
    "6.2.11.4-4": (pdfua1.cidset, "A CID font subset's CIDSet shall identify all CIDs present"),
    "6.2.11.5-1": (
        pdfua1.widths_consistent,
        "Glyph widths in the font dictionary and the program shall be consistent",
    ),
    "6.2.11.6-1": (pdfua1.truetype_cmap, "Non-symbolic TrueType programs shall have a usable cmap"),
    "6.2.11.6-2": (
        pdfua1.truetype_encoding,
        "Non-symbolic TrueType fonts shall use MacRoman or WinAnsi (or AGL Differences)",
    ),
    "6.2.11.6-3": (
        pdfua1.symbolic_encoding,
        "Symbolic TrueType fonts shall not contain an Encoding entry",
    ),
    "6.2.11.6-4": (
        pdfua1.symbolic_cmap,
        "Symbolic TrueType programs shall have one cmap or a (3,0) one",
    ),
    "6.2.11.8-1": (pdfua1.no_notdef, "A document shall not reference the .notdef glyph"),
}
for _id, (_check, _description) in _SAME.items():
    rule(A, _id, _description)(_check)


# ---------- 6.3–6.5: annotations, forms, actions ----------


@rule(
    A,
    "6.3.1-1",
    "Annotation types not defined in ISO 32000-1, and 3D, Sound, Screen and Movie,"
    " shall not be permitted",
)
def annotation_types(document: Document) -> Iterator[str]:
    for page, annotation in document.annotations:
        if str(annotation.get("/Subtype", ""))[1:] not in ANNOTATION_TYPES:
            yield f"page {page}: a {annotation.get('/Subtype')} annotation"


@rule(
    A,
    "6.3.2-1",
    "Except for Popup annotations, all annotation dictionaries shall contain the F key",
)
def annotation_flags_present(document: Document) -> Iterator[str]:
    for page, annotation in document.annotations:
        if annotation.get("/Subtype") != "/Popup" and "/F" not in annotation:
            yield f"page {page}: a {annotation.get('/Subtype')} annotation without /F"


@rule(A, "6.3.2-2", "The Print flag shall be set; Hidden, Invisible, ToggleNoView and NoView clear")
def annotation_flags(document: Document) -> Iterator[str]:
    for page, annotation in document.annotations:
        if "/F" in annotation:
            flags = int(annotation.F)
            if flags & 1 or flags & 2 or not flags & 4 or flags & 32 or flags & 256:
                yield f"page {page}: annotation flags {flags}"


@rule(A, "6.3.2-3", "Text annotations should set the NoZoom and NoRotate flags")
def text_annotation_flags(document: Document) -> Iterator[str]:
    for page, annotation in document.annotations:
        if annotation.get("/Subtype") == "/Text" and (int(annotation.get("/F", 0)) & 24) != 24:
            yield f"page {page}: a Text annotation that zooms or rotates"


def _size(annotation: pikepdf.Object) -> tuple[float, float]:
    x1, y1, x2, y2 = (float(v) for v in annotation.get("/Rect", [0, 0, 0, 0]))
    return abs(x2 - x1), abs(y2 - y1)


@rule(
    A, "6.3.3-1", "Annotations other than Popup, Link and zero-size ones shall have an appearance"
)
def appearances(document: Document) -> Iterator[str]:
    for page, annotation in document.annotations:
        if annotation.get("/Subtype") in ("/Popup", "/Link") or _size(annotation) == (0, 0):
            continue
        if "/AP" not in annotation:
            yield f"page {page}: a {annotation.get('/Subtype')} annotation without /AP"


@rule(A, "6.3.3-2", "An appearance dictionary shall contain only N, of the right type")
def appearance_entries(document: Document) -> Iterator[str]:
    for page, annotation in document.annotations:
        appearance = annotation.get("/AP")
        if appearance is None:
            continue
        button = annotation.get("/Subtype") == "/Widget" and annotation.get("/FT") == "/Btn"
        normal = appearance.get("/N")
        if set(appearance.keys()) != {"/N"} or (isinstance(normal, pikepdf.Stream) == button):
            yield f"page {page}: appearance keys {sorted(appearance.keys())}"


@rule(A, "6.4.1-1", "A Widget annotation shall not contain the A or AA keys")
def widget_actions(document: Document) -> Iterator[str]:
    for page, annotation in document.annotations:
        if annotation.get("/Subtype") == "/Widget" and ("/A" in annotation or "/AA" in annotation):
            yield f"page {page}: a widget with actions"


def _fields(document: Document) -> Iterator[pikepdf.Object]:
    form = document.root.get("/AcroForm")
    stack = list(form.get("/Fields", [])) if form is not None else []
    while stack:
        field_ = stack.pop()
        yield field_
        stack.extend(field_.get("/Kids", []))


@rule(A, "6.4.1-2", "A form field dictionary shall not contain the AA key")
def field_actions(document: Document) -> Iterator[str]:
    for field_ in _fields(document):
        if "/AA" in field_:
            yield "a form field with /AA"


@rule(A, "6.4.1-3", "NeedAppearances shall be absent or false")
def need_appearances(document: Document) -> Iterator[str]:
    form = document.root.get("/AcroForm")
    if form is not None and form.get("/NeedAppearances") is True:
        yield "AcroForm /NeedAppearances is true"


@rule(A, "6.4.2-1", "The interactive form dictionary shall not contain the XFA key")
def no_xfa(document: Document) -> Iterator[str]:
    yield from pdfua1.no_xfa(document)


@rule(A, "6.4.2-2", "A document's Catalog shall not contain the NeedsRendering key")
def needs_rendering(document: Document) -> Iterator[str]:
    if document.root.get("/NeedsRendering") is True:
        yield "the catalog has /NeedsRendering true"


def _actions(document: Document) -> Iterator[pikepdf.Object]:
    for obj in document.walk_values():
        if (
            isinstance(obj, pikepdf.Dictionary)
            and "/S" in obj
            and (
                obj.get("/Type") == "/Action"
                or "/URI" in obj
                or "/D" in obj
                or ("/N" in obj and obj.get("/S") == "/Named")
                or obj.get("/S") in ("/JavaScript", "/Launch", "/GoTo")
            )
        ):
            if obj.get("/Type") in ("/StructElem", "/OutputIntent"):
                continue
            yield obj


@rule(
    A,
    "6.5.1-1",
    "Launch, Sound, Movie, ResetForm, ImportData, Hide, SetOCGState, Rendition, Trans,"
    " GoTo3DView and JavaScript actions shall not be permitted",
)
def allowed_actions(document: Document) -> Iterator[str]:
    for action in _actions(document):
        if str(action.S)[1:] not in ACTIONS:
            yield f"a {action.S} action"


@rule(
    A,
    "6.5.1-2",
    "Named actions other than NextPage, PrevPage, FirstPage and LastPage shall not be permitted",
)
def named_actions(document: Document) -> Iterator[str]:
    for action in _actions(document):
        if action.get("/S") == "/Named" and str(action.get("/N"))[1:] not in (
            "NextPage",
            "PrevPage",
            "FirstPage",
            "LastPage",
        ):
            yield f"named action {action.get('/N')}"


@rule(A, "6.5.2-1", "The document's Catalog shall not include an AA entry")
def catalog_aa(document: Document) -> Iterator[str]:
    if "/AA" in document.root:
        yield "the catalog has /AA"


@rule(A, "6.5.2-2", "The Page dictionary shall not include an AA entry")
def page_aa(document: Document) -> Iterator[str]:
    for number, page in enumerate(document.pages, 1):
        if "/AA" in page.obj:
            yield f"page {number} has /AA"


# ---------- 6.6: metadata ----------


@rule(A, "6.6.2.1-1", "The Catalog shall contain the Metadata key whose value is a metadata stream")
def metadata_present(document: Document) -> Iterator[str]:
    yield from pdfua1.metadata_present(document)


@rule(A, "6.6.2.1-2", "The bytes attribute shall not be used in the header of an XMP packet")
def packet_bytes(document: Document) -> Iterator[str]:
    if document.xmp_bytes and re.search(rb"<\?xpacket[^>]*\bbytes=", document.xmp_bytes):
        yield "the xpacket header has a bytes attribute"


@rule(A, "6.6.2.1-3", "The encoding attribute shall not be used in the header of an XMP packet")
def packet_encoding(document: Document) -> Iterator[str]:
    if document.xmp_bytes and re.search(rb"<\?xpacket[^>]*\bencoding=", document.xmp_bytes):
        yield "the xpacket header has an encoding attribute"


@rule(A, "6.6.2.1-4", "XMP packets shall be well-formed XML and RDF")
def packet_well_formed(document: Document) -> Iterator[str]:
    if document.xmp_bytes is None:
        return
    try:
        tree = document.xmp
    except Exception as error:
        yield f"the XMP packet is not well-formed: {error}"
        return
    if tree is None or (tree.find(f".//{{{RDF}}}RDF") is None and not tree.tag.endswith("RDF")):
        yield "the XMP packet has no rdf:RDF"


def _extension_schemas(document: Document) -> list[dict[str, object]]:
    """Each pdfaExtension:schemas entry: schema, namespaceURI, prefix, properties [(name, …)]."""
    found = []
    if document.xmp is None:
        return found
    for schemas in document.xmp.iter(f"{{{EXTENSION}}}schemas"):
        for item in schemas.iter(f"{{{RDF}}}li"):
            if item.find(f"{{{SCHEMA}}}namespaceURI") is None:
                continue
            entry: dict[str, object] = {
                child.tag.split("}", 1)[1]: child
                for child in item
                if child.tag.startswith(f"{{{SCHEMA}}}")
            }
            entry["_element"] = item
            found.append(entry)
    return found


@rule(A, "6.6.2.3-1", "Extension schemas shall use the container schema with every required field")
def extension_fields(document: Document) -> Iterator[str]:
    for entry in _extension_schemas(document):
        for required in ("schema", "namespaceURI", "prefix"):
            if required not in entry:
                yield f"an extension schema without pdfaSchema:{required}"


@rule(A, "6.6.2.3-2", "The extension schema container is a Bag with prefix pdfaExtension")
def extension_container(document: Document) -> Iterator[str]:
    if document.xmp is None:
        return
    for schemas in document.xmp.iter(f"{{{EXTENSION}}}schemas"):
        if schemas.find(f"{{{RDF}}}Bag") is None:
            yield "pdfaExtension:schemas is not a Bag"
    prefix = document.prefix_used_for(EXTENSION, "schemas")
    if prefix not in (None, "pdfaExtension"):
        yield f"the extension container uses prefix {prefix}"


@rule(
    A,
    "6.6.2.3-3",
    "Each extension schema has text schema, URI namespaceURI, text prefix, Seq property",
)
def extension_schema(document: Document) -> Iterator[str]:
    for entry in _extension_schemas(document):
        uri = entry.get("namespaceURI")
        if uri is not None and not re.match(r"\w+:", (uri.text or "").strip()):
            yield f"namespaceURI {uri.text!r} is not a URI"
        prop = entry.get("property")
        if prop is not None and prop.find(f"{{{RDF}}}Seq") is None:
            yield "pdfaSchema:property is not a Seq"
    if document.xmp_bytes and re.search(
        rb"xmlns:(?!pdfaSchema\b)\w+=\"http://www.aiim.org/pdfa/ns/schema#\"", document.xmp_bytes
    ):
        yield "the schema namespace is not prefixed pdfaSchema"


@rule(
    A,
    "6.6.2.3-4",
    "Each extension property has name, valueType, category (internal/external), description",
)
def extension_properties(document: Document) -> Iterator[str]:
    for entry in _extension_schemas(document):
        prop = entry.get("property")
        if prop is None:
            continue
        for item in prop.iter(f"{{{RDF}}}li"):
            fields = {
                child.tag.split("}", 1)[1]: (child.text or "").strip()
                for child in item
                if child.tag.startswith(f"{{{PROPERTY}}}")
            }
            for required in ("name", "valueType", "category", "description"):
                if not fields.get(required):
                    yield f"an extension property without pdfaProperty:{required}"
            if fields.get("category") not in ("internal", "external"):
                yield f"property category {fields.get('category')!r}"


@rule(A, "6.6.2.3-5", "Extension value types are described with the pdfaType fields")
def extension_value_types(document: Document) -> Iterator[str]:
    for entry in _extension_schemas(document):
        value_type = entry.get("valueType")
        if value_type is not None and value_type.find(f"{{{RDF}}}Seq") is None:
            yield "pdfaSchema:valueType is not a Seq"


@rule(A, "6.6.2.3-6", "Extension value type fields are described with the pdfaField fields")
def extension_fields_of_types(document: Document) -> Iterator[str]:
    if document.xmp_bytes and b"pdfa/ns/field#" in document.xmp_bytes:
        for required in (b"pdfaField:name", b"pdfaField:valueType", b"pdfaField:description"):
            if required not in document.xmp_bytes:
                yield f"a value type field without {required.decode()}"


@rule(
    A,
    "6.6.2.3-7",
    "All XMP properties shall be predefined or described by an extension schema,"
    " with the right value type",
)
def xmp_properties_defined(document: Document) -> Iterator[str]:
    described: dict[str, set[str]] = {}
    for entry in _extension_schemas(document):
        uri = (entry["namespaceURI"].text or "").strip() if "namespaceURI" in entry else ""
        names = set()
        if "property" in entry:
            for name in entry["property"].iter(f"{{{PROPERTY}}}name"):
                names.add((name.text or "").strip())
        described.setdefault(uri, set()).update(names)
    for namespace, name, value in document.xmp_properties():
        if namespace in (
            SCHEMA,
            PROPERTY,
            "http://www.aiim.org/pdfa/ns/type#",
            "http://www.aiim.org/pdfa/ns/field#",
        ):
            continue
        if namespace in PREDEFINED:
            known = PREDEFINED[namespace]
            if known is not None and name not in known:
                yield f"{namespace}{name} is not a property of its schema"
            elif known is not None and not isinstance(value, str):
                kind = known[name]
                if kind in ("Alt", "Seq", "Bag") and value.find(f"{{{RDF}}}{kind}") is None:
                    yield f"{namespace}{name} is not an rdf:{kind}"
            continue
        if name not in described.get(namespace, set()):
            yield f"{namespace}{name} is neither predefined nor in an extension schema"


@rule(
    A,
    "6.6.4-1",
    "The PDF/A version shall be specified using the PDF/A Identification extension schema",
)
def pdfa_identification(document: Document) -> Iterator[str]:
    if document.xmp_value(PDFAID, "part") is None:
        yield "no pdfaid:part"


def _text(value: object) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else (value.text or "").strip()


@rule(A, "6.6.4-2", "The value of pdfaid:part shall be 3")
def pdfa_part(document: Document) -> Iterator[str]:
    part = _text(document.xmp_value(PDFAID, "part"))
    if part is not None and part != "3":
        yield f"pdfaid:part is {part}"


@rule(A, "6.6.4-3", "pdfaid:conformance shall be A, B or U")
def pdfa_conformance(document: Document) -> Iterator[str]:
    conformance = _text(document.xmp_value(PDFAID, "conformance"))
    if conformance not in ("A", "B", "U"):
        yield f"pdfaid:conformance is {conformance!r}"


@rule(A, "6.6.4-4", "The PDF/A Identification properties shall use the prefix pdfaid")
def pdfa_prefixes(document: Document) -> Iterator[str]:
    for name in ("part", "conformance", "amd", "corr"):
        prefix = document.prefix_used_for(PDFAID, name)
        if prefix not in (None, "pdfaid"):
            yield f"pdfaid:{name} written with prefix {prefix}"


# ---------- 6.8–6.11: embedded files, optional content, presentation, requirements ----------


@rule(A, "6.8-1", "The MIME type of an embedded file shall be given by its Subtype key")
def embedded_subtype(document: Document) -> Iterator[str]:
    for spec in document.file_specs:
        stream = spec.get("/EF", {}).get("/F")
        if stream is not None and "/Subtype" not in stream:
            yield f"embedded file {spec.get('/F')} has no MIME type"


@rule(A, "6.8-2", "The file specification of an embedded file shall contain F and UF")
def embedded_names(document: Document) -> Iterator[str]:
    for spec in document.file_specs:
        if "/EF" in spec and ("/F" not in spec or "/UF" not in spec):
            yield f"embedded file {spec.get('/F')} lacks /F or /UF"


@rule(A, "6.8-3", "The file specification of an embedded file shall contain AFRelationship")
def embedded_relationship(document: Document) -> Iterator[str]:
    for spec in document.file_specs:
        if "/EF" in spec and "/AFRelationship" not in spec:
            yield f"embedded file {spec.get('/F')} has no /AFRelationship"


@rule(
    A,
    "6.8-4",
    "An embedded file shall be associated with the document or one of its parts (an AF array)",
)
def embedded_associated(document: Document) -> Iterator[str]:
    for spec in document.file_specs:
        if "/EF" in spec and spec.objgen not in document.associated:
            yield f"embedded file {spec.get('/F')} is in no /AF array"


@rule(A, "6.9-1", "Each optional content configuration shall contain the Name key")
def oc_names(document: Document) -> Iterator[str]:
    yield from pdfua1.oc_names(document)


@rule(A, "6.9-2", "Optional content configuration names shall be unique")
def oc_unique(document: Document) -> Iterator[str]:
    names = [str(c.get("/Name", "")) for c in pdfua1._oc_configurations(document)]
    for name in {n for n in names if names.count(n) > 1}:
        yield f"configuration name {name!r} used twice"


@rule(A, "6.9-3", "An Order array shall reference all OCGs")
def oc_order(document: Document) -> Iterator[str]:
    properties = document.root.get("/OCProperties")
    if properties is None:
        return
    groups = {group.objgen for group in properties.get("/OCGs", [])}
    for configuration in pdfua1._oc_configurations(document):
        if "/Order" in configuration:
            listed: set[tuple[int, int]] = set()
            stack = list(configuration.Order)
            while stack:
                item = stack.pop()
                if isinstance(item, pikepdf.Array):
                    stack.extend(item)
                elif isinstance(item, pikepdf.Dictionary):
                    listed.add(item.objgen)
            if groups - listed:
                yield "an Order array misses optional content groups"


@rule(A, "6.9-4", "The AS key shall not appear in any optional content configuration")
def oc_as(document: Document) -> Iterator[str]:
    yield from pdfua1.oc_as(document)


@rule(A, "6.10-1", "There shall be no AlternatePresentations entry in the name dictionary")
def no_alternate_presentations(document: Document) -> Iterator[str]:
    if "/Names" in document.root and "/AlternatePresentations" in document.root.Names:
        yield "the name dictionary has AlternatePresentations"


@rule(A, "6.10-2", "There shall be no PresSteps entry in any Page dictionary")
def no_pres_steps(document: Document) -> Iterator[str]:
    for number, page in enumerate(document.pages, 1):
        if "/PresSteps" in page.obj:
            yield f"page {number} has /PresSteps"


@rule(A, "6.11-1", "The document catalog shall not contain the Requirements key")
def no_requirements(document: Document) -> Iterator[str]:
    if "/Requirements" in document.root:
        yield "the catalog has /Requirements"
