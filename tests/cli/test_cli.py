"""The command line as people use it: help, version, check, build, and what they print."""

from __future__ import annotations

from pathlib import Path

from broadside import __version__
from tests.conftest import SEED_CONTENT, run_cli


def test_version() -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"broadside {__version__}"


def test_help_lists_the_commands() -> None:
    result = run_cli("--help")
    assert result.exit_code == 0
    for command in ("build", "check", "watch"):
        assert command in result.output


def test_build_help_reads_well() -> None:
    result = run_cli("build", "--help")
    assert result.exit_code == 0
    for option in ("--out", "--paper", "--html", "a4", "letter"):
        assert option in result.output


def test_check_accepts_the_seed() -> None:
    result = run_cli("check", SEED_CONTENT)
    assert result.exit_code == 0
    assert "ok" in result.output


def test_build_prints_path_pages_and_size(seed_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("build", seed_copy, "--out", out)
    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if "brief.pdf" in line)
    assert str(out / "brief.pdf") in line and "pages" in line and "KB" in line
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*"))


def test_content_errors_are_listed_with_file_line_and_field(make_campaign, tmp_path: Path) -> None:
    root = make_campaign(article={"titel": "Typo"}, letter={"demands": "not a list"})
    out = tmp_path / "out"
    result = run_cli("build", root, "--out", out)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "article.md:4: titel: unknown field; did you mean 'title'?" in result.output
    assert "letter.md:3: demands: must be a list (one '- item' per line), not text" in result.output
    assert not out.exists()


def test_help_shows_no_type_after_flags() -> None:
    for command in ("build", "check", "watch"):
        result = run_cli(command, "--help")
        assert result.exit_code == 0
        assert "<bool>" not in result.output and "list[" not in result.output
        assert "CAMPAIGN_DIR" in result.output


def test_a_bad_paper_size_says_which_there_are() -> None:
    result = run_cli("build", "--paper", "a5", SEED_CONTENT)
    assert result.exit_code == 2
    assert "'a5' is not one of 'a4', 'letter'" in result.output
    assert "Value error" not in result.output
