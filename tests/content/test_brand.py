"""brand.yaml: read like the front matter, every mistake reported with the others, and an
accent colour refused where it could not be read, with the nearest colour that could."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from broadside.content.accent import USES, nearest_passing, problem, shortfalls
from broadside.content.brand import MAX_LOGO_BYTES
from broadside.content.colour import Colour, hue_distance
from broadside.content.loader import load_campaign
from broadside.content.palette import TOKENS, palette
from broadside.errors import ExitCode
from tests.conftest import REPO, run_cli

BRANDED = REPO / "tests" / "campaigns"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in a scratch folder, so messages name files as `campaign/brand.yaml`."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def branded(here: Path, make_campaign: Callable[..., Path]) -> Callable[..., Path]:
    """A campaign with `brand.yaml` written as given (and any other files)."""

    def make(brand: str, files: dict[str, bytes] | None = None) -> Path:
        root = make_campaign()
        (root / "brand.yaml").write_text(brand, encoding="utf-8")
        for name, data in (files or {}).items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        return root.relative_to(here)

    return make


def check(folder: Path) -> tuple[int, list[str]]:
    result = run_cli("check", folder)
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr.splitlines()


def png(size: tuple[int, int] = (300, 100), mode: str = "RGBA", kind: str = "PNG") -> bytes:
    from io import BytesIO

    colour = {"RGB": (29, 92, 138), "RGBA": (29, 92, 138, 255)}.get(mode, 1)
    buffer = BytesIO()
    Image.new(mode, size, colour).save(buffer, kind)
    return buffer.getvalue()


# ---------- reading ----------


@pytest.mark.parametrize(
    ("case", "mime", "ratio"),
    [("branded-svg", "image/svg+xml", 4.0), ("branded-png", "image/png", 4.0)],
)
def test_a_branded_campaign_loads_its_name_accent_and_logo(
    case: str, mime: str, ratio: float
) -> None:
    campaign = load_campaign(BRANDED / case)
    brand = campaign.brand
    assert brand is not None and brand.logo is not None
    assert brand.meta.name == "Harbour Workers United"
    assert brand.logo.mime == mime and brand.logo.ratio == pytest.approx(ratio)
    assert brand.source == (BRANDED / case / "brand.yaml").read_bytes()
    assert brand.logo.source == (BRANDED / case / str(brand.meta.logo)).read_bytes()


def test_without_brand_yaml_there_is_no_brand(make_campaign: Callable[..., Path]) -> None:
    assert load_campaign(make_campaign()).brand is None


def test_the_accent_is_kept_in_lower_case(branded: Callable[..., Path]) -> None:
    campaign = load_campaign(branded('name: Harbour Workers United\naccent: "#1D5C8A"\n'))
    assert campaign.brand is not None and campaign.brand.meta.accent == "#1d5c8a"


def test_every_mistake_is_reported_at_once_with_the_other_files(
    branded: Callable[..., Path], here: Path
) -> None:
    root = branded(
        'nmae: Harbour Workers United\naccent: "#f5a623"\nlogo: ../outside.png\ncolor: red\n'
    )
    (root / "letter.md").write_text("---\ntitle: A letter\nsignature: Us\n---\nText.\n")
    code, lines = check(root)
    assert code == ExitCode.CONTENT
    assert lines == [
        "campaign/brand.yaml:1: nmae: unknown field; did you mean 'name'?",
        "campaign/brand.yaml:2: accent: #f5a623 has too little contrast to be read: 2.02:1 as "
        "text on the paper (#ffffff), 1.76:1 as text on the cover's tint (#f4efe6), 2.02:1 "
        "as the field under the flyer's headline (#ffffff text); text needs 4.5:1; the "
        "nearest colour of the same hue that passes is #976200 (at least 4.51:1)",
        "campaign/brand.yaml:3: logo: must stay inside the campaign folder (no ..)",
        "campaign/brand.yaml:4: color: unknown field; did you mean 'accent'?",
        "campaign/letter.md:1: demands: required field is missing",
    ]


@pytest.mark.parametrize(
    ("brand", "message"),
    [
        ("name: X\naccent: red\n", "2: accent: must be a colour written #rrggbb, such as #a4262c"),
        ('name: X\naccent: "#12345"\n', "2: accent: must be a colour written #rrggbb"),
        ("name: X\naccent: #1d5c8a\n", "2: accent: is empty; a colour must be quoted, as # st"),
        ("accent: '#1d5c8a'\n", "1: name: required field is missing"),
        ("name: X\nlogo: /etc/passwd\n", "2: logo: must be a path relative to the campaign"),
        ("name: X\nlogo: missing.svg\n", "2: logo: file not found: missing.svg (paths are"),
        ("- name: X\n", "1: the file must be fields ('name: value' lines), not a list"),
        ("name: X\n  accent: 1\n", "2: YAML: mapping values are not allowed here"),
        ("name: X ☃\n", "1: name: no shipped font has '☃' (U+2603 SNOWMAN)"),
        ("name: '[X](javascript:alert(1))'\n", "1: name: link to 'javascript:alert(1)': only"),
    ],
)
def test_a_mistake_in_brand_yaml_names_its_line_and_field(
    branded: Callable[..., Path], brand: str, message: str
) -> None:
    code, lines = check(branded(brand))
    assert code == ExitCode.CONTENT
    assert len(lines) == 1 and lines[0].startswith(f"campaign/brand.yaml:{message}"), lines


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"logo.gif": png(kind="GIF", mode="RGB")}, "logo: logo.gif is GIF; a logo must be a"),
        ({"logo.png": b"\x89PNG\r\n\x1a\n broken"}, "logo: logo.png is not a PNG, JPEG, GIF or"),
        ({"logo.png": b"\x89PNG" + b"\0" * MAX_LOGO_BYTES}, "logo: logo.png is larger than 2 MB"),
        ({"logo.png": png((25_000, 10), mode="1")}, "logo: logo.png is 25000 × 10 pixels; the"),
    ],
)
def test_a_logo_that_cannot_be_printed_is_refused(
    branded: Callable[..., Path], files: dict[str, bytes], message: str
) -> None:
    name = next(iter(files))
    code, lines = check(branded(f"name: X\nlogo: {name}\n", files))
    assert code == ExitCode.CONTENT
    assert len(lines) == 1 and lines[0].startswith(f"campaign/brand.yaml:2: {message}"), lines


def test_a_logo_linked_from_outside_the_folder_is_refused(
    branded: Callable[..., Path], here: Path
) -> None:
    (here / "outside.png").write_bytes(png())
    root = branded("name: X\nlogo: logo.png\n")
    (root / "logo.png").symlink_to(here / "outside.png")
    code, lines = check(root)
    assert code == ExitCode.CONTENT
    assert lines == [
        "campaign/brand.yaml:2: logo: logo.png is a link to a file outside the campaign "
        "folder; copy the file in"
    ]


def test_brand_yaml_linked_from_outside_the_folder_is_refused(
    branded: Callable[..., Path], here: Path
) -> None:
    (here / "elsewhere.yaml").write_text("name: X\n")
    root = branded("")
    (root / "brand.yaml").unlink()
    (root / "brand.yaml").symlink_to(here / "elsewhere.yaml")
    assert check(root)[1] == [
        "campaign/brand.yaml: brand.yaml is a link to a file outside the campaign folder; "
        "copy the file in"
    ]


def test_a_jpeg_logo_in_a_subfolder_is_accepted(branded: Callable[..., Path]) -> None:
    campaign = load_campaign(
        branded("name: X\nlogo: art/mark.jpg\n", {"art/mark.jpg": png(mode="RGB", kind="JPEG")})
    )
    assert campaign.brand is not None and campaign.brand.logo is not None
    assert campaign.brand.logo.mime == "image/jpeg"
    assert (campaign.brand.logo.width, campaign.brand.logo.height) == (300, 100)


# ---------- the accent against tokens.css ----------


def test_every_colour_the_checks_use_is_defined_in_tokens_css() -> None:
    """The checks read their colours from the sheet: a token renamed there must fail here,
    not silently stop being checked."""
    colours = palette()
    needed = {name for use in USES for name in (use.text, use.ground)} - {"--accent"}
    assert needed <= set(colours)
    # The shipped accent passes its own checks.
    assert shortfalls(colours["--accent"], colours) == []


def test_the_checks_follow_the_colours_in_tokens_css(tmp_path: Path) -> None:
    """A designer who darkens the cover's tint changes what passes, without touching Python."""
    sheet = tmp_path / "tokens.css"
    sheet.write_text(TOKENS.read_text().replace("--tint: #f4efe6", "--tint: #c9bfae"))
    accent = Colour.from_hex("#a4262c")
    assert shortfalls(accent, palette()) == []
    failing = shortfalls(accent, palette(sheet))
    assert [short.use.ground for short in failing] == ["--tint"]


def test_a_failing_accent_names_each_contrast_and_a_colour_that_passes() -> None:
    found = problem(Colour.from_hex("#00aeef"))
    assert found == (
        "#00aeef has too little contrast to be read: 2.52:1 as text on the paper (#ffffff), "
        "2.2:1 as text on the cover's tint (#f4efe6), 2.52:1 as the field under the flyer's "
        "headline (#ffffff text); text needs 4.5:1",
        "the nearest colour of the same hue that passes is #0075a3 (at least 4.5:1)",
    )


def test_an_accent_failing_only_on_the_tint_is_darkened_a_little() -> None:
    message, hint = problem(Colour.from_hex("#e30613")) or ("", "")
    assert message == (
        "#e30613 has too little contrast to be read: 4.26:1 as text on the cover's tint "
        "(#f4efe6); text needs 4.5:1"
    )
    assert hint == "the nearest colour of the same hue that passes is #dc0010 (at least 4.52:1)"


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255))
def test_the_suggestion_passes_every_use_and_keeps_the_hue(red: int, green: int, blue: int) -> None:
    colours = palette()
    accent = Colour(red, green, blue)
    suggestion = nearest_passing(accent, colours)
    assert suggestion is not None
    assert shortfalls(suggestion, colours) == []
    if not shortfalls(accent, colours):
        assert suggestion == accent  # a passing colour is its own nearest
    before, after = accent.oklch, suggestion.oklch
    if before.chroma > 0.04 and after.chroma > 0.04:
        # 8-bit rounding moves a hue a little, more so the greyer the colour.
        assert hue_distance(before.hue, after.hue) < 4
    else:
        assert after.chroma < 0.06  # a grey stays (nearly) grey


def test_the_suggestion_is_the_nearest_in_lightness() -> None:
    """A step lighter than the suggestion (towards the colour given) fails."""
    colours = palette()
    for written in ("#f5a623", "#00aeef", "#39ff14", "#ff00ff", "#777777"):
        accent = Colour.from_hex(written)
        suggestion = nearest_passing(accent, colours)
        assert suggestion is not None
        closer = accent.oklch.with_lightness(suggestion.oklch.lightness + 0.01)
        assert shortfalls(closer, colours), written


def test_contrast_matches_wcag_reference_values() -> None:
    white, black = Colour.from_hex("#ffffff"), Colour.from_hex("#000000")
    assert white.contrast(black) == pytest.approx(21.0)
    assert Colour.from_hex("#767676").contrast(white) == pytest.approx(4.54, abs=0.01)
    assert Colour.from_hex("#777777").contrast(white) == pytest.approx(4.48, abs=0.01)


def test_oklch_round_trips_every_channel() -> None:
    for written in ("#a4262c", "#1d5c8a", "#000000", "#ffffff", "#39ff14", "#0000ff"):
        colour = Colour.from_hex(written)
        lch = colour.oklch
        assert lch.in_srgb() == colour
        assert lch.with_lightness(lch.lightness) == colour


def test_a_copy_of_a_branded_campaign_builds_its_check(here: Path) -> None:
    folder = Path(shutil.copytree(BRANDED / "branded-svg", here / "campaign"))
    assert check(folder.relative_to(here)) == (0, [])
