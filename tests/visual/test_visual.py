"""Every page of every corpus campaign (and of the right-to-left and branded campaigns of
`VISUAL_EXTRAS`), A4 and Letter, looks as its reference does."""

from __future__ import annotations

import pytest

from tests.corpus import DOCUMENTS, SharedBuilds, cases, visual_names
from tests.visual import clear_output, compare_document


@pytest.mark.slow
@pytest.mark.parametrize(
    ("campaign", "paper", "document"),
    cases(documents=DOCUMENTS, handouts=True, campaigns=visual_names()),
)
def test_pages_match_their_references(
    campaign: str, paper: str, document: str, corpus_builds: SharedBuilds
) -> None:
    build = corpus_builds.get(campaign, paper)
    clear_output(campaign, paper, document)
    differences = compare_document(campaign, paper, document, build.pdf(document))
    assert not differences, (
        "\n".join(str(difference) for difference in differences)
        + "\nIf the change is meant: make visual-update (then look at the contact sheet)."
    )
