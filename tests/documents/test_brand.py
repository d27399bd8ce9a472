"""A branded campaign through the real build: its accent on the pages, its files in the
archive, and every guarantee of an unbranded one kept."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from broadside.content.colour import Colour
from tests.conftest import REPO, run_cli

CAMPAIGNS = REPO / "tests" / "campaigns"


def build(campaign: Path, out: Path, *options: str) -> Path:
    result = run_cli("build", campaign, "--out", out, *options)
    assert result.exit_code == 0, result.output
    assert "warning:" not in result.output
    return out


@pytest.fixture(scope="module")
def archival(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("branded-archival")
    return build(CAMPAIGNS / "branded-svg", out, "--archival")


@pytest.fixture(scope="module")
def unbranded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same campaign without its brand.yaml."""
    folder = tmp_path_factory.mktemp("unbranded")
    plain = Path(shutil.copytree(CAMPAIGNS / "branded-svg", folder / "campaign"))
    (plain / "brand.yaml").unlink()
    return build(plain, folder / "out")


def pixels_near(pdf: Path, colour: Colour, page: int = 0, tolerance: int = 10) -> int:
    """How many pixels of the page, rendered at 50 dpi, are within `tolerance` of `colour`."""
    document = pdfium.PdfDocument(pdf)
    try:
        image = document[page].render(scale=50 / 72).to_pil().convert("RGB")
    finally:
        document.close()
    wanted = (colour.red, colour.green, colour.blue)
    return sum(
        1
        for pixel in image.get_flattened_data()
        if all(abs(a - b) <= tolerance for a, b in zip(pixel, wanted, strict=True))
    )


@pytest.mark.parametrize("name", ["brief.pdf", "flyer.pdf"])
def test_the_accent_replaces_the_pages_own(archival: Path, unbranded: Path, name: str) -> None:
    brand, default = Colour.from_hex("#1d5c8a"), Colour.from_hex("#a4262c")
    assert pixels_near(archival / name, brand) > 50
    assert pixels_near(archival / name, default) == 0
    assert pixels_near(unbranded / name, brand) == 0
    assert pixels_near(unbranded / name, default) > 50


def test_archival_carries_brand_yaml_and_the_logo_as_supplied(archival: Path) -> None:
    source = CAMPAIGNS / "branded-svg"
    with pikepdf.open(archival / "brief.pdf") as pdf:
        with pdf.open_metadata() as xmp:
            assert xmp["pdfaid:part"] == "3" and xmp["pdfuaid:part"] == "1"
        associated = {str(spec.UF): spec for spec in pdf.Root.AF}
        assert set(associated) == {
            "article.md",
            "letter.md",
            "demands.json",
            "brand.yaml",
            "logo.svg",
        }
        for name, mime in (("brand.yaml", "/application#2fyaml"), ("logo.svg", "/image#2fsvg+xml")):
            spec = associated[name]
            assert spec.AFRelationship == "/Source"
            stream = spec.EF.F
            assert stream.Subtype.unparse().decode() == mime
            data = stream.read_bytes()
            assert data == (source / name).read_bytes()  # byte for byte, as supplied
            assert bytes(stream.Params.CheckSum) == hashlib.md5(data).digest()


def test_a_branded_build_is_byte_identical_when_repeated(archival: Path, tmp_path: Path) -> None:
    again = build(CAMPAIGNS / "branded-svg", tmp_path / "again", "--archival")
    for name in ("brief.pdf", "flyer.pdf"):
        assert (again / name).read_bytes() == (archival / name).read_bytes(), name
