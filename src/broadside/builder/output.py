"""Write outputs last, and all or nothing: every file staged first, then renamed into place.

A rename within one folder is atomic, so a reader (or a crash) sees the old file or the new
one, never half of either. Across several files, a rename that fails part-way (a folder of
that name in the way, permissions changed under us) is undone: the files already replaced
get their previous versions back from hard links taken just before. Where the file system
has no hard links that undo is not possible, and the error names the files that stay new.

Ctrl-C waits while the files are written (interrupts.py), so a build stopped at any moment
leaves either every previous file or every new one, never a mix it did not report. A
temporary file left by a process killed outright is removed by the next write into its
folder (temporaries.py).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from broadside import temporaries
from broadside.errors import BuildError, reason
from broadside.interrupts import deferred


def write_all(files: Mapping[str, bytes], out_dir: Path) -> list[Path]:
    """Write every file or none; leave no temporary file behind either way."""
    with deferred():
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise BuildError(f"cannot create output folder {out_dir}: {reason(error)}") from None
        targets = [out_dir / name for name in files]  # a name may hold a folder: email/a.eml
        for folder in {target.parent for target in targets}:
            temporaries.sweep_files(folder)
        for target in targets:
            try:
                in_the_way = target.exists() and not target.is_file()
            except OSError as error:
                raise BuildError(f"cannot write {target}: {reason(error)}") from None
            if in_the_way:
                raise BuildError(
                    f"cannot write {target}: something that is not a file is in the way"
                )
        staged = _stage(files, out_dir)
        _commit(staged)
    return [final for _, final in staged]


def sweep(out_dir: Path) -> None:
    """Remove what a killed build left in `out_dir`: its stale temporary files only."""
    temporaries.sweep_files(out_dir)


def _stage(files: Mapping[str, bytes], out_dir: Path) -> list[tuple[Path, Path]]:
    staged: list[tuple[Path, Path]] = []
    try:
        for name, data in files.items():
            final = out_dir / name
            final.parent.mkdir(parents=True, exist_ok=True)
            temporary = final.with_name(temporaries.file_name(final.name))
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
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
            raise BuildError(
                f"cannot write to {out_dir}: {reason(error)}; the previous files were kept"
            ) from None
        raise
    return staged


@dataclass(frozen=True)
class _Previous:
    """What was at an output's name before: whether anything, and a hard link to it."""

    existed: bool
    link: Path | None

    @classmethod
    def of(cls, final: Path) -> _Previous:
        if not final.is_file():
            return cls(False, None)
        link = final.with_name(temporaries.file_name(final.name, previous=True))
        try:
            os.link(final, link)
        except OSError:
            return cls(True, None)
        return cls(True, link)


def _commit(staged: list[tuple[Path, Path]]) -> None:
    """Rename every staged file into place; if one fails, put back what was there before."""
    previous = {final: _Previous.of(final) for _, final in staged}
    replaced: list[Path] = []
    try:
        for temporary, final in staged:
            temporary.replace(final)
            replaced.append(final)
    except BaseException as error:
        stayed_new = _undo(replaced, previous)
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        if not isinstance(error, OSError):
            raise
        failed = staged[len(replaced)][1]
        raise BuildError(_failed(failed, error, stayed_new)) from None
    finally:
        for kept in previous.values():
            if kept.link is not None:
                kept.link.unlink(missing_ok=True)


def _undo(replaced: list[Path], previous: Mapping[Path, _Previous]) -> list[Path]:
    """Put back what each replaced file was; the files that could not be put back."""
    stayed_new = []
    for final in replaced:
        before = previous[final]
        try:
            if before.link is not None:
                before.link.replace(final)
            elif not before.existed:
                final.unlink(missing_ok=True)  # it is new: taking it away restores the folder
            else:
                stayed_new.append(final)  # no hard link could be made: nothing to restore
        except OSError:
            stayed_new.append(final)
    return stayed_new


def _failed(failed: Path, error: OSError, stayed_new: list[Path]) -> str:
    message = f"cannot write {failed}: {reason(error)}"
    if not stayed_new:
        return f"{message}; the previous files were kept"
    names = ", ".join(str(path) for path in stayed_new)
    verb = "was" if len(stayed_new) == 1 else "were"
    return (
        f"{message}; {names} {verb} already replaced by the new version and could not be put "
        "back (this file system makes no hard links); the other previous files were kept"
    )
