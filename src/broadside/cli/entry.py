"""The `broadside` console script: Ctrl-C at any moment ends it quietly, with exit code 130.

This module is all the script imports before `main` runs, so an interrupt while the rest of
Broadside and Typer load (~80 ms) is caught like any other. Within a command, Typer and
cli/reporting.py turn an interrupt into exit code 130 and a line saying what was written.
"""

from __future__ import annotations

import signal
import sys

INTERRUPTED = 130  # errors.ExitCode.INTERRUPTED, without importing anything yet


def main() -> None:
    status: object = INTERRUPTED
    try:
        try:
            from broadside.interrupts import interrupt

            # bin/broadside ends the process outright on Ctrl-C while this loads; from here
            # on, Ctrl-C is Python's KeyboardInterrupt, which each command reports in words.
            # (A signal the shell told this command to ignore stays ignored.)
            if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
                signal.signal(signal.SIGINT, signal.default_int_handler)
            # `kill` and `timeout` send SIGTERM: stop as cleanly as on Ctrl-C (the worker
            # stopped, no temporary file left), never mid-write.
            if signal.getsignal(signal.SIGTERM) is not signal.SIG_IGN:
                signal.signal(signal.SIGTERM, interrupt)
            from broadside.cli.app import main as run

            run()
            status = 0
        finally:
            # The command is over, its exit code decided: what is left is Python's own
            # shutdown, which an interrupt could only garble with a traceback.
            for number in (signal.SIGINT, signal.SIGTERM):
                signal.signal(number, signal.SIG_IGN)
    except KeyboardInterrupt:
        status = INTERRUPTED
    except SystemExit as stop:
        status = stop.code
    sys.exit(status)
