"""`--archival`: PDF/A-3b that carries its own sources, and stays accessible."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pikepdf
import pytest

from tests.conftest import SEED_CONTENT, run_cli


@pytest.fixture(scope="module")
def archival(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("archival")
    result = run_cli("build", SEED_CONTENT, "--out", out, "--archival")
    assert result.exit_code == 0, result.output
    assert "note:" not in result.output  # the seed has dates: nothing to warn about
    assert "warning:" not in result.output  # so --archival --strict can succeed
    return out / "brief.pdf"


def test_claims_pdf_a_3b_and_pdf_ua_1(archival: Path) -> None:
    with pikepdf.open(archival) as pdf:
        assert pdf.pdf_version == "1.7"
        with pdf.open_metadata() as xmp:
            assert xmp["pdfaid:part"] == "3" and xmp["pdfaid:conformance"] == "B"
            assert xmp["pdfuaid:part"] == "1"
        # PDF/A accepts pdfuaid only with an extension schema describing it.
        packet = pdf.Root.Metadata.read_bytes().decode()
        assert "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/<" in packet
        assert "<pdfaSchema:prefix>pdfuaid<" in packet
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1" and "/DestOutputProfile" in intent
        # Still tagged, titled and in its language: archival does not cost accessibility.
        assert pdf.Root.MarkInfo.Marked is True and "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == "en" and pdf.Root.ViewerPreferences.DisplayDocTitle


def test_carries_the_sources_byte_for_byte_as_associated_files(archival: Path) -> None:
    with pikepdf.open(archival) as pdf:
        associated = list(pdf.Root.AF)
        assert len(associated) == 3  # each listed once
        assert {str(spec.UF) for spec in associated} == set(pdf.attachments)
        found = {str(spec.UF): spec for spec in associated}
        for name, relationship, mime in (
            ("article.md", "/Source", "/text#2fmarkdown"),
            ("letter.md", "/Source", "/text#2fmarkdown"),
            ("demands.json", "/Data", "/application#2fjson"),
        ):
            spec = found[name]
            assert spec.AFRelationship == relationship
            stream = spec.EF.F
            assert stream.Subtype.unparse().decode() == mime
            data = stream.read_bytes()
            assert int(stream.Params.Size) == len(data)
            assert bytes(stream.Params.CheckSum) == hashlib.md5(data).digest()
            # Dated by the content (its update, 2018-06-22 07:20 PDT), never by the clock.
            assert str(stream.Params.ModDate) == "D:20180622142000Z"
            if name.endswith(".md"):
                assert data == (SEED_CONTENT / name).read_bytes()


def test_demands_json_quotes_the_demands_exactly(archival: Path) -> None:
    with pikepdf.open(archival) as pdf:
        document = json.loads(pdf.attachments["demands.json"].get_file().read_bytes())
    assert document["schema"] == "broadside/demands/2"
    assert document["signers"] == ["Amazonians"] and document["signatories"] is None
    assert document["title"] == "The employees’ letter to Jeff Bezos"
    assert document["signature"] == "Amazonians"
    assert document["recipient"] == {
        "name": "Jeff Bezos",
        "role": "CEO",
        "organisation": "Amazon",
    }
    assert document["intro"] == "We call on you to:"
    assert [d["number"] for d in document["demands"]] == [1, 2, 3]
    assert document["demands"][0]["text"] == (
        "Stop selling facial recognition services to law enforcement"
    )
    assert document["demands"][2]["markdown"].startswith("Implement strong transparency")


def test_without_dates_the_files_are_dated_by_their_modification_time(
    make_campaign, tmp_path: Path
) -> None:
    root = make_campaign()
    stamp = 1_600_000_000  # 2020-09-13 12:26:40 UTC
    for name in ("article.md", "letter.md"):
        os.utime(root / name, (stamp, stamp))
    out = tmp_path / "out"
    result = run_cli("build", root, "--out", out, "--archival")
    assert result.exit_code == 0, result.output
    assert "note: archival: the content has no date" in result.output
    with pikepdf.open(out / "brief.pdf") as pdf:
        for spec in pdf.Root.AF:
            assert str(spec.EF.F.Params.ModDate) == "D:20200913122640Z"


def test_the_flyer_is_archival_too(archival: Path) -> None:
    with pikepdf.open(archival.with_name("flyer.pdf")) as pdf:
        with pdf.open_metadata() as xmp:
            assert xmp["pdfaid:part"] == "3" and xmp["pdfaid:conformance"] == "B"
        assert {str(spec.UF) for spec in pdf.Root.AF} == {"article.md", "letter.md", "demands.json"}
