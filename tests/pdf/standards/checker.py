"""The rules, by profile and number, and running them over a PDF.

A rule is a function of a `Document` that yields one message per failure (an empty
result is a pass), registered under its profile and its veraPDF identifier ("7.1-3":
clause 7.1, test 3), with the rule's own description.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.pdf.standards.document import Document

PDFUA1 = "PDF/UA-1"
PDFA3B = "PDF/A-3B"

Check = Callable[[Document], Iterator[str]]


@dataclass(frozen=True)
class Rule:
    profile: str
    id: str  # "7.1-3"
    description: str
    check: Check

    @property
    def test_name(self) -> str:
        """The prefix of the test that runs it: test_7_1_3_…"""
        return "test_" + self.id.replace(".", "_").replace("-", "_") + "_"


RULES: dict[tuple[str, str], Rule] = {}


def rule(profile: str, rule_id: str, description: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        key = (profile, rule_id)
        assert key not in RULES, f"{profile} {rule_id} registered twice"
        RULES[key] = Rule(profile, rule_id, description, check)
        return check

    return register


def failures(profile: str, rule_id: str, document: Document, limit: int = 8) -> list[str]:
    found: list[str] = []
    for message in RULES[(profile, rule_id)].check(document):
        found.append(message)
        if len(found) >= limit:
            break
    return found


def assert_rule(profile: str, rule_id: str, documents: list[Document]) -> None:
    """The rule holds in every one of `documents`; else the failure says where and why."""
    found = [
        f"{document.path}:\n" + "\n".join(f"  - {message}" for message in messages)
        for document in documents
        if (messages := failures(profile, rule_id, document))
    ]
    described = RULES[(profile, rule_id)].description
    assert not found, f"{profile} {rule_id} ({described}) fails in\n" + "\n".join(found)


def report(path: Path, profiles: tuple[str, ...]) -> dict[str, list[str]]:
    """Every rule of `profiles` run on `path`: rule id → its failures (empty: passed)."""
    document = Document(path)
    return {
        f"{profile} {rule_id}": failures(profile, rule_id, document)
        for (profile, rule_id) in RULES
        if profile in profiles
    }
