"""The PDFs the standards are checked on: every test campaign and corpus campaign, plain and
archival, brief and flyer, each built once per test process."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.builds import CAMPAIGNS, LONG, OUTPUTS, VARIANTS, build
from tests.pdf.standards.document import Document


def _params(variants: tuple[str, ...]) -> Iterator[tuple[str, str, str]]:
    for campaign in (*CAMPAIGNS, LONG):
        for variant in variants:
            for output in OUTPUTS:
                yield campaign, variant, output


TAGGED = list(_params(tuple(VARIANTS)))
ARCHIVAL = list(_params(("archival",)))

_documents: dict[tuple[str, str, str], Document] = {}


def _document(factory: pytest.TempPathFactory, param: tuple[str, str, str]) -> Document:
    if param not in _documents:
        campaign, variant, output = param
        _documents[param] = Document(build(factory, campaign, variant) / output)
    return _documents[param]


@pytest.fixture(scope="session", params=TAGGED, ids=["-".join(p) for p in TAGGED])
def ua(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Document:
    """Every PDF Broadside tags (all but the print handouts): PDF/UA-1 applies."""
    return _document(tmp_path_factory, request.param)


@pytest.fixture(scope="session", params=ARCHIVAL, ids=["-".join(p) for p in ARCHIVAL])
def pdfa(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Document:
    """Every PDF built with --archival: PDF/A-3B applies."""
    return _document(tmp_path_factory, request.param)
