"""Pictures a campaign may use: inside its folder, a known format, a sane size, not broken.

The header is read first (Pillow opens lazily), so a decompression bomb is refused by its
declared size before anything decodes it; only then is the picture decoded, once per file
however often it is referenced (`Pictures`), so a truncated or corrupt file is reported here
rather than silently missing from the PDF. A campaign's references and the pixels of its
pictures together are capped, so checking and typesetting them stay within the time limit
(docs/limits.md).
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import IO

from PIL import Image, ImageFile, UnidentifiedImageError

FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}
MIME_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
MAX_BYTES = 25 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 40 megapixels: a 7,300 × 5,500 photo; print needs far less
MAX_SIDE = 20_000
MAX_REFERENCES = 100  # pictures shown in one campaign, the same one counted each time
MAX_TOTAL_PIXELS = 400_000_000  # of its distinct pictures together: ten 40-megapixel photos
# Pillow's modes for the pictures the renderer draws (WeasyPrint 70 converts 1 and P to RGB);
# anything else it draws wrong or leaves out. tests/content/test_images.py renders each.
DRAWN_MODES = {"1", "L", "LA", "P", "RGB", "RGBA", "CMYK"}


def resolve_inside(root: Path, relative: str) -> Path | str:
    """The real path of `relative` under `root`, or why it is not acceptable."""
    root = root.resolve()
    if not Path(os.path.normpath(root / relative)).is_relative_to(root):
        return f"{relative} points outside the campaign folder; copy the file into it"
    try:
        real = (root / relative).resolve(strict=True)
    except (FileNotFoundError, NotADirectoryError):
        return f"file not found: {relative} (paths are relative to the campaign folder)"
    except RuntimeError:  # Python's word for a symlink loop
        return f"{relative} is a link that leads back to itself"
    except OSError as error:
        return f"cannot open {relative}: {error.strerror}"
    except ValueError:  # a NUL byte
        return f"{relative} is not a file name"
    if not real.is_relative_to(root):
        return f"{relative} is a link to a file outside the campaign folder; copy the file in"
    if not real.is_file():
        return f"{relative} is not a regular file"
    if (names := real.stat().st_nlink) > 1:
        return hard_link_message(relative, names)
    return real


def hard_link_message(name: str, names: int) -> str:
    return (
        f"{name} is a hard link ({names} names for one file): it may be a file from outside "
        "the campaign folder, which Broadside cannot tell apart; copy the picture in "
        "(cp makes a file of its own)"
    )


@dataclass
class Pictures:
    """The pictures one campaign shows, checked as they are found: each file decoded once,
    however often it is referenced; references and pixels counted against the limits."""

    root: Path
    references: int = 0
    pixels: int = 0
    _checked: dict[tuple[int, int, int, int], str | None] = field(default_factory=dict)

    def check(self, relative: str) -> str | None:
        """None if the picture at `relative` may be shown once more, else why not."""
        self.references += 1
        if self.references == MAX_REFERENCES + 1:
            return (
                f"more than {MAX_REFERENCES} pictures in the campaign (each time a picture "
                "is shown counts); show fewer"
            )
        if self.references > MAX_REFERENCES:
            return None  # said once, above; with that mistake nothing is built
        resolved = resolve_inside(self.root, relative)
        if isinstance(resolved, str):
            return resolved
        try:
            status = resolved.stat()
        except OSError as error:
            return f"cannot read {resolved.name}: {error.strerror}"
        identity = (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)
        if identity not in self._checked:
            self._checked[identity] = self._first_look(resolved)
        return self._checked[identity]

    def _first_look(self, path: Path) -> str | None:
        size = header_size(path)
        if isinstance(size, tuple) and not too_big(*size):
            width, height = size
            if self.pixels + width * height > MAX_TOTAL_PIXELS:
                total = (self.pixels + width * height) / 1e6
                return (
                    f"{path.name} takes the campaign's pictures to {total:,.0f} megapixels; "
                    f"the limit is {MAX_TOTAL_PIXELS // 1_000_000} for all of them: save "
                    "them smaller (300 dpi at their printed size is plenty)"
                )
            self.pixels += width * height
        return check_image(path)


def header_size(path: Path) -> tuple[int, int] | None:
    """Width and height from the picture's header, without decoding it; None if unreadable."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # refused by size
        try:
            with Image.open(path) as image:
                return image.size
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            return None  # check_image says what is wrong with it


def check_image(path: Path) -> str | None:
    """None if `path` is a picture we will print, else the reason it is refused."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            limit = MAX_BYTES // 1024 // 1024
            return f"{path.name} is {size / 1e6:.0f} MB; the limit is {limit} MB"
        with path.open("rb") as handle:
            return _check(handle, path.name)
    except OSError as error:
        return f"cannot read {path.name}: {error.strerror}"


def check_image_data(data: bytes, name: str, *, decode: bool = False) -> str | None:
    """As `check_image`, for bytes already read; from the header alone unless `decode`: the
    engine's fetcher checks what it serves without decoding every picture a second time."""
    if len(data) > MAX_BYTES:
        return f"{name} is {len(data) / 1e6:.0f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB"
    return _check(BytesIO(data), name, decode=decode)


@dataclass(frozen=True)
class Header:
    """What a picture's header says: its format, as Pillow names it, and its size."""

    format: str
    width: int
    height: int

    @property
    def mime(self) -> str:
        return MIME_TYPES[self.format]


def read_header(data: bytes) -> Header:
    """The header of a picture the checks above accepted."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(BytesIO(data)) as image:
            return Header(str(image.format), *image.size)


def _check(handle: IO[bytes], name: str, *, decode: bool = True) -> str | None:
    not_a_picture = f"{name} is not a PNG, JPEG, GIF or WebP picture"
    with warnings.catch_warnings(), _strict_decoding():
        # Our own limit is far below Pillow's bomb warning; the message below says why.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(handle) as image:
                kind, (width, height) = image.format, image.size
                if kind not in FORMATS:
                    return f"{name} is {kind}; use PNG, JPEG, GIF or WebP"
                if too_big(width, height):
                    return _size_message(name, f"{width} × {height} pixels")
                if image.mode not in DRAWN_MODES:
                    return _mode_message(name, image.mode)
                if decode:
                    image.load()
        except Image.DecompressionBombError as error:
            # Pillow refuses before telling us the size, but names the pixel count.
            pixels = re.search(r"\((\d+) pixels\)", str(error))
            count = f"{int(pixels.group(1)):,} pixels" if pixels else "far more pixels than a photo"
            return _size_message(name, f"a picture of {count}")
        except (UnidentifiedImageError, SyntaxError):
            return not_a_picture
        except (OSError, ValueError, EOFError, MemoryError) as error:
            return f"{name} is damaged and cannot be read ({error}); export it again"
    return None


@contextmanager
def _strict_decoding() -> Iterator[None]:
    """WeasyPrint tells Pillow, for the whole process, to pad truncated pictures with grey;
    a check must see them as the damaged files they are."""
    lenient = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient


def pixel_size(path: Path) -> tuple[int, int] | None:
    """A checked picture's width and height, from its header (nothing is decoded)."""
    try:
        with Image.open(path) as image:
            width, height = image.size
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
        return None
    return width, height


def too_big(width: int, height: int) -> bool:
    return (
        width < 1
        or height < 1
        or width > MAX_SIDE
        or height > MAX_SIDE
        or width * height > MAX_PIXELS
    )


def _mode_message(name: str, mode: str) -> str:
    kind = "a 16-bit greyscale" if mode.startswith("I;16") else f"an '{mode}'-mode"
    return (
        f"{name} is {kind} picture, which the renderer would leave out or draw wrong; "
        "save it as an 8-bit RGB or greyscale picture"
    )


def _size_message(name: str, size: str) -> str:
    return (
        f"{name} is {size}; the limit is {MAX_PIXELS // 1_000_000} megapixels and "
        f"{MAX_SIDE:,} pixels a side"
    )
