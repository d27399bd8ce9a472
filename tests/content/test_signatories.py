"""signatories.csv and form exports: read, checked, ordered; each mistake with line and column."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from broadside.content.loader import load_campaign
from broadside.content.models import Campaign, SignatoryKind
from broadside.content.signatories import MAX_ROWS
from broadside.errors import ContentError, ExitCode
from tests.conftest import run_cli

MakeCampaign = Callable[..., Path]

TEN_ROWS = """\
name,role,organisation,place,kind
Fundacja Panoptykon,,,Warszawa,organisation
Digitalcourage e.V.,,,Bielefeld,organisation
Zofia Nowak,Engineer,Allegro,Kraków,
Łukasz Wiśniewski,,,Gdańsk,person
Émile Dubois,Researcher,"CNRS, Paris",,
"O’Brien, Aoife",Nurse,,Dublin,
Jürgen Weiß,,Chaos Computer Club,Berlin,
Ana García,Teacher,,"Sevilla",
Zoë Martin,,,,
"""


def signed(
    make_campaign: MakeCampaign,
    rows: str | bytes,
    file: str = "signatories.csv",
    **letter: Any,
) -> Path:
    root = make_campaign(letter=letter or None)
    data = rows.encode("utf-8") if isinstance(rows, str) else rows
    (root / file).write_bytes(data)
    return root


def names(campaign: Campaign) -> list[str]:
    assert campaign.signatories is not None
    return [s.name for s in (*campaign.signatories.organisations, *campaign.signatories.people)]


def problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_campaign(root)
    return caught.value.lines(root.parent)


def test_ten_rows_read_as_written(make_campaign: MakeCampaign) -> None:
    campaign = load_campaign(signed(make_campaign, TEN_ROWS))
    signatories = campaign.signatories
    assert signatories is not None and signatories.count == 9
    assert [s.name for s in signatories.organisations] == [
        "Digitalcourage e.V.",
        "Fundacja Panoptykon",
    ]
    assert all(s.kind is SignatoryKind.ORGANISATION for s in signatories.organisations)
    emile = next(s for s in signatories.people if s.name == "Émile Dubois")
    assert emile.organisation == "CNRS, Paris"  # a quoted comma is part of the value
    assert emile.detail == "Researcher, CNRS, Paris"
    assert "O’Brien, Aoife" in names(campaign)
    # English order: É with E, Ł with L, Z last (code points would put É, Ł after Z).
    assert [s.name for s in signatories.people] == [
        "Ana García",
        "Émile Dubois",
        "Jürgen Weiß",
        "Łukasz Wiśniewski",
        "O’Brien, Aoife",
        "Zoë Martin",  # ë as e: before "Zof"
        "Zofia Nowak",
    ]


def test_byte_order_mark_crlf_quoted_line_breaks_and_blank_lines(
    make_campaign: MakeCampaign,
) -> None:
    rows = '\ufeffname,organisation\r\n"Anna\r\n  Nowak","Say ""hi"", Ltd"\r\n\r\n,\r\nBen Li,\r\n'
    campaign = load_campaign(signed(make_campaign, rows))
    assert campaign.signatories is not None
    anna, ben = campaign.signatories.people
    assert (anna.name, anna.organisation) == ("Anna Nowak", 'Say "hi", Ltd')
    assert (ben.name, ben.organisation) == ("Ben Li", None)


POLISH = ["Zofia", "Łukasz", "Lena", "Marek", "Ćwik", "Czarnecki", "Śliwa", "Szymański"]
GERMAN = ["Zander", "Öztürk", "Müller", "Mueller", "Mahler", "Ober"]


@pytest.mark.parametrize(
    ("lang", "given", "expected"),
    [
        # Polish letters with diacritics are letters of their own: Ć after C, Ł after L.
        (
            "pl",
            POLISH,
            ["Czarnecki", "Ćwik", "Lena", "Łukasz", "Marek", "Szymański", "Śliwa", "Zofia"],
        ),
        # English sorts the same names by their base letters.
        (
            "en",
            POLISH,
            ["Ćwik", "Czarnecki", "Lena", "Łukasz", "Marek", "Śliwa", "Szymański", "Zofia"],
        ),
        # German: Ö with O, ü with u; Swedish: Ö after Z.
        ("de", GERMAN, ["Mahler", "Mueller", "Müller", "Ober", "Öztürk", "Zander"]),
        ("sv", GERMAN, ["Mahler", "Mueller", "Müller", "Ober", "Zander", "Öztürk"]),
    ],
)
def test_sorted_as_a_reader_of_the_letters_language_expects(
    make_campaign: MakeCampaign, lang: str, given: list[str], expected: list[str]
) -> None:
    rows = "name\n" + "".join(f"{name}\n" for name in given)
    campaign = load_campaign(signed(make_campaign, rows, lang=lang))
    assert names(campaign) == expected
    if lang != "sv":
        assert sorted(given) != expected  # code-point order would be wrong


def test_as_given_keeps_the_files_order_with_organisations_first(
    make_campaign: MakeCampaign,
) -> None:
    rows = "name,kind\nZofia,\nAmnesty,organisation\nAnna,person\nXnet,organisation\n"
    root = signed(make_campaign, rows, signatories={"order": "as-given"})
    assert names(load_campaign(root)) == ["Amnesty", "Xnet", "Zofia", "Anna"]


def test_a_form_export_is_read_through_its_mapped_headers_only(
    make_campaign: MakeCampaign,
) -> None:
    rows = (
        "Timestamp,Email address,Full name,Employer,City,Comment\n"
        "2026-03-01 10:00,zofia@example.org,Zofia Nowak,Allegro,Kraków,hello\n"
        "2026-03-01 10:05,ben@example.org,Ben Li,,Leeds,\n"
    )
    root = signed(
        make_campaign,
        rows,
        file="responses.csv",
        signatories={
            "file": "responses.csv",
            "columns": {"name": "Full name", "organisation": "Employer", "place": "City"},
        },
    )
    signatories = load_campaign(root).signatories
    assert signatories is not None
    assert [(s.name, s.organisation, s.place, s.role) for s in signatories.people] == [
        ("Ben Li", None, "Leeds", None),
        ("Zofia Nowak", "Allegro", "Kraków", None),
    ]
    assert "example.org" not in repr(signatories) and "2026" not in repr(signatories)


def test_exact_duplicates_are_kept_once_and_named_by_line(
    make_campaign: MakeCampaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = (
        "name,organisation,place\n"
        "Anna Nowak,Allegro,Kraków\n"
        "Anna Nowak,,Kraków\n"  # another organisation: another person
        "Anna  Nowak ,Allegro,Kraków\n"  # the same once spaces are collapsed
        "Ben Li,,\n"
        "Anna Nowak,Allegro,Kraków\n"
    )
    root = signed(make_campaign, rows)
    campaign = load_campaign(root)
    assert campaign.signatories is not None
    assert campaign.signatories.count == 3
    assert campaign.signatories.duplicates == ((2, 4, 6),)
    monkeypatch.chdir(root.parent)
    result = run_cli("check", root.name)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "warning: campaign/signatories.csv:2: repeated on lines 4, 6 (same name, organisation "
        "and place); printed once"
    ]


def test_raw_html_and_template_syntax_stay_text(make_campaign: MakeCampaign) -> None:
    rows = 'name,organisation\n"<b onclick=""x"">Bold</b>",{{ 7*7 }}\n'
    signatories = load_campaign(signed(make_campaign, rows)).signatories
    assert signatories is not None
    (person,) = signatories.people
    assert (person.name, person.organisation) == ('<b onclick="x">Bold</b>', "{{ 7*7 }}")


def test_a_signature_may_be_a_list_of_names(make_campaign: MakeCampaign) -> None:
    root = make_campaign(letter={"signature": ["Ana Ruiz", "Ben Okafor"]})
    assert load_campaign(root).letter.meta.signature == ("Ana Ruiz", "Ben Okafor")


# Every mistake, all at once, each with its line and column.
BAD_ROWS = (
    "name,role,organisation,place,kind\n"
    "Anna Nowak,,,,\n"
    ",Engineer,,,\n"  # 3: no name
    "Ben Li,,Allegro\n"  # 4: too few fields
    "Chloé Martin,,,,persn\n"  # 5: unknown kind
    '"Dietrich\n'
    'Weiß",,,,organisation\n'  # 6-7: fine, a line break inside quotes
    "Eve\x07 Stone,,,,\n"  # 8: control character
    "김민준,,,,\n"  # 9: no shipped font has it
    f"{'F' * 301},,,,\n"  # 10: too long
)


def test_every_bad_row_is_reported_with_line_and_column(make_campaign: MakeCampaign) -> None:
    root = signed(make_campaign, BAD_ROWS)
    assert problems(root) == [
        "campaign/signatories.csv:3: name: empty",
        "campaign/signatories.csv:4: row has 3 fields; the header has 5 (a value with a comma, "
        'a quote or a line break must be in "double quotes")',
        "campaign/signatories.csv:5: kind: 'persn' is not a kind: write person or organisation "
        "(empty: person)",
        "campaign/signatories.csv:8: name: invisible control character U+0007; delete it",
        "campaign/signatories.csv:9: name: no shipped font has '김' (U+AE40 HANGUL SYLLABLE "
        "GIM), '민' (U+BBFC HANGUL SYLLABLE MIN), '준' (U+C900 HANGUL SYLLABLE JUN); it would "
        "print as an empty box",
        "campaign/signatories.csv:10: name: is too long: at most 300 characters",
    ]


def test_bad_rows_are_reported_with_the_front_matters_mistakes(
    make_campaign: MakeCampaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = signed(make_campaign, "name,place\n\n \nAnna,\n,Berlin\n", titel="x")
    monkeypatch.chdir(root.parent)
    result = run_cli("check", "campaign")
    assert result.exit_code == ExitCode.CONTENT
    assert result.stderr.splitlines() == [
        "campaign/letter.md:6: titel: unknown field; did you mean 'title'?",
        "campaign/signatories.csv:5: name: empty",
    ]


def test_bytes_that_are_not_utf8_are_named_by_line(make_campaign: MakeCampaign) -> None:
    rows = "name\nAnna\nJos\xe9\nZo\xeb\n".encode("latin-1")
    assert problems(signed(make_campaign, rows)) == [
        "campaign/signatories.csv:3: not UTF-8 text (byte 0xe9); save the file as UTF-8",
        "campaign/signatories.csv:4: not UTF-8 text (byte 0xeb); save the file as UTF-8",
    ]


def test_utf16_is_refused_with_what_to_do(make_campaign: MakeCampaign) -> None:
    rows = "name\nAnna\n".encode("utf-16")
    assert problems(signed(make_campaign, rows)) == [
        "campaign/signatories.csv:1: saved as UTF-16 text; save the file as UTF-8 (CSV)"
    ]


def test_a_mapped_header_not_in_the_file_lists_the_headers(make_campaign: MakeCampaign) -> None:
    root = signed(
        make_campaign,
        "Timestamp,Email address,Full name,Employer\n2026,a@example.org,Anna,X\n",
        file="responses.csv",
        signatories={
            "file": "responses.csv",
            "columns": {"name": "Full Name", "place": "Town"},
        },
    )
    headers = '"Timestamp", "Email address", "Full name", "Employer"'
    assert problems(root) == [
        'campaign/letter.md:9: signatories.columns.name: no column "Full Name" in '
        f'responses.csv; did you mean "Full name"?; its columns are {headers}',
        'campaign/letter.md:10: signatories.columns.place: no column "Town" in responses.csv; '
        f"its columns are {headers}",
    ]


def test_an_unknown_column_without_a_mapping_is_a_mistake(make_campaign: MakeCampaign) -> None:
    root = signed(make_campaign, "name,organization,email\nAnna,X,a@example.org\n")
    assert problems(root) == [
        'campaign/signatories.csv:1: unknown column "organization"; did you mean '
        '"organisation"?; the columns are name, role, organisation, place, kind. For a '
        "form's export, map its headers in letter.md (signatories: columns:)",
        'campaign/signatories.csv:1: unknown column "email"; the columns are name, role, '
        "organisation, place, kind. For a form's export, map its headers in letter.md "
        "(signatories: columns:)",
    ]


def test_a_file_without_a_name_column_says_so(make_campaign: MakeCampaign) -> None:
    assert problems(signed(make_campaign, "name;organisation\nAnna;X\n")) == [
        'campaign/signatories.csv:1: unknown column "name;organisation"; did you mean '
        '"organisation"?; the columns are name, role, organisation, place, kind. For a '
        "form's export, map its headers in letter.md (signatories: columns:)",
        'campaign/signatories.csv:1: name: the header has no "name" column; its columns are '
        "\"name;organisation\" (the file seems to use ';' between fields: save it with commas)",
    ]


def test_a_named_file_that_is_missing(make_campaign: MakeCampaign) -> None:
    root = make_campaign(letter={"signatories": {"file": "people.csv"}})
    assert problems(root) == [
        "campaign/letter.md:7: signatories.file: file not found: people.csv (paths are "
        "relative to the campaign folder)"
    ]


def test_a_file_outside_the_folder_is_refused(make_campaign: MakeCampaign, tmp_path: Path) -> None:
    (tmp_path / "secret.csv").write_text("name\nAnna\n")
    root = make_campaign(letter={"signatories": {"file": "../secret.csv"}})
    assert problems(root) == [
        "campaign/letter.md:7: signatories.file: must stay inside the campaign folder (no ..)"
    ]


def test_the_row_limit_is_refused_quickly(make_campaign: MakeCampaign) -> None:
    rows = "name\n" + "".join(f"Person {number}\n" for number in range(MAX_ROWS + 1))
    root = signed(make_campaign, rows)
    started = time.perf_counter()
    found = problems(root)
    assert found == [
        f"campaign/signatories.csv: {MAX_ROWS + 1:,} signatories; the limit is {MAX_ROWS:,}: "
        "split the letter, or print the count and publish the names elsewhere"
    ]
    assert time.perf_counter() - started < 30  # a bound for a busy machine, not a benchmark


def test_many_mistakes_are_cut_short(make_campaign: MakeCampaign) -> None:
    rows = "name,kind\n" + "Anna,nobody\n" * 80
    found = problems(signed(make_campaign, rows))
    assert len(found) == 51
    assert found[-1] == "campaign/signatories.csv:52: and 30 more mistakes from here on"


def test_a_header_only_file_means_no_signatories(make_campaign: MakeCampaign) -> None:
    assert load_campaign(signed(make_campaign, "name,organisation\n")).signatories is None


def test_a_bidi_override_is_refused_and_a_reference_stays_text(
    make_campaign: MakeCampaign,
) -> None:
    """Names are held to content/characters.py's rules; they are plain text, so `&#x202E;`
    is not a reference to decode but six characters to print."""
    root = signed(make_campaign, "name\nAnna \u202eNowak\nBen &#x202E; Li\n")
    (found,) = problems(root)
    assert found.startswith("campaign/signatories.csv:2: name: ") and "U+202E" in found
    (root / "signatories.csv").write_text("name\nBen &#x202E; Li\n", encoding="utf-8")
    signatories = load_campaign(root).signatories
    assert signatories is not None and signatories.people[0].name == "Ben &#x202E; Li"
