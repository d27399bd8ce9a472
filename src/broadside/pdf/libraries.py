"""Where WeasyPrint's native libraries are, so a worker can load them without a search.

WeasyPrint asks for each library by several names, Windows and macOS ones first. On Linux
every name that is not a file makes cffi run `ctypes.util.find_library`, which starts
`ldconfig`, `gcc` and `ld` in turn: ~15 ms a name, ~16 names, in every process that loads
WeasyPrint (upstream Kozea/WeasyPrint#1125, #2073).

cffi first tries a name that contains a dot as a file name, and the dynamic loader looks a
file name up in LD_LIBRARY_PATH before anything else. Three of WeasyPrint's first names have
a dot ("libgobject-2.0-0"): once a worker has loaded the libraries the slow way,
`remember_loaded` writes a folder of links with those names, each to the file the search
found (read back from /proc/self/maps); later workers are started with that folder on
LD_LIBRARY_PATH (pdf/worker.py) and load those three at their first name, skipping six
searches. The other names have no dot, so cffi searches for them whatever is on disk.

Nothing of WeasyPrint's or cffi's is changed: a link that has gone stale, or a name
WeasyPrint no longer asks for, simply means the usual search (tests/test_startup.py fails
loudly when the names change). Linux only; elsewhere this does nothing.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from broadside.cache import cache_root

# WeasyPrint 70's first name for a library, where it has a dot → its file's name on Linux.
FIRST_NAMES = {
    "libgobject-2.0-0": "libgobject-2.0.so",
    "libpango-1.0-0": "libpango-1.0.so",
    "libpangoft2-1.0-0": "libpangoft2-1.0.so",
}


def _folder() -> Path:
    return cache_root() / "libraries"


def loader_path() -> str | None:
    """The folder to put on a worker's LD_LIBRARY_PATH, once `remember_loaded` has made it."""
    folder = _folder()
    if not sys.platform.startswith("linux") or not (folder / "complete").is_file():
        return None
    return str(folder)


def remember_loaded() -> None:
    """After WeasyPrint is loaded: link its first names to the library files this process has
    mapped, for the next worker. Cheap when already done; never an error."""
    if not sys.platform.startswith("linux") or loader_path() is not None:
        return
    with contextlib.suppress(OSError):
        mapped = {
            Path(line.split()[-1])
            for line in Path("/proc/self/maps").read_text().splitlines()
            if ".so" in line and "/" in line
        }
        folder = _folder()
        folder.mkdir(parents=True, exist_ok=True)
        for name, stem in FIRST_NAMES.items():
            found = sorted(path for path in mapped if path.name.startswith(stem + "."))
            if not found:
                return  # not loaded as expected: leave the search to do its work
            link = folder / name
            link.unlink(missing_ok=True)
            link.symlink_to(found[0])
        (folder / "complete").write_text("\n".join(FIRST_NAMES) + "\n")
