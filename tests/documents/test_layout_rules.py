"""Issue 9's layout rules, measured on every corpus campaign's brief and flyer, A4 and Letter.

The rules live in tests/layoutrules.py. Where the pages break a rule, the case is an
expected failure (`KNOWN`), listed by campaign and paper with its reason: a case that
starts to pass shows as XPASS, and its entry can then go. A case not listed that fails is
a regression.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.corpus import DOCUMENTS, SharedBuilds, cases, front_matter
from tests.layoutrules import (
    Document,
    Violation,
    blocks_pushed_past_room,
    broken_pairs,
    clamped_cover,
    headline_widows,
    hyphenation,
    letter_end,
    lonely_sign_off,
    pictures_adrift,
    pictures_off_the_column,
    straight_quotes,
    thin_pages,
)

REDESIGN = "issue 9 redesign"

# rule → the campaign-paper (or campaign-paper-document) cases that still break it, and why.
# Empty: the redesign of issue 9 mended every case this list once held (eleven at its last).
# A page that breaks a rule on purpose is listed here with its reason, not hidden.
KNOWN: dict[str, tuple[str, set[str]]] = {}


def expected_failures(rule: str) -> Callable[..., list[Any]]:
    reason, known = KNOWN.get(rule, ("", set()))

    def marks(campaign: str, paper: str, document: str | None = None) -> list[Any]:
        key = f"{campaign}-{paper}" + (f"-{document}" if document else "")
        if key in known:
            return [pytest.mark.xfail(strict=False, reason=f"{REDESIGN}: {reason}")]
        return []

    return marks


def read(builds: SharedBuilds, campaign: str, paper: str, document: str = "brief") -> Document:
    return Document.read(builds.get(campaign, paper).pdf(document))


def report(violations: list[Violation]) -> str:
    return "\n".join(str(violation) for violation in violations)


@pytest.mark.parametrize(("campaign", "paper"), cases(marks=expected_failures("thin_pages")))
def test_no_page_is_less_than_a_third_full(
    campaign: str, paper: str, corpus_builds: SharedBuilds
) -> None:
    """…except a section's last page, which still holds five lines of its own text."""
    violations = thin_pages(read(corpus_builds, campaign, paper))
    assert not violations, report(violations)


@pytest.mark.parametrize(
    ("campaign", "paper"), cases(marks=expected_failures("blocks_pushed_past_room"))
)
def test_a_block_moved_on_never_leaves_room_it_would_fit(
    campaign: str, paper: str, corpus_builds: SharedBuilds
) -> None:
    kept = letter_end(front_matter(campaign, "letter.md"))
    violations = blocks_pushed_past_room(read(corpus_builds, campaign, paper), kept)
    assert not violations, report(violations)


@pytest.mark.parametrize(("campaign", "paper"), cases(marks=expected_failures("lonely_sign_off")))
def test_the_sign_off_stays_with_the_end_of_the_letter(
    campaign: str, paper: str, corpus_builds: SharedBuilds
) -> None:
    letter = front_matter(campaign, "letter.md")
    violations = lonely_sign_off(read(corpus_builds, campaign, paper), letter)
    assert not violations, report(violations)


@pytest.mark.parametrize(("campaign", "paper"), cases(marks=expected_failures("clamped_cover")))
def test_the_cover_shortens_nothing_while_it_has_room(
    campaign: str, paper: str, corpus_builds: SharedBuilds
) -> None:
    article, letter = front_matter(campaign, "article.md"), front_matter(campaign, "letter.md")
    fields = [str(value) for value in [*article.values(), *letter.values()]]
    violations = clamped_cover(read(corpus_builds, campaign, paper), fields)
    assert not violations, report(violations)


@pytest.mark.parametrize(
    ("campaign", "paper"), cases(marks=expected_failures("pictures_off_the_column"))
)
def test_pictures_span_the_text_column(
    campaign: str, paper: str, corpus_builds: SharedBuilds
) -> None:
    violations = pictures_off_the_column(read(corpus_builds, campaign, paper))
    assert not violations, report(violations)


@pytest.mark.parametrize(("campaign", "paper"), cases(marks=expected_failures("pictures_adrift")))
def test_pictures_sit_where_the_text_is(
    campaign: str, paper: str, corpus_builds: SharedBuilds
) -> None:
    violations = pictures_adrift(read(corpus_builds, campaign, paper))
    assert not violations, report(violations)


@pytest.mark.parametrize(
    ("campaign", "paper", "document"),
    cases(documents=DOCUMENTS, marks=expected_failures("headline_widows")),
)
def test_headlines_never_end_on_one_short_word(
    campaign: str, paper: str, document: str, corpus_builds: SharedBuilds
) -> None:
    violations = headline_widows(read(corpus_builds, campaign, paper, document))
    assert not violations, report(violations)


@pytest.mark.parametrize(
    ("campaign", "paper", "document"),
    cases(documents=DOCUMENTS, marks=expected_failures("broken_pairs")),
)
def test_dates_numbers_with_units_and_initials_never_split(
    campaign: str, paper: str, document: str, corpus_builds: SharedBuilds
) -> None:
    violations = broken_pairs(read(corpus_builds, campaign, paper, document))
    assert not violations, report(violations)


@pytest.mark.parametrize(
    ("campaign", "paper", "document"),
    cases(documents=DOCUMENTS, marks=expected_failures("straight_quotes")),
)
def test_quotes_and_apostrophes_are_curly(
    campaign: str, paper: str, document: str, corpus_builds: SharedBuilds
) -> None:
    violations = straight_quotes(read(corpus_builds, campaign, paper, document))
    assert not violations, report(violations)


@pytest.mark.parametrize(("campaign", "paper"), cases(marks=expected_failures("hyphenation")))
def test_few_lines_end_hyphenated(campaign: str, paper: str, corpus_builds: SharedBuilds) -> None:
    """Issue 9 §3: at most ~8% of body lines end hyphenated, never more than two in a row."""
    violations = hyphenation(read(corpus_builds, campaign, paper))
    assert not violations, report(violations)
