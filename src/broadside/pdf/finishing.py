"""Last touches to WeasyPrint's PDF objects before they are written (its `finisher` hook).

- Running headers and footers become artifacts. WeasyPrint 70 tags their text but leaves
  it out of the structure tree, which PDF/UA-1 forbids (content must be tagged *and* in
  the tree, or be an artifact); a screen reader must not read "Page 3 of 6" mid-sentence.
- Print-shop boxes: the BleedBox exactly as asked (WeasyPrint caps it at 10 pt), and crop
  marks drawn outside the bleed, on white, where a guillotine operator looks for them.
- Archival files declare PDF/UA-1 too (WeasyPrint writes one conformance claim), with the
  extension schema PDF/A requires for the pdfuaid namespace, and list each associated file
  once in the catalog's /AF (WeasyPrint lists them twice).

Only the pydyf object model WeasyPrint builds is touched here; nothing is re-serialised.
"""

from __future__ import annotations

from typing import Any

import pydyf

from broadside.pdf.settings import MM, PdfSettings

MARK_GAP = 3 * MM  # between the trim (or the bleed, if wider) and a crop mark
MARK_LENGTH = 6 * MM
MARK_WIDTH = 0.3  # points: a hairline that still prints


def finish(pdf: Any, settings: PdfSettings) -> None:
    if "StructTreeRoot" in pdf.catalog:
        _running_content_as_artifacts(pdf)
    _print_boxes(pdf, settings)
    if settings.archival:
        _declare_pdfua(pdf)
        _list_associated_files_once(pdf)


def _get(pdf: Any, reference: Any) -> Any:
    """The object a reference (b"12 0 R") points to, or the value itself."""
    if isinstance(reference, bytes) and reference.endswith(b" R"):
        return pdf.objects[int(reference.split()[0])]
    return reference


def _pages(pdf: Any) -> list[Any]:
    # pydyf (0.13, with WeasyPrint 70) keeps /Kids as flat tokens, "N 0 R" three to a page:
    # every third one is an object number. The accessibility and print-shop tests fail
    # loudly if an upgrade changes that.
    return [pdf.objects[number] for number in pdf.pages["Kids"][::3]]


# ---------- running headers and footers → artifacts ----------


def _running_content_as_artifacts(pdf: Any) -> None:
    root = _get(pdf, pdf.catalog["StructTreeRoot"])
    in_tree = _reachable(pdf, root)
    nums = _get(pdf, root["ParentTree"])["Nums"]
    for page_index, page in enumerate(_pages(pdf)):
        mcid_owners = nums[2 * page_index + 1]  # pages come first: index, [owner per MCID]
        orphans = {
            mcid for mcid, owner in enumerate(mcid_owners) if _get(pdf, owner).number not in in_tree
        }
        if not orphans:
            continue
        stream = _get(pdf, page["Contents"])
        stream.stream = _retag(stream.stream, orphans)
        for mcid in orphans:
            mcid_owners[mcid] = b"null"


def _reachable(pdf: Any, root: Any) -> set[int]:
    """Object numbers of every structure element reachable from the root."""
    seen: set[int] = set()
    stack = list(_kids(root))
    while stack:
        node = _get(pdf, stack.pop())
        if not isinstance(node, pydyf.Dictionary) or node.number in seen:
            continue
        seen.add(node.number)
        stack.extend(_kids(node))
    return seen


def _kids(node: Any) -> list[Any]:
    kids = node.get("K", [])
    return list(kids) if isinstance(kids, list) else [kids]


def _retag(items: list[Any], orphans: set[int]) -> list[Any]:
    """Turn `/Tag <</MCID n>> BDC` into `/Artifact BMC` for the MCIDs in `orphans`."""
    result: list[Any] = []
    index = 0
    while index < len(items):
        item = items[index]
        following = items[index + 1 : index + 3]
        if (
            isinstance(item, str)
            and item.startswith("/")
            and len(following) == 2
            and isinstance(following[0], pydyf.Dictionary)
            and following[0].get("MCID") in orphans
            and following[1] == b"BDC"
        ):
            result += ["/Artifact", b"BMC"]
            index += 3
            continue
        result.append(item)
        index += 1
    return result


# ---------- print-shop boxes and crop marks ----------


def _print_boxes(pdf: Any, settings: PdfSettings) -> None:
    bleed = settings.bleed
    for page in _pages(pdf):
        left, bottom, right, top = (float(value) for value in page["TrimBox"])
        page["BleedBox"] = pydyf.Array([left - bleed, bottom - bleed, right + bleed, top + bleed])
        if not settings.marks:
            continue
        reach = bleed + MARK_GAP + MARK_LENGTH + 2 * MM  # marks, plus a little white beyond
        page["MediaBox"] = pydyf.Array([left - reach, bottom - reach, right + reach, top + reach])
        stream = _get(pdf, page["Contents"])
        tagged = "StructParents" in page
        # WeasyPrint leaves its y-flip in effect at the end of the stream: isolate it.
        stream.stream = [
            b"q",
            *stream.stream,
            b"Q",
            *_crop_marks((left, bottom, right, top), bleed, tagged),
        ]


def _crop_marks(trim: tuple[float, float, float, float], bleed: float, tagged: bool) -> list[Any]:
    """Eight hairlines on the trim lines' extensions, starting beyond the bleed."""
    left, bottom, right, top = trim
    start = max(bleed, 0) + MARK_GAP
    end = start + MARK_LENGTH
    segments = []
    for x, sign_x in ((left, -1), (right, 1)):
        for y, sign_y in ((bottom, -1), (top, 1)):
            segments.append((x + sign_x * start, y, x + sign_x * end, y))  # horizontal
            segments.append((x, y + sign_y * start, x, y + sign_y * end))  # vertical
    operators: list[Any] = ["/Artifact", b"BMC"] if tagged else []
    operators += [b"q", b"0 0 0 RG", f"{MARK_WIDTH:g} w".encode(), b"0 J"]
    for x1, y1, x2, y2 in segments:
        operators.append(f"{x1:.3f} {y1:.3f} m {x2:.3f} {y2:.3f} l S".encode())
    operators.append(b"Q")
    if tagged:
        operators.append(b"EMC")
    return operators


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


def _declare_pdfua(pdf: Any) -> None:
    metadata = _get(pdf, pdf.catalog["Metadata"])
    packet = b"".join(metadata.stream)
    closing = packet.rindex(b"</rdf:RDF>")
    metadata.stream = [packet[:closing] + _PDFUA_XMP + packet[closing:]]


def _list_associated_files_once(pdf: Any) -> None:
    if "AF" in pdf.catalog:
        pdf.catalog["AF"] = pydyf.Array(dict.fromkeys(pdf.catalog["AF"]))
