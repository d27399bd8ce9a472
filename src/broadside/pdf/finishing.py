"""Last touches to the PDF WeasyPrint wrote, made with pikepdf on its bytes.

- A tagged PDF gets Broadside's structure tree instead of WeasyPrint's (pdf/structure.py):
  one element per HTML element whatever the pages, languages, lists, contents, links; and
  its content is marked to match (running heads and leaders as artifacts, /ActualText
  where the glyphs drawn are not the words as written; pdf/marks.py).
- Print-shop boxes: the BleedBox exactly as asked (WeasyPrint caps it at 10 pt), and crop
  marks drawn outside the bleed, on white, where a guillotine operator looks for them.
- Archival files declare PDF/UA-1 too (WeasyPrint writes one conformance claim), with the
  extension schema PDF/A requires for the pdfuaid namespace, and list each associated file
  once in the catalog's /AF (WeasyPrint lists them twice).

Nothing here knows how WeasyPrint or pydyf lay out their objects: it reads and edits the
PDF as any PDF, then saves it the same way every time (object streams, compressed streams,
an /ID computed from the content), so the same input gives the same bytes.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping
from io import BytesIO

import pikepdf
from pikepdf import Name

from broadside.pdf.boxtree import Drawing
from broadside.pdf.marks import Mark, remark
from broadside.pdf.settings import MM, PdfSettings
from broadside.pdf.tagged import restructure

MARK_GAP = 3 * MM  # between the trim (or the bleed, if wider) and a crop mark
MARK_LENGTH = 6 * MM
MARK_WIDTH = 0.3  # points: a hairline that still prints


def finish(data: bytes, settings: PdfSettings, drawing: Drawing | None = None) -> bytes:
    """`data`, a PDF as WeasyPrint wrote it, finished as `settings` ask; `drawing` is what
    its pages drew, element by element (pdf/boxtree.py), for a tagged PDF's structure."""
    with pikepdf.open(BytesIO(data)) as pdf:
        if "/StructTreeRoot" in pdf.Root and drawing is not None:
            for number, marks in restructure(pdf, drawing).items():
                remark_page(pdf.pages[number], marks)
        _postscript_names(pdf)
        _hyphens_read_as_hyphen_minus(pdf)
        _print_boxes(pdf, settings)
        if settings.archival:
            _declare_pdfua(pdf)
            _list_associated_files_once(pdf)
            _no_interpolation(pdf)
        return save(pdf)


def save(pdf: pikepdf.Pdf) -> bytes:
    """The PDF's bytes, the same for the same objects: no dates, an /ID from the content.

    Streams WeasyPrint compressed are copied as they are (no decoding); qpdf keeps the XMP
    packet uncompressed, as the XMP specification recommends, so tools that scan a file for
    its metadata find it.
    """
    buffer = BytesIO()
    pdf.save(
        buffer,
        deterministic_id=True,
        compress_streams=True,
        stream_decode_level=pikepdf.StreamDecodeLevel.none,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        fix_metadata_version=False,  # WeasyPrint's XMP is right; parsing it costs ~50 ms
    )
    return buffer.getvalue()


def content_stream(pdf: pikepdf.Pdf, data: bytes) -> pikepdf.Stream:
    """A new content stream, compressed here (qpdf would too, but only when saving)."""
    stream = pikepdf.Stream(pdf, zlib.compress(data))
    stream.Filter = Name.FlateDecode
    return stream


# ---------- fonts ----------

# What a PostScript name may not contain (OpenType "name" table, ID 6), and the comma Pango
# puts after a family name that ends in a digit ("Source Serif 4,"), which WeasyPrint 70
# copies into /BaseFont. Fixed upstream by WeasyPrint's pull request #2929 (Sanitize font
# name, after issue #2927): https://github.com/Kozea/WeasyPrint/pull/2929
_NOT_POSTSCRIPT = re.compile(r"[^!-~]|[\[\](){}<>/%,]")


def _postscript_names(pdf: pikepdf.Pdf) -> None:
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary):
            continue
        for key in ("/BaseFont", "/FontName"):
            name = obj.get(key)
            if isinstance(name, Name):
                clean = _NOT_POSTSCRIPT.sub("", str(name)[1:])
                if clean != str(name)[1:]:
                    obj[key] = Name("/" + clean)


def _hyphens_read_as_hyphen_minus(pdf: pikepdf.Pdf) -> None:
    """A font's ToUnicode map says which text each glyph stands for, and WeasyPrint writes
    the text it first drew the glyph for. The shipped fonts draw U+2010 (the hyphen
    hyphenation adds) and U+002D (the content's own) with one glyph, so wherever a
    hyphenated word came first, every hyphen of the content would read as U+2010. The
    hyphens hyphenation adds are never read (pdf/structure.py gives their lines the words
    as written), so the hyphens left to read are the content's: U+002D."""
    done: set[tuple[int, int]] = set()
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and isinstance(
            obj.get("/ToUnicode"), pikepdf.Stream
        ):
            cmap = obj.ToUnicode
            if cmap.objgen in done:
                continue
            done.add(cmap.objgen)
            data = cmap.read_bytes()
            fixed = re.sub(rb"(<[0-9A-Fa-f]+>\s*)<2010>", rb"\1<002D>", data)
            if fixed != data:
                cmap.write(zlib.compress(fixed), filter=Name.FlateDecode)


# ---------- marked content ----------


def remark_page(page: pikepdf.Page, marks: Mapping[int, Mark]) -> None:
    """The page's content with its pieces marked as `marks` say (pdf/marks.py)."""
    if isinstance(page.obj.Contents, pikepdf.Array):
        page.contents_coalesce()
    stream = page.obj.Contents
    before = stream.read_bytes()
    after = remark(before, marks)
    if after != before:
        stream.write(zlib.compress(after), filter=Name.FlateDecode)


# ---------- print-shop boxes and crop marks ----------


def _print_boxes(pdf: pikepdf.Pdf, settings: PdfSettings) -> None:
    bleed = settings.bleed
    for page in pdf.pages:
        left, bottom, right, top = (float(value) for value in page.obj.TrimBox)
        page.obj.BleedBox = _grown((left, bottom, right, top), bleed)
        if not settings.marks:
            continue
        reach = bleed + MARK_GAP + MARK_LENGTH + 2 * MM  # marks, plus a little white beyond
        page.obj.MediaBox = _grown((left, bottom, right, top), reach)
        # WeasyPrint leaves its y-flip in effect at the end of the stream: isolate it.
        page.contents_add(content_stream(pdf, b"q\n"), prepend=True)
        marks = _crop_marks((left, bottom, right, top), bleed, "/StructParents" in page.obj)
        page.contents_add(content_stream(pdf, b"Q\n" + marks))


def _grown(box: tuple[float, float, float, float], by: float) -> pikepdf.Array:
    left, bottom, right, top = box
    return pikepdf.Array([left - by, bottom - by, right + by, top + by])


def _crop_marks(trim: tuple[float, float, float, float], bleed: float, tagged: bool) -> bytes:
    """Eight hairlines on the trim lines' extensions, starting beyond the bleed."""
    left, bottom, right, top = trim
    start = max(bleed, 0) + MARK_GAP
    end = start + MARK_LENGTH
    segments = []
    for x, sign_x in ((left, -1), (right, 1)):
        for y, sign_y in ((bottom, -1), (top, 1)):
            segments.append((x + sign_x * start, y, x + sign_x * end, y))  # horizontal
            segments.append((x, y + sign_y * start, x, y + sign_y * end))  # vertical
    lines = ["/Artifact BMC"] if tagged else []
    lines.append(f"q 0 0 0 RG {MARK_WIDTH:g} w 0 J")
    lines += [f"{x1:.3f} {y1:.3f} m {x2:.3f} {y2:.3f} l S" for x1, y1, x2, y2 in segments]
    lines.append("Q")
    if tagged:
        lines.append("EMC")
    return ("\n".join(lines) + "\n").encode()


# ---------- archival: PDF/UA-1 claim beside PDF/A-3b, and /AF ----------

# PDF/A accepts only XMP properties from its own list or described by an extension schema
# (ISO 19005-1 6.7.8); pdfuaid is not on the list, so it is described here.
_PDFUA_XMP = b"""<rdf:Description rdf:about=""
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
  <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
      <pdfaProperty:name>part</pdfaProperty:name>
      <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
      <pdfaProperty:category>internal</pdfaProperty:category>
      <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed\
</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
  </rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" \
pdfuaid:part="1"/>
"""


def _declare_pdfua(pdf: pikepdf.Pdf) -> None:
    metadata = pdf.Root.Metadata
    packet = metadata.read_bytes()
    closing = packet.rindex(b"</rdf:RDF>")
    metadata.write(packet[:closing] + _PDFUA_XMP + packet[closing:])


def _no_interpolation(pdf: pikepdf.Pdf) -> None:
    """PDF/A forbids asking viewers to smooth pictures (ISO 19005-3 6.2.8, rule 6.2.8-3);
    WeasyPrint asks for it wherever `image-rendering` is `auto`. Dropping the request here
    keeps the pictures as drawn. Upstream this is WeasyPrint's issue #1661 (PDF/A-3B
    validation with veraPDF fails): https://github.com/Kozea/WeasyPrint/issues/1661"""
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and "/Interpolate" in obj:
            del obj.Interpolate  # on images and their soft masks alike


def _list_associated_files_once(pdf: pikepdf.Pdf) -> None:
    if "/AF" not in pdf.Root:
        return
    unique: dict[tuple[int, int], pikepdf.Object] = {}
    for spec in pdf.Root.AF:
        unique.setdefault(spec.objgen, spec)
    pdf.Root.AF = pikepdf.Array(list(unique.values()))
