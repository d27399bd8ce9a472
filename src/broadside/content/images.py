"""Pictures a campaign may use: inside its folder, a known format, a sane size.

Only the header is read here (Pillow opens lazily), so a decompression bomb is refused
before anything tries to decode it.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, UnidentifiedImageError

FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}
MAX_BYTES = 25 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 40 megapixels: a 7,300 × 5,500 photo; print needs far less
MAX_SIDE = 20_000


def resolve_inside(root: Path, relative: str) -> Path | str:
    """The real path of `relative` under `root`, or why it is not acceptable."""
    root = root.resolve()
    candidate = root / relative
    try:
        real = candidate.resolve(strict=True)
    except (FileNotFoundError, NotADirectoryError):
        return f"file not found: {relative} (looked in {root})"
    except (OSError, RuntimeError) as error:  # symlink loops and the like
        return f"cannot open {relative}: {error}"
    if not real.is_relative_to(root):
        return f"{relative} points outside the campaign folder; copy the file into it"
    if not real.is_file():
        return f"{relative} is not a regular file"
    return real


def check_image(path: Path) -> str | None:
    """None if `path` is a picture we will print, else the reason it is refused."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        return f"{path.name} is {size / 1e6:.0f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB"
    try:
        with Image.open(path) as image:
            kind, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError):
        return f"{path.name} is not a PNG, JPEG, GIF or WebP picture"
    if kind not in FORMATS:
        return f"{path.name} is {kind}; use PNG, JPEG, GIF or WebP"
    if (
        width < 1
        or height < 1
        or width > MAX_SIDE
        or height > MAX_SIDE
        or width * height > MAX_PIXELS
    ):
        return (
            f"{path.name} is {width} × {height} pixels; the limit is {MAX_PIXELS // 1_000_000} "
            f"megapixels and {MAX_SIDE} pixels a side"
        )
    return None
