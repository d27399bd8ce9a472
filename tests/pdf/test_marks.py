"""Re-marking content: artifacts and /ActualText, with the rest of a page left byte for byte."""

from __future__ import annotations

import pikepdf

from broadside.pdf.marks import Artifact, Spoken, remark

PAGE = (
    b"q\n/Span\n<</MCID 0>>\nBDC\nBT\n/F1 10 Tf\n[<0012>5<0034>] TJ\nET\nEMC\n"
    b"/Span <</MCID 1>> BDC BT /F1 10 Tf [<0056>] TJ ET EMC\n"
    b"/Figure<</MCID 2>>BDC /Im1 Do EMC\nQ\n"
)


def instructions(content: bytes) -> list[tuple[str, list[object]]]:
    with pikepdf.new() as scratch:
        parsed = pikepdf.parse_content_stream(pikepdf.Stream(scratch, content))
        return [(str(op), [_plain(operand) for operand in operands]) for operands, op in parsed]


def _plain(operand: object) -> object:
    if isinstance(operand, pikepdf.Dictionary):
        return {key: _plain(value) for key, value in operand.items()}
    if isinstance(operand, pikepdf.Array):
        return [_plain(item) for item in operand]
    if isinstance(operand, pikepdf.String):
        return str(operand)
    return str(operand) if isinstance(operand, pikepdf.Name) else operand


def test_only_the_opening_operators_change() -> None:
    marked = remark(PAGE, {0: Artifact(), 2: Spoken("A chart")})
    assert marked.startswith(b"q\n/Artifact BMC\nBT\n/F1 10 Tf\n[<0012>5<0034>] TJ\nET\nEMC\n")
    assert b"/Span <</MCID 1>> BDC BT /F1 10 Tf [<0056>] TJ ET EMC\n" in marked  # untouched
    found = instructions(marked)
    figure = next(operands for op, operands in found if op == "BDC" and operands[0] == "/Figure")
    assert figure[1] == {"/MCID": 2, "/ActualText": "A chart"}
    assert [op for op, _ in found].count("EMC") == 3  # every sequence still closed


def test_text_a_reader_gets_survives_any_character() -> None:
    text = "Rekogni(tion) ½ — “quoted” \\ ünïcode 𝄞"
    marked = remark(PAGE, {1: Spoken(text)})
    spoken = next(ops for op, ops in instructions(marked) if op == "BDC" and ops[1]["/MCID"] == 1)
    assert spoken[1]["/ActualText"] == text


def test_streams_with_strings_comments_or_inline_images_are_parsed_instead() -> None:
    """`BDC` inside a literal string is data: only a real parser can tell."""
    tricky = PAGE.replace(b"Q\n", b"BT (/Span <</MCID 1>> BDC) Tj ET % BDC\nQ\n")
    marked = remark(tricky, {1: Artifact()})
    found = instructions(marked)
    assert ("BMC", ["/Artifact"]) in found
    assert ("Tj", ["/Span <</MCID 1>> BDC"]) in found  # the string is left as it was
    # The fast path and the parser agree wherever both apply.
    simple = remark(PAGE, {1: Artifact(), 0: Spoken("x")})
    assert instructions(simple) == instructions(
        remark(PAGE + b"% comment\n", {1: Artifact(), 0: Spoken("x")})
    )


def test_nothing_to_change_leaves_the_bytes_alone() -> None:
    assert remark(PAGE, {}) is PAGE
    assert remark(PAGE, {9: Artifact()}) == PAGE
