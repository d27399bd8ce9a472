"""Runaway documents end quickly, with a message; large but reasonable ones still build.

The limits and the timings behind them are in docs/limits.md. The refusals are checked for
speed as well as wording: a limit that takes minutes to notice protects nothing.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from broadside.content.checks import MAX_BODY_CHARS, MAX_PARAGRAPH_CHARS
from broadside.deadline import BUILD_SECONDS, deadline_in, time_limit
from broadside.errors import BuildError, ExitCode
from broadside.fonts import faces as fonts
from broadside.html.stylesheets import Stylesheet
from broadside.pdf.jobs import Layout, PrintJob
from broadside.pdf.printer import LocalPrinter
from broadside.pdf.settings import PdfSettings
from broadside.resources import STYLES
from tests.conftest import run_cli
from tests.printing import page, print_html
from tests.reading import page_texts

QUICK = 10  # seconds: generous for a loaded CI machine; a refusal takes about one


@pytest.fixture
def campaign(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    monkeypatch.chdir(tmp_path)

    def make(article: str = "title: A report\n", body: str = "Body.\n", letter: str = "") -> Path:
        folder = tmp_path / "case"
        folder.mkdir(exist_ok=True)
        (folder / "article.md").write_text(f"---\n{article}---\n{body}", encoding="utf-8")
        (folder / "letter.md").write_text(
            letter or "---\ntitle: A letter\ndemands: [Do it.]\nsignature: Us\n---\nBody.\n",
            encoding="utf-8",
        )
        return folder

    return make


def timed_check(*args: str | Path) -> tuple[int, list[str], float]:
    start = time.perf_counter()
    result = run_cli(*args)
    elapsed = time.perf_counter() - start
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr.splitlines(), elapsed


def test_a_five_megabyte_line_is_refused_quickly_naming_its_line(campaign: Callable) -> None:
    campaign(body="A first line.\n" + "word " * 1_000_000 + "\n")
    code, lines, elapsed = timed_check("build", "case", "--out", "out")
    assert code == ExitCode.CONTENT and elapsed < QUICK
    assert lines == [
        f"case/article.md:4: body: 5,000,015 characters; the limit is {MAX_BODY_CHARS:,}: "
        "split the text or shorten it",
        "case/article.md:5: body: line is 5,000,000 characters; the limit is 5,000",
    ]
    assert not Path("out").exists()


def test_ten_thousand_paragraphs_are_refused_quickly(campaign: Callable) -> None:
    campaign(body="\n\n".join(f"Paragraph {n}." for n in range(10_000)) + "\n")
    code, lines, elapsed = timed_check("check", "case")
    assert code == ExitCode.CONTENT and elapsed < QUICK
    assert lines == [
        "case/article.md:4: body: 10,000 paragraphs, list items, table cells and the like; "
        "the limit is 2,000"
    ]


def test_runaway_fields_and_structures(campaign: Callable) -> None:
    demands = "".join(f"  - Demand {n}\n" for n in range(2_000))
    campaign(
        article="title: " + "Long " * 20_000 + "\n",
        # A paragraph of 110 short lines: no line is long, the paragraph is.
        body="Fine.\n\n" + "\n".join([" ".join(["word"] * 10)] * 110) + "\n\n"
        "| a | b |\n|---|---|\n" + "| x | y |\n" * 300,
        letter=f"---\ntitle: A letter\ndemands:\n{demands}signature: Us\n---\nBody.\n",
    )
    code, lines, elapsed = timed_check("check", "case")
    assert code == ExitCode.CONTENT and elapsed < QUICK
    assert lines == [
        "case/article.md:2: title: is too long: at most 2000 characters",
        "case/article.md:4: body: 602 table cells; the limit is 500",
        f"case/article.md:6: body: a paragraph of 5,499 characters; the limit is "
        f"{MAX_PARAGRAPH_CHARS:,}: break it up",
        "case/letter.md:3: demands: is too long: at most 40 items",
    ]


def test_oversized_files_and_front_matter_are_refused_before_parsing(
    campaign: Callable,
) -> None:
    folder = campaign(article="title: A report\nsubtitle: " + "x" * 250_000 + "\n")
    with (folder / "letter.md").open("wb") as handle:  # sparse: 9 MB that cost no disk
        handle.truncate(9 * 1024 * 1024)
    code, lines, elapsed = timed_check("check", "case")
    assert code == ExitCode.CONTENT and elapsed < QUICK
    assert lines == [
        "case/article.md:2: front matter is 250,026 characters; the limit is 200,000: long "
        "text belongs in the body",
        "case/letter.md: file is 9.0 MB; the limit is 8 MB",
    ]


@pytest.mark.slow
def test_a_long_but_reasonable_article_builds(campaign: Callable) -> None:
    sentence = "The workers wrote to their chief executive about the contracts. "
    campaign(body="\n\n".join(f"Part {n}: " + sentence * 2 for n in range(700)) + "\n")
    start = time.perf_counter()
    result = run_cli("build", "case", "--out", "out")
    elapsed = time.perf_counter() - start
    assert result.exit_code == 0, result.output
    assert elapsed < BUILD_SECONDS
    texts = page_texts(Path("out/brief.pdf"))
    assert len(texts) > 25
    assert "Part 699: The workers wrote" in "".join(texts).replace("\r\n", " ").replace("\n", " ")


def _zalgo_html(characters: int) -> str:
    """One paragraph of letters under stacked accents: typeset in time that grows with the
    square of its length (measured: 20,000 characters take 5 s, 90,000 take 90 s)."""
    text = ("a\u0301\u0300\u0302b " * characters)[:characters]
    return f'<html lang="en"><title>t</title><body><p>{text}</p></body></html>'


SHEETS = (Stylesheet("fonts", fonts.font_face_css(), STYLES),)


def test_the_deadline_stops_a_slow_render_with_a_message(tmp_path: Path) -> None:
    previous = signal.getsignal(signal.SIGALRM)
    start = time.perf_counter()
    expected = r"^gave up after 1 seconds: the campaign is too big"
    with pytest.raises(BuildError, match=expected), time_limit(1):
        print_html(tmp_path, _zalgo_html(60_000), SHEETS)
    assert time.perf_counter() - start < 4
    assert signal.getsignal(signal.SIGALRM) is previous
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_print_job_carries_its_deadline(tmp_path: Path) -> None:
    """The printer itself stops a job at its deadline, wherever the job prints."""
    job = PrintJob(
        "slow.pdf",
        tmp_path,
        PdfSettings(),
        (Layout(_zalgo_html(60_000), SHEETS),),
        deadline=deadline_in(1),
    )
    start = time.perf_counter()
    with pytest.raises(BuildError, match=r"^gave up after \d+ seconds"):
        LocalPrinter().submit(job).result()
    assert time.perf_counter() - start < 4
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_the_deadline_leaves_a_quick_render_alone(tmp_path: Path) -> None:
    with time_limit(5):
        printed = print_html(tmp_path, page("<p>Quick.</p>"), SHEETS)
    assert printed.pdf is not None and printed.pages == 1
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
