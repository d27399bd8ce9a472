"""How problems reach a person: exit codes, no tracebacks for their mistakes, --debug."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from broadside.errors import ExitCode, Problem, printable
from tests.conftest import REPO, run_cli

BROKEN = REPO / "tests" / "campaigns" / "broken-many"


def broadside(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The installed program as a shell runs it, traceback and all."""
    return subprocess.run(
        [sys.executable, "-m", "broadside", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_users_mistake_is_a_message_and_exit_code_never_a_traceback() -> None:
    result = broadside("check", BROKEN)
    assert result.returncode == ExitCode.CONTENT
    assert "Traceback" not in result.stderr
    assert "article.md:3: subtitel: unknown field; did you mean 'subtitle'?" in result.stderr
    assert result.stdout == ""


def test_debug_shows_the_traceback_behind_a_message() -> None:
    result = broadside("check", BROKEN, "--debug")
    assert result.returncode != 0
    assert "Traceback (most recent call last):" in result.stderr
    assert "broadside.errors.ContentError:" in result.stderr
    assert "subtitel: unknown field" in result.stderr


def test_exit_codes() -> None:
    """0, 1 and 2 here; 3 (build) in test_output.py, 130 (interrupted) there too."""
    assert run_cli("check", REPO / "content").exit_code == ExitCode.OK
    assert run_cli("check", BROKEN).exit_code == ExitCode.CONTENT
    assert run_cli("build", REPO / "content", "--paper", "a3").exit_code == ExitCode.USAGE
    assert run_cli("build", "--no-such-option").exit_code == ExitCode.USAGE


def test_messages_cannot_drive_the_terminal() -> None:
    problem = Problem(Path("a.md"), 3, "ti\x1b[31mtle\u202e", "bad \ud800 value")
    assert problem.render() == "a.md:3: ti\\u001B[31mtle\\u202E: bad \\uD800 value"
    assert printable("plain café – “quotes” and emoji 🎉") == "plain café – “quotes” and emoji 🎉"
