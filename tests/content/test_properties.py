"""Any text in any field either builds or is a content error: never a crash.

Hypothesis writes arbitrary Unicode — controls, NUL, lone surrogates (YAML can escape them),
right-to-left text, combining marks, emoji, Markdown and template syntax — into one field
or body of an otherwise valid campaign. The loader runs for many examples (fast); the full
build, with a real render, for a few.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pikepdf
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from broadside.content.loader import load_campaign
from broadside.documents.brief import brief_html
from broadside.documents.registry import OUTPUTS
from broadside.errors import ContentError
from broadside.paper import Paper, whole_sheet
from tests.conftest import MINIMAL_ARTICLE, MINIMAL_LETTER, run_cli, write_markdown

FIELDS: list[tuple[str, tuple[str | int, ...]]] = [
    ("article", ("title",)),
    ("article", ("subtitle",)),
    ("article", ("publication",)),
    ("article", ("author", "name")),
    ("article", ("author", "bio")),
    ("article", ("updates", 0, "note")),
    ("article", ("figure", "caption")),
    ("article", ("figure", "reference")),
    ("article", ("keywords", 0)),
    ("article", ("sources", 0, "name")),
    ("article", ("lang",)),
    ("article", ("body",)),
    ("letter", ("title",)),
    ("letter", ("ask",)),
    ("letter", ("salutation",)),
    ("letter", ("demands", 0)),
    ("letter", ("closing",)),
    ("letter", ("signature",)),
    ("letter", ("body",)),
]

# Pieces that have broken (or would break) something somewhere: mixed into random text.
TRICKY = [
    "{{ 7*7 }}",
    "{% if true %}x{% endif %}",
    "<img src=/etc/passwd>",
    "![x](/etc/passwd)",
    "![x](photos/a b.png)",
    "[x](javascript:alert(1))",
    "[x](#nowhere)",
    "[^1]",
    "\n[^1]: note\n",
    "*" * 30,
    ">" * 30,
    "---",
    "\n\n",
    "\x00",
    "\x1b[2J",
    "\x85",
    "\u2028",
    "\u202e",
    "\ud800",
    "\ufeff",
    "a\u0301\u0302\u0303",
    "é",
    "🎉",
    "工人",
    "שלום",
    ": ",
    "- ",
    "&",
    "\\",
    '"',
    "'",
    "`",
    "|a|b|\n|-|-|\n|c|d|",
]

any_char = st.characters(codec=None, exclude_categories=())  # surrogates and controls too
# Mostly printable Latin, Greek and Cyrillic, so that plenty of examples are valid and build.
printable = st.characters(min_codepoint=0x20, max_codepoint=0x4FF, exclude_categories=("Cc", "Cn"))
texts = st.one_of(
    st.text(any_char, max_size=60),
    st.text(printable, min_size=1, max_size=80),
    st.lists(st.one_of(st.sampled_from(TRICKY), st.text(any_char, max_size=4)), max_size=8).map(
        "".join
    ),
)


def campaign_with(root: Path, which: str, location: tuple[str | int, ...], text: str) -> Path:
    article: dict[str, Any] = {
        **MINIMAL_ARTICLE,
        "author": {"name": "A. Writer", "bio": "Writes."},
        "updates": [{"at": "2024-01-02T03:04:05+00:00", "note": "An update."}],
        "figure": {"caption": "A caption.", "reference": "ref.jpg"},
        "keywords": ["one"],
        "sources": [{"name": "A source"}],
    }
    letter: dict[str, Any] = {**MINIMAL_LETTER, "demands": ["First.", "Second."]}
    bodies = {"article": "A paragraph.\n", "letter": "A paragraph.\n"}
    front = article if which == "article" else letter
    if location == ("body",):
        bodies[which] = text
    else:
        node: Any = front
        for part in location[:-1]:
            node = node[part]
        node[location[-1]] = text
    write_markdown(root / "article.md", article)
    write_markdown(root / "letter.md", letter)
    for name, body in bodies.items():
        with (root / f"{name}.md").open("ab") as handle:
            handle.write(body.encode("utf-8", "surrogatepass"))  # lone surrogates: not UTF-8
    return root


BRIEF = next(output for output in OUTPUTS if output.name == "brief.pdf")


@settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(field=st.sampled_from(FIELDS), text=texts)
def test_loading_any_text_is_a_campaign_or_a_content_error(
    tmp_path_factory: Any, field: tuple[str, tuple[str | int, ...]], text: str
) -> None:
    root = campaign_with(tmp_path_factory.mktemp("c"), *field, text)
    try:
        campaign = load_campaign(root)
    except ContentError as error:
        event("content error")
        assert error.problems
        assert all(problem.render() for problem in error.problems)
        return
    event("valid")
    html = brief_html(BRIEF, campaign, whole_sheet(Paper.A4))
    if "{{ 7*7 }}" in text and "49" not in text:
        assert "49" not in html  # printed, never evaluated as a template


@settings(
    max_examples=12,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(field=st.sampled_from(FIELDS), text=texts)
def test_building_any_text_writes_a_pdf_or_reports_a_content_error(
    tmp_path_factory: Any, field: tuple[str, tuple[str | int, ...]], text: str
) -> None:
    base = tmp_path_factory.mktemp("b")
    (base / "campaign").mkdir()
    root = campaign_with(base / "campaign", *field, text)
    result = run_cli("build", root, "--out", base / "out")
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1), result.output
    event("built" if result.exit_code == 0 else "content error")
    if result.exit_code == 0:
        with pikepdf.open(base / "out" / "brief.pdf") as pdf:
            assert len(pdf.pages) >= 3
            assert "/EmbeddedFiles" not in pdf.Root.get("/Names", {})
    else:
        assert not (base / "out").exists()
        assert all(":" in line for line in result.stderr.splitlines())
