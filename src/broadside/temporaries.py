"""Broadside's temporary files and folders: named so that a later run can tell its own stale
ones from everyone else's, and remove them.

A process killed outright (`kill -9`, a power cut) cleans nothing up. So each temporary
carries in its name the machine and process that made it: `.brief.pdf.3f2a1c-4711.9e0b.tmp`
beside an output, `broadside-3f2a1c-4711-9e0b` for a render worker's scratch folder. The
next run removes those whose process is gone, or that are older than any build can last;
a name that is not Broadside's, or a temporary a running build still needs, is never touched.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
import socket
import time
from functools import cache
from pathlib import Path

from broadside.deadline import BUILD_SECONDS

# No build lasts longer than this, however it ends (its limit, and time to write and clean).
STALE_AFTER = 2 * BUILD_SECONDS
_FILE = re.compile(
    r"^\.(?P<name>.+)\.(?P<machine>[0-9a-f]{6})-(?P<pid>\d+)\.[0-9a-f]{8}(?:\.previous)?\.tmp$"
)
_FOLDER = re.compile(r"^broadside-(?P<machine>[0-9a-f]{6})-(?P<pid>\d+)-[0-9a-f]{8}$")


@cache
def machine() -> str:
    """A short tag for this machine: a process number means something only on its own."""
    return hashlib.sha256(socket.gethostname().encode()).hexdigest()[:6]


def owner() -> str:
    return f"{machine()}-{os.getpid()}"


def file_name(target: str, *, previous: bool = False) -> str:
    """`.brief.pdf.3f2a1c-4711.9e0b2c4d.tmp`: a temporary for `target` (or the previous version
    kept while `target` is replaced), in the same folder."""
    kind = ".previous.tmp" if previous else ".tmp"
    return f".{target}.{owner()}.{secrets.token_hex(4)}{kind}"


def folder_name() -> str:
    """`broadside-3f2a1c-4711-9e0b2c4d`: a scratch folder of this process."""
    return f"broadside-{owner()}-{secrets.token_hex(4)}"


def sweep_files(folder: Path) -> list[Path]:
    """Remove Broadside's stale temporary files in `folder`; the paths removed."""
    return _sweep(folder, _FILE, folders=False)


def sweep_folders(folder: Path) -> list[Path]:
    """Remove Broadside's stale scratch folders in `folder` (the system's temporary folder)."""
    return _sweep(folder, _FOLDER, folders=True)


def _sweep(folder: Path, pattern: re.Pattern[str], *, folders: bool) -> list[Path]:
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:  # not there yet, or not ours to read: nothing to do
        return removed
    for entry in entries:
        found = pattern.match(entry.name)
        if found is None or not _stale(entry, found):
            continue
        try:
            if folders and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            elif not folders and entry.is_file(follow_symlinks=False):
                Path(entry.path).unlink()
            else:
                continue
        except OSError:
            continue  # another run got there first, or it is not ours to remove
        removed.append(Path(entry.path))
    return removed


def _stale(entry: os.DirEntry[str], found: re.Match[str]) -> bool:
    try:
        age = time.time() - entry.stat(follow_symlinks=False).st_mtime
    except OSError:
        return False
    if age > STALE_AFTER:
        return True
    return found["machine"] == machine() and not _running(int(found["pid"]))


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False  # no process has that number (and 0 would ask about our own group)
    try:
        os.kill(pid, 0)  # no signal sent: only asks whether the process exists
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or a number we cannot ask about: keep it
    return True
