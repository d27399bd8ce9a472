"""The brief, as a reader holds it: real renders of the seed and of other campaigns."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from broadside.content.loader import load_campaign
from tests.conftest import REPO, SEED_TEXT, run_cli
from tests.pagelayout import MM, read_pages
from tests.pdf.standards.document import parse_to_unicode
from tests.printing import make
from tests.reading import body_texts, bookmarks, fonts, links, page_texts, squash


def seed_paragraphs() -> list[str]:
    """Every non-empty line of the seed except the photo's file name and bullet markers."""
    lines = [
        line.strip().lstrip("•").strip()
        for line in SEED_TEXT.read_text(encoding="utf-8").splitlines()
    ]
    return [line for line in lines if line and line != "X"]


# Lines the seed's web page set as label and value side by side; the brief sets them with
# punctuation ("Sean Keane, Former Senior Writer", "Expertise: Culture, …"), so for these
# the words must appear in order, and for every other line the exact characters.
LABEL_LINES = {"Sean Keane Former Senior Writer", "Expertise Culture, Video Games, Breaking News"}


def words(text: str) -> str:
    return " ".join(re.findall(r"\w+", squash_spaces(text)))


def squash_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", ""))


# A web page's idiom the print edition leaves out on purpose (issue 9: no "3 min read").
WEB_ONLY = {"3 min read"}


def missing_seed_lines(pdf: Path) -> list[str]:
    pages = "".join(body_texts(pdf))
    text, text_words = squash(pages), words(re.sub(r"[\u2010-]\r?\n", "", pages))
    return [
        line
        for line in seed_paragraphs()
        if squash(line) not in text
        and not (line in LABEL_LINES and words(line) in text_words)
        and line not in WEB_ONLY
    ]


def test_every_paragraph_of_the_seed_is_in_the_brief(seed_build: Path) -> None:
    assert missing_seed_lines(seed_build / "brief.pdf") == []


ASK = "We demand a choice in what we build, and a say in how it is used."


def test_sections_in_order_with_bookmarks(seed_build: Path) -> None:
    marks = bookmarks(seed_build / "brief.pdf")
    titles = [(mark.title, mark.level) for mark in marks]
    assert titles == [
        (ASK, 1),  # the cover: the campaign first
        ("Amazon employees protest sale of face recognition software to police", 1),
        ("The employees’ letter to Jeff Bezos", 1),
        ("The demands", 2),
        ("Sources and credits", 1),
    ]
    assert [mark.page for mark in marks] == [1, 2, 3, 4, 5]


def test_a_short_brief_says_on_its_cover_what_is_inside_and_where(seed_build: Path) -> None:
    """Under eight pages, no contents page: "In this brief" on the cover, linked."""
    pdf = seed_build / "brief.pdf"
    cover = page_texts(pdf)[0]
    assert "Contents" not in "".join(page_texts(pdf))
    printed = [int(number) for number in re.findall(r"\.{3,}\s*(\d+)\s*$", cover, flags=re.M)]
    real = [mark.page for mark in bookmarks(pdf)][1:]
    assert printed == real  # the report, the letter, its demands, the sources
    targets = [link.target_page for link in links(pdf) if link.page == 1 and link.target_page]
    assert list(dict.fromkeys(targets)) == real


def test_the_cover_puts_the_campaign_first(seed_build: Path) -> None:
    cover = page_texts(seed_build / "brief.pdf")[0].replace("\u00a0", " ")
    assert "Open letter · Campaign brief" in cover  # the kicker: not "from CNET"
    assert "CNET" not in cover.split("In this brief")[0]  # the news is context, further down
    assert squash(ASK) in squash(cover)
    assert "From Amazonians to Jeff Bezos, CEO" in squash_spaces(cover)
    lines = sorted(read_pages(seed_build / "brief.pdf")[0].content, key=lambda line: line.box.top)
    foot = [
        line.text.replace("\u00a0", " ")
        for line in lines
        if line.box.top > lines[-1].box.top - 1 * MM
    ]
    assert foot == ["Amazonians", "June 22, 2018"]  # who signs, and when, at the foot


def test_footer_reads_page_x_of_y_everywhere_but_the_cover(seed_build: Path) -> None:
    texts = page_texts(seed_build / "brief.pdf")
    total = len(texts)
    assert "Page 1 of" not in texts[0]
    for number, text in enumerate(texts[1:], start=2):
        assert f"Page {number} of {total}" in text


def test_running_heads_name_the_campaign_and_section_but_not_on_openers(
    seed_build: Path,
) -> None:
    found = read_pages(seed_build / "brief.pdf")
    sections = [mark for mark in bookmarks(seed_build / "brief.pdf") if mark.level == 1]
    marks = {mark.title: mark.page for mark in sections}
    letter = marks["The employees’ letter to Jeff Bezos"]
    # Where a section opens, the opener is its only label: no running head, and a deeper drop.
    for page in marks.values():
        assert not [line for line in found[page - 1].lines if line.box.top < 20 * MM], page
    openers = sorted({marks[title] for title in marks} - {1})
    for page in openers:
        assert min(line.box.top for line in found[page - 1].lines) > 40 * MM, page
    # On the page after, the campaign on the left and the section on the right.
    heads = [line for line in found[letter].lines if line.box.top < 20 * MM]
    assert [line.text.replace("\u00a0", " ") for line in heads] == [ASK, "The letter"]
    assert heads[0].box.left < heads[1].box.left


def test_metadata_comes_from_the_content(seed_build: Path) -> None:
    with pikepdf.open(seed_build / "brief.pdf") as pdf:
        info = pdf.docinfo
        assert (
            str(info["/Title"])
            == "Amazon employees protest sale of face recognition software to police"
        )
        assert str(info["/Author"]) == "Sean Keane; Amazonians"
        assert (
            str(info["/Subject"])
            == "Workers wrote to CEO Jeff Bezos “in the face of this immoral US policy.”"
        )
        assert "Rekognition" in str(info["/Keywords"])
        # The first update's time, not the clock: 2018-06-22 07:20 at UTC−7.
        assert str(info["/CreationDate"]).startswith("D:20180622072000-07")
        assert str(pdf.Root.Lang) == "en"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle


def test_fonts_are_embedded_subset_and_ours(seed_build: Path) -> None:
    found = fonts(seed_build / "brief.pdf")
    assert found
    for font in found:
        assert font.embedded and font.subset, font
        family = font.name.split("+", 1)[1]
        assert family.startswith(("Source-Serif-4", "IBM-Plex-Sans")), font


def test_links_resolve(seed_build: Path) -> None:
    found = links(seed_build / "brief.pdf")
    assert found
    for link in found:
        assert link.target_page is not None or (link.uri or "").startswith(
            ("https://", "http://", "mailto:")
        )


def test_letter_paper_is_letter_sized_and_still_complete(seed_build_letter: Path) -> None:
    pdf_path = seed_build_letter / "brief.pdf"
    with pikepdf.open(pdf_path) as pdf:
        width, height = (float(v) for v in pdf.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (612, 792)
    assert missing_seed_lines(pdf_path) == []


def test_text_is_typeset_with_curly_quotes_and_hyphenation(seed_build: Path) -> None:
    text = "".join(page_texts(seed_build / "brief.pdf"))
    # Hyphenated at a line end on the page, read whole (tests/pdf/test_extraction.py).
    assert "company’s Rekognition technology" in " ".join(text.split())
    assert '"' not in text.replace("\r", "") and "'" not in text
    assert "the U.S.’s increasingly" in " ".join(text.split())  # after a full stop too
    hyphenated = hyphenated_lines(seed_build / "brief.pdf")
    assert 3 <= len(hyphenated) <= 6  # of about 60 lines of body text: hyphenated sparingly


def hyphenated_lines(path: Path) -> list[str]:
    """What readers get for each line printed with a hyphen at its end that the words as
    written do not have there: the lines hyphenation broke."""
    found = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            fonts = {
                str(k): parse_to_unicode(v.ToUnicode.read_bytes())
                for k, v in page.Resources.Font.items()
            }
            font, spoken, last = "", None, b""
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op == "Tf":
                    font = str(operands[0])
                elif op == "BDC" and "/ActualText" in operands[1]:
                    spoken, last = str(operands[1].ActualText), b""
                elif op == "TJ" and spoken is not None:
                    strings = [
                        bytes(item) for item in operands[0] if isinstance(item, pikepdf.String)
                    ]
                    last = next((s for s in reversed(strings) if s), last)
                elif op == "EMC" and spoken is not None:
                    glyph = fonts.get(font, {}).get(int.from_bytes(last[-2:], "big"), "")
                    if glyph == "-" and not spoken.rstrip().endswith("-"):
                        found.append(spoken.rstrip())
                    spoken = None
    return found


def test_html_export_is_standalone(seed_build: Path) -> None:
    html = (seed_build / "brief.html").read_text(encoding="utf-8")
    assert "<style>" in html and "@page" in html
    assert "Dear Jeff," in html


def test_a_figure_with_a_real_image_is_printed_with_alt_text(make_campaign, tmp_path: Path) -> None:
    root = make_campaign(
        article={
            "figure": {
                "file": "photos/crowd.png",
                "alt": "A crowd holding placards outside an office",
                "caption": "Workers outside the office.",
                "credit": "Photo by A. Person",
            }
        }
    )
    (root / "photos").mkdir()
    Image.new("RGB", (600, 400), (180, 40, 40)).save(root / "photos" / "crowd.png")
    out = tmp_path / "out"
    result = run_cli("build", root, "--out", out)
    assert result.exit_code == 0, result.output
    with pikepdf.open(out / "brief.pdf") as pdf:
        images = {
            xobject.objgen
            for page in pdf.pages
            for xobject in page.obj.Resources.get("/XObject", {}).values()
            if xobject.get("/Subtype") == "/Image"
        }
        assert len(images) == 1
        alts = [
            str(element.get("/Alt"))
            for element in _struct_elements(pdf.Root.StructTreeRoot)
            if element.get("/S") == "/Figure"
        ]
    assert "A crowd holding placards outside an office" in alts
    assert "Workers outside the office." in "".join(page_texts(out / "brief.pdf"))


def _struct_elements(node: pikepdf.Object) -> list[pikepdf.Dictionary]:
    found = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, pikepdf.Dictionary):
            if "/S" in current:
                found.append(current)
            kids = current.get("/K")
            if kids is not None:
                stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
        elif isinstance(current, pikepdf.Array):
            stack.extend(current)
    return found


NAMES = "Nguyễn Thị Ødegaard, Łódź; Ελληνικά; Москва"


def test_names_in_many_scripts_render_with_real_glyphs(make_campaign, tmp_path: Path) -> None:
    root = make_campaign(
        article={"title": f"Letters from {NAMES}", "author": {"name": "Nguyễn Ødegaard"}},
        letter={"signature": "Łódź Ελληνικά Москва", "demands": ["Pay €50 for ≥ 3 days at 20°"]},
    )
    out = tmp_path / "out"
    result = run_cli("build", root, "--out", out)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    text = "".join(page_texts(out / "brief.pdf"))
    for word in ("Nguyễn", "Ødegaard", "Łódź", "Ελληνικά", "Москва", "€50", "≥", "20°"):
        assert word in text


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_minimal_campaign_builds_on_both_papers(
    make_campaign, tmp_path: Path, paper: str
) -> None:
    out = tmp_path / "out"
    result = run_cli("build", make_campaign(), "--out", out, "--paper", paper)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    texts = page_texts(out / "brief.pdf")
    assert "A paragraph of the report." in "".join(texts)
    assert "Do the right thing." in "".join(texts)


def test_cover_stays_one_page_whatever_the_content(make_campaign, tmp_path: Path) -> None:
    # As long as the fields may be, and more demands than the cover can list (the flyer,
    # built alongside, still has to fit them on its own page).
    long_text = ("Extraordinarily " * 120).strip()
    root = make_campaign(
        article={"title": long_text, "subtitle": long_text, "publication": "P" * 250},
        letter={
            "ask": long_text[:300],
            "signature": "S" * 250,
            "demands": [f"Demand {n}: {long_text[:200]}" for n in range(10)],
        },
    )
    out = tmp_path / "out"
    result = run_cli("build", root, "--out", out, "--paper", "letter", "--verbose")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    marks = bookmarks(out / "brief.pdf")
    assert (marks[1].title, marks[1].page) == ("Contents", 2)  # a long brief: a contents page
    cover = page_texts(out / "brief.pdf")[0]
    assert re.search(r"and \d+ more, all listed in the letter, page \d", cover)
    # Measured, then laid out again: here only the shortest cover fits.
    assert "brief.pdf: minimal cover listing 1 of 10 demands" in result.output


def test_a_cover_lists_every_demand_that_fits_at_full_size_first(
    make_campaign, tmp_path: Path
) -> None:
    """No demand is left off, and no field shortened, while the page has room."""
    demands = [f"Demand number {n}, short enough to take one line." for n in range(1, 8)]
    root = make_campaign(letter={"demands": demands, "ask": "Do these seven things."})
    out = tmp_path / "out"
    result = run_cli("build", root, "--out", out, "--verbose")
    assert result.exit_code == 0, result.output
    assert "full cover listing every demand" in result.output
    cover = page_texts(out / "brief.pdf")[0]
    assert all(demand in cover for demand in demands) and "…" not in cover


def test_a_long_brief_has_a_contents_page_with_its_sections(make_campaign, tmp_path: Path) -> None:
    sections = [f"Part {n} of the story" for n in range(1, 7)]
    body = "".join(
        f"## {title}\n\n"
        + ("A paragraph of the report, long enough to fill lines. " * 30 + "\n\n") * 3
        for title in sections
    )
    root = make_campaign(article_body=body)
    out = tmp_path / "out"
    result = run_cli("build", root, "--out", out, "--verbose")
    assert result.exit_code == 0, result.output
    assert "with a contents page" in result.output
    pdf = out / "brief.pdf"
    assert len(page_texts(pdf)) >= 9
    contents = page_texts(pdf)[1]
    assert "Contents" in contents and "In this brief" not in page_texts(pdf)[0]
    for title in sections:
        assert title in contents
    # Every entry links to the page it names, and names the page it starts on.
    printed = [int(n) for n in re.findall(r"(\d+)\s*$", contents, flags=re.M)]
    targets = [link.target_page for link in links(pdf) if link.page == 2 and link.target_page]
    assert list(dict.fromkeys(targets)) == list(dict.fromkeys(printed))


def test_reading_column_holds_60_to_75_characters_a_line(
    seed_build: Path, seed_build_letter: Path
) -> None:
    for folder in (seed_build, seed_build_letter):
        pages = body_texts(folder / "brief.pdf")
        letter_page = next(page for page in pages if "Dear Jeff," in page)
        lines = [line.strip() for line in letter_page.splitlines()]
        # Full lines of justified paragraphs: long ones, not the last line of a paragraph.
        lengths = sorted(len(line) for line in lines if len(line) > 40)
        median = lengths[len(lengths) // 2]
        assert 60 <= median <= 75, (folder, median)


def test_a_german_campaign_with_rich_markdown(tmp_path: Path) -> None:
    """Headings, lists, a quote, a table, footnotes and links, typeset in German."""
    root = REPO / "tests" / "campaigns" / "rich"
    out = tmp_path / "out"
    result = run_cli("build", root, "--out", out)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    pdf = out / "brief.pdf"
    text = "".join(page_texts(pdf))
    assert "„Wir arbeiten bei 38 °C ohne Schatten.“" in text
    assert "Messung der Hafenbehörde, Juli 2024." in text
    assert "Schatten – überall" in text
    # Broadside's own words follow the content's language too.
    pages = page_texts(pdf)
    assert "Seite 3 von" in pages[2] and "In diesem Briefing" in pages[0]
    assert "15.\u00a0Juli\u00a02024" in pages[0]  # a date never splits
    with pikepdf.open(pdf) as document:
        assert str(document.Root.Lang) == "de"
    uris = {link.uri for link in links(pdf) if link.uri}
    assert uris == {
        "https://example.org/hitzeschutz",  # the campaign: on the cover, the letter, sources
        "https://example.org/gewerkschaft",
        "mailto:presse@example.org",
        "https://example.org/hafen",
    }
    assert "Was gefordert wird" in [mark.title for mark in bookmarks(pdf)]


def test_a_letter_in_another_language_keeps_its_own_quotes(make_campaign, tmp_path: Path) -> None:
    root = make_campaign(
        letter={"lang": "de", "title": 'Ein "offener" Brief', "demands": ['Sagt "nein".']},
        letter_body='Wir sagen "nein".\n',
    )
    out = tmp_path / "out"
    assert run_cli("build", root, "--out", out).exit_code == 0
    text = "".join(page_texts(out / "brief.pdf"))
    assert "Ein „offener“ Brief" in text and "Sagt „nein“." in text
    assert "Wir sagen „nein“." in text
    assert "“offener”" not in text and "“nein”" not in text  # no English quotes in German


def test_days_and_moments_mix(make_campaign, tmp_path: Path) -> None:
    """A day, a date-time without an offset and updates with theirs: all print, none crashes."""
    root = make_campaign(
        article={
            "published": "2018-06-22",
            "updates": [
                {"at": "2018-06-23T08:00:00Z", "note": "First."},
                {"at": "2018-06-22T07:20:00-07:00", "note": "Second."},
            ],
        },
        letter={"date": "2018-06-21T10:00:00"},
    )
    out = tmp_path / "out"
    result = run_cli("build", root, "--out", out)
    assert result.exit_code == 0, result.output
    with pikepdf.open(out / "brief.pdf") as pdf:
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20180622")
        assert str(pdf.docinfo["/ModDate"]).startswith("D:20180623080000")


@pytest.mark.parametrize(("paragraphs", "form"), [(3, "'In this brief'"), (40, "a contents page")])
def test_a_short_and_a_long_brief_are_each_laid_out_once(
    make_campaign, paragraphs: int, form: str
) -> None:
    """The likelier form is tried first: a long brief laid out with "In this brief" first
    would be laid out twice (a minute at 10,000 signatories)."""
    paragraph = "The inspectors came back in March and counted the staff again on every floor. "
    root = make_campaign(article_body="\n\n".join([paragraph * 4] * paragraphs) + "\n")
    made, (printed,) = make("brief.pdf", load_campaign(root))
    assert printed.layout == 0 and printed.met  # the first layout tried was kept
    assert form in made.details[0]
