"""The visual references can fail: a small change to the styles shows on the pages.

The seed is built from a copy of the repository's source, templates and styles (Broadside
reads its styles from the tree it is imported from), once as is and once per change. The
changes are appended as overriding rules rather than edits to particular lines, so they
still apply when the sheets are redesigned.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.corpus import DOCUMENTS, build, campaign_dir, copy_source_tree
from tests.visual import compare_document

CAMPAIGN, PAPER = "seed", "a4"

# Each: the sheet in styles/ it is appended to, and the rule appended.
CHANGES = {
    "a margin 3 mm wider": ("brief.css", "@page { margin-left: 25mm !important; }"),
    "a font size half a point larger": ("tokens.css", "p { font-size: 11pt !important; }"),
    "a colour": ("tokens.css", "h1 { color: #1d5c96 !important; }"),
}


@pytest.fixture(scope="module")
def source_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_source_tree(tmp_path_factory.mktemp("tree"))


def build_with(tree: Path, out: Path) -> dict[str, list[str]]:
    """Build the seed from `tree` and compare each document with the references."""
    build(campaign_dir(CAMPAIGN), PAPER, out / "pdf", source_tree=tree)
    return {
        document: [
            str(difference)
            for difference in compare_document(
                CAMPAIGN, PAPER, document, out / "pdf" / f"{document}.pdf", output=out / "diff"
            )
        ]
        for document in DOCUMENTS
    }


@pytest.mark.slow
@pytest.mark.xdist_group("sensitivity")
def test_a_build_from_an_unchanged_copy_matches(source_tree: Path, tmp_path: Path) -> None:
    """The control: the copy alone changes nothing, so a failure below is the change's."""
    assert build_with(source_tree, tmp_path) == {document: [] for document in DOCUMENTS}


@pytest.mark.slow
@pytest.mark.xdist_group("sensitivity")
@pytest.mark.parametrize("change", list(CHANGES))
def test_a_small_change_to_the_styles_fails_the_comparison(
    change: str, source_tree: Path, tmp_path: Path
) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(source_tree, tree)
    sheet, rule = CHANGES[change]
    with (tree / "styles" / sheet).open("a", encoding="utf-8") as handle:
        handle.write(f"\n/* test_sensitivity: {change} */\n{rule}\n")
    differences = build_with(tree, tmp_path)
    assert differences["brief"], f"{change} in {sheet} changed no page of the brief"
