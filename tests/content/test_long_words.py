"""Long words cost time in proportion to their length, not its cube.

The renderer lays a line out again for every place it could hyphenate the word that ends
it: hostile testing found 5,000 letters took 47 s, and four such paragraphs passed `check`
and could never be built. Words over LONG_WORD characters are marked in the HTML and never
hyphenated; they break where the line ends.
"""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

import pytest

from broadside.content.markdown import LONG_WORD, render_block, render_inline
from broadside.deadline import BUILD_SECONDS
from tests.conftest import run_cli, write_markdown
from tests.reading import body_texts


def word(length: int, seed: int = 1) -> str:
    """Letters the hyphenator finds many places to split: syllables, no spaces."""
    pick = random.Random(seed).choice
    syllables = ["ta", "ko", "ri", "men", "sa", "lo", "ve", "nu", "pra", "ster", "ling"]
    text = ""
    while len(text) < length:
        text += pick(syllables)
    return text[:length]


def marked(html: str) -> list[str]:
    return re.findall(r'<span class="long-word">([^<]*)</span>', html)


def test_only_words_longer_than_the_bound_are_marked() -> None:
    short, long = word(LONG_WORD), word(LONG_WORD + 1)
    assert marked(render_inline(f"{short} and {long}.", lang="en")) == [f"{long}."]
    html = render_block(
        f"# {long}\n\nA *{long}* [{long}](https://example.org)", lang="en", doc_id="a"
    )
    assert marked(html) == [long, long, long]


def test_long_code_is_marked_as_a_whole() -> None:
    html = render_inline(f"`{word(100)}` and `short`", lang="en")
    assert f'<code class="long-word">{word(100)}</code>' in html
    assert "<code>short</code>" in html


def test_a_long_word_with_soft_hyphens_is_not_hyphenated_at_them_either() -> None:
    soft = "\u00ad".join(word(200)[i : i + 2] for i in range(0, 200, 2))
    assert marked(render_inline(soft, lang="en")) == [soft]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.slow
def test_words_of_five_thousand_letters_build_in_seconds(here: Path) -> None:
    """Two such paragraphs took over 90 s before; now about as long as ordinary text."""
    paragraphs = [word(4_990, seed) for seed in range(2)]
    write_markdown(here / "case" / "article.md", {"title": "Long words"}, "\n\n".join(paragraphs))
    write_markdown(
        here / "case" / "letter.md",
        {"title": "A letter", "demands": [word(1_990, 3)], "signature": "Us"},
        "Body.\n",
    )
    started = time.perf_counter()
    result = run_cli("build", "case", "--out", "out")
    elapsed = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    assert elapsed < BUILD_SECONDS / 2  # about 8 s of CPU; generous for a busy machine
    text = re.sub(r"\s+", "", "".join(body_texts(here / "out" / "brief.pdf")))
    for paragraph in paragraphs:
        assert paragraph in text  # broken across lines, no letter lost, no hyphen added
