"""What finishing costs: reading the box tree, and pikepdf's work on the written PDF.

    .venv/bin/python bench/finishing.py [REPEAT ...]   # default: 1 24 64 (6, ~38, ~93 pages)

For each brief (the seed's texts repeated), CPU time of: WeasyPrint's layout and writing
(for scale), pdf/boxtree.py's read, and pdf/finishing.py (median of 5) with and without
the structure rebuild; and the PDF's size as WeasyPrint wrote it and as finished.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from broadside.content.loader import load_campaign
from broadside.documents.registry import OUTPUTS
from broadside.options import BuildOptions
from broadside.pdf import engine
from broadside.pdf.boxtree import drawing
from broadside.pdf.finishing import finish
from broadside.pdf.fontdates import fixed_font_dates
from broadside.pdf.settings import PdfSettings

sys.path.insert(0, str(Path(__file__).parent))
from run import SEED, campaign_copy


def cpu(action: Callable[..., object], *args: object) -> float:
    start = time.process_time()
    action(*args)
    return time.process_time() - start


def row(printer: engine.Engine, root: Path) -> str:
    brief = next(output for output in OUTPUTS if output.name == "brief.pdf")
    job = brief.jobs(brief, load_campaign(root), BuildOptions(), PdfSettings())[0]
    fetcher = engine._fetcher(printer._own, job.base)
    layout = job.layouts[0]
    start = time.process_time()
    parsed = printer._parse(layout, job, fetcher)
    document = printer._render(parsed, layout.sheets, job, {})
    read = cpu(drawing, document)
    drawn = drawing(document)
    with fixed_font_dates():
        raw = document.write_pdf(**engine._options(job.settings))
    laid_out = time.process_time() - start - read
    full = statistics.median(cpu(finish, raw, job.settings, drawn) for _ in range(5))
    plain = statistics.median(cpu(finish, raw, job.settings, None) for _ in range(5))
    done = finish(raw, job.settings, drawn)
    change = (len(done) - len(raw)) / len(raw)
    return (
        f"| {len(document.pages)} pages | {laid_out:.2f} s | {read * 1000:.0f} ms "
        f"| {full * 1000:.0f} ms | {plain * 1000:.0f} ms "
        f"| {len(raw) / 1024:.0f} → {len(done) / 1024:.0f} KB ({change:+.1%}) |"
    )


def main(repeats: list[int]) -> None:
    printer = engine.Engine()
    print("| brief | layout + write | box tree read | finishing | without restructure | size |")
    print("|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as work:
        for repeat in repeats:
            root = SEED if repeat == 1 else campaign_copy(Path(work), f"x{repeat}", repeat)
            print(row(printer, root))


if __name__ == "__main__":
    main([int(value) for value in sys.argv[1:]] or [1, 24, 64])
