"""Where Broadside's own templates and styles live: the source tree, or the installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_SOURCE_TREE = _PACKAGE.parents[1]  # src/broadside → the repository


def _folder(name: str) -> Path:
    # A checkout wins, so edits to templates/ and styles/ show up without reinstalling.
    if (_SOURCE_TREE / "pyproject.toml").is_file() and (_SOURCE_TREE / name).is_dir():
        return _SOURCE_TREE / name
    return _PACKAGE / "_resources" / name


TEMPLATES = _folder("templates")
STYLES = _folder("styles")
STARTER = _folder("starter")  # what `broadside new` writes: templates and placeholder text
