"""`broadside new`: a campaign folder that builds at once, in every language with labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from broadside.content.frontmatter import read_source
from broadside.content.loader import load_campaign
from broadside.content.starter import languages
from broadside.html.labels import LABELS
from broadside.html.translations import UNREVIEWED
from tests.conftest import run_cli
from tests.reading import page_texts


def test_every_language_with_labels_has_starter_text() -> None:
    """The languages whose labels a speaker has reviewed; the others (html/translations.py)
    get their starter text with that review."""
    missing = set(LABELS) - set(UNREVIEWED) - set(languages())
    assert not missing, (
        f"add starter/text/<lang>.yaml (a translation of en.yaml) for: {sorted(missing)}"
    )


@pytest.mark.parametrize("lang", languages())
def test_new_writes_a_campaign_that_checks_clean(tmp_path: Path, lang: str) -> None:
    folder = tmp_path / "campaign"
    result = run_cli("new", folder, "--lang", lang)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["README.md", "article.md", "letter.md"]
    campaign = load_campaign(folder)
    assert campaign.warnings == ()
    assert campaign.lang == lang and campaign.letter.meta.lang == lang
    # Obviously placeholder: every text a reader would see is [bracketed].
    letter = campaign.letter.meta
    for text in (letter.title, *letter.signature, *letter.demands, campaign.article.meta.title):
        assert text.startswith("[") and text.endswith("]"), text
    # Every field of both files is there, or shown in a comment.
    for name in ("article.md", "letter.md"):
        written = (folder / name).read_text(encoding="utf-8")
        data = read_source(folder / name).data
        model = type(campaign.article.meta if name == "article.md" else letter)
        for field in model.model_fields:
            assert field in data or f"# {field}:" in written, f"{name}: {field}"
    assert "broadside build" in (folder / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "paper"), [("en", "a4"), ("en", "letter"), ("de", "letter"), ("fr", "a4")]
)
def test_what_new_writes_builds(tmp_path: Path, lang: str, paper: str) -> None:
    folder, out = tmp_path / "campaign", tmp_path / "out"
    assert run_cli("new", folder, "--lang", lang).exit_code == 0
    result = run_cli("build", folder, "--out", out, "--paper", paper, "--strict")
    assert result.exit_code == 0, result.output
    text = "".join(page_texts(out / "flyer.pdf"))
    assert "[" in text  # the placeholder demands, on the flyer
    assert len(page_texts(out / "brief.pdf")) >= 4


def test_new_refuses_a_folder_with_anything_in_it(tmp_path: Path) -> None:
    folder = tmp_path / "campaign"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cli("new", folder)
    assert result.exit_code == 2
    assert "is not empty" in result.output and "nothing there is overwritten" in result.output
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_new_refuses_a_file_and_an_unknown_language(tmp_path: Path) -> None:
    file = tmp_path / "campaign"
    file.write_text("x", encoding="utf-8")
    result = run_cli("new", file)
    assert result.exit_code == 2 and "is not a folder" in result.output
    result = run_cli("new", tmp_path / "other", "--lang", "xx")
    assert result.exit_code == 2
    assert "no starter text in 'xx'; choose one of en, " in result.output
    assert not (tmp_path / "other").exists()


def test_new_writes_into_an_empty_folder(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    assert run_cli("new", folder).exit_code == 0
    assert (folder / "letter.md").is_file()


def test_the_language_may_be_written_in_capitals(tmp_path: Path) -> None:
    assert run_cli("new", tmp_path / "c", "--lang", "DE").exit_code == 0
    assert load_campaign(tmp_path / "c").lang == "de"
