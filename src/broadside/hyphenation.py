"""Hyphenation patterns kept parsed between runs.

WeasyPrint hyphenates with pyphen, which parses a language's dictionary text the first time
a process needs it: ~80 ms of every cold English build. pyphen keeps parsed dictionaries in
a module-level dict (`pyphen.hdcache`); we give it one that also reads and writes our disk
cache, as JSON (~10 ms to read). Only plain patterns are stored: a dictionary with
non-standard hyphenation, or a pyphen whose dictionary object looks different from the one
this was written for, is simply parsed as usual.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from broadside.cache import cache_root, file_key, write_atomic

FORMAT = 1
_FIELDS = {"patterns", "cache", "maxlen"}  # what pyphen's HyphDict holds, as of 0.18


class _DiskBacked(dict[Any, Any]):
    """pyphen's dictionary cache, backed by ours: a miss in memory is tried on disk first."""

    def __contains__(self, path: object) -> bool:
        if not super().__contains__(path) and isinstance(path, Path):
            parsed = _load(path)
            if parsed is not None:
                super().__setitem__(path, parsed)
        return super().__contains__(path)

    def __setitem__(self, path: Any, parsed: Any) -> None:
        super().__setitem__(path, parsed)
        if isinstance(path, Path):
            _store(path, parsed)


def keep_parsed_dictionaries() -> None:
    """From now on, pyphen reads parsed dictionaries from the cache (idempotent)."""
    import pyphen

    if not isinstance(pyphen.hdcache, _DiskBacked):
        pyphen.hdcache = _DiskBacked(pyphen.hdcache)


def _cached(path: Path) -> Path:
    import pyphen

    key = file_key(path, extra=f"{FORMAT}|{pyphen.__version__}")
    return cache_root() / "hyphenation" / f"{path.stem}-{key}.json"


def _load(path: Path) -> Any:
    import pyphen

    try:
        stored = json.loads(_cached(path).read_text(encoding="utf-8"))
        parsed = pyphen.HyphDict.__new__(pyphen.HyphDict)
        parsed.patterns = {
            pattern: (start, tuple(values))
            for pattern, (start, values) in stored["patterns"].items()
        }
        parsed.cache = {}
        parsed.maxlen = int(stored["maxlen"])
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return parsed


def _store(path: Path, parsed: Any) -> None:
    fields = getattr(parsed, "__dict__", {})
    if set(fields) != _FIELDS or not all(
        type(start) is int and all(type(value) is int for value in values)
        for start, values in parsed.patterns.values()
    ):
        return  # not the shape we know how to restore: leave it to pyphen
    try:
        target = _cached(path)
    except OSError:
        return
    data = {"maxlen": parsed.maxlen, "patterns": parsed.patterns}
    write_atomic(target, json.dumps(data, ensure_ascii=False).encode("utf-8"))
