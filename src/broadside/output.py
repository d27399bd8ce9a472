"""Write outputs last, and atomically: all rendered first, then each renamed into place."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from broadside.errors import BuildError


def write_all(files: Mapping[str, bytes], out_dir: Path) -> list[Path]:
    """Write every file or none: temporaries in `out_dir` first, then renames.

    A rename within one folder is atomic, so a reader (or a crash) sees the old file or the
    new one, never half of either.
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"cannot create output folder {out_dir}: {error.strerror}") from None
    staged: list[tuple[Path, Path]] = []
    try:
        for name, data in files.items():
            descriptor, name_on_disk = tempfile.mkstemp(
                prefix=f".{name}.", suffix=".tmp", dir=out_dir
            )
            temporary = Path(name_on_disk)
            staged.append((temporary, out_dir / name))
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            temporary.chmod(0o644)
    except BaseException as error:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise BuildError(f"cannot write to {out_dir}: {error.strerror}") from None
        raise
    for temporary, final in staged:
        temporary.replace(final)
    return [final for _, final in staged]
