"""Reading a file a document asks for, only if it lies inside the folders a build may use.

The rendering engine asks for files by URL (pictures, stylesheets, fonts, attachments); this
module decides which it gets. Only `file:` URLs, only regular files, only under the allowed
roots once every link is followed, only up to a size; under the campaign folder, only
pictures. Nothing is ever fetched from the network.

One exception to `file:` only: a picture Broadside itself made from the content and put in
the document as a `data:` URL (a brand's logo, its SVG written anew by content/svg.py, and
the pictures inside it). The job lists each by its fingerprint, and only those are served:
a `data:` URL anywhere else, even one the content managed to smuggle in, is refused.

The check is made on the file actually opened: after opening, the path is resolved again
and must still name the same file (device and inode), so swapping a folder for a link
between the check and the read does not work. A hard link to an outside file cannot be told
from a file of the folder's own, so a picture with more than one name is refused.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from hashlib import sha256
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from broadside.content.images import check_image_data, hard_link_message

MAX_RESOURCE_BYTES = 30 * 1024 * 1024
# No following a link swapped in at the last moment; no waiting on a pipe.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_DATA_URL = re.compile(r"^data:(image/(?:png|jpeg|gif|webp|svg\+xml));base64,([A-Za-z0-9+/=]*)$")


def fingerprint(url: str) -> str:
    """What a job lists to let the document show the `data:` URL `url`."""
    return sha256(url.encode()).hexdigest()


class Refused(Exception):
    """A request the build must not serve; the message says what and why."""


@dataclass(frozen=True)
class Confinement:
    """`own` roots (templates, styles, fonts) serve any file; `pictures` roots only pictures;
    `embedded` lists the fingerprints of the only `data:` URLs served."""

    own: tuple[Path, ...]
    pictures: tuple[Path, ...]
    embedded: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(
        cls, own: Sequence[Path], pictures: Sequence[Path], embedded: frozenset[str] = frozenset()
    ) -> Confinement:
        return cls(tuple(p.resolve() for p in own), tuple(p.resolve() for p in pictures), embedded)

    def embedded_picture(self, url: str) -> tuple[bytes, str]:
        """The bytes and type of a `data:` URL the job listed; `Refused` for any other."""
        found = _DATA_URL.fullmatch(url)
        if not found or fingerprint(url) not in self.embedded:
            raise Refused(
                f"refused {_shorten(url, 60)}: only pictures Broadside embedded itself are "
                "shown from data: addresses"
            )
        mime, encoded = found.groups()
        try:
            data = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise Refused(f"refused {_shorten(url, 60)}: not base64") from None
        if mime != "image/svg+xml":  # an SVG was written by content/svg.py; check the rest
            refused = check_image_data(data, "an embedded picture")
            if refused:
                raise Refused(f"refused {refused}")
        return data, mime

    def read(self, url: str) -> tuple[Path, bytes]:
        """The real path and bytes of `url`; `Refused` or `FileNotFoundError` otherwise."""
        path = _local_path(url)
        try:
            real = path.resolve()  # a missing file outside is refused, not merely "not found"
        except (OSError, RuntimeError) as error:  # a loop of links
            raise Refused(f"refused {_shorten(str(path))}: {error}") from None
        if not self._allows(real):
            raise Refused(
                f"refused {_shorten(str(path))}: it is outside the campaign folder and "
                "Broadside's own files"
            )
        try:
            descriptor = os.open(real, _OPEN_FLAGS)
        except FileNotFoundError:
            raise FileNotFoundError(f"file not found: {path}") from None
        except OSError as error:
            raise Refused(f"refused {path}: {error.strerror}") from None
        try:
            opened = os.fstat(descriptor)
            if not stat.S_ISREG(opened.st_mode):
                raise Refused(f"refused {path}: not a regular file")
            if not self._still(path, opened):
                raise Refused(f"refused {path}: it changed as it was opened")
            if opened.st_size > MAX_RESOURCE_BYTES:
                raise Refused(f"refused {path}: larger than {MAX_RESOURCE_BYTES // 2**20} MB")
            with os.fdopen(descriptor, "rb", closefd=False) as handle:
                data = handle.read(MAX_RESOURCE_BYTES + 1)
        finally:
            os.close(descriptor)
        if len(data) > MAX_RESOURCE_BYTES:
            raise Refused(f"refused {path}: larger than {MAX_RESOURCE_BYTES // 2**20} MB")
        if not _inside(real, self.own):
            # A second name for the file may be outside the folder (content/images.py).
            refused = (
                hard_link_message(real.name, opened.st_nlink)
                if opened.st_nlink > 1
                else check_image_data(data, real.name)
            )
            if refused:
                raise Refused(f"refused {path}: {refused}")
        return real, data

    def _allows(self, real: Path) -> bool:
        return _inside(real, self.own) or _inside(real, self.pictures)

    def _still(self, path: Path, opened: os.stat_result) -> bool:
        """The opened file is the one `path` names now, and that is still inside the roots."""
        try:
            real = path.resolve(strict=True)
            now = real.stat()
        except (OSError, RuntimeError):
            return False
        same = (now.st_dev, now.st_ino) == (opened.st_dev, opened.st_ino)
        return same and self._allows(real)


def _local_path(url: str) -> Path:
    parts = urlsplit(url)
    if parts.scheme.lower() != "file":
        raise Refused(
            f"refused {_shorten(url)}: only files inside the campaign folder are used; "
            "builds are offline"
        )
    if parts.netloc not in ("", "localhost"):
        raise Refused(f"refused {_shorten(url)}: a file on another machine")
    path = url2pathname(parts.path)  # decodes %xx once, as the address was encoded once
    if "\x00" in path or not Path(path).is_absolute():
        raise Refused(f"refused {_shorten(url)}: not a file path")
    return Path(path)


def _inside(real: Path, roots: Sequence[Path]) -> bool:
    return any(real.is_relative_to(root) for root in roots)


def _shorten(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
