"""Spaces that must not break, and quotes curled in every position, as text is rendered."""

from __future__ import annotations

import pytest

from broadside.content.markdown import plain_inline, render_block, render_inline
from broadside.content.typography import (
    NBSP,
    NNBSP,
    WORD_JOINER,
    bind_last_words,
    keep_together,
)


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        ("Since April 19, 2018 the", "en", f"April{NBSP}19,{NBSP}2018 the"),
        ("by April 19 at the", "en", f"April{NBSP}19 at"),
        ("on 19 April 2018, we", "en", f"19{NBSP}April{NBSP}2018,"),
        ("in June 2024 and", "en", f"June{NBSP}2024 and"),
        ("Jan. 5 came", "en", f"Jan.{NBSP}5 came"),
        ("am 19. März 2024 um", "de", f"19.{NBSP}März{NBSP}2024 um"),
        ("le 19 avril 2018 à", "fr", f"19{NBSP}avril{NBSP}2018 à"),
        ("el 19 de abril de 2018 en", "es", f"19{NBSP}de{NBSP}abril{NBSP}de{NBSP}2018 en"),
        ("in a German text, April 19 too", "de", f"April{NBSP}19"),  # English is always known
        ("at 35 °C for", "en", f"35{NBSP}°C for"),
        ("within 50 m of", "en", f"50{NBSP}m of"),
        ("a 58 m² flat", "en", f"58{NBSP}m² flat"),
        ("more than 9 € per", "de", f"9{NBSP}€ per"),
        ("paid € 50 and", "en", f"€{NBSP}50 and"),
        ("rose 7 percent in", "en", f"7{NBSP}percent in"),
        ("at 7:20 a.m. PT", "en", f"7:20{NBSP}a.m. PT"),
        ("said J. T. Okafor, a", "en", f"J.{NBSP}T.{NBSP}Okafor,"),
        ("wrote to Dr. Ruiz and", "en", f"Dr.{NBSP}Ruiz and"),
        ("the rule – a dash", "en", f"rule{NBSP}– a"),
        ("vrai ? Oui : « non » !", "fr", f"vrai{NNBSP}? Oui{NBSP}: «{NNBSP}non{NNBSP}»{NNBSP}!"),
        ("150 000 personnes", "fr", f"150{NNBSP}000 personnes"),
    ],
)
def test_spaces_that_must_not_break(text: str, lang: str, kept: str) -> None:
    assert kept in keep_together(text, lang)


@pytest.mark.parametrize(
    "text",
    [
        "5 men and 3 women",  # "m" is a unit, "men" is not
        "may 5 people come",  # lowercase "may" in English is a verb, not May
        "in 2018 200 people",  # thousands with spaces are French only
        "We demand a choice",
    ],
)
def test_ordinary_spaces_stay_breakable(text: str) -> None:
    assert keep_together(text, "en") == text


def test_headlines_keep_their_last_two_words_together() -> None:
    assert bind_last_words("sale of software to police") == f"sale of software to{NBSP}police"
    # A long last pair is left to break: joined, it would push a long run onto the last line.
    assert bind_last_words("the Reconstruction Commissioners") == "the Reconstruction Commissioners"
    assert bind_last_words("One") == "One"
    # A hyphen in the pair is no break either: "Saint-" | "Aubin" would leave one short word.
    joined = f"enfants de{NBSP}Saint-{WORD_JOINER}Aubin."
    assert bind_last_words("les enfants de Saint-Aubin.") == f"les {joined}"


def test_rendered_fields_and_bodies_keep_dates_together_but_not_their_links() -> None:
    html = render_block(
        "Since April 19, 2018, see <https://example.org/5%20m>.\n", lang="en", doc_id="t"
    )
    assert f"April{NBSP}19,{NBSP}2018" in html and ">https://example.org/5 m</a>" in html
    headline = render_inline("Heat in the sheds at 35 °C", lang="en", headline=True)
    assert headline == f"Heat in the sheds at{NBSP}35{NBSP}°C"
    # Metadata and bookmarks take the words as written: no invisible characters to search past.
    assert NBSP not in plain_inline("Since April 19, 2018", lang="en")


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        ("the U.S.'s treatment", "the U.S.’s treatment"),
        ("U.N.'s guidelines", "U.N.’s guidelines"),
        ("in the '90s", "in the ’90s"),
        ("the ACLU's push", "the ACLU’s push"),
        ('"Quote."\'s end', "“Quote.”’s end"),
        ("rock 'n' roll", "rock ‘n’ roll"),
        ('a 5" screen', "a 5″ screen"),
        ('an open " quote', "an open “ quote"),
    ],
)
def test_quotes_and_apostrophes_are_curly_in_every_position(written: str, printed: str) -> None:
    assert render_inline(written, lang="en") == printed
    assert plain_inline(written, lang="en") == printed


def test_leftover_quotes_follow_the_language() -> None:
    assert render_inline('ein " offenes', lang="de") == "ein „ offenes"
    assert str(render_inline("Die WBR's Pläne", lang="de")) == "Die WBR’s Pläne"


def test_straight_quotes_in_code_stay_straight() -> None:
    assert "<code>it's</code>" in render_inline("`it's` and it's", lang="en")


def test_a_smaller_headline_binds_longer_last_words() -> None:
    title = "Offener Brief der Mieterinitiative Lindenhof"
    assert bind_last_words(title) == title  # 25 letters: too long for the cover's 40 pt
    assert bind_last_words(title, room=26) == f"Offener Brief der Mieterinitiative{NBSP}Lindenhof"


@pytest.mark.parametrize(
    ("lang", "quoted"),
    [("ar", "”نعم“"), ("ur", "”ہاں“"), ("fa", "«بله»"), ("he", "”כן”")],
)
def test_right_to_left_languages_take_their_own_quotation_marks(lang: str, quoted: str) -> None:
    word = quoted[1:-1]
    assert str(render_inline(f'"{word}"', lang=lang)) == quoted
