"""Shared fixtures: campaign folders written on the fly, and real builds through the CLI."""

from __future__ import annotations

import logging
import os
import shutil
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from broadside.cli.app import app
from tests.corpus import SharedBuilds

# Tests print in their own process (one WeasyPrint load per test process, not one per
# build); tests/pdf/test_worker.py prints through worker processes, as `broadside` does.
os.environ.setdefault("BROADSIDE_JOBS", "0")

REPO = Path(__file__).resolve().parents[1]
SEED_CONTENT = REPO / "content"
# The source text content/ was transcribed from (shared/seeds/000_e9d2b8b8e93679c1.txt).
SEED_TEXT = REPO / "tests" / "fixtures" / "seed.txt"


@pytest.fixture(autouse=True)
def weasyprint_stays_quiet(
    request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture
) -> Iterator[None]:
    """A test fails if WeasyPrint logs a warning it did not expect (mark it
    `expected_weasyprint_warnings` where the warning is the point): an unnoticed warning is
    usually something a reader would see on the page."""
    caplog.set_level(logging.WARNING, logger="weasyprint")
    yield
    if request.node.get_closest_marker("expected_weasyprint_warnings"):
        return
    logged = [
        record.getMessage()
        for record in caplog.get_records("call")
        if record.name.startswith("weasyprint") and record.levelno >= logging.WARNING
    ]
    assert not logged, f"WeasyPrint warned: {logged}"


def write_markdown(path: Path, front: dict[str, Any], body: str = "") -> None:
    yaml = YAML()
    yaml.default_flow_style = False
    yaml.width = 4096
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        handle.write("---\n")
        yaml.dump(front, handle)
        handle.write("---\n")
        handle.write(body)


MINIMAL_ARTICLE: dict[str, Any] = {"title": "A small report", "lang": "en"}
MINIMAL_LETTER: dict[str, Any] = {
    "title": "A short letter",
    "demands": ["Do the right thing."],
    "signature": "The undersigned",
}


@pytest.fixture
def make_campaign(tmp_path: Path) -> Callable[..., Path]:
    """Write a campaign folder: `article`/`letter` update the minimal front matter."""

    def make(
        article: dict[str, Any] | None = None,
        letter: dict[str, Any] | None = None,
        article_body: str = "A paragraph of the report.\n",
        letter_body: str = "A paragraph of the letter.\n",
        name: str = "campaign",
    ) -> Path:
        root = tmp_path / name
        write_markdown(root / "article.md", {**MINIMAL_ARTICLE, **(article or {})}, article_body)
        write_markdown(root / "letter.md", {**MINIMAL_LETTER, **(letter or {})}, letter_body)
        return root

    return make


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A writable copy of the seed campaign."""
    return Path(shutil.copytree(SEED_CONTENT, tmp_path / "seed"))


def run_cli(*args: str | Path) -> Any:
    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
    return result


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed built once per test process (A4, with HTML): the folder holding the outputs."""
    out = tmp_path_factory.mktemp("seed-a4")
    result = run_cli("build", SEED_CONTENT, "--out", out, "--html")
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def seed_build_letter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed-letter")
    result = run_cli("build", SEED_CONTENT, "--out", out, "--paper", "letter")
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def corpus_builds(tmp_path_factory: pytest.TempPathFactory) -> SharedBuilds:
    """Corpus campaigns built on demand, each once per test run, shared by xdist workers."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, which every worker's folder sits in
    return SharedBuilds(base / "corpus-builds")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Fail loudly if anything so much as tries to open a connection or look up a name."""
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts
    assert attempts == []
