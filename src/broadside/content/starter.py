"""A new campaign folder that builds at once: `broadside new`.

The files are templates under starter/ (shipped with the package, like templates/ and
styles/): the field structure and its comments once, and the placeholder words of each
language in starter/text/<lang>.yaml, the one place to add a language's.
"""

from __future__ import annotations

import json
import shlex
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from ruamel.yaml import YAML

from broadside.errors import UsageError
from broadside.resources import STARTER

FILES = ("article.md", "letter.md", "README.md")


def languages() -> tuple[str, ...]:
    """Every language with placeholder text, English first."""
    found = sorted(path.stem for path in (STARTER / "text").glob("*.yaml"))
    return tuple(sorted(found, key=lambda lang: lang != "en"))


def starter_files(folder: Path, lang: str, today: date) -> dict[str, bytes]:
    """The files of a new campaign in `lang`, dated `today` (the letter's date)."""
    if lang not in languages():
        raise UsageError(f"no starter text in '{lang}'; choose one of {', '.join(languages())}")
    text = YAML(typ="safe", pure=True).load((STARTER / "text" / f"{lang}.yaml").read_text("utf-8"))
    context: dict[str, Any] = {
        "t": text,
        "lang": lang,
        "date": today.isoformat(),
        "folder": shlex.quote(str(folder)),
    }
    environment = _environment()
    return {
        name: environment.get_template(f"{name}.j2").render(context).encode("utf-8")
        for name in FILES
    }


def ensure_empty(folder: Path) -> None:
    """A new campaign never overwrites anything: the folder must be new or empty."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise UsageError(f"{folder} exists and is not a folder; choose a new folder's name")
    if folder.is_dir() and any(folder.iterdir()):
        raise UsageError(
            f"{folder} is not empty; a new campaign is written only into a new or empty "
            "folder, so nothing there is overwritten"
        )


def _environment() -> Environment:
    # Our own templates writing Markdown and YAML, not HTML: no escaping; values go into the
    # YAML through `yaml`, which writes them as quoted strings (JSON is valid YAML).
    environment = Environment(  # noqa: S701 - not HTML
        loader=FileSystemLoader(STARTER),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    return environment
