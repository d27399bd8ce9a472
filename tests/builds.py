"""Campaigns built once per test run, by name and variant: the test campaigns, the corpus
where it exists, a long brief whose paragraphs and sections cross pages, and a signed one."""

from __future__ import annotations

import csv
import fcntl
import os
import shutil
from pathlib import Path

import pytest

from bench.make_signatories import rows
from tests.conftest import REPO, SEED_CONTENT, run_cli

CAMPAIGNS = {
    "seed": SEED_CONTENT,  # English, no picture file
    "rich": REPO / "tests" / "campaigns" / "rich",  # German: lists, table, footnote, links
    "bilingual": REPO / "tests" / "campaigns" / "bilingual",  # English report with a
    # picture, a table and nested lists; a German letter
    "branded": REPO / "tests" / "campaigns" / "branded-svg",  # an SVG logo (brand.yaml)
}
CORPUS = REPO / "tests" / "corpus"
if CORPUS.is_dir():  # the layout corpus (issue 9), where it exists
    for folder in sorted(CORPUS.iterdir()):
        if (folder / "article.md").is_file() and (folder / "letter.md").is_file():
            CAMPAIGNS[f"corpus-{folder.name}"] = folder
LONG = "long"  # the seed's texts four times over: paragraphs and sections cross pages
SIGNED = "signed"  # bilingual, signed by 300 (a German section with English labels)
GENERATED = (LONG, SIGNED)
VARIANTS = {"plain": (), "archival": ("--archival",)}
OUTPUTS = ("brief.pdf", "flyer.pdf")

_built: dict[tuple[str, str], Path] = {}


def _run_folder(factory: pytest.TempPathFactory) -> Path:
    """The folder every test process of this run shares (pytest-xdist's workers each have
    their own base folder, under one parent)."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _shared(factory: pytest.TempPathFactory) -> Path:
    folder = _run_folder(factory) / "builds"
    folder.mkdir(exist_ok=True)
    return folder


def source(factory: pytest.TempPathFactory, name: str) -> Path:
    """The campaign folder `name` is built from (a generated one is written once per run)."""
    if name not in GENERATED:
        return CAMPAIGNS[name]
    shared = _shared(factory)
    target = shared / f"{name}-campaign"
    with (shared / f"{name}-campaign.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not target.exists():
            _generate(name, shared / f"{name}-partial")
            (shared / f"{name}-partial").rename(target)
    return target


def _generate(name: str, target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    if name == LONG:
        shutil.copytree(SEED_CONTENT, target)
        for file in ("article.md", "letter.md"):
            _, front, body = (target / file).read_text(encoding="utf-8").split("---\n", 2)
            (target / file).write_text(
                f"---\n{front}---\n" + "\n\n".join([body.strip()] * 4) + "\n"
            )
    else:
        shutil.copytree(CAMPAIGNS["bilingual"], target)
        with (target / "signatories.csv").open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(("name", "role", "organisation", "place", "kind"))
            writer.writerows(rows(300))


def build(factory: pytest.TempPathFactory, campaign: str, variant: str) -> Path:
    """The output folder of `campaign` built as `variant`: built once per test run, by
    whichever test process needs it first (the others wait for it)."""
    key = (campaign, variant)
    if key in _built:
        return _built[key]
    if campaign.startswith("corpus-") and variant == "plain":
        # The corpus's own build on A4, which its visual and layout tests read too (the
        # corpus_builds fixture in tests/conftest.py keeps them in the same folder).
        from tests.corpus import SharedBuilds

        corpus = SharedBuilds(_run_folder(factory) / "corpus-builds")
        _built[key] = corpus.get(campaign.removeprefix("corpus-"), "a4").folder
        return _built[key]
    shared = _shared(factory)
    out = shared / f"{campaign}-{variant}"
    with (shared / f"{campaign}-{variant}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out / "done").exists():
            folder = source(factory, campaign)
            # The corpus is built plain on A4 above; archival on Letter, so both papers.
            paper = ("--paper", "letter") if campaign.startswith("corpus-") else ()
            result = run_cli("build", folder, "--out", out, *VARIANTS[variant], *paper)
            assert result.exit_code == 0, result.output
            (out / "done").touch()
    _built[key] = out
    return out
