"""Hostile and broken campaign folders, each through the real CLI.

tests/campaigns/broken-*/ hold one mistake (or one attack) each and, in expected.txt, every
line `broadside check` must print for it: file, line, field and message, sorted, nothing
else. tests/campaigns/hostile-*/ are valid but try to smuggle something into the PDF; they
must build, and the PDF must carry nothing from outside and no evaluated template.
Cases that need binary files, links or pipes are made on the fly further down.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from broadside.errors import ExitCode
from tests.conftest import REPO, run_cli
from tests.pdfsafety import PASSWD_MARK, inventory
from tests.reading import page_texts

CAMPAIGNS = REPO / "tests" / "campaigns"
BROKEN = sorted(path.name for path in CAMPAIGNS.glob("broken-*"))


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in a scratch folder, so messages name files as `case/article.md`."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def copy_case(name: str, into: Path) -> Path:
    return Path(shutil.copytree(CAMPAIGNS / name, into / name, ignore=_expected))


def _expected(_folder: str, names: list[str]) -> list[str]:
    return [name for name in names if name == "expected.txt"]


def check_lines(folder: Path | str, *extra: str) -> tuple[int, list[str]]:
    result = run_cli("check", folder, *extra)
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr.splitlines()


@pytest.mark.parametrize("case", BROKEN)
def test_broken_campaign_reports_every_problem(case: str, here: Path, seed_build: Path) -> None:
    expected = (CAMPAIGNS / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    folder = copy_case(case, here)
    code, lines = check_lines(case)
    assert code == ExitCode.CONTENT
    assert lines == expected
    # A build stops at the same problems, and leaves the previous outputs byte for byte.
    out = Path(shutil.copytree(seed_build, here / "out"))
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    result = run_cli("build", case, "--out", "out", "--html")
    assert result.exit_code == ExitCode.CONTENT
    assert result.stderr.splitlines() == expected
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before
    assert folder.is_dir()


def test_every_broken_case_is_sorted_by_file_then_line() -> None:
    for case in BROKEN:
        lines = (CAMPAIGNS / case / "expected.txt").read_text(encoding="utf-8").splitlines()
        where = [re.match(r"([^:]+):(\d+)?", line) for line in lines]
        keys = [(match[1], int(match[2] or 0)) for match in where if match]
        assert len(keys) == len(lines) and keys == sorted(keys), case


def _built(case: str, here: Path) -> Path:
    copy_case(case, here)
    result = run_cli("build", case, "--out", "out")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # no warnings either: nothing was even attempted
    return here / "out" / "brief.pdf"


def test_raw_html_is_printed_as_text_and_fetches_nothing(here: Path) -> None:
    pdf = _built("hostile-html", here)
    found = inventory(pdf)
    assert found.embedded_files == []
    assert found.file_annotations == 0
    assert found.images == []
    assert all(uri.startswith(("http://", "https://", "mailto:")) for uri in found.uris)
    assert PASSWD_MARK not in found.streams
    text = "".join(page_texts(pdf))
    for written in ("<img src=", "<link rel=", "<object data=", "<iframe src=", "@import url("):
        assert written in text.replace("\u201c", '"').replace("\u201d", '"')


def test_template_syntax_is_printed_as_written(here: Path) -> None:
    pdf = _built("hostile-templates", here)
    # As written, but typeset: a number and its unit ("7 %") share a no-break space.
    text = "".join(page_texts(pdf)).replace("\u00a0", " ")
    assert "49" not in text  # {{ 7*7 }} was never evaluated …
    assert text.count("{{ 7*7 }}") >= 20  # … but printed, field after field
    for written in (
        "{% if true %}evaluated{% endif %}",
        "{# a comment #}",
        "{{ config }}",
        "{% set x = 7*7 %}{{ x }}",
        "{% raw %}{{ 7*7 }}{% endraw %}",
    ):
        assert written in text
    assert "evaluated" not in text.replace("{% if true %}evaluated{% endif %}", "")
    with pikepdf.open(pdf) as document:  # nor in the metadata
        assert str(document.docinfo["/Title"]) == "Title {{ 7*7 }}"
        assert "{{ 7*7 }}" in str(document.docinfo["/Keywords"])
        xmp = str(document.open_metadata())
        assert "Title {{ 7*7 }}" in xmp and "49" not in xmp


# Cases made on the fly: bytes no editor would keep, links, pipes, pictures.


@pytest.fixture
def scratch(here: Path) -> Callable[..., Path]:
    """A valid campaign named `case`, to be broken by the test."""

    def make(case: str = "case") -> Path:
        folder = here / case
        folder.mkdir()
        (folder / "article.md").write_text("---\ntitle: A report\n---\nBody.\n")
        (folder / "letter.md").write_text(
            "---\ntitle: A letter\ndemands: [Do it.]\nsignature: Us\n---\nBody.\n"
        )
        return folder

    return make


def test_latin1_and_utf16_files_are_named_with_what_to_do(scratch: Callable[..., Path]) -> None:
    folder = scratch()
    (folder / "article.md").write_bytes("---\ntitle: Café crème\n---\nBody.\n".encode("latin-1"))
    (folder / "letter.md").write_bytes("---\ntitle: x\n---\n".encode("utf-16"))
    code, lines = check_lines("case")
    assert code == ExitCode.CONTENT
    assert lines == [
        "case/article.md:2: not UTF-8 text (byte 0xe9 at offset 14); save the file as UTF-8",
        "case/letter.md:1: saved as UTF-16 text; save the file as UTF-8",
    ]


def test_campaign_folder_that_is_a_file_or_missing(here: Path) -> None:
    (here / "notes.txt").write_text("hello")
    assert check_lines("notes.txt") == (
        ExitCode.CONTENT,
        ["notes.txt: campaign folder is a file, not a folder; it holds article.md and letter.md"],
    )
    assert check_lines("nowhere") == (
        ExitCode.CONTENT,
        ["nowhere: campaign folder not found; it holds article.md and letter.md"],
    )


def test_control_characters_are_reported_and_never_printed_raw(
    scratch: Callable[..., Path],
) -> None:
    folder = scratch()
    (folder / "article.md").write_text(
        "---\ntitle: A report\n\u202eauthor: reversed\n---\n"
        "A NUL \x00 here.\nA next-line \x85 here.\nA line separator \u2028 here.\n"
    )
    (folder / "letter.md").write_text("---\ntitle: A\n\x1b[2Jsignature: x\n---\n")
    code, lines = check_lines("case")
    assert code == ExitCode.CONTENT
    assert lines == [
        # A right-to-left override in a field name would reverse the terminal line: escaped.
        "case/article.md:3: \\u202Eauthor: unknown field; did you mean 'author'?",
        "case/article.md:5: body: invisible control character U+0000; delete it",
        "case/article.md:6: body: invisible control character U+0085; delete it",
        "case/article.md:7: body: invisible separator U+2028 LINE SEPARATOR: it starts no new "
        "line on paper; use a new line in the file instead",
        "case/letter.md:3: YAML: invisible control character U+001B; delete it",
    ]


def test_content_file_linked_from_outside_is_refused(
    scratch: Callable[..., Path], here: Path
) -> None:
    folder = scratch()
    outside = here / "elsewhere.md"
    outside.write_text("---\ntitle: Not yours\n---\nA private note.\n")
    (folder / "article.md").unlink()
    (folder / "article.md").symlink_to(outside)
    (folder / "letter.md").unlink()
    (folder / "letter.md").symlink_to("letter.md")
    assert check_lines("case") == (
        ExitCode.CONTENT,
        [
            "case/article.md: is a link to a file outside the campaign folder; copy it in",
            "case/letter.md: is a link to a file that does not exist (or to itself)",
        ],
    )


def write_png(path: Path, width: int, height: int) -> Path:
    Image.new("RGB", (width, height), (200, 30, 30)).save(path)
    return path


def png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG that claims `width` × `height` in a few dozen bytes: a pixel bomb's header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )
    return path


def test_pictures_that_are_not_pictures_or_not_inside(
    scratch: Callable[..., Path], here: Path
) -> None:
    folder = scratch()
    photos = folder / "photos"
    photos.mkdir()
    png_header_only(photos / "bomb.png", 50_000, 50_000)
    png_header_only(photos / "huge.png", 10_000, 9_000)
    png_header_only(photos / "wide.png", 30_000, 10)
    good = write_png(here / "good.png", 40, 30).read_bytes()
    (photos / "truncated.png").write_bytes(good[: len(good) // 2])
    (photos / "corrupt.png").write_bytes(good[:60] + b"\x00" * 200 + good[260:])
    (photos / "text.png").write_text("I am not a picture")
    (photos / "outside.png").symlink_to(write_png(here / "outside.png", 40, 30))
    os.mkfifo(photos / "pipe.png")
    (photos / "folder.png").mkdir()
    (photos / "loop.png").symlink_to("loop.png")
    (folder / "article.md").write_text(
        "---\n"
        "title: A report\n"
        "figure:\n"
        "  file: photos/outside.png\n"
        "  alt: A picture from outside\n"
        "---\n"
        + "\n\n".join(
            f"![{name}](photos/{name}.png)"
            for name in (
                "bomb",
                "huge",
                "wide",
                "truncated",
                "corrupt",
                "text",
                "outside",
                "pipe",
                "folder",
                "loop",
            )
        )
        + "\n"
    )
    code, lines = check_lines("case")
    assert code == ExitCode.CONTENT
    outside = "is a link to a file outside the campaign folder; copy the file in"
    limit = "the limit is 40 megapixels and 20,000 pixels a side"
    assert lines[0] == f"case/article.md:4: figure.file: photos/outside.png {outside}"
    assert lines[1] == (
        f"case/article.md:7: body: bomb.png is a picture of 2,500,000,000 pixels; {limit}"
    )
    assert lines[2] == f"case/article.md:9: body: huge.png is 10000 × 9000 pixels; {limit}"
    assert lines[3] == f"case/article.md:11: body: wide.png is 30000 × 10 pixels; {limit}"
    assert lines[4].startswith("case/article.md:13: body: truncated.png is damaged")
    assert lines[5].startswith("case/article.md:15: body: corrupt.png is damaged")
    assert lines[6:] == [
        "case/article.md:17: body: text.png is not a PNG, JPEG, GIF or WebP picture",
        f"case/article.md:19: body: photos/outside.png {outside}",
        "case/article.md:21: body: photos/pipe.png is not a regular file",
        "case/article.md:23: body: photos/folder.png is not a regular file",
        "case/article.md:25: body: photos/loop.png is a link that leads back to itself",
    ]


def test_a_picture_inside_the_folder_is_the_only_image_in_the_pdf(
    scratch: Callable[..., Path], here: Path
) -> None:
    folder = scratch()
    (folder / "photos").mkdir()
    # A name with a space, a # and a %: a plain path in figure.file, an address in Markdown.
    write_png(folder / "photos" / "crowd #1 100%.png", 64, 48)
    (folder / "article.md").write_text(
        "---\ntitle: A report\nfigure:\n  file: 'photos/crowd #1 100%.png'\n  alt: A crowd\n---\n"
        "Body, and the same picture again: ![A crowd](photos/crowd%20%231%20100%25.png)\n"
    )
    result = run_cli("build", "case", "--out", "out")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # both found: no "failed to load image" warning
    found = inventory(here / "out" / "brief.pdf")
    assert set(found.images) == {(64, 48)}
    assert found.embedded_files == [] and found.file_annotations == 0


def test_css_in_every_spelling_is_printed_as_text(here: Path, seed_build: Path) -> None:
    """Quotes, braces, backslashes, comments and line breaks, raw, as references and as
    Markdown escapes, in the fields the running head, the cover and the flyer print."""
    pdf = _built("hostile-css", here)
    texts = page_texts(pdf)
    # As many pages as the seed's brief: no smuggled rule hid a page or the text.
    assert len(texts) == len(page_texts(seed_build / "brief.pdf"))
    # The cover's contents and the report's opener print the title whole, as text.
    title = 'Pay """" } @page { display: none } }}}\\} @import'
    assert title in texts[0] and title in texts[1]
    # The running head, from the ask, on every page after a section's first: set as
    # text, not obeyed (the margin rule in it would have moved the page's furniture).
    head = 'We demand a choice "} @page { margin: 0 } /* in what we build'
    continued = [text for text in texts[1:] if head in text.splitlines()[-2].replace("\xa0", " ")]
    assert continued, "no page carries the running head"
    assert not [uri for uri in inventory(pdf).uris if "example.org" in uri]
    flyer = " ".join(page_texts(here / "out" / "flyer.pdf")[0].split())
    assert 'Amazonians ";} @font-face { src: url(https:// example.org/f) } /*' in flyer
