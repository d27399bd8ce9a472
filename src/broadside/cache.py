"""Broadside's on-disk cache: work that depends only on installed files, done once per machine.

Everything here can be deleted at any time; it is rebuilt on the next run. Keys name the
files they were made from (path, size, modification time), so an upgrade is a new entry.
Nothing from a campaign folder is ever cached here.
"""

from __future__ import annotations

import os
import tempfile
from hashlib import sha256
from pathlib import Path


def cache_root() -> Path:
    """$BROADSIDE_CACHE_DIR, else the user's cache folder (XDG)."""
    if configured := os.environ.get("BROADSIDE_CACHE_DIR"):
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "broadside"


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
    """A short digest naming these files as installed, plus `extra` (format, options)."""
    parts = [extra]
    for path in paths:
        stat = path.stat()
        parts.append(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}")
    return sha256("\n".join(parts).encode()).hexdigest()[:16]


def write_atomic(target: Path, data: bytes) -> bool:
    """Write aside, then rename: a process reading at the same time sees all or nothing.

    False if the cache cannot be written (read-only home, full disk): callers carry on
    without it.
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
    return True
