"""Maintain the visual references and look at the corpus.

    .venv/bin/python -m tests.visual update [CAMPAIGN ...]   rebuild and store the references
    .venv/bin/python -m tests.visual sheet                   write the contact sheet

`make visual-update` and `make contact-sheet` run these. Both build every corpus campaign
and the right-to-left and branded ones of `VISUAL_EXTRAS` (or the ones named) on A4 and
Letter through `broadside build`, two at a time.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.corpus import (
    PAPERS,
    WITH_HANDOUTS,
    build,
    campaign_dir,
    documents_of,
    visual_names,
)
from tests.visual import OUTPUT, REFERENCES, write_references
from tests.visual.sheet import write_contact_sheet


def build_all(campaigns: list[str], root: Path) -> dict[str, dict[str, Path]]:
    """Build each campaign on each paper under `root`: {campaign: {paper: folder}}."""
    jobs = [(campaign, paper) for campaign in campaigns for paper in PAPERS]

    def one(job: tuple[str, str]) -> None:
        campaign, paper = job
        folder = root / campaign / paper
        build(campaign_dir(campaign), paper, folder, handouts=campaign in WITH_HANDOUTS)

    with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        list(pool.map(one, jobs))
    return {c: {p: root / c / p for p in PAPERS} for c in campaigns}


def update(campaigns: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="broadside-visual-") as temporary:
        builds = build_all(campaigns, Path(temporary))
        for campaign, by_paper in builds.items():
            counts = []
            for paper, folder in by_paper.items():
                for document in documents_of(campaign):
                    pages = write_references(campaign, paper, document, folder / f"{document}.pdf")
                    counts.append(f"{paper} {document} {pages}")
            print(f"{campaign}: {', '.join(counts)}")
    known = set(visual_names())
    for folder in REFERENCES.iterdir() if REFERENCES.is_dir() else []:
        if folder.name not in known:
            for path in folder.iterdir():
                path.unlink()
            folder.rmdir()
            print(f"{folder.name}: no longer in the corpus, references removed")
    size = sum(path.stat().st_size for path in REFERENCES.rglob("*.png"))
    print(f"references: {size / 1e6:.1f} MB in {os.path.relpath(REFERENCES)}")


def sheet() -> None:
    with tempfile.TemporaryDirectory(prefix="broadside-sheet-") as temporary:
        builds = build_all(visual_names(), Path(temporary))
        index = write_contact_sheet(builds, OUTPUT / "contact-sheet")
    print(f"contact sheet: {index}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.visual", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    updating = commands.add_parser("update", help="rebuild and store the reference images")
    updating.add_argument("campaigns", nargs="*", help="corpus folders (default: all)")
    commands.add_parser("sheet", help="write the contact sheet of every page")
    arguments = parser.parse_args(argv)
    if arguments.command == "update":
        unknown = sorted(set(arguments.campaigns) - set(visual_names()))
        if unknown:
            parser.error(f"not in tests/corpus/ or VISUAL_EXTRAS: {', '.join(unknown)}")
        update(arguments.campaigns or visual_names())
    else:
        sheet()
    return 0


if __name__ == "__main__":
    sys.exit(main())
