"""How many layouts the flyer's fit search takes, how long, and the sizes it chose.

    .venv/bin/python bench/flyer_fit.py [--handouts]

Builds flyers for 1, 3 (the seed), 7 and 12 demands, each with and without a URL, on A4
and US Letter, each twice in one process, and reports the second (warm) run: what a
watcher or a second build costs. With --handouts, the 2-up and 4-up copies too.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from broadside.content.loader import load_campaign
from broadside.options import BuildOptions
from broadside.paper import Paper
from tests.conftest import MINIMAL_ARTICLE, MINIMAL_LETTER, SEED_CONTENT, write_markdown
from tests.documents.test_flyer import CASES, SEVEN_URL
from tests.printing import make

URL = {"url": SEVEN_URL}


def campaigns(root: Path) -> dict[str, Path]:
    folders = {}
    for label, name in (("1", "one"), ("3", "seed"), ("7", "seven"), ("12", "twelve")):
        for url in (False, True):
            folder = root / f"{name}-{url}"
            if name == "seed":
                article, letter_md = (SEED_CONTENT / "article.md"), (SEED_CONTENT / "letter.md")
                folder.mkdir()
                (folder / "article.md").write_bytes(article.read_bytes())
                text = letter_md.read_text(encoding="utf-8")
                if url:
                    text = text.replace("\nlang: en\n", f"\nlang: en\nurl: {SEVEN_URL}\n", 1)
                (folder / "letter.md").write_text(text, encoding="utf-8")
            else:
                letter = {**MINIMAL_LETTER, **CASES[name].letter}
                letter.pop("url", None)
                write_markdown(folder / "article.md", dict(MINIMAL_ARTICLE), "A report.\n")
                write_markdown(folder / "letter.md", {**letter, **(URL if url else {})}, "A.\n")
            folders[f"{label}{' +url' if url else ''}"] = folder
    return folders


def main() -> None:
    outputs = ["flyer.pdf"]
    if "--handouts" in sys.argv:
        outputs += ["flyer-2up.pdf", "flyer-4up.pdf"]
    columns = ("demands", 9), ("paper", 9), ("output", 14), ("layouts", 8), ("size pt", 8)
    print(" ".join(f"{name:>{width}}" for name, width in columns), f"{'fit ms':>7}")
    with tempfile.TemporaryDirectory() as scratch:
        for label, folder in campaigns(Path(scratch)).items():
            campaign = load_campaign(folder)
            for paper in (Paper.A4, Paper.LETTER):
                options = BuildOptions(paper, handouts=True)
                for name in outputs:
                    make(name, campaign, options)  # cold: fonts, hyphenation dictionaries
                    started = time.perf_counter()
                    made, printed = make(name, campaign, options)
                    total_ms = (time.perf_counter() - started) * 1000
                    scaled = printed[0].scaled
                    assert scaled is not None
                    summary = [d for d in made.details if "demands set at" in d]
                    layouts = re.search(r"(\d+) layouts?", summary[0]) if summary else None
                    size = f"{scaled.size:g}" if scaled.size else "—"
                    print(
                        f"{label:>9} {paper.label:>9} {name:>14} "
                        f"{layouts.group(1) if layouts else '—':>8} {size:>8} "
                        f"{scaled.milliseconds:>7.0f}   (with the PDF: {total_ms:.0f} ms)"
                    )


if __name__ == "__main__":
    main()
