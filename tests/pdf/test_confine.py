"""The fetcher: the last line between a document and the machine's files and network.

Content cannot inject HTML (raw HTML is off, links and pictures are checked), so these tests
are the defence in depth: hostile HTML rendered by the real engine, as a template bug or a
future feature might let through. Every request outside the allowed folders must stop the
render with a message, embed nothing, and open no socket.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest
from PIL import Image

from broadside.errors import BuildError
from broadside.fonts import faces as fonts
from broadside.html.stylesheets import Stylesheet
from broadside.pdf.confine import MAX_RESOURCE_BYTES, Confinement, Refused, fingerprint
from broadside.resources import STYLES, TEMPLATES
from tests.pdfsafety import PASSWD_MARK, inventory
from tests.printing import page, print_html

SHEETS = (
    Stylesheet("fonts", fonts.font_face_css() + "body { font-family: 'Source Serif 4'; }", STYLES),
)


@pytest.fixture(autouse=True)
def offline(no_network: list[object]) -> list[object]:
    """Every test here runs with the network refused (tests/conftest.py's no_network)."""
    return no_network


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    root = tmp_path / "campaign"
    root.mkdir()
    Image.new("RGB", (30, 20), (10, 120, 200)).save(root / "photo.png")
    (root / "notes.txt").write_text("private notes, not a picture")
    (root / "drawing.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>'
    )
    (tmp_path / "outside.png").write_bytes((root / "photo.png").read_bytes())
    (root / "linked.png").symlink_to(tmp_path / "outside.png")
    (root / "passwd.png").symlink_to("/etc/passwd")
    os.mkfifo(root / "pipe.png")
    (root / "folder.png").mkdir()
    with (root / "big.png").open("wb") as handle:  # sparse: costs no disk
        handle.truncate(MAX_RESOURCE_BYTES + 1)
    return root


def render(root: Path, body: str) -> bytes:
    printed = print_html(root, page(body), SHEETS)
    assert printed.pdf is not None
    return printed.pdf


REFUSED = {
    "img absolute": ('<img src="/etc/passwd" alt="x">', "refused /etc/passwd: it is outside"),
    "img file URL": ('<img src="file:///etc/passwd" alt="x">', "refused /etc/passwd: it is out"),
    "img up and out": ('<img src="../../../../../../../../etc/passwd" alt="x">', "outside"),
    "img encoded": ('<img src="%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd" alt="x">', "outside"),
    "img localhost": ('<img src="file://localhost/etc/passwd" alt="x">', "outside"),
    "img other host": ('<img src="file://example.org/etc/passwd" alt="x">', "another machine"),
    "img network": ('<img src="http://127.0.0.1:1/x.png" alt="x">', "builds are offline"),
    "img https": ('<img src="https://example.org/x.png" alt="x">', "builds are offline"),
    "img data": ('<img src="data:image/png;base64,iVBORw0KGgo=" alt="x">', "embedded itself"),
    "img data svg": (
        '<img src="data:image/svg+xml;base64,PHN2Zy8+" alt="x">',
        "only pictures Broadside embedded itself are shown from data: addresses",
    ),
    "img NUL": ('<img src="file:///etc/passwd%00.png" alt="x">', "not a file path"),
    "img link out": ('<img src="linked.png" alt="x">', "outside"),
    "img link passwd": ('<img src="passwd.png" alt="x">', "outside"),
    "img pipe": ('<img src="pipe.png" alt="x">', "pipe.png: not a regular file"),
    "img folder": ('<img src="folder.png" alt="x">', "folder.png: not a regular file"),
    "img too big": ('<img src="big.png" alt="x">', "big.png: larger than 30 MB"),
    "img svg": ('<img src="drawing.svg" alt="x">', "drawing.svg is not a PNG, JPEG, GIF or"),
    "object": ('<object data="/etc/passwd" type="image/png"></object>', "outside"),
    "embed": ('<embed src="/etc/passwd" type="image/png">', "outside"),
    "link attachment": ('<link rel="attachment" href="/etc/passwd">', "outside"),
    "a attachment": ('<a rel="attachment" href="file:///etc/passwd">x</a>', "outside"),
    "attachment inside": ('<link rel="attachment" href="notes.txt">', "notes.txt is not a PNG"),
    "stylesheet": ('<link rel="stylesheet" href="/etc/passwd">', "outside"),
    "import": ('<style>@import url("/etc/passwd");</style>', "outside"),
    "background": ('<div style="background: url(/etc/passwd)">x</div>', "outside"),
    "font": ("<style>@font-face { font-family: x; src: url(/etc/passwd) }</style>", "outside"),
    "list image": ('<ul style="list-style-image: url(/etc/passwd)"><li>x</li></ul>', "outside"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_requests_outside_the_folders_stop_the_render(case: str, campaign: Path) -> None:
    body, message = REFUSED[case]
    with pytest.raises(BuildError, match=r"^refused ") as raised:
        render(campaign, body)
    assert message in str(raised.value)


def test_a_picture_inside_the_folder_is_served(campaign: Path) -> None:
    pdf = campaign / "out.pdf"
    pdf.write_bytes(render(campaign, '<p>Text.</p><img src="photo.png" alt="A photo">'))
    found = inventory(pdf)
    assert found.images == [(30, 20)]
    assert found.embedded_files == [] and PASSWD_MARK not in found.streams


def _data_url(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def test_a_data_url_is_served_only_when_the_job_lists_it(campaign: Path) -> None:
    """A brand's logo reaches the document as a data: URL (html/brand.py): the job lists it,
    and nothing else in data: form is served, not even the same picture spelt differently."""
    png = (campaign / "photo.png").read_bytes()
    listed = _data_url("image/png", png)
    body = f'<p>Text.</p><img src="{listed}" alt="A logo">'
    pdf = campaign / "out.pdf"
    pdf.write_bytes(print_html(campaign, page(body), SHEETS, embedded={fingerprint(listed)}).pdf)
    assert inventory(pdf).images == [(30, 20)]
    other = listed.replace(";base64,", ";charset=x;base64,")
    with pytest.raises(BuildError, match="only pictures Broadside embedded itself"):
        print_html(
            campaign,
            page(f'<img src="{other}" alt="x">'),
            SHEETS,
            embedded={fingerprint(listed)},
        )


def _logo_with_picture(campaign: Path) -> tuple[str, str]:
    """An SVG data: URL that shows a PNG data: URL, and the PNG's."""
    png = _data_url("image/png", (campaign / "photo.png").read_bytes())
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="20">'
        f'<image href="{png}" width="30" height="20"/></svg>'
    ).encode()
    return _data_url("image/svg+xml", svg), png


def test_a_listed_svg_shows_the_pictures_listed_with_it(campaign: Path) -> None:
    logo, png = _logo_with_picture(campaign)
    body = f'<img src="{logo}" alt="A logo" style="width: 30mm">'
    printed = print_html(
        campaign, page(body), SHEETS, embedded={fingerprint(logo), fingerprint(png)}
    )
    (campaign / "out.pdf").write_bytes(printed.pdf or b"")
    assert inventory(campaign / "out.pdf").images == [(30, 20)]


@pytest.mark.expected_weasyprint_warnings
def test_a_listed_svg_shows_no_picture_that_is_not_listed(campaign: Path) -> None:
    """WeasyPrint draws an SVG's pictures under a catch-all (a refusal there is logged, not
    raised): the picture is left out, and the build says so in a warning."""
    logo, _ = _logo_with_picture(campaign)
    body = f'<img src="{logo}" alt="A logo" style="width: 30mm">'
    printed = print_html(campaign, page(body), SHEETS, embedded={fingerprint(logo)})
    (campaign / "out.pdf").write_bytes(printed.pdf or b"")
    assert inventory(campaign / "out.pdf").images == []
    assert any(message.startswith("Failed to render SVG image") for message in printed.warnings)


def test_a_listed_data_url_is_still_held_to_the_picture_checks(tmp_path: Path) -> None:
    not_a_picture = _data_url("image/png", b"private notes, not a picture")
    confinement = Confinement.of([], [tmp_path], frozenset({fingerprint(not_a_picture)}))
    with pytest.raises(Refused, match="an embedded picture is not a PNG, JPEG, GIF or WebP"):
        confinement.embedded_picture(not_a_picture)


def test_own_files_are_served_and_pictures_only_from_the_campaign(tmp_path: Path) -> None:
    confinement = Confinement.of([TEMPLATES, STYLES], [tmp_path])
    real, data = confinement.read((TEMPLATES / "base.html.j2").as_uri())
    assert real == (TEMPLATES / "base.html.j2").resolve() and data.startswith(b"<!doctype")
    (tmp_path / "secret.txt").write_text("not for the PDF")
    with pytest.raises(Refused, match=r"secret\.txt is not a PNG, JPEG, GIF or WebP picture"):
        confinement.read((tmp_path / "secret.txt").as_uri())
    with pytest.raises(FileNotFoundError):
        confinement.read((tmp_path / "missing.png").as_uri())
    with pytest.raises(Refused, match="outside"):  # missing, but outside: refused all the same
        confinement.read("file:///nonexistent/file.png")


def test_double_encoding_is_decoded_once(tmp_path: Path) -> None:
    root = tmp_path / "campaign"
    (root / "%2e%2e").mkdir(parents=True)  # a folder really named "%2e%2e"
    Image.new("RGB", (4, 4)).save(root / "%2e%2e" / "p.png")
    confinement = Confinement.of([], [root])
    real, _ = confinement.read(root.as_uri() + "/%252e%252e/p.png")
    assert real == (root / "%2e%2e" / "p.png").resolve()


@pytest.mark.expected_weasyprint_warnings
def test_missing_glyphs_are_named_once(campaign: Path) -> None:
    """Where the machine has a font with a snowman (DejaVu often does), it must not stand in:
    the engine sees only Broadside's fonts, so the gap shows and is reported."""
    printed = print_html(campaign, page("<p>Snow ☃ and ☃ again ☃.</p>"), SHEETS)
    assert len(printed.warnings) == 1
    assert "2603" in printed.warnings[0] and "notdef" in printed.warnings[0]
