"""The recipient as printed: "Jeff Bezos, CEO of Amazon", in the language of the labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import Markup

from broadside.html.labels import Labels
from tests.reading import page_texts, squash


@pytest.mark.parametrize(
    ("lang", "organisation", "expected"),
    [
        ("en", "Amazon", "CEO of Amazon"),
        ("de", "Amazon", "CEO von Amazon"),
        ("fr", "Amazon", "CEO d’Amazon"),  # elided before a vowel
        ("fr", "Google", "CEO de Google"),
        ("es", "Amazon", "CEO de Amazon"),
        ("fr", "le Gouvernement", "CEO du Gouvernement"),
        ("fr", "les Amis de la Terre", "CEO des Amis de la Terre"),
        ("fr", "la Poste", "CEO de la Poste"),
        ("es", "el Ayuntamiento", "CEO del Ayuntamiento"),
        ("en", "the Guardian", "CEO of the Guardian"),
    ],
)
def test_a_role_at_an_organisation(lang: str, organisation: str, expected: str) -> None:
    assert Labels(lang).role_at(Markup("CEO"), Markup(organisation)) == expected


def test_either_part_alone_and_content_stays_escaped() -> None:
    labels = Labels("en")
    assert labels.role_at(Markup("CEO"), None) == "CEO"
    assert labels.role_at(None, Markup("Amazon")) == "Amazon"
    assert labels.role_at(Markup("<em>CEO</em>"), Markup("A &amp; B")) == (
        "<em>CEO</em> of A &amp; B"
    )


def test_the_brief_names_the_organisation_wherever_it_names_the_recipient(
    seed_build: Path,
) -> None:
    texts = [squash(text) for text in page_texts(seed_build / "brief.pdf")]
    named = [number for number, text in enumerate(texts, 1) if squash("CEO of Amazon") in text]
    assert named[0] == 1  # the cover
    assert len(named) >= 3  # and the letter and the sources page
