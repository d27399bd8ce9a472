"""Diagnostics for people, editors and CI: the same problems as text, JSON or GitHub annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path

from broadside.errors import Problem, printable


class Format(StrEnum):
    TEXT = "text"  # `file:line: field: message; hint`, one a line, on standard error
    JSON = "json"  # one JSON array on standard output, for editors and scripts
    GITHUB = "github"  # GitHub Actions workflow commands: annotations on the pull request


def as_json(problems: Sequence[Problem], relative_to: Path) -> str:
    """Every diagnostic as an object; `null` where a line, column, field or hint is unknown.

    ASCII only (other characters as JSON escapes): safe on any terminal, exact when parsed.
    """
    return json.dumps(
        [
            {
                "file": str(problem.shown_path(relative_to)),
                "line": problem.line,
                "column": problem.column,
                "field": problem.field,
                "severity": str(problem.severity),
                "message": problem.message,
                "hint": problem.hint,
            }
            for problem in problems
        ],
        indent=2,
    )


def as_github(problems: Sequence[Problem], relative_to: Path) -> list[str]:
    """`::error file=content/letter.md,line=14,col=5,title=demands[2]::must be text…`"""
    lines = []
    for problem in problems:
        properties = {"file": str(problem.shown_path(relative_to))}
        if problem.line:
            properties["line"] = str(problem.line)
        if problem.column:
            properties["col"] = str(problem.column)
        if problem.field:
            properties["title"] = problem.field
        written = ",".join(f"{key}={_property(value)}" for key, value in properties.items())
        lines.append(f"::{problem.severity} {written}::{_data(printable(problem.text))}")
    return lines


def _data(text: str) -> str:
    """Escaped as the Actions runner unescapes a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(printable(text)).replace(":", "%3A").replace(",", "%2C")
