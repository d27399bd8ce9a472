"""The PDFs the standards are checked on: every test campaign and corpus campaign, plain and
archival, brief and flyer, each built once per test run (tests/builds.py)."""

from __future__ import annotations

import pytest

from tests.builds import CAMPAIGNS, GENERATED, OUTPUTS, VARIANTS, build
from tests.pdf.standards.document import Document

_documents: dict[tuple[str, str, str], Document] = {}


def documents(factory: pytest.TempPathFactory, variants: tuple[str, ...]) -> list[Document]:
    found = []
    for campaign in (*CAMPAIGNS, *GENERATED):
        for variant in variants:
            for output in OUTPUTS:
                key = (campaign, variant, output)
                if key not in _documents:
                    _documents[key] = Document(build(factory, campaign, variant) / output)
                found.append(_documents[key])
    return found


@pytest.fixture(scope="session")
def ua(tmp_path_factory: pytest.TempPathFactory) -> list[Document]:
    """Every PDF Broadside tags (all but the print handouts): PDF/UA-1 applies."""
    return documents(tmp_path_factory, tuple(VARIANTS))


@pytest.fixture(scope="session")
def pdfa(tmp_path_factory: pytest.TempPathFactory) -> list[Document]:
    """Every PDF built with --archival: PDF/A-3B applies."""
    return documents(tmp_path_factory, ("archival",))
