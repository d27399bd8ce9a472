"""Text rich in character references, CSS-significant and bidi characters, in every field.

Issue 10's classes 1 and 2 as properties: whatever a field or body says, in whichever
spelling (raw, `&#…;`, `&#x…;`, a named entity, a Markdown escape), the campaign either loads
or is a content error naming where; a campaign that loads adds nothing to the brief's
stylesheets and carries no bidi override into its HTML or its PDF. 1,000 examples are
loaded and checked; two dozen are printed for real.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from markdown_it.common.entities import entities

from broadside.content.loader import load_campaign
from broadside.content.models import Campaign
from broadside.documents.registry import OUTPUTS
from broadside.errors import ContentError
from broadside.options import BuildOptions
from broadside.pdf.settings import PdfSettings
from tests.content.test_properties import FIELDS, campaign_with
from tests.printing import make
from tests.reading import page_texts

CSS_SIGNIFICANT = [*"\"'\\;:{}()<>@/*,!#&\n", "\u000c", "\r", "/*", "*/", "</style>"]
BIDI = [chr(code) for code in range(0x202A, 0x202F)] + [
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
    "\u200b",
    "\u200d",
    "\u00ad",
]
_NAMES: dict[str, list[str]] = {}
for _name, _char in entities.items():
    _NAMES.setdefault(_char, []).append(_name)


def spellings(char: str) -> list[str]:
    """Every way a content file can write `char`."""
    if len(char) != 1:
        return [char]
    found = [char, f"&#{ord(char)};", f"&#x{ord(char):X};", f"&#x{ord(char):04x};"]
    found += [f"&{name};" for name in _NAMES.get(char, [])[:2]]
    if char.isascii() and not char.isalnum() and char.isprintable():
        found.append("\\" + char)  # a Markdown escape
    return found


PIECES = sorted({s for char in [*CSS_SIGNIFICANT, *BIDI] for s in spellings(char)})
WORDS = st.text(st.characters(min_codepoint=0x41, max_codepoint=0x7A), min_size=1, max_size=6)
texts = st.lists(st.one_of(st.sampled_from(PIECES), WORDS), min_size=1, max_size=10).map("".join)
OVERRIDE_IN_HTML = re.compile("[\u202a-\u202e]|&#(?:x0*202[a-e]|0*823[4-8]);", re.I)
STYLE = re.compile(r"<style\b.*?</style>", re.S | re.I)


PRINTED = [output for output in OUTPUTS if output.name in ("brief.pdf", "flyer.pdf")]


def styles_and_html(campaign: Campaign) -> tuple[list[str], str]:
    """Every stylesheet the brief and the flyer are printed with, and their HTML. (Another
    script's font rules, chosen from the shipped faces when the text uses that script, are
    Broadside's own, not the content's: left out.)"""
    sheets: list[str] = []
    html = ""
    for output in PRINTED:
        for job in output.jobs(output, campaign, BuildOptions(), PdfSettings()):
            for layout in job.layouts:
                sheets += [s.text for s in layout.sheets if not s.name.startswith("fonts: ")]
                sheets += STYLE.findall(layout.html)
                html += layout.html
    return sheets, html


_PLAIN: dict[tuple[str, tuple[str | int, ...]], list[str]] = {}


def plain_styles(field: tuple[str, tuple[str | int, ...]], scratch: Any) -> list[str]:
    """The stylesheets with `field` set to plain words."""
    if field not in _PLAIN:
        campaign = load_campaign(campaign_with(scratch.mktemp("p"), *field, "Plain words"))
        _PLAIN[field] = styles_and_html(campaign)[0]
        assert len(_PLAIN[field]) > 3, "no stylesheets to compare"
    return _PLAIN[field]


SETTINGS: dict[str, Any] = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


@settings(max_examples=1_000, **SETTINGS)
@given(field=st.sampled_from(FIELDS), text=texts)
def test_no_spelling_of_any_character_becomes_css_or_reorders_the_text(
    tmp_path_factory: Any, field: tuple[str, tuple[str | int, ...]], text: str
) -> None:
    root = campaign_with(tmp_path_factory.mktemp("c"), *field, text)
    try:
        campaign = load_campaign(root)
    except ContentError as error:
        event("content error")
        assert error.problems
        for problem in error.problems:
            assert re.match(r"(article|letter)\.md(:\d+)?: ", problem.render(root)), problem
        return
    event("valid")
    assert not any(char in text for char in BIDI[:5]), "a raw bidi override passed the check"
    sheets, html = styles_and_html(campaign)
    assert not OVERRIDE_IN_HTML.search(html)
    if field[1] != ("lang",):  # the language may choose stylesheet values of its own
        assert sheets == plain_styles(field, tmp_path_factory)


@settings(max_examples=24, **SETTINGS)
@given(field=st.sampled_from(FIELDS), text=texts)
def test_what_passes_prints_every_page_and_no_override(
    tmp_path_factory: Any, field: tuple[str, tuple[str | int, ...]], text: str
) -> None:
    root = campaign_with(tmp_path_factory.mktemp("b"), *field, text)
    try:
        campaign = load_campaign(root)
    except ContentError:
        event("content error")
        return
    event("printed")
    made, (printed,) = make("brief.pdf", campaign)
    (artifact,) = made.artifacts
    path = root / "brief.pdf"
    path.write_bytes(artifact.data)
    assert printed.pages >= 3  # a rule smuggled into the styles once made it one blank page
    assert not any(char in "".join(page_texts(path)) for char in BIDI[:5])
