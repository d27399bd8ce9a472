"""Campaigns built once per test process, by name and variant: the test campaigns, the
corpus where it exists, and a long brief whose paragraphs and sections cross pages."""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED_CONTENT, run_cli

CAMPAIGNS = {
    "seed": SEED_CONTENT,  # English, no picture file
    "rich": REPO / "tests" / "campaigns" / "rich",  # German: lists, table, footnote, links
    "bilingual": REPO / "tests" / "campaigns" / "bilingual",  # English report with a
    # picture, a table and nested lists; a German letter
}
CORPUS = REPO / "tests" / "corpus"
if CORPUS.is_dir():  # the visual corpus (issue 9), where it exists
    for folder in sorted(CORPUS.iterdir()):
        if (folder / "article.md").is_file() and (folder / "letter.md").is_file():
            CAMPAIGNS[f"corpus-{folder.name}"] = folder
LONG = "long"  # the seed's texts four times over: paragraphs and sections cross pages
VARIANTS = {"plain": (), "archival": ("--archival",)}
OUTPUTS = ("brief.pdf", "flyer.pdf")

_built: dict[tuple[str, str], Path] = {}


def _shared(factory: pytest.TempPathFactory) -> Path:
    """A folder every test process of this run shares (pytest-xdist's workers each have
    their own base folder, under one parent)."""
    base = factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "builds"
    folder.mkdir(exist_ok=True)
    return folder


def _campaign(name: str, work: Path) -> Path:
    if name != LONG:
        return CAMPAIGNS[name]
    target = work / "long-campaign"
    if not target.exists():
        shutil.copytree(SEED_CONTENT, target)
        for file in ("article.md", "letter.md"):
            _, front, body = (target / file).read_text(encoding="utf-8").split("---\n", 2)
            (target / file).write_text(
                f"---\n{front}---\n" + "\n\n".join([body.strip()] * 4) + "\n"
            )
    return target


def build(factory: pytest.TempPathFactory, campaign: str, variant: str) -> Path:
    """The output folder of `campaign` built as `variant`: built once per test run, by
    whichever test process needs it first (the others wait for it)."""
    key = (campaign, variant)
    if key in _built:
        return _built[key]
    shared = _shared(factory)
    out = shared / f"{campaign}-{variant}"
    with (shared / f"{campaign}-{variant}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out / "done").exists():
            source = _campaign(campaign, shared)
            result = run_cli("build", source, "--out", out, *VARIANTS[variant])
            assert result.exit_code == 0, result.output
            (out / "done").touch()
    _built[key] = out
    return out
