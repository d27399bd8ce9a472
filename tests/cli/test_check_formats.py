"""`broadside check --format json|github`: every diagnostic, for editors and CI."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import SEED_CONTENT, run_cli

UNUSED_NOTE = "A claim[^1].\n\n[^1]: Used.\n\n[^old]: Never used.\n"


@pytest.fixture
def in_folder(tmp_path: Path) -> Iterator[Path]:
    """Run from `tmp_path`, as CI runs from the repository's root."""
    before = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(before)


def test_json_lists_every_error_and_warning(
    make_campaign: Callable[..., Path], in_folder: Path
) -> None:
    make_campaign(article={"bio": "A writer."}, letter={"demands": [42]}, article_body=UNUSED_NOTE)
    result = run_cli("check", "campaign", "--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert {
        "file": "campaign/article.md",
        "line": 4,
        "column": 1,
        "field": "bio",
        "severity": "error",
        "message": "unknown field",
        "hint": "belongs under 'author:'",
    } in found
    demand = next(d for d in found if d["field"] == "demands[1]")
    assert demand["file"] == "campaign/letter.md" and demand["line"] == 4
    assert demand["hint"] == 'to print it as written, quote it: "42"'
    note = next(d for d in found if d["severity"] == "warning")
    assert note["file"] == "campaign/article.md" and note["field"] == "body"
    assert note["line"] == 10 and note["column"] is None


def test_json_of_a_clean_campaign_is_an_empty_list() -> None:
    result = run_cli("check", SEED_CONTENT, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_warnings_alone_do_not_fail_check(
    make_campaign: Callable[..., Path], in_folder: Path
) -> None:
    make_campaign(article_body=UNUSED_NOTE)
    result = run_cli("check", "campaign", "--format", "github")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "::warning file=campaign/article.md,line=9,title=body::footnote [^old] is defined but "
        "never referred to, so it is left out; refer to it with [^old] in the text, or delete "
        "the note"
    ]
    text = run_cli("check", "campaign")
    assert text.exit_code == 0
    assert "warning: campaign/article.md:9: body: footnote [^old]" in text.stderr
    assert "campaign: ok" in text.stdout


def test_github_annotations_are_escaped_and_relative(
    make_campaign: Callable[..., Path], in_folder: Path
) -> None:
    # A value that would end the annotation early, or start a new one, if not escaped.
    make_campaign(letter={"demands": ["Fine", {"100%, now: or\nnever": "x"}]})
    result = run_cli("check", "campaign", "--format", "github")
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    assert line.startswith("::error file=campaign/letter.md,line=5,col=3,title=demands[2]::")
    message = line.split("::", 2)[2]
    assert "100%25, now: or" in message and "\n" not in message


def test_several_folders_and_a_missing_one_in_one_document(
    make_campaign: Callable[..., Path], in_folder: Path
) -> None:
    make_campaign(article={"titel": "Typo"})
    result = run_cli("check", "campaign", SEED_CONTENT, "missing", "--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    files = [d["file"] for d in found]
    assert "campaign/article.md" in files and "missing" in files
    assert not any("content" in name for name in files)
