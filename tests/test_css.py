"""Values Broadside writes into CSS read back, by WeasyPrint's own CSS parser, as one token."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import tinycss2
from hypothesis import given, settings
from hypothesis import strategies as st

from broadside import css

# Everything that means something in CSS, and the line breaks that end a string.
SIGNIFICANT = "\"'\\;{}()<>/*@:,!#&%`\n\r\f\t -_.+=[]|~^$?"


def tokens(text: str) -> list[tinycss2.ast.Node]:
    return list(tinycss2.parse_component_value_list(text))


@pytest.mark.parametrize("char", list(SIGNIFICANT))
def test_every_significant_character_stays_inside_the_string(char: str) -> None:
    text = f"a{char}b{char * 3}</style>{char}"
    (token,) = tokens(css.string(text))
    assert token.type == "string"
    assert token.value == text


@settings(max_examples=400, deadline=None, database=None)
@given(st.text(st.characters(codec="utf-8"), max_size=40))
def test_any_text_is_one_string_token_that_reads_back_as_the_text(text: str) -> None:
    declaration = f"a {{ content: {css.string(text)}; color: red }}"
    (rule,) = tinycss2.parse_stylesheet(declaration)
    content, color = tinycss2.parse_blocks_contents(
        rule.content, skip_comments=True, skip_whitespace=True
    )
    assert [t.type for t in content.value if t.type != "whitespace"] == ["string"]
    (string,) = (t for t in content.value if t.type == "string")
    # CSS reads NUL as U+FFFD; everything else comes back exactly.
    assert string.value == text.replace("\x00", "\ufffd")
    assert color.name == "color"


def test_surrogates_and_nul_become_replacement_characters() -> None:
    (token,) = tokens(css.string("a\x00b\ud800c"))
    assert token.value == "a\ufffdb\ufffdc"


def test_a_path_with_quotes_and_brackets_is_one_url() -> None:
    (token,) = tokens(css.url(Path('/home/o"neil/fonts (old)/a;b.ttf')))
    assert token.type == "function" and token.name == "url"
    (argument,) = token.arguments
    assert argument.value == "file:///home/o%22neil/fonts%20%28old%29/a%3Bb.ttf"


@pytest.mark.parametrize(
    ("value", "unit", "written"),
    [
        (210.0, "mm", "210mm"),
        (279.4, "mm", "279.4mm"),
        (18.25, "pt", "18.25pt"),
        (0.0, "px", "0px"),
    ],
)
def test_lengths_are_plain_decimals(value: float, unit: str, written: str) -> None:
    assert css.length(value, unit) == written
    (token,) = tokens(written)
    assert token.type == "dimension" and token.unit == unit and token.value == value


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_a_number_that_is_not_finite_is_refused(value: float) -> None:
    with pytest.raises(ValueError, match="not a finite number"):
        css.length(value, "mm")


def test_only_known_units() -> None:
    with pytest.raises(ValueError, match="not a unit"):
        css.length(1, "mm; color: red")


def test_a_colour_is_one_hash_token_or_refused() -> None:
    (token,) = tokens(css.colour("#1d5c8a"))
    assert token.type == "hash" and token.value == "1d5c8a"
    for bad in ("#1d5c8a; color: red", "red", "#1d5c8", "#1D5C8A", "#1d5c8a\n", "url(x)"):
        with pytest.raises(ValueError, match="not a #rrggbb colour"):
            css.colour(bad)
