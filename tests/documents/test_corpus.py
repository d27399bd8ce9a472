"""The layout corpus itself: every campaign builds on A4 and Letter, and together they
stress what issue 9 asks (pictures both ways, long fields, 1 to 12 demands, languages…)."""

from __future__ import annotations

from typing import Any

import pikepdf
import pytest
from PIL import Image

from tests.corpus import (
    CORPUS,
    SharedBuilds,
    campaign_dir,
    campaign_names,
    cases,
    description,
    front_matter,
)


@pytest.mark.parametrize(("campaign", "paper"), cases())
def test_every_campaign_builds_on_both_papers(
    campaign: str, paper: str, corpus_builds: SharedBuilds
) -> None:
    build = corpus_builds.get(campaign, paper)
    assert "warning" not in build.output.lower(), build.output
    with pikepdf.open(build.pdf("brief")) as brief, pikepdf.open(build.pdf("flyer")) as flyer:
        assert len(brief.pages) >= 4
        assert len(flyer.pages) == 1
        width = float(brief.pages[0].mediabox[2])
        assert round(width) == (595 if paper == "a4" else 612)


@pytest.mark.parametrize("campaign", campaign_names())
def test_each_campaign_says_in_one_line_what_it_stresses(campaign: str) -> None:
    text = (campaign_dir(campaign) / "README.md").read_text(encoding="utf-8").strip()
    assert text and "\n" not in text
    assert text == description(campaign)


def _article(campaign: str) -> dict[str, Any]:
    return front_matter(campaign, "article.md")


def _letter(campaign: str) -> dict[str, Any]:
    return front_matter(campaign, "letter.md")


def test_the_corpus_covers_what_issue_9_asks() -> None:
    names = campaign_names()
    assert len(names) >= 10
    demands = {len(_letter(name)["demands"]) for name in names}
    assert {1, 7, 12} <= demands
    languages = {_article(name).get("lang", "en") for name in names}
    assert {"en", "de", "fr"} <= languages
    assert any("url" in _letter(name) for name in names)
    assert any("url" not in _letter(name) for name in names)
    undated = [
        name
        for name in names
        if not {"published", "updates"} & set(_article(name)) and "date" not in _letter(name)
    ]
    assert undated
    pictures = []
    for name in names:
        figure = _article(name).get("figure") or {}
        if "file" in figure:
            with Image.open(campaign_dir(name) / figure["file"]) as image:
                pictures.append(image.size)
    assert any(w > h for w, h in pictures) and any(h > w for w, h in pictures)
    long_titles = [name for name in names if len(_article(name)["title"]) > 120]
    assert long_titles
    bodies = {
        name: len((campaign_dir(name) / "article.md").read_text(encoding="utf-8")) for name in names
    }
    assert max(bodies.values()) > 12_000 and min(bodies.values()) < 1_000


def test_the_corpus_pictures_are_small() -> None:
    for path in CORPUS.glob("*/photos/*"):
        assert path.stat().st_size < 150_000, path
