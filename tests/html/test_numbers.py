"""Counts as a reader of each language writes them (CLDR, through Babel)."""

from __future__ import annotations

import pytest

from broadside.fonts.coverage import uncovered
from broadside.html import numbers
from broadside.html.labels import Labels


@pytest.mark.parametrize(
    ("lang", "written"),
    [
        ("en", "10,000"),
        ("de", "10.000"),
        ("fr", "10\u202f000"),  # a narrow no-break space
        ("pl", "10\u00a0000"),  # a no-break space
        ("es", "10.000"),
        ("de-CH", "10'000"),  # Swiss German: an apostrophe
        ("xx", "10,000"),  # no such language: English
    ],
)
def test_ten_thousand_in_each_language(lang: str, written: str) -> None:
    assert numbers.number(10_000, lang) == written
    assert uncovered(written) == []  # the shipped fonts print every grouping character


def test_plural_forms_follow_the_language() -> None:
    assert [numbers.plural_form(n, "en") for n in (1, 2, 5)] == ["one", "other", "other"]
    assert [numbers.plural_form(n, "pl") for n in (1, 2, 5)] == ["one", "few", "many"]
    assert numbers.plural_form(0, "fr") == "one"  # French: zero is singular


def test_the_count_line_in_each_language_with_labels() -> None:
    assert Labels("en").signed_by(47, 312) == "Signed by 47 organisations and 312 people"
    assert Labels("en").signed_by(1, 1) == "Signed by 1 organisation and 1 person"
    assert Labels("en").signed_by(0, 10_000) == "Signed by 10,000 people"
    assert Labels("de").signed_by(0, 10_000) == "Unterzeichnet von 10.000 Personen"
    assert Labels("fr").signed_by(2, 1) == "Signée par 2 organisations et 1 personne"
    assert Labels("es").counts(1, 2) == "1 organización y 2 personas"
    # Words fall back to English, numbers stay the content's own.
    assert Labels("pl").signed_by(0, 10_000) == "Signed by 10\u00a0000 people"


def test_names_are_joined_as_a_list_in_the_language() -> None:
    assert Labels("en").join(["Ana", "Ben", "Chloé"]) == "Ana, Ben, and Chloé"
    assert Labels("de").join(["Ana", "Ben"]) == "Ana und Ben"
    assert Labels("en").join(["Ana"]) == "Ana"
