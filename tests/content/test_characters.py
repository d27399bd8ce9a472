"""The character rules, judged on the text as Markdown will print it."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from broadside.content.characters import (
    ALLOWED_INVISIBLE,
    decode_references,
    for_metadata,
    is_refused,
    problems,
    refusal,
)
from broadside.content.markdown import QUOTES, parser, plain_inline

OVERRIDE = (
    "bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE{}: it reorders the printed words "
    "without showing why; delete it (to set a right-to-left phrase inside other text, use the "
    "isolates U+2067 and U+2069)"
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a\u202eb", OVERRIDE.format("")),
        ("a&#x202E;b", OVERRIDE.format(" (written as &#x202E;)")),
        ("a&#8238;b", OVERRIDE.format(" (written as &#8238;)")),
        ("a&#x202e;b", OVERRIDE.format(" (written as &#x202e;)")),
        (
            "a&#x202A;b",
            "bidirectional control U+202A LEFT-TO-RIGHT EMBEDDING (written as &#x202A;): it "
            "reorders the printed words without showing why; delete it (to set a right-to-left "
            "phrase inside other text, use the isolates U+2067 and U+2069)",
        ),
        ("a\x0cb", "invisible control character U+000C; delete it"),
        ("a&#12;b", "invisible control character U+000C (written as &#12;); delete it"),
        ("a&#13;b", "invisible control character U+000D (written as &#13;); delete it"),
        ("a&#x85;b", "invisible control character U+0085 (written as &#x85;); delete it"),
        ("a&#0;b", "invisible control character U+0000 (written as &#0;); delete it"),
        ("a&#11;b", "invisible control character U+000B (written as &#11;); delete it"),
        ("a&#x110000;b", "character reference &#x110000; names no character; delete it"),
        (
            "a&#xD800;b",
            "invalid character U+D800, half of a surrogate pair (written as &#xD800;); delete it",
        ),
        (
            "a\ufeffb",
            "invisible format character U+FEFF ZERO WIDTH NO-BREAK SPACE; delete it",
        ),
        (
            "a&#x2061;b",
            "invisible format character U+2061 FUNCTION APPLICATION (written as &#x2061;); "
            "delete it",
        ),
        (
            "a&NewLine;&#x2029;b",
            "invisible separator U+2029 PARAGRAPH SEPARATOR (written as &#x2029;): it starts "
            "no new line on paper; use a new line in the file instead",
        ),
        (
            "a&#x378;b",
            "unassigned code point U+0378 (written as &#x378;): not a character; delete it",
        ),
        (
            "launch &#x1F680;",
            "no shipped font has '🚀' (U+1F680 ROCKET, written as &#x1F680;); it would print "
            "as an empty box",
        ),
    ],
)
def test_each_kind_of_refused_character_is_named_with_its_spelling(text: str, message: str) -> None:
    assert problems(text, markdown=True) == [message]


@pytest.mark.parametrize("char", [*ALLOWED_INVISIBLE, "\t", "\n"])
def test_the_allowed_invisible_characters_pass_in_any_spelling(char: str) -> None:
    for text in (f"a{char}b", f"a&#{ord(char)};b", f"a&#x{ord(char):X};b"):
        assert problems(text, markdown=True) == []


def test_named_references_are_decoded_as_markdown_decodes_them() -> None:
    assert problems("&rlm; and &shy; and &zwj; are fine", markdown=True) == []
    assert decode_references("&lbrace;&NewLine;&quot;&unknown;&#x41;") == '{\n"&unknown;A'


def test_text_printed_as_written_is_not_decoded() -> None:
    assert problems("file&#x202E;.jpg", markdown=False) == []
    assert refusal("file\u202e.jpg", markdown=False) == OVERRIDE.format("")


def test_text_that_is_not_printed_is_not_held_to_the_fonts() -> None:
    assert problems("工人", printed=False) == []
    assert problems("工人")[0].startswith("no shipped font has '工'")


def test_every_category_of_invisible_character_is_refused_unless_allowed() -> None:
    for code in range(0x110000):
        char = chr(code)
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Cs", "Cn", "Zl", "Zp"):
            assert is_refused(char) is (char not in ALLOWED_INVISIBLE and char not in "\t\n")
        else:
            assert not is_refused(char)


def test_metadata_keeps_no_invisible_marks_and_one_line() -> None:
    assert for_metadata("Soft\u00adly, zero\u200bwidth \u200fmark,\n two\tlines") == (
        "Softly, zerowidth mark, two lines"
    )


# What typesetting puts in the text itself: quotes, primes, dashes, ellipses, unbreakable
# spaces (content/typography.py); line breaks (a carriage return becomes one).
TYPESET = set("".join("".join(marks) for marks in QUOTES.values()) + "′″–—… \n\u00a0\u202f")

# References to characters in every class, Markdown around and inside them, and text.
REFERENCED = [0x202E, 0x202A, 0x200D, 0xAD, 0x0C, 0x0D, 0x0B, 0, 0x85, 0x2028, 0xFEFF, 0x41]
pieces = st.one_of(
    st.sampled_from(REFERENCED).flatmap(
        lambda code: st.sampled_from([f"&#{code};", f"&#x{code:X};", f"&#x{code:x};"])
    ),
    st.sampled_from(["&rlm;", "&shy;", "&ZeroWidthSpace;", "&NewLine;", "&quot;", "&amp;", "&x;"]),
    st.sampled_from(
        ["*", "_", "`", "\\", "[", "](#a)", "![", "<", ">", "\n", "\n\n", " ", "&", "#"]
    ),
    st.text(st.characters(codec="utf-8"), max_size=3),
)


@settings(max_examples=500, deadline=None, database=None)
@given(st.lists(pieces, max_size=12).map("".join))
def test_the_checks_see_every_character_markdown_prints(text: str) -> None:
    """Whatever Markdown makes of a text, each character it prints is one the checks saw."""
    # U+FFFD stands in for a reference Markdown cannot print; the rest is typography.
    seen = set(text + decode_references(text)) | {"\ufffd"} | TYPESET
    md = parser("en")
    for token in md.parse(text):
        for child in [token, *(token.children or [])]:
            assert set(child.content) <= seen
    printed = plain_inline(text, lang="en")
    assert set(printed) <= seen
    if "\ufffd" in printed and "\ufffd" not in text:  # a reference it could not print …
        assert problems(text, markdown=True)  # … is refused


def test_the_fonts_have_every_printable_ascii_character() -> None:
    """What lets `problems` pass plain ASCII text without looking at each character."""
    ascii_text = "".join(chr(code) for code in range(0x20, 0x7F))
    assert problems(ascii_text + "é", markdown=False) == []
