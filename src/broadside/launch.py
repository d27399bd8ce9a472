"""The `broadside` command's entry point: for `build`, the render process starts first.

Forking before Typer and Broadside's own modules load gives the render process (which
imports WeasyPrint, engine_process.py) the longest head start: ~0.1 s more of a cold build
overlapped. Everything else is the CLI's (cli.py).
"""

from __future__ import annotations

import sys


def main() -> None:
    from broadside.startup import pause_collection

    pause_collection()  # while modules load; see startup.py
    if sys.argv[1:2] == ["build"]:
        from broadside.engine_process import EngineProcess

        EngineProcess.start_early()
    from broadside.cli import main as cli_main

    cli_main()
