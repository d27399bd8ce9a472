"""The `broadside` command's entry point: for `build`, the render process starts first.

Forking before Typer and Broadside's own modules load gives the render process (which
imports WeasyPrint, engine_process.py) the longest head start: ~0.1 s more of a cold build
overlapped. Everything else is the CLI's (cli.py).
"""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> None:
    from broadside.startup import pause_collection

    pause_collection()  # while modules load; see startup.py
    if sys.argv[1:2] == ["build"]:
        from broadside.engine_process import EngineProcess

        EngineProcess.start_early(_campaign_dir(sys.argv[2:]))
    from broadside.cli import main as cli_main

    cli_main()


# Options of `broadside build` that take a value (cli.py); the first other word that is not
# an option is the campaign folder. Only a guess for the render process: Typer decides.
_VALUED = {"--out", "-o", "--paper", "--max-size", "--bleed"}


def _campaign_dir(arguments: list[str]) -> Path:
    skip = positional = False
    for argument in arguments:
        if skip:
            skip = False
        elif positional or not argument.startswith("-"):
            return Path(argument)
        elif argument == "--":
            positional = True
        elif argument in _VALUED:
            skip = True
    return Path("content")
