"""The one family of errors a user can act on, and the exit codes they map to.

Anything that is *not* a `UserError` is a bug in Broadside and keeps its traceback.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Documented in README ("Exit codes"); scripts and pre-commit hooks rely on them."""

    OK = 0
    CONTENT = 1  # the campaign folder has mistakes: fix the files named
    USAGE = 2  # the command line was wrong (Typer/Click's own code)
    BUILD = 3  # content is valid but an output cannot be made as asked (fit, size, strict)
    INTERRUPTED = 130


@dataclass(frozen=True)
class Problem:
    """One mistake in one file: printed as `path:line: field: message`."""

    path: Path
    line: int | None
    field: str | None
    message: str

    def render(self, relative_to: Path | None = None) -> str:
        path = self.path
        if relative_to is not None:
            # Absolute, but links not followed: a linked file is named as the user wrote it.
            absolute, base = path.absolute(), relative_to.absolute()
            if absolute.is_relative_to(base):
                path = absolute.relative_to(base)
        where = f"{path}:{self.line}" if self.line else f"{path}"
        return printable(
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


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
    """Every problem found in a campaign folder, reported together."""

    exit_code = ExitCode.CONTENT

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line or 0))
        super().__init__("\n".join(p.render() for p in self.problems))

    def lines(self, relative_to: Path | None = None) -> list[str]:
        return [p.render(relative_to) for p in self.problems]


class BuildError(UserError):
    """The content is valid, but an output cannot be made as asked."""

    exit_code = ExitCode.BUILD
