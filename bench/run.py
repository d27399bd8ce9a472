"""Broadside's benchmark: whole `broadside` commands against the plain `weasyprint` CLI.

    .venv/bin/python bench/run.py [--runs 7] [--quick] [--only NAME ...]

Prints a Markdown report to paste into bench/RESULTS.md. Every comparison runs the two
commands in turn, A B A B …, reversing the order every other round, so a machine that gets
busier or quieter weighs on both alike; medians are reported, and the ratio of medians
beside the median of the per-round ratios. Wall time, CPU time (user + system of the
process and every process it waited for, from wait4) and peak memory of the largest
process. Nothing here asserts a time: a slow machine is a number, not a failure.

What "cold" means: a new process each time, with the files it reads in the OS cache and
Broadside's own cache (font instances, compiled templates, font coverage) already made, as
on any machine after its first build. The first build on a machine is measured on its own.

Plain WeasyPrint renders `brief.html` as `broadside build --html` writes it (every sheet
inline, the fonts as @font-face rules pointing at the very files the build uses), asked for
the same kind of PDF (`--pdf-variant pdf/ua-1 --optimize-images --dpi 300`). `broadside
build` starts from the Markdown and makes every output (the brief and the flyer).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "content"
BIN = Path(sys.executable).parent
WEASYPRINT_OPTIONS = ["--pdf-variant", "pdf/ua-1", "--optimize-images", "--dpi", "300"]
BATCH = 20  # campaigns in one `broadside build`


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    cpu: float  # seconds, user + system, the process and the processes it waited for
    rss: float  # peak resident memory of the largest process, MB


def tool(name: str) -> list[str]:
    script = BIN / name
    return [str(script)] if script.exists() else [sys.executable, "-m", name]


def child_env(**extra: str) -> dict[str, str]:
    # Bytecode written and read, as in any normal install (some sandboxes turn it off);
    # the worker count left to Broadside unless a measurement sets it.
    skip = {"PYTHONDONTWRITEBYTECODE", "BROADSIDE_JOBS"}
    return {**{k: v for k, v in os.environ.items() if k not in skip}, **extra}


def run(argv: Sequence[str], env: dict[str, str] | None = None) -> Sample:
    started = time.perf_counter()
    process = subprocess.Popen(
        list(argv), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env or child_env()
    )
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"failed: {' '.join(argv)}\n{errors.decode(errors='replace')}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def interleaved(commands: dict[str, Callable[[], Sample]], runs: int) -> dict[str, list[Sample]]:
    """Each command once per round; the order reverses every other round. One warm-up."""
    names = list(commands)
    for name in names:
        commands[name]()
    results: dict[str, list[Sample]] = {name: [] for name in names}
    for round_number in range(runs):
        for name in names if round_number % 2 == 0 else reversed(names):
            results[name].append(commands[name]())
    return results


def median(samples: Sequence[Sample], field: str = "wall") -> float:
    return statistics.median(getattr(sample, field) for sample in samples)


def table(results: dict[str, list[Sample]]) -> list[str]:
    lines = [
        "| command | wall (median) | min–max | CPU (median) | peak RSS | runs |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, samples in results.items():
        walls = [s.wall for s in samples]
        lines.append(
            f"| {name} | {median(samples):.2f} s | {min(walls):.2f}–{max(walls):.2f} s "
            f"| {median(samples, 'cpu'):.2f} s | {max(s.rss for s in samples):.0f} MB "
            f"| {len(samples)} |"
        )
    return lines


def ratio(results: dict[str, list[Sample]], a: str, b: str) -> str:
    rounds = [x.wall / y.wall for x, y in zip(results[a], results[b], strict=True)]
    cpu = median(results[a], "cpu") / median(results[b], "cpu")
    return (
        f"**{a} / {b}: {median(results[a]) / median(results[b]):.2f}** wall (ratio of "
        f"medians; per round: median {statistics.median(rounds):.2f}, range "
        f"{min(rounds):.2f}–{max(rounds):.2f}); CPU {cpu:.2f}"
    )


@contextlib.contextmanager
def one_core_busy() -> Iterator[None]:
    """Another process keeping one core busy for as long as the block runs."""
    burner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.5)
        yield
    finally:
        burner.kill()
        burner.wait()


# --- the machine ---------------------------------------------------------------------------


def machine() -> list[str]:
    # Asked of another process: this one stays small, since a child's peak memory counts
    # the parent's pages from before it starts its own program.
    weasyprint = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", "import weasyprint; print(weasyprint.__version__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    models = re.findall(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
    cpu = models[0] if models else platform.processor() or "unknown"
    return [
        f"- CPU: {cpu}, {os.cpu_count()} logical cores",
        f"- OS: {platform.platform()}",
        f"- Load average at start: {' '.join(f'{v:.2f}' for v in os.getloadavg())}",
        f"- Python {platform.python_version()}, WeasyPrint {weasyprint}",
    ]


# --- campaigns -----------------------------------------------------------------------------


def campaign_copy(work: Path, name: str, repeat: int = 1, title: str = "") -> Path:
    """The seed, its article's and letter's bodies each repeated `repeat` times (longer
    briefs), its title marked with `title` (so copies are different campaigns)."""
    target = work / name
    if target.exists():
        return target
    shutil.copytree(SEED, target)
    for file in ("article.md", "letter.md"):
        source = target / file
        _, front, body = source.read_text(encoding="utf-8").split("---\n", 2)
        if title and file == "article.md":
            front = re.sub(r"^title: (.*)$", rf"title: \1 ({title})", front, count=1, flags=re.M)
        source.write_text(f"---\n{front}---\n" + "\n\n".join([body.strip()] * repeat) + "\n")
    return target


def brief_html(campaign: Path, out: Path) -> Path:
    """The brief's HTML as `broadside build --html` writes it, for plain WeasyPrint."""
    run([*tool("broadside"), "build", str(campaign), "--out", str(out), "--html"])
    return out / "brief.html"


def pages(pdf: Path) -> int:
    return int(
        subprocess.run(
            [sys.executable, "-c", f"import pikepdf; print(len(pikepdf.open({str(pdf)!r}).pages))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )


# --- the questions -------------------------------------------------------------------------


def cold(work: Path, runs: int) -> list[str]:
    out = work / "cold"
    html = brief_html(SEED, work / "seed-html")
    broadside = [*tool("broadside"), "build", str(SEED), "--out", str(out)]
    plain = [*tool("weasyprint"), *WEASYPRINT_OPTIONS, str(html), str(out / "plain.pdf")]
    commands = {
        "broadside build": lambda: run(broadside),
        "weasyprint brief.html": lambda: run(plain),
        "broadside build --jobs 0": lambda: run([*broadside, "--jobs", "0"]),
    }
    lines = ["### Quiet machine", ""]
    quiet = interleaved(commands, runs)
    lines += [*table(quiet), ""]
    lines.append(f"- {ratio(quiet, 'broadside build', 'weasyprint brief.html')}")
    lines.append(f"- {ratio(quiet, 'broadside build --jobs 0', 'weasyprint brief.html')}")
    lines += ["", "### Another process keeping one core busy", ""]
    with one_core_busy():
        loaded = interleaved(commands, runs)
    lines += [*table(loaded), ""]
    lines.append(f"- {ratio(loaded, 'broadside build', 'weasyprint brief.html')}")
    lines.append(f"- {ratio(loaded, 'broadside build --jobs 0', 'weasyprint brief.html')}")
    lines += ["", "### The first build on a machine (an empty cache each time)", ""]

    def first() -> Sample:
        with tempfile.TemporaryDirectory(prefix="broadside-cache-") as cache:
            return run(broadside, child_env(BROADSIDE_CACHE_DIR=cache))

    empty = interleaved(
        {"broadside build, empty cache": first, "weasyprint brief.html": lambda: run(plain)},
        max(3, runs // 2),
    )
    lines += [*table(empty), ""]
    lines.append(f"- {ratio(empty, 'broadside build, empty cache', 'weasyprint brief.html')}")
    return lines


def batch(work: Path, runs: int) -> list[str]:
    folders = [campaign_copy(work, f"batch-{n:02d}", title=f"copy {n}") for n in range(BATCH)]
    htmls = [brief_html(folder, work / "batch-html" / folder.name) for folder in folders]
    out = work / "batch-out"

    def broadside() -> Sample:
        return run([*tool("broadside"), "build", *map(str, folders), "--out", str(out)])

    def plain() -> Sample:
        total = Sample(0.0, 0.0, 0.0)
        for html in htmls:
            one = run([*tool("weasyprint"), *WEASYPRINT_OPTIONS, str(html), str(out / "p.pdf")])
            total = Sample(total.wall + one.wall, total.cpu + one.cpu, max(total.rss, one.rss))
        return total

    name_a = f"broadside build ({BATCH} campaigns, one command)"
    name_b = f"weasyprint, {BATCH} runs one after another"
    results = interleaved({name_a: broadside, name_b: plain}, max(3, runs // 2))
    return [*table(results), "", f"- {ratio(results, name_a, name_b)}"]


def long_briefs(work: Path, runs: int, target: int = 100) -> list[str]:
    """A brief of about `target` pages: per-page cost, tagged, against plain WeasyPrint
    asked for PDF/UA as well and for an untagged PDF."""
    repeat, found = 1, 0
    for _ in range(4):  # pages grow by about a page per repetition: aim, then correct
        campaign = campaign_copy(work, f"long-x{repeat}", repeat=repeat)
        html = brief_html(campaign, work / f"long-html-{repeat}")
        found = pages(html.with_suffix(".pdf"))
        if abs(found - target) <= 3:
            break
        repeat = max(1, round(repeat * target / max(found, 1)))
    out = work / "long-out"
    broadside = [*tool("broadside"), "build", str(campaign), "--out", str(out)]
    plain = [*tool("weasyprint"), "--optimize-images", "--dpi", "300", str(html)]
    results = interleaved(
        {
            "broadside build": lambda: run(broadside),
            "weasyprint, PDF/UA": lambda: run(
                [*plain, "--pdf-variant", "pdf/ua-1", str(out / "u.pdf")]
            ),
            "weasyprint, untagged": lambda: run([*plain, str(out / "p.pdf")]),
        },
        max(3, runs // 2),
    )
    per_page = median(results["broadside build"]) / found * 1000
    return [
        f"The seed's texts repeated ×{repeat}: a brief of **{found} pages**.",
        "",
        *table(results),
        "",
        f"- broadside build: **{per_page:.0f} ms a page** (wall, tagged, brief and flyer)",
        f"- {ratio(results, 'broadside build', 'weasyprint, PDF/UA')}",
        f"- {ratio(results, 'broadside build', 'weasyprint, untagged')}",
    ]


def startup(runs: int) -> list[str]:
    python = sys.executable
    seed = str(SEED)
    results = interleaved(
        {
            "python -c pass": lambda: run([python, "-c", "pass"]),
            "broadside --version": lambda: run([*tool("broadside"), "--version"]),
            "broadside check": lambda: run([*tool("broadside"), "check", seed]),
            "python -c 'import weasyprint'": lambda: run(
                [python, "-W", "ignore", "-c", "import weasyprint"]
            ),
        },
        runs,
    )
    return table(results)


def warm(work: Path, runs: int) -> list[str]:
    """Rebuilds in one process, through the code `broadside watch` runs, after real edits."""
    import resource

    from broadside.cli.watch import Session
    from broadside.options import BuildOptions

    campaign = campaign_copy(work, "warm")
    said: list[str] = []
    session = Session(campaign, work / "warm-out", BuildOptions(), said.append)
    session.rebuild(["brief.pdf", "flyer.pdf"])  # the watch's first, full build
    article = campaign / "article.md"
    original = article.read_text(encoding="utf-8")
    lines = ["| output | rebuild after an edit (median) | fastest |", "|---|---:|---:|"]
    for name in ("brief.pdf", "flyer.pdf"):
        times: list[float] = []
        for number in range(runs):
            # A real change each time: a new sentence, so nothing can be reused blindly.
            article.write_text(f"{original}\nEdit number {number}.\n", encoding="utf-8")
            started = time.perf_counter()
            if not session.rebuild([name]):
                raise SystemExit(f"rebuild failed: {said[-3:]}")
            times.append(time.perf_counter() - started)
        lines.append(f"| {name} | {statistics.median(times):.3f} s | {min(times):.3f} s |")
    article.write_text(original, encoding="utf-8")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return [*lines, "", f"Peak RSS of this warm process after all rebuilds: {peak:.0f} MB."]


SECTIONS: dict[str, tuple[str, Callable[[Path, int], list[str]]]] = {
    "cold": ("Cold builds of the seed, side by side", cold),
    "batch": (f"{BATCH} campaigns in one command", batch),
    "long": ("A 100-page brief", long_briefs),
    "startup": ("Start-up", lambda _work, runs: startup(runs)),
    "warm": ("Warm rebuilds (what `broadside watch` does after a save)", warm),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="rounds per comparison (median)")
    parser.add_argument("--quick", action="store_true", help="3 rounds")
    parser.add_argument("--only", nargs="*", choices=sorted(SECTIONS), help="these sections")
    arguments = parser.parse_args()
    runs = 3 if arguments.quick else arguments.runs
    started = time.perf_counter()
    print("## Machine\n")
    print("\n".join(machine()))
    with tempfile.TemporaryDirectory(prefix="broadside-bench-") as folder:
        work = Path(folder)
        for key in arguments.only or SECTIONS:
            title, measure = SECTIONS[key]
            print(f"\n## {title}\n", flush=True)
            print("\n".join(measure(work, runs)), flush=True)
    took = time.perf_counter() - started
    print(f"\n_{runs} rounds per comparison; the benchmark took {took:.0f} s._")


if __name__ == "__main__":
    main()
