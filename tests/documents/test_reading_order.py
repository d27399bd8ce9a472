"""A screen reader reads the brief as it was written: the structure tree, in order.

Cover, contents, the report, the letter with its demands, the signatories when there are
any, the sources — each paragraph once, whole, in its place, with every word whole (no hyphen
hyphenation added, no letters pulled apart, no capitals CSS set), and nothing of the running
heads and feet. Checked on every test and corpus campaign (tests/builds.py).
"""

from __future__ import annotations

import re

import pytest

from broadside.content.loader import load_campaign
from broadside.content.markdown import plain_inline
from broadside.html.labels import Labels
from tests.builds import CAMPAIGNS, SIGNED, build, source
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


def in_order(found: str, expected: list[str]) -> list[str]:
    """Those of `expected` that are not in `found`, one after the other."""
    missing, position = [], 0
    for text in expected:
        at = found.find(text, position)
        if at < 0:
            missing.append(text)
        else:
            position = at + len(text)
    return missing


def on_cover(text: str, cover: Element) -> bool:
    """`text` is read on the cover, whole or, where the cover shortens it, its beginning."""
    if squash(text) in squash(cover.text):
        return True
    shortened = [squash(e.text.rstrip("…")) for e in cover.walk() if e.text.endswith("…")]
    return any(len(start) >= 20 and squash(text).startswith(start) for start in shortened)


# Known, left for the next round of issue 11 (not yet diagnosed; it sits beside the byline
# rail): in the corpus's rich-body campaign the report's first paragraph keeps per-line
# Spans, a hyphen hyphenation added (U+2010, "min‐imum") and a NonStruct for its note call.
UNMAPPED = pytest.mark.xfail(strict=True, reason="rich-body's first paragraph, issue 11")
READ = [pytest.param(n, marks=UNMAPPED) if n == "corpus-rich-body" else n for n in CAMPAIGNS]


@pytest.mark.parametrize("name", [*READ, SIGNED])
def test_the_structure_reads_as_the_brief_was_written(
    name: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    campaign = load_campaign(source(tmp_path_factory, name))
    article, letter, signed = campaign.article, campaign.letter, campaign.signatories
    tree = structure(build(tmp_path_factory, name, "plain") / "brief.pdf")
    document = tree.children[0]
    parts = ["Art", "Art", *(["Sect"] if signed else []), "Sect"]
    tags = [section.tag for section in document.children]
    # A brief of eight pages or more has a contents page; a shorter one lists its parts on
    # the cover ("In this brief").
    assert tags in (["Sect", *parts], ["Sect", "Sect", *parts])
    cover, *rest = document.children
    contents = rest.pop(0) if len(tags) == len(parts) + 2 else cover
    report, open_letter, *signatories, sources = rest

    def plain(text: str, lang: str) -> str:
        return plain_inline(text, lang=lang)

    # The cover: the ask or the letter's title, the demands (a long field may be shortened).
    assert on_cover(plain(letter.meta.ask or letter.meta.title, letter.meta.lang), cover)
    for demand in letter.meta.demands[:1]:
        assert on_cover(plain(demand, letter.meta.lang), cover)
    # The contents: the report, then the letter, each named by an entry, in that order.
    entries = [squash(e.text) for e in contents.walk() if e.tag == "TOCI"]
    titles = [
        squash(plain(article.meta.title, article.meta.lang))[:12],
        squash(plain(letter.meta.title, letter.meta.lang))[:12],
    ]
    found = [next((i for i, entry in enumerate(entries) if title in entry), -1) for title in titles]
    assert -1 not in found and found == sorted(found), entries
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
    # The signatories: a section of their own, every name once, in the order printed.
    if signed:
        (section,) = signatories
        assert [c.tag for c in section.children[:3]] == ["P", "H1", "P"]
        names = [s.name for s in (*signed.organisations, *signed.people)]
        assert in_order(squash(section.text), [squash(n) for n in names]) == []
    order = [element.tag for element in sources.walk()]
    assert "H1" in order and order.index("H1") < order.index("L")  # titled, then the list


@pytest.mark.parametrize("name", [*CAMPAIGNS, SIGNED])
def test_running_heads_and_feet_are_not_read(
    name: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    campaign = load_campaign(source(tmp_path_factory, name))
    tree: Element = structure(build(tmp_path_factory, name, "plain") / "brief.pdf")
    folio = re.escape(Labels(campaign.lang).page_of).replace(r"\{page\}", r"\d+")
    assert not re.search(folio.replace(r"\{pages\}", r"\d+"), tree.text)
    if name in ("seed", "bilingual"):
        meta = campaign.article.meta
        title = squash(plain_inline(meta.title, lang=meta.lang))
        # The cover's "In this brief" (a short brief has no contents page), the report's
        # headline, the sources' citation: never a running head.
        assert squash(tree.text).count(title) == 3
