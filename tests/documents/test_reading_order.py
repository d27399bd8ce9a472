"""A screen reader reads the brief as it was written: the structure tree, in order.

Cover, contents, the report, the letter with its demands, the sources — each paragraph
once, whole, in its place, with every word whole (no hyphen hyphenation added, no letters
pulled apart, no capitals CSS set), and nothing of the running heads and feet.
"""

from __future__ import annotations

import re

import pytest

from broadside.content.loader import load_campaign
from broadside.content.markdown import plain_inline
from tests.builds import CAMPAIGNS, build
from tests.reading import squash
from tests.structure import Element, structure


def words(text: str) -> list[str]:
    return re.findall(r"\w+(?:[’'-]\w+)*", text)


def without_note_calls(paragraph: Element) -> str:
    """A paragraph's text without its footnote calls (links that read as a number)."""
    text = paragraph.text
    for child in paragraph.children:
        if child.tag == "Link" and child.text.strip().isdigit():
            text = text.replace(child.text, "", 1)
    return text


@pytest.mark.parametrize("name", ["seed", "bilingual", "rich"])
def test_the_structure_reads_as_the_brief_was_written(
    name: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    campaign = load_campaign(CAMPAIGNS[name])
    article, letter = campaign.article, campaign.letter
    tree = structure(build(tmp_path_factory, name, "plain") / "brief.pdf")
    document = tree.children[0]
    assert [section.tag for section in document.children] == ["Sect", "Sect", "Art", "Art", "Sect"]
    cover, contents, report, open_letter, sources = document.children

    def plain(text: str, lang: str) -> str:
        return plain_inline(text, lang=lang)

    # The cover: what it is, the ask, the demands.
    assert squash(plain(article.meta.title, article.meta.lang)) in squash(cover.text)
    for demand in letter.meta.demands[:1]:
        assert squash(plain(demand, letter.meta.lang)) in squash(cover.text)
    # The contents: the report, the letter, its demands, the sources, in that order.
    entries = [e.text for e in contents.walk() if e.tag == "TOCI"]
    assert [squash(entry)[:12] for entry in entries] == [
        squash(t)[:12]
        for t in (
            plain(article.meta.title, article.meta.lang),
            plain(letter.meta.title, letter.meta.lang),
        )
    ] + [squash(entry)[:12] for entry in entries[2:]]
    # The report, then the letter: every paragraph one P, in order, every word whole.
    for section, text, lang in (
        (report, article.body, article.meta.lang),
        (open_letter, letter.body, letter.meta.lang),
    ):
        blocks = [without_note_calls(e) for e in section.walk() if e.tag == "P"]
        position = 0
        for written in (p for p in text.split("\n\n") if p.strip() and p[0].isalnum()):
            paragraph = re.sub(r"\[\^[^\]]+\]", "", written)  # a footnote call: a number
            expected = squash(plain(paragraph, lang))
            found = next(
                (i for i in range(position, len(blocks)) if squash(blocks[i]) == expected), None
            )
            assert found is not None, f"{name}: not one P, or out of order: {paragraph[:60]}"
            for word in words(plain(paragraph, lang)):
                assert word in blocks[found], f"{name}: {word!r} is not whole in {blocks[found]!r}"
            position = found + 1
    for demand in letter.meta.demands:
        assert squash(plain(demand, letter.meta.lang)) in squash(open_letter.text)
    assert sources.children[1].tag == "H1"


@pytest.mark.parametrize("name", ["seed", "bilingual"])
def test_running_heads_and_feet_are_not_read(
    name: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    tree: Element = structure(build(tmp_path_factory, name, "plain") / "brief.pdf")
    assert not re.search(r"Page \d+ of \d+", tree.text)
    title = squash(plain_inline(load_campaign(CAMPAIGNS[name]).article.meta.title, lang="en"))
    # Cover, contents entry, the report's headline, the sources' citation: never a page's head.
    assert squash(tree.text).count(title) == 4
