"""The one family of errors a user can act on, and the exit codes they map to.

Anything that is *not* a `UserError` is a bug in Broadside and keeps its traceback.
"""

from __future__ import annotations

import errno
import unicodedata
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Documented in README ("Exit codes"); scripts and pre-commit hooks rely on them."""

    OK = 0
    CONTENT = 1  # the campaign folder has mistakes: fix the files named
    USAGE = 2  # the command line was wrong (Typer/Click's own code)
    BUILD = 3  # content is valid but an output cannot be made as asked (fit, size, strict)
    INTERRUPTED = 130


class Severity(StrEnum):
    ERROR = "error"  # the campaign cannot be built until it is fixed
    WARNING = "warning"  # it builds, but probably not as meant (`--strict` refuses it)


@dataclass(frozen=True)
class Problem:
    """One diagnostic in one file: printed as `path:line: field: message; hint`.

    `message` says what is wrong, `hint` (when there is one) what to do about it; editors
    and CI read them apart (`broadside check --format json`). Lines and columns count from 1.
    """

    path: Path
    line: int | None
    field: str | None
    message: str
    hint: str | None = None
    column: int | None = None
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def shown_path(self, relative_to: Path | None = None) -> Path:
        """The path as the user wrote it, or relative to `relative_to` when inside it."""
        if relative_to is None:
            return self.path
        # Absolute, but links not followed: a linked file is named as the user wrote it.
        absolute, base = self.path.absolute(), relative_to.absolute()
        return absolute.relative_to(base) if absolute.is_relative_to(base) else self.path

    @property
    def text(self) -> str:
        """The message and its hint as one sentence."""
        return f"{self.message}; {self.hint}" if self.hint else self.message

    def describe(self, relative_to: Path | None = None) -> str:
        """`path:line: field: message; hint`, safe to print."""
        path = self.shown_path(relative_to)
        where = f"{path}:{self.line}" if self.line else f"{path}"
        what = f"{self.field}: {self.text}" if self.field else self.text
        return printable(f"{where}: {what}")

    def render(self, relative_to: Path | None = None) -> str:
        """The line a person reads: a warning says it is one."""
        prefix = "" if self.is_error else f"{self.severity}: "
        return prefix + self.describe(relative_to)


_INVISIBLE = {"Cc", "Cs", "Cf", "Zl", "Zp"}


def printable(text: str) -> str:
    """`text` safe for a terminal: control, format and separator characters (an escape
    sequence, a right-to-left override, a lone surrogate) shown as `\\uXXXX`, not obeyed."""
    if all(unicodedata.category(char) not in _INVISIBLE for char in text):
        return text
    return "".join(
        f"\\u{ord(char):04X}" if unicodedata.category(char) in _INVISIBLE else char for char in text
    )


class UserError(Exception):
    """An error the user can fix; the CLI prints it without a traceback."""

    exit_code: ExitCode = ExitCode.BUILD

    def lines(self, relative_to: Path | None = None) -> list[str]:
        return str(self).splitlines()


class ContentError(UserError):
    """Every problem found in a campaign folder, reported together (warnings among them)."""

    exit_code = ExitCode.CONTENT

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line or 0))
        super().__init__("\n".join(p.render() for p in self.problems))

    def lines(self, relative_to: Path | None = None) -> list[str]:
        return [p.render(relative_to) for p in self.problems]


class UsageError(UserError):
    """The command was asked for something it will not do (e.g. write into a full folder)."""

    exit_code = ExitCode.USAGE


class BuildError(UserError):
    """The content is valid, but an output cannot be made as asked."""

    exit_code = ExitCode.BUILD


_STORAGE = {
    errno.ENOSPC: "the disk is full",
    errno.EFBIG: "a limit on the size of files, ulimit -f, is in the way",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
}
STORAGE_ERRORS = frozenset(_STORAGE)


def reason(error: OSError) -> str:
    """Why a file could not be written, in words a person can act on."""
    said = error.strerror or str(error)
    hint = _STORAGE.get(error.errno or 0)
    return f"{said} ({hint})" if hint else said
