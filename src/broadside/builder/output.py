"""Write outputs last, and all or nothing: every file staged first, then renamed into place.

A rename within one folder is atomic, so a reader (or a crash) sees the old file or the new
one, never half of either. Across several files, a rename that fails part-way (a folder of
that name in the way, permissions changed under us) is undone: the files already replaced
get their previous versions back from hard links taken just before. Where the file system
has no hard links, that undo is not possible and the files renamed so far stay new.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import Mapping
from pathlib import Path

from broadside.errors import BuildError


def write_all(files: Mapping[str, bytes], out_dir: Path) -> list[Path]:
    """Write every file or none; leave no temporary file behind either way."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"cannot create output folder {out_dir}: {error.strerror}") from None
    for name in files:
        target = out_dir / name
        try:
            in_the_way = target.exists() and not target.is_file()
        except OSError as error:
            raise BuildError(f"cannot write {target}: {error.strerror}") from None
        if in_the_way:
            raise BuildError(f"cannot write {target}: something that is not a file is in the way")
    staged = _stage(files, out_dir)
    _commit(staged)
    return [final for _, final in staged]


def _stage(files: Mapping[str, bytes], out_dir: Path) -> list[tuple[Path, Path]]:
    staged: list[tuple[Path, Path]] = []
    try:
        for name, data in files.items():
            final = out_dir / name  # a name may hold a folder: email/jane-doe.eml
            final.parent.mkdir(parents=True, exist_ok=True)
            descriptor, name_on_disk = tempfile.mkstemp(
                prefix=f".{final.name}.", suffix=".tmp", dir=final.parent
            )
            temporary = Path(name_on_disk)
            staged.append((temporary, final))
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
    return staged


def _commit(staged: list[tuple[Path, Path]]) -> None:
    """Rename every staged file into place; if one fails, put back what was there before."""
    backups = {final: _backup(final) for _, final in staged}
    replaced: list[Path] = []
    try:
        for temporary, final in staged:
            temporary.replace(final)
            replaced.append(final)
    except BaseException as error:
        for final in replaced:
            previous = backups[final]
            if previous is not None:
                previous.replace(final)
            else:
                final.unlink(missing_ok=True)
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            failed = staged[len(replaced)][1]
            raise BuildError(
                f"cannot write {failed}: {error.strerror}; the previous files were kept"
            ) from None
        raise
    finally:
        for backup in backups.values():
            if backup is not None:
                backup.unlink(missing_ok=True)


def _backup(final: Path) -> Path | None:
    """A hard link to the current `final`, to restore it from; None if there is none."""
    if not final.is_file():
        return None
    backup = final.with_name(f".{final.name}.{secrets.token_hex(4)}.previous.tmp")
    try:
        os.link(final, backup)
    except OSError:
        return None
    return backup
