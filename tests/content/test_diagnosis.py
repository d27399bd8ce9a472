"""Errors that say where things go: hints a person can act on, with the line at fault."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from broadside.content.loader import load_campaign
from broadside.documents.archive import demands_json
from broadside.documents.brief import brief_html
from broadside.documents.registry import OUTPUTS
from broadside.errors import ContentError, Problem, Severity
from broadside.paper import Paper, whole_sheet


def problems(root: Path) -> list[Problem]:
    with pytest.raises(ContentError) as raised:
        load_campaign(root)
    return raised.value.problems


def only(found: list[Problem], field: str) -> Problem:
    (problem,) = [p for p in found if p.field == field]
    return problem


def write(root: Path, name: str, text: str) -> None:
    (root / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("field", "hint"),
    [
        ("bio", "belongs under 'author:'"),
        ("url", "is a letter field (letter.md)"),
        ("photo", "did you mean 'figure'?"),
        ("alt", "belongs under 'figure:'"),
        ("demands", "is a letter field (letter.md)"),
        ("tags", "did you mean 'keywords'?"),
    ],
)
def test_a_field_in_the_wrong_place_says_where_it_belongs(
    make_campaign: Callable[..., Path], field: str, hint: str
) -> None:
    root = make_campaign(article={field: "x"})
    problem = only(problems(root), field)
    assert (problem.message, problem.hint) == ("unknown field", hint)
    assert problem.render().endswith(f"article.md:4: {field}: unknown field; {hint}")


def test_a_letter_field_in_the_article_and_back(make_campaign: Callable[..., Path]) -> None:
    root = make_campaign(letter={"subtitle": "x", "role": "CEO"})
    found = problems(root)
    assert only(found, "subtitle").hint == "is an article field (article.md)"
    assert only(found, "role").hint == "belongs under 'recipient:'"


def test_a_group_written_as_text_names_its_fields(make_campaign: Callable[..., Path]) -> None:
    root = make_campaign(article={"author": "Sam Doe, Reporter"})
    problem = only(problems(root), "author")
    assert problem.message == "must be a group of indented 'field: value' lines, not text"
    assert problem.hint == "write it as indented lines: name (required), role, bio, expertise"


def test_a_value_ending_in_a_colon_needs_quotes(make_campaign: Callable[..., Path]) -> None:
    root = make_campaign()
    text = (root / "letter.md").read_text().replace("---\n", "---\ndemands_intro: Call on:\n", 1)
    write(root, "letter.md", text)
    (problem,) = problems(root)
    assert problem.line == 2 and problem.column is not None
    assert problem.hint == "a value ending in ':' needs quotes: demands_intro: \"Call on:\""


def test_an_unquoted_demand_with_a_colon_says_to_quote_it(
    make_campaign: Callable[..., Path],
) -> None:
    root = make_campaign()
    write(
        root,
        "letter.md",
        "---\ntitle: T\ndemands:\n  - Stop: selling it now\n  - Fine\nsignature: S\n---\nB\n",
    )
    (problem,) = problems(root)
    assert problem.render().endswith(
        "letter.md:4: demands[1]: must be text, not a group of fields; text with ': ' in it "
        'needs quotes: "Stop: selling it now"'
    )
    assert problem.column == 5


def test_a_wrongly_indented_field_keeps_the_indentation_hint(
    make_campaign: Callable[..., Path],
) -> None:
    root = make_campaign()
    write(root, "article.md", "---\ntitle: T\nauthor:\n  name: Sam\n   role: Reporter\n---\nB\n")
    (problem,) = problems(root)
    assert problem.line == 5
    assert problem.hint == "check the indentation, or quote a value containing ': '"


def test_an_undefined_footnote_is_an_error_with_its_line(
    make_campaign: Callable[..., Path],
) -> None:
    body = "First paragraph.\n\nA claim[^1] and `[^2]` and \\[^3].\n"
    root = make_campaign(article_body=body)
    (problem,) = problems(root)
    assert problem.severity is Severity.ERROR and problem.field == "body"
    assert problem.line == 7  # the file's line: front matter (5 lines) + 2
    assert problem.message == "footnote [^1] is never defined, so it would print as written"


def test_an_unused_footnote_is_a_warning_and_the_campaign_loads(
    make_campaign: Callable[..., Path],
) -> None:
    body = "A claim[^1].\n\n[^1]: Used.\n\n[^old]: Never used.\n"
    campaign = load_campaign(make_campaign(letter_body=body))
    (warning,) = campaign.warnings
    assert warning.severity is Severity.WARNING and warning.line == 11
    assert warning.render().startswith("warning: ")
    assert "footnote [^old] is defined but never referred to" in warning.render()


def test_an_update_without_an_offset_is_an_error(make_campaign: Callable[..., Path]) -> None:
    root = make_campaign(article={"updates": [{"at": "2018-06-22T07:20:00", "note": "N"}]})
    problem = only(problems(root), "updates[1].at")
    assert problem.message.startswith("needs its offset from UTC")
    assert problem.hint == "write it like 2018-06-22T07:20:00-07:00 (or Z for UTC)"


def test_a_bad_date_is_one_error(make_campaign: Callable[..., Path]) -> None:
    root = make_campaign(article={"published": "yesterday"})
    (problem,) = problems(root)
    assert problem.field == "published" and problem.message == "must be a date"


def test_a_plain_date_stays_a_date_everywhere(make_campaign: Callable[..., Path]) -> None:
    root = make_campaign(article={"published": "2018-06-20"}, letter={"date": "2018-06-21"})
    campaign = load_campaign(root)
    assert campaign.letter.meta.date == date(2018, 6, 21)
    assert json.loads(demands_json(campaign))["date"] == "2018-06-21"
    brief = next(output for output in OUTPUTS if output.name == "brief.pdf")
    html = brief_html(brief, campaign, whole_sheet(Paper.A4))
    assert 'datetime="2018-06-20"' in html and "T00:00" not in html


def test_a_date_and_time_keeps_its_offset(make_campaign: Callable[..., Path]) -> None:
    root = make_campaign(letter={"date": "2018-06-21T09:30:00-07:00"})
    campaign = load_campaign(root)
    assert json.loads(demands_json(campaign))["date"] == "2018-06-21T09:30:00-07:00"


def test_another_word_for_a_field_beats_the_other_file(
    make_campaign: Callable[..., Path],
) -> None:
    root = make_campaign(article={"date": "2018-06-20"})
    assert only(problems(root), "date").hint == "did you mean 'published'?"
