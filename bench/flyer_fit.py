"""How many layouts the flyer's fit search takes, how long, and how big the PDF is.

    .venv/bin/python bench/flyer_fit.py

Builds flyers for 1, 3 (the seed), 7 and 12 demands on A4 and US Letter, each twice in
one process, and reports the second (warm) run: what a watcher or a second build costs.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from broadside.content.loader import load_campaign
from broadside.options import BuildOptions
from broadside.paper import Paper
from tests.conftest import MINIMAL_ARTICLE, MINIMAL_LETTER, SEED_CONTENT, write_markdown
from tests.documents.test_flyer import CASES
from tests.printing import make


def campaigns(root: Path) -> dict[str, Path]:
    folders = {"3 (seed)": SEED_CONTENT}
    for label, name in (("1", "one"), ("7", "seven"), ("12", "twelve")):
        folder = root / name
        write_markdown(folder / "article.md", dict(MINIMAL_ARTICLE), "A report.\n")
        letter = {**MINIMAL_LETTER, **CASES[name].letter}
        write_markdown(folder / "letter.md", letter, "A letter.\n")
        folders[label] = folder
    return dict(sorted(folders.items(), key=lambda item: int(item[0].split()[0])))


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        print(f"{'demands':>9} {'paper':>9} {'layouts':>8} {'size pt':>8} {'fit ms':>7} {'KB':>4}")
        for label, folder in campaigns(Path(scratch)).items():
            campaign = load_campaign(folder)
            for paper in (Paper.A4, Paper.LETTER):
                options = BuildOptions(paper=paper)
                make("flyer.pdf", campaign, options)  # cold: fonts, hyphenation dictionaries
                started = time.perf_counter()
                _, (flyer,) = make("flyer.pdf", campaign, options)
                total_ms = (time.perf_counter() - started) * 1000
                scaled = flyer.scaled
                assert scaled is not None and flyer.pdf is not None
                print(
                    f"{label:>9} {paper.label:>9} {len(scaled.trials):>8} {scaled.size:>8g} "
                    f"{scaled.milliseconds:>7.0f} {len(flyer.pdf) / 1024:>4.0f}"
                    f"   (with the PDF written: {total_ms:.0f} ms)"
                )


if __name__ == "__main__":
    main()
