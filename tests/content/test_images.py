"""Pictures: what the renderer draws is what `check` accepts, each file is decoded once, and a
campaign's references and pixels are capped."""

from __future__ import annotations

import struct
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageFile

from broadside.content.images import (
    DRAWN_MODES,
    MAX_REFERENCES,
    Pictures,
    check_image,
)
from broadside.errors import BuildError, ExitCode
from broadside.html.stylesheets import shared_sheets
from tests.conftest import run_cli
from tests.printing import page, print_html

RED = (200, 30, 30)


def png(path: Path, width: int, height: int, depth: int, colour_type: int, row: bytes) -> Path:
    """A PNG written byte by byte: kinds Pillow will not write (16-bit greyscale)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, depth, colour_type, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + row for _ in range(height)))
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )
    return path


def grey16(path: Path) -> Path:
    return png(path, 40, 30, 16, 0, struct.pack(">H", 20_000) * 40)


# One picture in each mode Pillow opens our four formats in.
DRAWN: dict[str, Callable[[Path], Path]] = {
    "1": lambda p: _save(Image.new("RGB", (40, 30), RED).convert("1"), p / "one.png"),
    "L": lambda p: _save(Image.new("L", (40, 30), 80), p / "grey.png"),
    "LA": lambda p: _save(Image.new("LA", (40, 30), (80, 255)), p / "grey-alpha.png"),
    "P": lambda p: _save(Image.new("RGB", (40, 30), RED).convert("P"), p / "palette.gif"),
    "RGB": lambda p: _save(Image.new("RGB", (40, 30), RED), p / "rgb.jpg"),
    "RGBA": lambda p: _save(Image.new("RGBA", (40, 30), (*RED, 128)), p / "rgba.webp"),
    "CMYK": lambda p: _save(Image.new("CMYK", (40, 30), (0, 220, 200, 40)), p / "cmyk.jpg"),
}


def _save(image: Image.Image, path: Path) -> Path:
    image.save(path)
    return path


def drawn_colours(root: Path, name: str) -> set[tuple[int, int, int]]:
    """The colours of the page where the picture is, over a green background."""
    html = page(
        '<div style="background: #0f0; padding: 5mm; width: 60mm">'
        f'<img alt="a picture" src="{name}" style="display: block; width: 50mm"></div>'
    )
    printed = print_html(root, html, shared_sheets())
    assert printed.pdf is not None
    document = pdfium.PdfDocument(printed.pdf)
    try:
        bitmap = document[0].render(scale=1).to_pil().convert("RGB")
    finally:
        document.close()
    box = bitmap.crop((80, 80, 200, 165))  # inside the picture, clear of the green
    return {colour for _, colour in box.getcolors(1 << 16) or []}


def test_every_mode_check_accepts_is_drawn(tmp_path: Path) -> None:
    assert set(DRAWN) == DRAWN_MODES
    for mode, make in DRAWN.items():
        path = make(tmp_path)
        with Image.open(path) as opened:
            assert opened.mode == mode
        assert check_image(path) is None
        colours = drawn_colours(tmp_path, path.name)
        assert (0, 255, 0) not in colours, mode  # the picture covers its box
        assert colours - {(255, 255, 255)}, mode  # and is not blank


def test_a_sixteen_bit_greyscale_picture_is_refused_because_it_would_be_drawn_wrong(
    tmp_path: Path,
) -> None:
    path = grey16(tmp_path / "scan.png")
    assert check_image(path) == (
        "scan.png is a 16-bit greyscale picture, which the renderer would leave out or draw "
        "wrong; save it as an 8-bit RGB or greyscale picture"
    )


def test_the_fetcher_refuses_what_check_refuses(tmp_path: Path) -> None:
    grey16(tmp_path / "scan.png")
    with pytest.raises(BuildError, match=r"scan\.png is a 16-bit greyscale picture"):
        print_html(tmp_path, page('<img alt="x" src="scan.png">'), shared_sheets())


def test_a_hard_linked_picture_is_refused_in_check_and_by_the_fetcher(tmp_path: Path) -> None:
    outside = _save(Image.new("RGB", (40, 30), RED), tmp_path / "private.png")
    folder = tmp_path / "campaign"
    folder.mkdir()
    (folder / "photo.png").hardlink_to(outside)
    message = (
        "photo.png is a hard link (2 names for one file): it may be a file from outside the "
        "campaign folder, which Broadside cannot tell apart; copy the picture in (cp makes a "
        "file of its own)"
    )
    assert Pictures(folder).check("photo.png") == message
    with pytest.raises(BuildError, match=r"photo\.png is a hard link \(2 names"):
        print_html(folder, page('<img alt="x" src="photo.png">'), shared_sheets())


def test_each_picture_is_decoded_once_however_often_it_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    picture = _save(Image.new("RGB", (4000, 3000), RED), tmp_path / "big.png")
    decoded: list[str] = []
    real_load = ImageFile.ImageFile.load

    def counting_load(image: ImageFile.ImageFile) -> object:
        decoded.append(str(getattr(image, "filename", "")))
        return real_load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", counting_load)
    pictures = Pictures(tmp_path)
    assert [pictures.check("big.png") for _ in range(MAX_REFERENCES)] == [None] * MAX_REFERENCES
    assert len(decoded) == 1
    assert pictures.check("./big.png") == (
        f"more than {MAX_REFERENCES} pictures in the campaign (each time a picture is shown "
        "counts); show fewer"
    )
    assert picture.exists()


def header_only(path: Path, width: int, height: int) -> Path:
    """A PNG that claims `width` × `height` in a few bytes: counted by its header."""
    return png(path, width, height, 8, 2, b"")


def test_the_pictures_of_a_campaign_are_capped_in_pixels(tmp_path: Path) -> None:
    pictures = Pictures(tmp_path)
    for number in range(10):  # 10 × 39.6 megapixels: 396
        header_only(tmp_path / f"p{number}.png", 6000, 6600)
        refused = pictures.check(f"p{number}.png")
        assert refused is not None and "damaged" in refused  # header only: no pixels
    header_only(tmp_path / "last.png", 3000, 2000)
    assert pictures.check("last.png") == (
        "last.png takes the campaign's pictures to 402 megapixels; the limit is 400 for all "
        "of them: save them smaller (300 dpi at their printed size is plenty)"
    )


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_big_picture_shown_a_thousand_times_is_refused_quickly(here: Path) -> None:
    """Hostile testing: one 40-megapixel PNG referenced 1,000 times took 211 s and built."""
    folder = here / "case"
    folder.mkdir()
    Image.linear_gradient("L").resize((6000, 6600)).save(folder / "big.png")
    (folder / "article.md").write_text(
        "---\ntitle: Pictures\n---\n" + "\n\n".join(["![a big one](big.png)"] * 1000) + "\n"
    )
    (folder / "letter.md").write_text(
        "---\ntitle: A letter\ndemands: [Do it.]\nsignature: Us\n---\nBody.\n"
    )
    started = time.perf_counter()
    result = run_cli("check", "case")
    elapsed = time.perf_counter() - started
    assert result.exit_code == ExitCode.CONTENT
    assert result.stderr.splitlines() == [
        f"case/article.md:{4 + 2 * MAX_REFERENCES}: body: more than {MAX_REFERENCES} pictures "
        "in the campaign (each time a picture is shown counts); show fewer"
    ]
    assert elapsed < 30  # one decode of 40 megapixels and 1,000 header reads; ~2 s idle
