"""Compiled templates kept between runs: compiling them is most of a cold render (~40 ms)."""

from __future__ import annotations

from contextlib import suppress
from hashlib import sha256
from pathlib import Path

import jinja2
from jinja2 import FileSystemBytecodeCache
from jinja2.bccache import Bucket

from broadside.cache import cache_file, is_private


class _CompiledTemplates(FileSystemBytecodeCache):
    """Entries are keyed by each template's source, so an edited template is compiled afresh.
    A cache that cannot be written is skipped, never an error."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError):
            super().dump_bytecode(bucket)


def compiled_templates() -> FileSystemBytecodeCache | None:
    """A bytecode cache for the one environment, or None if the cache folder is unusable.

    Compiled code also depends on the environment's options (templating.py) and Jinja's
    version: each combination gets a folder of its own, so neither can serve stale code.
    """
    templating = Path(__file__).with_name("templating.py").read_bytes()
    key = sha256(jinja2.__version__.encode() + b"\0" + templating).hexdigest()[:12]
    folder = cache_file("templates", key)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    if not is_private(folder):
        return None  # someone else could plant code here: compile every time instead
    return _CompiledTemplates(str(folder))
