"""Signatories through every output: the brief's section, the counts on the cover and the
flyer, demands.json, the archival attachment, and a form export's private columns nowhere."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import zlib
from pathlib import Path

import pikepdf
import pytest

from bench.make_signatories import rows as generated_rows
from tests.conftest import MINIMAL_ARTICLE, MINIMAL_LETTER, run_cli, write_markdown
from tests.pdfsafety import inventory
from tests.reading import bookmarks, page_texts, squash
from tests.structure import structure

TEN_ROWS = """\
name,role,organisation,place,kind
Fundacja Panoptykon,,,Warszawa,organisation
Digitalcourage e.V.,,,Bielefeld,organisation
Zofia Nowak,Engineer,Allegro,Kraków,
Łukasz Wiśniewski,,,Gdańsk,person
Ćwikła Anna,Researcher,"PAN, Warszawa",,
Czarnecka Ewa,Nurse,,Łódź,
Lis Marek,,<b>Bold</b> {{ 7*7 }},Poznań,
Zofia Nowak,Engineer,Allegro,Kraków,
Ludwik Lis,,,,
"""
PEOPLE_IN_POLISH_ORDER = [
    "Czarnecka Ewa",
    "Ćwikła Anna",
    "Lis Marek",
    "Ludwik Lis",
    "Łukasz Wiśniewski",
    "Zofia Nowak",
]

EXPORT = (
    "Timestamp,Email address,Full name,Employer,City,Consent\n"
    "2026-03-01 10:00:00,zofia.private@example.org,Zofia Nowak,Allegro,Kraków,yes\n"
    "2026-03-01 10:05:00,ben.private@example.org,Ben Li,,Leeds,yes\n"
    "2026-03-02 11:00:00,chloe.private@example.org,Chloé Martin,CNRS,Paris,yes\n"
)
PRIVATE = ("private@example.org", "zofia.private", "2026-03-01 10:05", "Consent")


def campaign(root: Path, letter: dict[str, object], rows: str, file: str) -> Path:
    write_markdown(root / "article.md", {**MINIMAL_ARTICLE, "published": "2026-03-04"}, "Text.\n")
    write_markdown(root / "letter.md", {**MINIMAL_LETTER, **letter}, "A paragraph.\n")
    (root / file).write_text(rows, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def polish(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Ten rows, a Polish letter, built with --archival and --html: the folder of outputs."""
    root = campaign(
        tmp_path_factory.mktemp("polish") / "campaign",
        {"lang": "pl", "signature": ["Zespół kampanii", "Rada"]},
        TEN_ROWS,
        "signatories.csv",
    )
    out = root.parent / "out"
    result = run_cli("build", root, "--out", out, "--archival", "--html")
    assert result.exit_code == 0, result.output
    assert "signatories.csv:4: repeated on line 9" in result.stderr
    return out


def test_the_section_lists_everyone_once_organisations_first_in_polish_order(
    polish: Path,
) -> None:
    texts = page_texts(polish / "brief.pdf")
    section = next(index for index, text in enumerate(texts) if "Signed by 2 organisations" in text)
    text = squash("".join(texts[section:]))
    order = [
        text.index(squash(name))
        for name in ["Digitalcourage e.V.", "Fundacja Panoptykon", *PEOPLE_IN_POLISH_ORDER]
    ]
    assert order == sorted(order)
    assert text.count(squash("Zofia Nowak")) == 1  # the duplicate row printed once
    # Plain text: markup and template syntax print as written.
    assert squash("<b>Bold</b> {{ 7*7 }}") in text
    html = (polish / "brief.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;Bold&lt;/b&gt; {{ 7*7 }}" in html


def test_the_section_is_its_own_structure_with_a_heading_and_a_bookmark(polish: Path) -> None:
    marks = [(mark.title, mark.level) for mark in bookmarks(polish / "brief.pdf")]
    start = marks.index(("Signatories", 1))
    assert marks[start : start + 4] == [
        ("Signatories", 1),
        ("Organisations", 2),
        ("People", 2),
        ("Sources and credits", 1),
    ]
    (section,) = [
        element
        for element in structure(polish / "brief.pdf").walk()
        if element.tag == "Sect"
        and any(child.tag == "H1" and child.text == "Signatories" for child in element.children)
    ]
    headings = [element.tag for element in section.walk() if element.tag.startswith("H")]
    assert headings == ["H1", "H2", "H2"]
    # Tagged text drops the space where a line breaks: compare without spaces.
    text = "".join(section.text.split())
    assert "LudwikLis" in text and "Digitalcourage" in text


def test_the_counts_on_the_cover_in_the_letter_and_on_the_flyer(polish: Path) -> None:
    cover = page_texts(polish / "brief.pdf")[0]
    assert "2 organisations and 6 people" in " ".join(cover.split())
    assert "Zespół kampanii and Rada" in " ".join(cover.split())  # a list of signers, joined
    brief = " ".join(" ".join(page_texts(polish / "brief.pdf")).split())
    assert "Signed by 2 organisations and 6 people" in brief
    (flyer,) = page_texts(polish / "flyer.pdf")
    assert "Signed by 2 organisations and 6 people" in " ".join(flyer.split())


def attachments(pdf_path: Path) -> dict[str, bytes]:
    with pikepdf.open(pdf_path) as pdf:
        return {name: spec.get_file().read_bytes() for name, spec in pdf.attachments.items()}


def test_demands_json_counts_the_signatories(polish: Path) -> None:
    demands = json.loads(attachments(polish / "brief.pdf")["demands.json"])
    assert demands["schema"] == "broadside/demands/2"
    assert demands["signers"] == ["Zespół kampanii", "Rada"]
    assert demands["signatories"] == {"count": 8, "organisations": 2, "people": 6}


def test_the_archive_attaches_the_signatories_as_printed(polish: Path) -> None:
    attached = attachments(polish / "brief.pdf")["signatories.csv"].decode("utf-8")
    table = list(csv.reader(io.StringIO(attached, newline="")))
    assert table[0] == ["name", "role", "organisation", "place", "kind"]
    assert [row[0] for row in table[1:]] == [
        "Digitalcourage e.V.",
        "Fundacja Panoptykon",
        *PEOPLE_IN_POLISH_ORDER,
    ]
    assert table[3] == ["Czarnecka Ewa", "Nurse", "", "Łódź", "person"]
    assert attached.endswith("\r\n")  # RFC 4180


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A form export with e-mail addresses and timestamps, mapped; every output there is."""
    root = campaign(
        tmp_path_factory.mktemp("export") / "campaign",
        {
            "signatories": {
                "file": "responses.csv",
                "columns": {"name": "Full name", "organisation": "Employer", "place": "City"},
            }
        },
        EXPORT,
        "responses.csv",
    )
    out = root.parent / "out"
    result = run_cli("build", root, "--out", out, "--archival", "--html", "--handouts")
    assert result.exit_code == 0, result.output
    return out


def test_a_form_exports_private_columns_are_in_no_output(export: Path) -> None:
    written = sorted(path.name for path in export.iterdir())
    assert written == [
        "brief-booklet.pdf",
        "brief.html",
        "brief.pdf",
        "flyer-2up.pdf",
        "flyer-4up.pdf",
        "flyer.pdf",
    ]
    assert "Chloé Martin" in " ".join(page_texts(export / "brief.pdf"))
    for path in export.iterdir():
        data = path.read_bytes()
        layers = [data]
        if path.suffix == ".pdf":
            layers.append(inventory(path).streams)  # every stream decoded
            layers += attachments(path).values()
            layers += _inflated(data)
        for layer in layers:
            for secret in PRIVATE:
                assert secret.encode() not in layer, (path.name, secret)
    attached = attachments(export / "brief.pdf")
    assert sorted(attached) == ["article.md", "demands.json", "letter.md", "signatories.csv"]
    assert attached["signatories.csv"].decode().splitlines()[1] == "Ben Li,,,Leeds,person"


def _inflated(data: bytes) -> list[bytes]:
    """Every zlib stream in the file's bytes, however it is referenced."""
    found = []
    start = data.find(b"stream")
    while start != -1:
        body = data[start + 6 :].lstrip(b"\r\n")
        with contextlib.suppress(zlib.error):  # not every stream is deflated
            found.append(zlib.decompressobj().decompress(body))
        start = data.find(b"stream", start + 6)
    return found


# 10,000 signatories, built once for every test below.
TEN_THOUSAND = 10_000


@pytest.fixture(scope="module")
def ten_thousand(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[str, ...]]]:
    listed = list(generated_rows(TEN_THOUSAND))
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(("name", "role", "organisation", "place", "kind"))
    writer.writerows(listed)
    root = tmp_path_factory.mktemp("many") / "campaign"
    campaign(root, {}, text.getvalue(), "signatories.csv")
    out = root.parent / "out"
    result = run_cli("build", root, "--out", out)
    assert result.exit_code == 0, result.output
    return out / "brief.pdf", listed


def test_ten_thousand_names_are_all_printed_and_counted(
    ten_thousand: tuple[Path, list[tuple[str, ...]]],
) -> None:
    brief, listed = ten_thousand
    text = squash("".join(page_texts(brief)))
    missing = [row[0] for row in listed if squash(row[0]) not in text]
    assert missing == []
    organisations = sum(1 for row in listed if row[4] == "organisation")
    people = TEN_THOUSAND - organisations
    assert squash(f"Signed by {organisations:,} organisations and {people:,} people") in text


def test_ten_thousand_names_fit_in_bounds(
    ten_thousand: tuple[Path, list[tuple[str, ...]]],
) -> None:
    brief, _ = ten_thousand
    size = brief.stat().st_size
    with pikepdf.open(brief) as pdf:
        pages = len(pdf.pages)
        assert pdf.Root.MarkInfo.Marked is True and "/StructTreeRoot" in pdf.Root
    # At least 150 signatories with their organisation on each page of the list.
    assert pages <= 4 + TEN_THOUSAND // 150
    assert size <= 400 * 1024
