"""Load WeasyPrint's native libraries by their Linux names first, skipping a slow search.

WeasyPrint asks cffi for each library by several names, Windows and macOS ones first. On
Linux every name that misses makes cffi call `ctypes.util.find_library`, which runs
`ldconfig`, `gcc` and `ld` in turn: about 0.2–0.4 s of every start (upstream Kozea/WeasyPrint
#1125, #2073). The name those searches end up with is the library's soname, which the
dynamic loader finds directly, without starting a process.

So while WeasyPrint is imported, the first name it tries for each library is swapped for
that soname. If the soname does not load, WeasyPrint's own name and search follow,
unchanged. The one exception is the optional harfbuzz-vector, which draws colour emoji
fonts Broadside never uses: when its soname is absent, its other names are not searched.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

# WeasyPrint 70's first name for each library → the soname the search resolves it to.
SONAMES = {
    "libgobject-2.0-0": "libgobject-2.0.so.0",
    "libpango-1.0-0": "libpango-1.0.so.0",
    "libharfbuzz-0": "libharfbuzz.so.0",
    "libharfbuzz-subset-0": "libharfbuzz-subset.so.0",
    "libharfbuzz-vector-0": "libharfbuzz-vector.so.0",
    "libfontconfig-1": "libfontconfig.so.1",
    "libpangoft2-1.0-0": "libpangoft2-1.0.so.0",
}
# Every name WeasyPrint tries for the optional library we never need.
UNUSED = frozenset(
    {
        "libharfbuzz-vector-0",
        "harfbuzz-vector",
        "harfbuzz-vector-0.0",
        "libharfbuzz-vector.so.0",
        "libharfbuzz-vector.0.dylib",
        "libharfbuzz-vector-0.dll",
    }
)


@contextmanager
def sonames_first(
    sonames: Mapping[str, str] = SONAMES, unused: frozenset[str] = UNUSED
) -> Iterator[None]:
    """Within this block, `cffi.FFI.dlopen(name)` tries `sonames[name]` first (Linux only)."""
    import cffi

    if not sys.platform.startswith("linux"):
        yield
        return
    original = cffi.FFI.dlopen
    missing: set[str] = set()  # sonames of unused libraries that did not load

    def dlopen(self: cffi.FFI, name: Any, flags: int = 0) -> Any:
        soname = sonames.get(name) if isinstance(name, str) else None
        if soname is not None:
            if _loadable(soname, flags):
                return original(self, soname, flags)
            if name not in unused:
                return original(self, name, flags)  # WeasyPrint's own way, unchanged
            missing.add(name)
        if missing and name in unused:
            raise OSError(f"{name}: not needed by Broadside, and its soname is not installed")
        return original(self, name, flags)

    cffi.FFI.dlopen = dlopen
    try:
        yield
    finally:
        cffi.FFI.dlopen = original


def _loadable(soname: str, flags: int) -> bool:
    """Whether the dynamic loader finds `soname`, asked directly: a miss through cffi would
    start the very search we are avoiding."""
    import ctypes

    try:
        ctypes.CDLL(soname, mode=flags)
    except OSError:
        return False
    return True
