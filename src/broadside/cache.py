"""Broadside's on-disk cache: work that depends only on installed files, done once per machine.

Everything here can be deleted at any time; it is rebuilt on the next run. Entries are named
by the *content* of the files they were made from (and a format number), so two installs of
the same fonts share one entry and an upgrade is a new one. Nothing from a campaign folder is
ever cached. The cache stays under `MAX_BYTES`: writing a new entry evicts the oldest.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path

MAX_BYTES = 100 * 1024 * 1024
_DIGESTS = "digests"  # file identity (path, size, time) → content digest: saves re-hashing


def cache_root() -> Path:
    """$BROADSIDE_CACHE_DIR, else the user's cache folder (XDG)."""
    if configured := os.environ.get("BROADSIDE_CACHE_DIR"):
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "broadside"


def cache_file(kind: str, name: str) -> Path:
    return cache_root() / kind / name


def is_private(folder: Path) -> bool:
    """Owned by this user and writable by no one else, from `folder` up to the cache root.

    Compiled templates are Python code: they are read back only from a folder no other
    user could have written to (Jinja checks the same for its own default folder).
    """
    root = cache_root().resolve()
    path = folder.resolve()
    try:
        while True:
            status = path.stat()
            if status.st_uid != os.getuid() or status.st_mode & 0o022:
                return False
            if path == root or path == path.parent:
                return True
            path = path.parent
    except OSError:
        return False


def file_key(*paths: Path, extra: str = "") -> str:
    """A short digest of these files' contents, plus `extra` (a format, options)."""
    parts = [extra, *(content_digest(path) for path in paths)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def content_digest(path: Path) -> str:
    """The file's BLAKE2 digest, remembered on disk by the file's identity so an installed
    font is hashed once, not by every process that needs its key."""
    status = path.stat()
    return _digest(path, f"{path.resolve()}|{status.st_size}|{status.st_mtime_ns}|{status.st_ino}")


@cache
def _digest(path: Path, identity: str) -> str:
    memo = cache_file(_DIGESTS, hashlib.sha256(identity.encode()).hexdigest()[:24])
    with contextlib.suppress(OSError, UnicodeDecodeError):
        remembered = memo.read_text(encoding="ascii").strip()
        if len(remembered) == 32:
            return remembered
    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, lambda: hashlib.blake2b(digest_size=16)).hexdigest()
    write_atomic(memo, digest.encode("ascii"))
    return digest


def write_atomic(target: Path, data: bytes) -> bool:
    """Write aside, then rename: a process reading at the same time sees all or nothing.

    False if the cache cannot be written (read-only home, full disk): callers carry on
    without it. A write that takes the cache over `MAX_BYTES` evicts the oldest entries.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError:
        return False
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        temporary.chmod(0o644)
        temporary.replace(target)
    except OSError:
        temporary.unlink(missing_ok=True)
        return False
    if len(data) > 64 * 1024:  # only a big entry can tip the balance; small ones are cheap
        evict(MAX_BYTES)
    return True


def evict(limit: int) -> None:
    """Delete the oldest entries until the cache holds at most `limit` bytes."""
    entries: list[tuple[float, int, Path]] = []
    for folder, _, names in os.walk(cache_root()):
        for name in names:
            path = Path(folder) / name
            with contextlib.suppress(OSError):
                status = path.stat()
                entries.append((status.st_mtime, status.st_size, path))
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= limit:
            return
        with contextlib.suppress(OSError):
            path.unlink()
            total -= size
