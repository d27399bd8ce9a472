"""Static font instances: faster to embed, and bold type spaced as bold, not as regular."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from fontTools.ttLib import TTFont

from broadside.fonts import coverage
from broadside.fonts import faces as fonts
from broadside.fonts.instances import static_instance


def embedded_fonts(pdf_path: Path) -> dict[str, tuple[TTFont, dict[int, float]]]:
    """Each embedded font, with the advance widths the PDF positions its glyphs by (/W)."""
    found: dict[str, tuple[TTFont, dict[int, float]]] = {}
    with pikepdf.open(pdf_path) as pdf:
        for page in pdf.pages:
            for font in page.Resources.get("/Font", {}).values():
                name = str(font.BaseFont)
                if name in found or "/DescendantFonts" not in font:
                    continue
                descendant = font.DescendantFonts[0]
                data = descendant.FontDescriptor.FontFile2.read_bytes()
                widths: dict[int, float] = {}
                items = list(descendant.get("/W", []))
                index = 0
                while index < len(items):  # [first [w1 w2 ...]] or [first last w]
                    first = int(items[index])
                    if isinstance(items[index + 1], pikepdf.Array):
                        for offset, width in enumerate(items[index + 1]):
                            widths[first + offset] = float(width)
                        index += 2
                    else:
                        for glyph in range(first, int(items[index + 1]) + 1):
                            widths[glyph] = float(items[index + 2])
                        index += 3
                found[name] = (TTFont(io.BytesIO(data)), widths)
    return found


def test_every_embedded_font_is_static_and_drawn_as_it_was_measured(seed_build: Path) -> None:
    found = embedded_fonts(seed_build / "brief.pdf")
    names = " ".join(found)
    assert "Bold" in names and "Semi-Bold" in names and "Italic" in names
    for name, (font, widths) in found.items():
        assert "fvar" not in font, f"{name} is still a variable font"
        order = font.getGlyphOrder()
        scale = 1000 / font["head"].unitsPerEm
        mismatched = [
            glyph
            for glyph, width in widths.items()
            if glyph < len(order) and abs(font["hmtx"][order[glyph]][0] * scale - width) > 1
        ]
        # Layout and drawing agree on every glyph's width: nothing cramped or spread.
        assert not mismatched, f"{name}: {len(mismatched)} of {len(widths)} glyphs"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BROADSIDE_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_an_instance_is_the_source_pinned_at_one_weight(cache: Path) -> None:
    source = fonts.Face(fonts.SERIF, "italic").path
    made = static_instance(source, {"wght": 600, "opsz": fonts.OPTICAL_SIZE})
    assert made is not None and made.is_relative_to(cache)
    instance, original = TTFont(made), TTFont(source)
    assert "fvar" not in instance and "gvar" not in instance
    assert instance["OS/2"].usWeightClass == 600
    assert instance.getGlyphOrder() == original.getGlyphOrder()
    assert instance.getBestCmap() == original.getBestCmap()
    for table in ("GSUB", "GPOS"):  # kerning, ligatures, figures: all the features kept
        features = {record.FeatureTag for record in instance[table].table.FeatureList.FeatureRecord}
        expected = {record.FeatureTag for record in original[table].table.FeatureList.FeatureRecord}
        assert features == expected


def test_an_instance_is_made_once(cache: Path) -> None:
    source = fonts.Face(fonts.SANS, "normal").path
    made = static_instance(source, {"wght": 700})
    assert made is not None
    stamp = made.stat().st_mtime_ns
    assert static_instance(source, {"wght": 700}) == made
    assert made.stat().st_mtime_ns == stamp
    assert static_instance(source, {"wght": 400}) != made


def test_without_a_writable_cache_instances_are_still_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("the cache folder cannot be created under a file")
    monkeypatch.setenv("BROADSIDE_CACHE_DIR", str(blocker))
    made = static_instance(fonts.Face(fonts.SANS, "italic").path, {"wght": 400})
    assert made is not None and made.is_file() and not made.is_relative_to(blocker)
    assert "fvar" not in TTFont(made)


def test_a_static_font_is_used_as_it_is(cache: Path) -> None:
    static = static_instance(fonts.Face(fonts.SANS, "italic").path, {"wght": 400})
    assert static is not None
    assert static_instance(static, {"wght": 700}) is None  # nothing to pin: use the file


def test_coverage_read_back_from_the_cache_is_exact(cache: Path) -> None:
    """Each shipped face's characters, Latin and every other script's, as its cmap has them."""
    direct: dict[fonts.Face, set[int]] = {}
    for face in coverage.every_face():
        with TTFont(face.path, lazy=True) as font:
            direct[face] = set(font.getBestCmap())
    first = coverage.by_face.__wrapped__()
    assert list(cache.glob("coverage/*.json"))
    second = coverage.by_face.__wrapped__()  # from the cache
    assert direct == first == second
    latin = set().union(*(second[face] for face in fonts.FACES))
    assert ord("é") in latin and ord("Ж") in latin and ord("ש") not in latin
    assert not any(0x1F600 in covered for covered in second.values())
