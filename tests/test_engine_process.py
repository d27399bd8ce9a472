"""The render process: same PDFs as in-process, and a failure there is never the user's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from broadside.build import BuildOptions, build
from broadside.content.loader import load_campaign
from broadside.engine import Engine
from broadside.engine_process import EngineProcess
from broadside.errors import BuildError
from broadside.pdfsettings import PdfSettings
from broadside.stylesheets import Stylesheet
from tests.conftest import SEED_CONTENT

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2,
    reason="a render process is used only on Linux with more than one core",
)


def cli(*args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
    """A real `broadside` process: the render process is forked only outside test runners."""
    return subprocess.run(
        [sys.executable, "-m", "broadside", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=False,
        timeout=120,
    )


def test_the_brief_from_the_render_process_is_the_same_pdf(tmp_path: Path) -> None:
    shared = cli("build", SEED_CONTENT, "--out", tmp_path / "two", "--verbose")
    alone = cli("build", SEED_CONTENT, "--out", tmp_path / "one", BROADSIDE_JOBS="1")
    assert shared.returncode == alone.returncode == 0, shared.stderr + alone.stderr
    assert "brief.pdf: printed in a second process" in shared.stderr
    for name in ("brief.pdf", "flyer.pdf"):
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes()


def started(campaign: Path) -> EngineProcess:
    process = EngineProcess.start(campaign)
    if process is None:
        pytest.skip("this test process has threads that make forking unsafe")
    return process


def test_a_render_process_that_died_is_replaced_by_printing_here(tmp_path: Path) -> None:
    process = started(SEED_CONTENT)
    os.kill(process.pid, 9)
    campaign = load_campaign(SEED_CONTENT)
    try:
        result = build(campaign, BuildOptions(), Engine(campaign.root), render_process=process)
    finally:
        process.close()
    names = [artifact.name for artifact in result.artifacts]
    assert names == ["brief.pdf", "flyer.pdf"]
    assert not any("second process" in detail for detail in result.details)


def test_a_refused_file_in_the_render_process_is_the_users_error(make_campaign) -> None:
    """The render process confines fetching like the engine here, and says so the same way."""
    root = make_campaign()
    process = started(root)
    try:
        hostile = Stylesheet("hostile", "body { background: url(/etc/passwd) }", root)
        with pytest.raises(BuildError, match="refused"):
            process.print(PdfSettings(), "<p>x</p>", root, [hostile], None)
        # Still alive and useful after a user's error.
        printed = process.print(PdfSettings(), "<p>fine</p>", root, [], None)
        assert printed.pdf is not None and printed.pdf.startswith(b"%PDF")
    finally:
        process.close()


@pytest.mark.parametrize(
    ("arguments", "folder"),
    [
        ([], "content"),
        (["my-campaign"], "my-campaign"),
        (["--out", "x", "--paper", "letter", "camp"], "camp"),
        (["-o", "x", "--handouts", "--bleed", "3", "camp"], "camp"),
        (["--", "-odd-name"], "-odd-name"),
    ],
)
def test_the_early_guess_at_the_campaign_folder(arguments: list[str], folder: str) -> None:
    from broadside.launch import _campaign_dir

    assert _campaign_dir(arguments) == Path(folder)
