"""Several campaigns in one command: each into its own folder, each on its own."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import SEED_CONTENT, run_cli


def test_each_campaign_builds_into_a_folder_of_its_name(make_campaign, tmp_path: Path) -> None:
    first = make_campaign(name="first")
    second = make_campaign(name="second", letter={"demands": ["Another thing."]})
    out = tmp_path / "out"
    result = run_cli("build", first, second, "--out", out)
    assert result.exit_code == 0, result.output
    for name in ("first", "second"):
        assert sorted(p.name for p in (out / name).iterdir()) == ["brief.pdf", "flyer.pdf"]
        assert f"wrote {out / name / 'brief.pdf'}" in result.output
    assert not (out / "brief.pdf").exists()


def test_one_campaigns_mistakes_leave_its_outputs_and_the_others_alone(
    make_campaign, tmp_path: Path
) -> None:
    good = make_campaign(name="good")
    bad = make_campaign(name="bad")
    out = tmp_path / "out"
    assert run_cli("build", good, bad, "--out", out).exit_code == 0
    before = (out / "bad" / "brief.pdf").read_bytes()
    (bad / "letter.md").write_text("---\ntitle: x\n---\n")  # no demands, no signature
    (good / "article.md").write_text(
        (good / "article.md").read_text().replace("A small report", "A changed report")
    )
    result = run_cli("build", good, bad, "--out", out)
    assert result.exit_code == 1  # a content mistake, in one of them
    assert (
        "bad/letter.md" in result.output and "demands: required field is missing" in result.output
    )
    assert "1 of 2 campaigns failed" in result.output
    assert (out / "bad" / "brief.pdf").read_bytes() == before
    assert f"wrote {out / 'good' / 'brief.pdf'}" in result.output


def test_two_campaigns_of_the_same_name_are_refused_before_anything_is_built(
    tmp_path: Path,
) -> None:
    one = Path(shutil.copytree(SEED_CONTENT, tmp_path / "a" / "campaign"))
    two = Path(shutil.copytree(SEED_CONTENT, tmp_path / "b" / "campaign"))
    out = tmp_path / "out"
    result = run_cli("build", one, two, "--out", out)
    assert result.exit_code == 1
    assert "has the same name as" in result.output and "rename one" in result.output
    assert not out.exists()


def test_check_takes_several_folders_and_reports_each(make_campaign, tmp_path: Path) -> None:
    good = make_campaign(name="good")
    bad = make_campaign(name="bad", letter={"demands": []})
    result = run_cli("check", good, bad)
    assert result.exit_code == 1
    assert f"{good}: ok" in result.output
    assert "bad/letter.md" in result.output and "demands" in result.output
