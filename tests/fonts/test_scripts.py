"""Other scripts' fonts: loaded when the text uses them, embedded as subsets, and only then."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from broadside.fonts.coverage import uncovered
from broadside.fonts.faces import SCRIPTS
from broadside.fonts.scripts import scripts_in
from broadside.html.stylesheets import shared_sheets
from tests.conftest import MINIMAL_ARTICLE, MINIMAL_LETTER, run_cli, write_markdown
from tests.printing import page, print_html
from tests.reading import fonts, page_texts

# One line per script, as a campaign would write it (not reviewed by speakers: test text).
SAMPLES = {
    "Arabic": "نطالب بأن يكون لنا رأي فيما نبنيه",
    "Hebrew": "אנחנו דורשים זכות לבחור מה אנחנו בונים",
    "Devanagari": "हम माँग करते हैं कि हमें चुनने का अधिकार हो।",
    "Bengali": "আমরা যা তৈরি করি তা বেছে নেওয়ার অধিকার চাই।",
    "Thai": "เราเรียกร้องสิทธิ์ในการเลือกสิ่งที่เราสร้าง",
    "Tamil": "நாங்கள் உருவாக்குவதைத் தேர்ந்தெடுக்கும் உரிமை வேண்டும்.",
}
# What each script's reading face is called in the PDF.
EMBEDDED = {
    "Arabic": "Amiri",
    "Hebrew": "Frank-Ruhl-Libre",
    "Devanagari": "Noto-Sans-Devanagari",
    "Bengali": "Hind-Siliguri",
    "Thai": "Sarabun",
    "Tamil": "Noto-Sans-Tamil",
}


def test_latin_text_needs_no_other_script() -> None:
    assert scripts_in("Łódź, Ελλάδα, Москва — “quoted” 10 000 €") == ()


@pytest.mark.parametrize("name", SAMPLES)
def test_each_script_is_found_alone(name: str) -> None:
    """A Bengali sentence ends with the danda Devanagari shares: Bengali's fonts draw it too,
    so Devanagari's are not loaded for one mark."""
    found = scripts_in(f"A name in Latin, then {SAMPLES[name]}")
    assert [script.name for script in found] == [name]
    assert not uncovered(SAMPLES[name])


def test_mixed_text_loads_each_script_it_uses() -> None:
    text = f"{SAMPLES['Hebrew']} / {SAMPLES['Arabic']}"
    assert [script.name for script in scripts_in(text)] == ["Arabic", "Hebrew"]


def test_scripts_no_face_draws_are_still_refused() -> None:
    """CJK and emoji: no shipped face, so the content checks name them (as before)."""
    assert scripts_in("労働者 😀") == ()
    assert uncovered("عربي 労働者 😀") == ["労", "働", "者", "😀"]


@pytest.mark.parametrize("name", SAMPLES)
def test_a_script_is_printed_in_its_face_and_subset(tmp_path: Path, name: str) -> None:
    """Real text in each script, printed through the shared sheets: the words come back out
    of the PDF, set in that script's face, embedded as a subset."""
    text = SAMPLES[name]
    html = page(f'<p style="font-family: var(--serif)">Latin {text}</p>')
    printed = print_html(tmp_path, html, shared_sheets(html))
    assert printed.pdf is not None
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(printed.pdf)
    embedded = {font.name.split("+")[-1]: font for font in fonts(pdf)}
    ours = [font for family, font in embedded.items() if family.startswith(EMBEDDED[name])]
    assert ours and all(font.embedded and font.subset for font in ours), embedded
    assert text.split()[0] in page_texts(pdf)[0]


# Scripts whose words a reader's tools get back from the PDF letter for letter, in both roles.
# The others lose vowel signs the shaper moved or stacked (docs/languages.md): expected to
# fail until the PDF carries their real text, and to say so the day it does.
EXTRACTED = ("Arabic", "Hebrew")
MANGLED = [name for name in SAMPLES if name not in EXTRACTED]


def extracted(tmp_path: Path, text: str, family: str) -> str:
    html = page(f'<p style="font-family: var({family})">{text}</p>')
    printed = print_html(tmp_path, html, shared_sheets(html))
    assert printed.pdf is not None
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(printed.pdf)
    return " ".join(page_texts(pdf)[0].split())


@pytest.mark.parametrize("family", ["--serif", "--sans"])
@pytest.mark.parametrize("name", EXTRACTED)
def test_the_text_layer_reads_as_written(tmp_path: Path, name: str, family: str) -> None:
    assert extracted(tmp_path, SAMPLES[name], family) == SAMPLES[name]


@pytest.mark.xfail(strict=True, reason="WeasyPrint 70 writes no text for reordered glyphs")
@pytest.mark.parametrize("name", MANGLED)
def test_the_text_layer_of_indic_and_thai_headings(tmp_path: Path, name: str) -> None:
    assert extracted(tmp_path, SAMPLES[name], "--sans") == SAMPLES[name]


def test_every_script_has_a_reading_and_a_display_face() -> None:
    assert {script.name for script in SCRIPTS} == set(SAMPLES)
    for script in SCRIPTS:
        assert script.reading.path.is_file() and script.display.path.is_file()


@pytest.fixture(scope="module")
def brief_fonts(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[str], list[str]]:
    """The fonts embedded in the brief of a campaign whose report is `body`."""

    def build(body: str) -> list[str]:
        root = tmp_path_factory.mktemp("campaign")
        write_markdown(root / "article.md", MINIMAL_ARTICLE, body)
        write_markdown(root / "letter.md", MINIMAL_LETTER, "A paragraph of the letter.\n")
        out = root / "dist"
        result = run_cli("build", root, "--out", out)
        assert result.exit_code == 0, result.output
        return sorted({font.name.split("+")[-1] for font in fonts(out / "brief.pdf")})

    return build


def test_a_latin_brief_embeds_only_the_latin_faces(
    brief_fonts: Callable[[str], list[str]],
) -> None:
    names = brief_fonts("A paragraph of the report.\n")
    assert all(name.startswith(("Source-Serif-4", "IBM-Plex-Sans")) for name in names), names
    assert not any("Arabic" in name for name in names)


def test_a_brief_quoting_arabic_embeds_its_face(
    brief_fonts: Callable[[str], list[str]],
) -> None:
    names = brief_fonts(f"The letter says: «{SAMPLES['Arabic']}».\n")
    assert any(name.startswith("Amiri") for name in names), names
    assert not any(name.startswith("Frank-Ruhl") for name in names), names
