"""The checker can fail: each rule, shown a PDF broken the way it forbids, reports it.

Every case starts from a built PDF that passes the rule, breaks one thing with pikepdf (or
in the file's bytes), and expects exactly that rule to fail.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from tests.builds import build
from tests.pdf.standards import pdfa3b, pdfua1  # noqa: F401 - they register the rules
from tests.pdf.standards.checker import PDFA3B, PDFUA1, RULES, failures
from tests.pdf.standards.document import Document

Edit = Callable[[pikepdf.Pdf], None]


def elements(pdf: pikepdf.Pdf, kind: str) -> list[pikepdf.Object]:
    found = []
    stack = [pdf.Root.StructTreeRoot.K]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if kind == node.S:
                found.append(node)
            stack.append(node.get("/K", pikepdf.Array()))
    return found


def retype(kind: str, new: str, index: int = 0) -> Edit:
    def edit(pdf: pikepdf.Pdf) -> None:
        elements(pdf, kind)[index].S = pikepdf.Name(new)

    return edit


def xmp(change: Callable[[bytes], bytes]) -> Edit:
    def edit(pdf: pikepdf.Pdf) -> None:
        pdf.Root.Metadata.write(change(pdf.Root.Metadata.read_bytes()))

    return edit


def catalog(key: str, value: object) -> Edit:
    def edit(pdf: pikepdf.Pdf) -> None:
        pdf.Root[key] = value

    return edit


def content(change: Callable[[bytes], bytes], page: int = 0) -> Edit:
    def edit(pdf: pikepdf.Pdf) -> None:
        stream = pdf.pages[page].obj.Contents
        stream.write(change(stream.read_bytes()))

    return edit


def first_font(pdf: pikepdf.Pdf) -> pikepdf.Object:
    return next(iter(pdf.pages[0].obj.Resources.Font.values()))


def link_annotation(pdf: pikepdf.Pdf) -> pikepdf.Object:
    return next(
        a for page in pdf.pages for a in page.obj.get("/Annots", []) if a.Subtype == "/Link"
    )


def image(pdf: pikepdf.Pdf) -> pikepdf.Object:
    return next(
        o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"
    )


def embedded(pdf: pikepdf.Pdf) -> pikepdf.Object:
    return pdf.Root.AF[0]


def _drop_key(get: Callable[[pikepdf.Pdf], pikepdf.Object], key: str) -> Edit:
    def edit(pdf: pikepdf.Pdf) -> None:
        del get(pdf)[key]

    return edit


def _set_key(get: Callable[[pikepdf.Pdf], pikepdf.Object], key: str, value: object) -> Edit:
    def edit(pdf: pikepdf.Pdf) -> None:
        get(pdf)[key] = value

    return edit


def _first_mcid_untagged(pdf: pikepdf.Pdf) -> None:
    paragraph = elements(pdf, "/P")[0]
    paragraph.K = pikepdf.Array([kid for kid in paragraph.K if not isinstance(kid, int)])


def _notdef(data: bytes) -> bytes:
    return re.sub(rb"\[<([0-9a-f]{4})", b"[<0000", data, count=1)


def _width(pdf: pikepdf.Pdf) -> None:
    descendant = first_font(pdf).DescendantFonts[0]
    widths = descendant.W
    widths[1][0] = float(widths[1][0]) + 250


def _unmapped(pdf: pikepdf.Pdf) -> None:
    font = first_font(pdf)
    cmap = font.ToUnicode.read_bytes()
    font.ToUnicode.write(re.sub(rb"<[0-9a-f]{4}> <[0-9a-f]+>\n", b"", cmap, count=3))


def _bad_unicode(pdf: pikepdf.Pdf) -> None:
    font = first_font(pdf)
    cmap = font.ToUnicode.read_bytes()
    font.ToUnicode.write(re.sub(rb"(<[0-9a-f]{4}> )<[0-9a-f]+>", rb"\1<feff>", cmap))


def _text_annotation(pdf: pikepdf.Pdf) -> None:
    annotation = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, Rect=[10, 10, 20, 20], F=28
        )
    )
    pdf.pages[0].obj.Annots = pikepdf.Array([*pdf.pages[0].obj.get("/Annots", []), annotation])


def _three_d(pdf: pikepdf.Pdf) -> None:
    annotation = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name("/3D"), Rect=[10, 10, 20, 20], F=4
        )
    )
    pdf.pages[0].obj.Annots = pikepdf.Array([*pdf.pages[0].obj.get("/Annots", []), annotation])


def _reference_xobject(pdf: pikepdf.Pdf) -> None:
    form = pdf.make_stream(
        b"", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=[0, 0, 1, 1]
    )
    form.Ref = pikepdf.Dictionary(F=pikepdf.String("other.pdf"), Page=0)
    pdf.Root.Unused = form


def _ext_g_state(key: str, value: object) -> Edit:
    def edit(pdf: pikepdf.Pdf) -> None:
        state = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState)
        state[key] = value
        pdf.pages[0].obj.Resources.ExtGState = pikepdf.Dictionary(Bad=state)

    return edit


def _lzw(pdf: pikepdf.Pdf) -> None:
    stream = pdf.make_stream(b"")
    stream.write(b"\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01", filter=pikepdf.Name.LZWDecode)
    pdf.Root.Unused = stream


def _undefined_operator(data: bytes) -> bytes:
    return data.replace(b"\nBT\n", b"\nXyz\nBT\n", 1)


def _scanner_profile(pdf: pikepdf.Pdf) -> None:
    stream = pdf.Root.OutputIntents[0].DestOutputProfile
    profile = bytearray(stream.read_bytes())
    profile[12:16] = b"abst"
    stream.write(bytes(profile))


TAGGED = rb"(/\w+\s*<</MCID \d+(?: /ActualText <[0-9A-F]+>)?>>\s*BDC)"


def _artifact_inside(data: bytes) -> bytes:
    return re.sub(TAGGED, rb"\1\n/Artifact BMC EMC\n", data, count=1)


def _tagged_inside_artifact(data: bytes) -> bytes:
    start = re.search(TAGGED, data).start()
    end = data.index(b"EMC", start) + 3
    return data[:start] + b"/Artifact BMC\n" + data[start:end] + b"\nEMC" + data[end:]


def _toc_kid(pdf: pikepdf.Pdf) -> None:
    elements(pdf, "/TOCI")[0].S = pikepdf.Name.P


def _two_headings(pdf: pikepdf.Pdf) -> None:
    # Two paragraphs of one parent (whatever the templates put first) become two H.
    paragraphs = elements(pdf, "/P")
    first = next(p for p in paragraphs if sum(q.P == p.P for q in paragraphs) > 1)
    for paragraph in [q for q in paragraphs if q.P == first.P][:2]:
        paragraph.S = pikepdf.Name.H


def _circular(pdf: pikepdf.Pdf) -> None:
    pdf.Root.StructTreeRoot.RoleMap = pikepdf.Dictionary(
        Loop=pikepdf.Name.Again, Again=pikepdf.Name.Loop
    )
    elements(pdf, "/P")[0].S = pikepdf.Name.Loop


def _note(pdf: pikepdf.Pdf) -> None:
    elements(pdf, "/P")[0].S = pikepdf.Name.Note


def _unassociated(pdf: pikepdf.Pdf) -> None:
    pdf.Root.AF = pikepdf.Array(list(pdf.Root.AF)[1:])


def _javascript(pdf: pikepdf.Pdf) -> None:
    link_annotation(pdf).A = pikepdf.Dictionary(
        S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")
    )


def _tiny_page(pdf: pikepdf.Pdf) -> None:
    pdf.pages[0].obj.MediaBox = pikepdf.Array([0, 0, 2, 2])


UA, A = PDFUA1, PDFA3B
SEED, PICTURE = ("seed", "archival", "brief.pdf"), ("bilingual", "archival", "brief.pdf")

CASES: list[tuple[str, str, tuple[str, str, str], Edit]] = [
    (UA, "5-1", SEED, xmp(lambda x: re.sub(rb'<rdf:Description[^>]*pdfuaid:part="1"/>', b"", x))),
    (UA, "5-2", SEED, xmp(lambda x: x.replace(b'pdfuaid:part="1"', b'pdfuaid:part="2"'))),
    (
        UA,
        "5-3",
        SEED,
        xmp(
            lambda x: x.replace(b"xmlns:pdfuaid=", b"xmlns:ua=").replace(
                b"pdfuaid:part=", b"ua:part="
            )
        ),
    ),
    (UA, "6.2-1", SEED, _set_key(lambda p: p.Root.MarkInfo, "/Marked", False)),
    (UA, "7.1-1", SEED, content(_artifact_inside)),
    (UA, "7.1-2", SEED, content(_tagged_inside_artifact)),
    (UA, "7.1-3", SEED, _first_mcid_untagged),
    (UA, "7.1-4", SEED, _set_key(lambda p: p.Root.MarkInfo, "/Suspects", True)),
    (UA, "7.1-5", SEED, retype("/P", "/Custom")),
    (UA, "7.1-6", SEED, _circular),
    (
        UA,
        "7.1-7",
        SEED,
        _set_key(
            lambda p: p.Root.StructTreeRoot, "/RoleMap", pikepdf.Dictionary(P=pikepdf.Name.Span)
        ),
    ),
    (UA, "7.1-8", SEED, _drop_key(lambda p: p.Root, "/Metadata")),
    (UA, "7.1-9", SEED, xmp(lambda x: re.sub(rb"<dc:title>.*?</dc:title>", b"", x, flags=re.S))),
    (UA, "7.1-10", SEED, _set_key(lambda p: p.Root.ViewerPreferences, "/DisplayDocTitle", False)),
    (UA, "7.1-11", SEED, _drop_key(lambda p: p.Root, "/StructTreeRoot")),
    (UA, "7.1-12", SEED, lambda pdf: elements(pdf, "/P")[0].__delitem__("/P")),
    (UA, "7.2-1", SEED, _drop_key(first_font, "/ToUnicode")),
    (UA, "7.2-2", SEED, _drop_key(lambda p: p.Root, "/Lang")),
    (UA, "7.2-3", PICTURE, retype("/THead", "/P")),
    (UA, "7.2-5", PICTURE, retype("/Table", "/Div")),
    (UA, "7.2-10", PICTURE, retype("/TH", "/P")),
    (UA, "7.2-17", SEED, retype("/L", "/Div")),
    (UA, "7.2-18", SEED, retype("/LI", "/Div")),
    (UA, "7.2-19", SEED, retype("/LI", "/P")),
    (UA, "7.2-20", SEED, retype("/Lbl", "/P")),
    (UA, "7.2-26", SEED, retype("/TOC", "/L")),
    (UA, "7.2-27", SEED, _toc_kid),
    (
        UA,
        "7.2-29",
        SEED,
        lambda pdf: elements(pdf, "/P")[0].__setitem__("/Lang", pikepdf.String("not a tag!")),
    ),
    (UA, "7.2-33", SEED, _drop_key(lambda p: p.Root, "/Lang")),
    (UA, "7.2-34", SEED, _drop_key(lambda p: p.Root, "/Lang")),
    (UA, "7.3-1", PICTURE, lambda pdf: elements(pdf, "/Figure")[0].__delitem__("/Alt")),
    (UA, "7.4.2-1", SEED, retype("/H1", "/H3")),
    (UA, "7.4.4-1", SEED, _two_headings),
    (UA, "7.4.4-2", SEED, retype("/P", "/H")),
    (UA, "7.5-1", PICTURE, lambda pdf: elements(pdf, "/TH")[0].__delitem__("/A")),
    (UA, "7.9-1", SEED, _note),
    (UA, "7.11-1", SEED, _drop_key(embedded, "/UF")),
    (UA, "7.18.1-1", SEED, _text_annotation),
    (UA, "7.18.3-1", SEED, _drop_key(lambda p: p.pages[0].obj, "/Tabs")),  # the cover links
    (UA, "7.18.5-1", SEED, _drop_key(link_annotation, "/StructParent")),
    (UA, "7.18.5-2", SEED, _drop_key(link_annotation, "/Contents")),
    (UA, "7.20-1", SEED, _reference_xobject),
    (UA, "7.21.3.2-1", SEED, _drop_key(lambda p: first_font(p).DescendantFonts[0], "/CIDToGIDMap")),
    (
        UA,
        "7.21.4.1-1",
        SEED,
        _drop_key(lambda p: first_font(p).DescendantFonts[0].FontDescriptor, "/FontFile2"),
    ),
    (UA, "7.21.5-1", SEED, _width),
    (UA, "7.21.7-1", SEED, _unmapped),
    (UA, "7.21.7-2", SEED, _bad_unicode),
    (UA, "7.21.8-1", SEED, content(_notdef)),
    (
        A,
        "6.1.7-3",
        SEED,
        _set_key(lambda p: p.pages[0].obj.Contents, "/F", pikepdf.String("x.bin")),
    ),
    (A, "6.1.7-4", SEED, _lzw),
    (A, "6.1.13-1", SEED, catalog("/Big", 3_000_000_000)),
    (A, "6.1.13-3", SEED, catalog("/Long", pikepdf.String("x" * 40_000))),
    (A, "6.1.13-4", SEED, catalog("/" + "n" * 130, 1)),
    (A, "6.1.13-11", SEED, _tiny_page),
    (A, "6.2.2-1", SEED, content(_undefined_operator)),
    (A, "6.2.3-1", SEED, _scanner_profile),
    (A, "6.2.5-1", SEED, _ext_g_state("/TR", pikepdf.Name.Identity)),
    (A, "6.2.5-3", SEED, _ext_g_state("/HTP", pikepdf.Array([1]))),
    (A, "6.2.8-1", PICTURE, _set_key(image, "/Alternates", pikepdf.Array())),
    (A, "6.2.8-3", PICTURE, _set_key(image, "/Interpolate", True)),
    (A, "6.2.10-1", SEED, _ext_g_state("/BM", pikepdf.Name("/Weird"))),
    (
        A,
        "6.2.11.4-1",
        SEED,
        _drop_key(lambda p: first_font(p).DescendantFonts[0].FontDescriptor, "/FontFile2"),
    ),
    (A, "6.2.11.5-1", SEED, _width),
    (A, "6.2.11.8-1", SEED, content(_notdef)),
    (A, "6.3.1-1", SEED, _three_d),
    (A, "6.3.2-1", SEED, _drop_key(link_annotation, "/F")),
    (A, "6.3.2-2", SEED, _set_key(link_annotation, "/F", 2)),
    (A, "6.5.1-1", SEED, _javascript),
    (A, "6.5.2-1", SEED, catalog("/AA", pikepdf.Dictionary())),
    (A, "6.5.2-2", SEED, _set_key(lambda p: p.pages[0].obj, "/AA", pikepdf.Dictionary())),
    (A, "6.6.2.1-1", SEED, _drop_key(lambda p: p.Root, "/Metadata")),
    (
        A,
        "6.6.2.1-2",
        SEED,
        xmp(lambda x: re.sub(rb'<\?xpacket begin="[^"]*"', rb'\g<0> bytes="1"', x)),
    ),
    (A, "6.6.2.1-4", SEED, xmp(lambda x: x.replace(b"</rdf:RDF>", b"</rdf:RDF><broken>"))),
    (
        A,
        "6.6.2.3-7",
        SEED,
        xmp(
            lambda x: x.replace(
                b"</rdf:RDF>",
                b'<rdf:Description rdf:about="" xmlns:x2="http://example.org/x/" x2:made="up"/>'
                b"</rdf:RDF>",
            )
        ),
    ),
    (A, "6.6.4-1", SEED, xmp(lambda x: re.sub(rb'pdfaid:part="3"', b"", x))),
    (A, "6.6.4-2", SEED, xmp(lambda x: x.replace(b'pdfaid:part="3"', b'pdfaid:part="2"'))),
    (
        A,
        "6.6.4-3",
        SEED,
        xmp(lambda x: x.replace(b'pdfaid:conformance="B"', b'pdfaid:conformance="X"')),
    ),
    (A, "6.8-1", SEED, _drop_key(lambda p: embedded(p).EF.F, "/Subtype")),
    (A, "6.8-2", SEED, _drop_key(embedded, "/UF")),
    (A, "6.8-3", SEED, _drop_key(embedded, "/AFRelationship")),
    (A, "6.8-4", SEED, _unassociated),
    (A, "6.10-2", SEED, _set_key(lambda p: p.pages[0].obj, "/PresSteps", pikepdf.Dictionary())),
    (A, "6.11-1", SEED, catalog("/Requirements", pikepdf.Array())),
]
# Rules about the file's own bytes: broken after saving.
BYTES: list[tuple[str, str, Callable[[bytes], bytes]]] = [
    (UA, "6.1-1", lambda data: data.replace(b"%PDF-1.7", b"%PDF-2.0", 1)),
    (A, "6.1.2-1", lambda data: b" " + data),
    (
        A,
        "6.1.2-2",
        lambda data: re.sub(rb"^(%PDF-1\.\d\n)%....", rb"\1%abcd", data, count=1, flags=re.S),
    ),
    (A, "6.1.3-3", lambda data: data + b"trailing garbage\n"),
    (
        A,
        "6.1.7-1",
        lambda data: re.sub(
            rb"/Length (\d+)", lambda m: b"/Length %d" % (int(m.group(1)) - 3), data, count=1
        ),
    ),
    (A, "6.1.9-1", lambda data: re.sub(rb"\n(\d+) 0 obj\n", rb"\n\1  0 obj\n", data, count=1)),
]


def _ids(case: tuple[str, ...]) -> str:
    return f"{case[0]} {case[1]}"


@pytest.mark.parametrize(
    ("profile", "rule_id", "base", "edit"), CASES, ids=[_ids(c) for c in CASES]
)
def test_a_pdf_broken_this_way_fails_the_rule(
    profile: str,
    rule_id: str,
    base: tuple[str, str, str],
    edit: Edit,
    tmp_path_factory: pytest.TempPathFactory,
    tmp_path: Path,
) -> None:
    source = build(tmp_path_factory, base[0], base[1]) / base[2]
    assert failures(profile, rule_id, Document(source)) == [], "the unbroken PDF must pass"
    broken = tmp_path / "broken.pdf"
    with pikepdf.open(source) as pdf:
        edit(pdf)
        # As edited: no repairs to the metadata, no re-encoding of streams.
        pdf.save(
            broken,
            fix_metadata_version=False,
            compress_streams=False,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,
        )
    assert failures(profile, rule_id, Document(broken)), f"{profile} {rule_id} missed it"


@pytest.mark.parametrize(("profile", "rule_id", "change"), BYTES, ids=[_ids(c) for c in BYTES])
def test_a_file_broken_this_way_fails_the_rule(
    profile: str,
    rule_id: str,
    change: Callable[[bytes], bytes],
    tmp_path_factory: pytest.TempPathFactory,
    tmp_path: Path,
) -> None:
    source = build(tmp_path_factory, "seed", "archival") / "brief.pdf"
    assert failures(profile, rule_id, Document(source)) == []
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(change(source.read_bytes()))
    assert failures(profile, rule_id, Document(broken)), f"{profile} {rule_id} missed it"


def test_every_rule_has_its_own_test() -> None:
    """A rule is only checked if a test runs it: one per rule, named after it."""
    from tests.pdf.standards import test_pdfa3b, test_pdfua1

    names = {name for module in (test_pdfua1, test_pdfa3b) for name in dir(module)}
    for rule in RULES.values():
        assert any(name.startswith(rule.test_name) for name in names), rule.id
