"""The layout corpus: campaign folders that stress the pages, and builds of them.

Each folder under tests/corpus/ is a campaign (article.md, letter.md, a one-line README.md
saying what it stresses). Builds go through the public command line in a subprocess,
`python -m broadside build DIR --out OUT --paper PAPER`, so the tests hold whatever shape
the package takes inside; `source_tree` builds with a copy of the repository's templates and
styles instead (how the visual tests prove they can fail).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

CORPUS = Path(__file__).resolve().parent
REPO = CORPUS.parents[1]
PAPERS = ("a4", "letter")
DOCUMENTS = ("brief", "flyer")
# The handouts (`--handouts`): the brief laid out again on half a sheet, the flyer at the size
# of two and of four copies. Made for a few campaigns only (each adds about 60% to a build):
# the seed; long fields and a tall picture at half size; twelve demands, which do not fit a
# 4-up copy at the 10 pt floor, so that sheet is not made.
HANDOUTS = ("brief-booklet", "flyer-2up", "flyer-4up")
WITH_HANDOUTS = frozenset({"seed", "long-fields", "portrait-photo", "twelve-demands"})


# Campaigns of tests/campaigns/ whose pages are under visual test too, though the layout
# rules (written for left-to-right pages) do not measure them: right-to-left briefs mirrored
# by styles/rtl.css, and a brand's colour and SVG logo.
VISUAL_EXTRAS = {
    "arabic": "An Arabic campaign (lang ar): the brief and flyer right to left (styles/rtl.css).",
    "hebrew": "A Hebrew campaign (lang he): the brief and flyer right to left (styles/rtl.css).",
    "branded-svg": "A brand.yaml with an accent colour and an SVG logo on the cover, sources"
    " page and flyer.",
}


def campaign_names() -> list[str]:
    """Every corpus campaign, by folder name, sorted."""
    return sorted(path.parent.name for path in CORPUS.glob("*/letter.md"))


def visual_names() -> list[str]:
    """The campaigns whose pages have visual references: the corpus and `VISUAL_EXTRAS`."""
    return campaign_names() + sorted(VISUAL_EXTRAS)


def campaign_dir(name: str) -> Path:
    return CORPUS.parent / "campaigns" / name if name in VISUAL_EXTRAS else CORPUS / name


def documents_of(name: str) -> tuple[str, ...]:
    """The documents a build of the campaign makes: the handouts too for `WITH_HANDOUTS`."""
    return DOCUMENTS + (HANDOUTS if name in WITH_HANDOUTS else ())


def description(name: str) -> str:
    """The campaign's README line: what it stresses."""
    if name in VISUAL_EXTRAS:
        return VISUAL_EXTRAS[name]
    return (CORPUS / name / "README.md").read_text(encoding="utf-8").strip()


def cases(
    *,
    documents: tuple[str, ...] | None = None,
    handouts: bool = False,
    marks: Any = (),
    campaigns: list[str] | None = None,
) -> list[Any]:
    """pytest parameters for every campaign (of `campaigns`, else the corpus) on every paper
    (and each of `documents`, and of the handouts the campaign is built with if `handouts`).

    Each carries an `xdist_group` mark per campaign and paper: run with `--dist loadgroup`
    (as `make test` does), every test of one build lands on the worker that built it.
    `marks(campaign, paper[, document])` may add marks of its own (an expected failure).
    """
    params = []
    for campaign in campaign_names() if campaigns is None else campaigns:
        for paper in PAPERS:
            group = pytest.mark.xdist_group(f"{campaign}-{paper}")
            each: tuple[str | None, ...] = (None,)
            if documents is not None:
                each = documents + (documents_of(campaign)[len(DOCUMENTS) :] if handouts else ())
            for document in each:
                names = (campaign, paper) if document is None else (campaign, paper, document)
                extra = list(marks(*names)) if callable(marks) else list(marks)
                params.append(pytest.param(*names, marks=[group, *extra], id="-".join(names)))
    return params


@cache
def front_matter(name: str, file: str) -> dict[str, Any]:
    """The YAML front matter of a campaign's `article.md` or `letter.md`, as plain data."""
    text = (CORPUS / name / file).read_text(encoding="utf-8")
    _, front, _ = text.split("---\n", 2)
    loaded = YAML(typ="safe").load(front)
    return dict(loaded) if isinstance(loaded, dict) else {}


@dataclass(frozen=True)
class Build:
    """One campaign built on one paper: where its PDFs are and what the command printed."""

    campaign: str
    paper: str
    folder: Path
    output: str

    def pdf(self, document: str) -> Path:
        return self.folder / f"{document}.pdf"


class BuildFailed(AssertionError):
    pass


def build(
    campaign: Path,
    paper: str,
    out: Path,
    *,
    source_tree: Path | None = None,
    jobs: int = 0,
    handouts: bool = False,
) -> str:
    """Build `campaign` on `paper` into `out` with the `broadside` command line; its output.

    `source_tree`: a folder holding copies of `src/`, `templates/`, `styles/` and
    `pyproject.toml` (see `copy_source_tree`): the build imports Broadside from there, and
    Broadside reads templates and styles from the tree it was imported from.
    `handouts` adds `--handouts`: brief-booklet.pdf, flyer-2up.pdf and flyer-4up.pdf.
    `jobs=0` prints in the build's own process (BROADSIDE_JOBS): under pytest-xdist the
    test workers are the parallelism, and print workers per build would only compete.
    """
    env = {**os.environ, "BROADSIDE_JOBS": str(jobs)}
    if source_tree is not None:
        env["PYTHONPATH"] = os.pathsep.join(
            [str(source_tree / "src"), *filter(None, [env.get("PYTHONPATH")])]
        )
    command = [sys.executable, "-m", "broadside", "build", str(campaign), "--out", str(out)]
    result = subprocess.run(
        [*command, "--paper", paper, *(["--handouts"] if handouts else [])],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise BuildFailed(
            f"{campaign.name} on {paper}: broadside build exited {result.returncode}\n{output}"
        )
    return output


def copy_source_tree(destination: Path) -> Path:
    """A copy of what a build reads from the repository, to change without touching it."""
    for name in ("src", "templates", "styles"):
        shutil.copytree(
            REPO / name, destination / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy2(REPO / "pyproject.toml", destination / "pyproject.toml")
    return destination


class SharedBuilds:
    """Corpus builds made once per test session, whichever xdist worker asks first.

    Workers share `root`; a lock file per build makes the others wait for it instead of
    building it again. A failed build is remembered, so every test that needs it fails
    with the same message rather than rebuilding.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def get(self, campaign: str, paper: str) -> Build:
        folder = self.root / campaign / paper
        done, failed = folder / "build.log", folder / "build.failed"
        with _locked(self.root / f"{campaign}-{paper}.lock"):
            if not done.exists() and not failed.exists():
                folder.mkdir(parents=True, exist_ok=True)
                try:
                    output = build(
                        campaign_dir(campaign),
                        paper,
                        folder,
                        handouts=campaign in WITH_HANDOUTS,
                    )
                except BuildFailed as error:
                    failed.write_text(str(error), encoding="utf-8")
                else:
                    done.write_text(output, encoding="utf-8")
        if failed.exists():
            raise BuildFailed(failed.read_text(encoding="utf-8"))
        return Build(campaign, paper, folder, done.read_text(encoding="utf-8"))


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
