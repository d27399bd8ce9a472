"""Measure signatories at scale: prints a Markdown report (bench/signatories.md holds the last).

    .venv/bin/python bench/signatories.py [--pairs 5] [--limit-runs 1]

Interleaved, one after the other (A B C A B C …), each command timed by `/usr/bin/time -v`:

- A: `broadside build` of the seed;
- B: `broadside build` of the seed with 10,000 signatories (bench/make_signatories.py);
- C: the plain `weasyprint` command on B's brief HTML (`--html`), asked for the same PDF
  variant (`--pdf-variant pdf/ua-1`);
- D: `broadside check` of the seed with 50,000 signatories (the row limit);
- E: `broadside build` with 1,000 signatories, the most set in two columns with quieter details
  (documents/brief.py DETAILED_MAX).

Then `broadside build` at the row limit, `--limit-runs` times. Medians of wall-clock time,
CPU time (user + system, every process) and peak memory (the largest process), and the
brief's size and pages. It measures; it never fails because a machine is slow.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
MAKE = REPO / "bench" / "make_signatories.py"


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_mib: float


def timed(command: list[str], *, may_fail: bool = False) -> Run:
    result = subprocess.run(
        ["/usr/bin/time", "-v", *command], capture_output=True, text=True, check=False
    )
    if result.returncode != 0 and not may_fail:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    if result.returncode != 0:
        print(f"<!-- {' '.join(command[:2])}: {result.stderr.splitlines()[0]} -->", flush=True)

    def field(name: str) -> str:
        found = re.search(rf"{re.escape(name)}: (.+)", result.stderr)
        assert found, name
        return found.group(1).strip()

    elapsed = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    clock = [float(part) for part in elapsed.split(":")]
    wall = sum(value * 60**power for power, value in enumerate(reversed(clock)))
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    return Run(wall, cpu, int(field("Maximum resident set size (kbytes)")) / 1024)


def campaign(into: Path, rows: int) -> Path:
    folder = Path(shutil.copytree(REPO / "content", into / f"signed-{rows}"))
    with (folder / "signatories.csv").open("w", encoding="utf-8") as handle:
        subprocess.run([sys.executable, str(MAKE), str(rows)], stdout=handle, check=True)
    return folder


def pages(pdf: Path) -> int:
    import pikepdf

    with pikepdf.open(pdf) as document:
        return len(document.pages)


def row(name: str, runs: list[Run]) -> str:
    wall = statistics.median(run.wall for run in runs)
    cpu = statistics.median(run.cpu for run in runs)
    peak = statistics.median(run.peak_mib for run in runs)
    spread = f"{min(r.wall for r in runs):.2f}–{max(r.wall for r in runs):.2f}"
    return f"| {name} | {wall:.2f} s ({spread}) | {cpu:.2f} s | {peak:.0f} MiB | {len(runs)} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--limit-runs", type=int, default=1)
    arguments = parser.parse_args()
    broadside, weasyprint = str(BIN / "broadside"), str(BIN / "weasyprint")
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        ten, limit, quiet = campaign(work, 10_000), campaign(work, 50_000), campaign(work, 1_000)
        out = work / "out"
        timed([broadside, "build", str(ten), "--out", str(out / "html"), "--html"])  # warm
        html = out / "html" / "brief.html"
        runs: dict[str, list[Run]] = {"A": [], "B": [], "C": [], "D": [], "E": []}
        for _ in range(arguments.pairs):
            runs["A"].append(timed([broadside, "build", str(REPO / "content"), "--out", str(out)]))
            runs["B"].append(timed([broadside, "build", str(ten), "--out", str(out / "ten")]))
            runs["C"].append(
                timed([weasyprint, "--pdf-variant", "pdf/ua-1", str(html), str(out / "w.pdf")])
            )
            runs["D"].append(timed([broadside, "check", str(limit)]))
            runs["E"].append(timed([broadside, "build", str(quiet), "--out", str(out / "quiet")]))
        brief, plain = out / "ten" / "brief.pdf", out / "w.pdf"
        seed_brief, limit_brief = out / "brief.pdf", out / "limit" / "brief.pdf"
        medians = {key: statistics.median(run.wall for run in value) for key, value in runs.items()}
        print(f"Machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f} after the rounds.\n")
        print("| command | wall, median (range) | CPU, median | peak memory | runs |")
        print("|---|---|---|---|---|")
        print(row("A: build, the seed", runs["A"]))
        print(row("B: build, 10,000 signatories", runs["B"]))
        print(row("C: weasyprint on B's brief.html, pdf/ua-1", runs["C"]))
        print(row("D: check, 50,000 signatories", runs["D"]))
        print(row("E: build, 1,000 signatories, two columns", runs["E"]), flush=True)
        at_limit = [
            timed([broadside, "build", str(limit), "--out", str(out / "limit")], may_fail=True)
            for _ in range(arguments.limit_runs)
        ]
        print(row("build, 50,000 signatories", at_limit))
        print(f"(load {os.getloadavg()[0]:.1f} after it)")
        print()
        print(f"- B / A (wall, medians): {medians['B'] / medians['A']:.1f}× (bound: 10×)")
        print(f"- B / C (wall, medians): {medians['B'] / medians['C']:.2f}× (bound: 1.0×)")
        for name, pdf in (
            ("seed", seed_brief),
            ("10,000", brief),
            ("weasyprint, 10,000", plain),
            ("1,000, two columns", out / "quiet" / "brief.pdf"),
            ("50,000", limit_brief),
        ):
            if pdf.exists():
                print(f"- brief, {name}: {pdf.stat().st_size / 1024:.0f} KB, {pages(pdf)} pages")


if __name__ == "__main__":
    main()
