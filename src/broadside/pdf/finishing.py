"""Last touches to the PDF WeasyPrint wrote, made with pikepdf on its bytes.

- Running headers and footers become artifacts. WeasyPrint 70 tags their text but leaves
  it out of the structure tree, which PDF/UA-1 forbids (content must be tagged *and* in
  the tree, or be an artifact); a screen reader must not read "Page 3 of 6" mid-sentence.
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

import zlib
from collections.abc import Mapping
from io import BytesIO

import pikepdf
from pikepdf import Name

from broadside.pdf.marks import Artifact, Mark, remark
from broadside.pdf.settings import MM, PdfSettings

MARK_GAP = 3 * MM  # between the trim (or the bleed, if wider) and a crop mark
MARK_LENGTH = 6 * MM
MARK_WIDTH = 0.3  # points: a hairline that still prints


def finish(data: bytes, settings: PdfSettings) -> bytes:
    """`data`, a PDF as WeasyPrint wrote it, finished as `settings` ask."""
    with pikepdf.open(BytesIO(data)) as pdf:
        if "/StructTreeRoot" in pdf.Root:
            _running_content_as_artifacts(pdf)
        _print_boxes(pdf, settings)
        if settings.archival:
            _declare_pdfua(pdf)
            _list_associated_files_once(pdf)
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


# ---------- running headers and footers → artifacts ----------


def _running_content_as_artifacts(pdf: pikepdf.Pdf) -> None:
    """Marked content that no structure element reaches becomes an artifact."""
    root = pdf.Root.StructTreeRoot
    reached = _reached_mcids(root)
    nums = root.ParentTree.Nums
    owners = {int(nums[index]): nums[index + 1] for index in range(0, len(nums), 2)}
    for page in pdf.pages:
        key = page.obj.get("/StructParents")
        if key is None or int(key) not in owners:
            continue
        by_mcid, here = owners[int(key)], page.obj.objgen
        orphans = {mcid for mcid in range(len(by_mcid)) if (here, mcid) not in reached}
        if not orphans:
            continue
        remark_page(page, dict.fromkeys(orphans, Artifact()))
        for mcid in orphans:
            by_mcid[mcid] = None


def _reached_mcids(root: pikepdf.Object) -> set[tuple[tuple[int, int], int]]:
    """(page, MCID) of every piece of content a structure element owns."""
    reached: set[tuple[tuple[int, int], int]] = set()
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[pikepdf.Object | None, tuple[int, int] | None]] = [(root.get("/K"), None)]
    while stack:
        node, page = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend((kid, page) for kid in node)
        elif isinstance(node, int):
            if page is not None:
                reached.add((page, int(node)))
        elif isinstance(node, pikepdf.Dictionary):
            if node.is_indirect:
                if node.objgen in seen:
                    continue
                seen.add(node.objgen)
            if "/Pg" in node:
                page = node.Pg.objgen
            kind = node.get("/Type")
            if kind == "/MCR":
                if page is not None:
                    reached.add((page, int(node.MCID)))
            elif kind != "/OBJR":
                stack.append((node.get("/K"), page))
    return reached


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


def _list_associated_files_once(pdf: pikepdf.Pdf) -> None:
    if "/AF" not in pdf.Root:
        return
    unique: dict[tuple[int, int], pikepdf.Object] = {}
    for spec in pdf.Root.AF:
        unique.setdefault(spec.objgen, spec)
    pdf.Root.AF = pikepdf.Array(list(unique.values()))
