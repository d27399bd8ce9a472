"""Broadside's benchmark: how long a build takes, cold and warm, against plain WeasyPrint.

    .venv/bin/python bench/run.py [--runs 7] [--quick]

Prints a Markdown report (the machine, then one table per question) to paste into
bench/RESULTS.md. Times are medians over repeated runs; ratios come from runs interleaved
in the same session (ABAB..., the order alternating), so a machine that gets busier or
quieter affects both sides alike. Nothing here asserts a time: a slow machine is a number,
not a failure. Takes a few minutes (about one with --quick).

What "cold" means here: a new process each time, with the files it reads in the OS cache
and Broadside's own cache (~/.cache/broadside: font instances, compiled templates,
hyphenation patterns) already made, as on any machine after its first build. The first
build on a machine is measured separately, with an empty cache.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "content"
BIN = Path(sys.executable).parent
# The plain CLI is given the options Broadside's engine uses, so both make the same kind
# of PDF (tagged PDF/UA-1, images at 300 dpi, optimised): the same work, not less.
WEASYPRINT_OPTIONS = ["--pdf-variant", "pdf/ua-1", "--optimize-images", "--dpi", "300"]
LENGTHS = (8, 30, 100)  # brief lengths, in pages, for how cost grows


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    cpu: float  # seconds, user + system, the process and the processes it waited for
    rss: float  # peak resident memory, MB


def command(tool: str) -> list[str]:
    script = BIN / tool
    return [str(script)] if script.exists() else [sys.executable, "-m", tool]


def child_env(**extra: str) -> dict[str, str]:
    # Bytecode written and read, as in any normal install (some sandboxes turn it off).
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **extra}


def run(argv: Sequence[str], env: dict[str, str] | None = None) -> Sample:
    started = time.perf_counter()
    process = subprocess.Popen(
        list(argv),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env or child_env(),
    )
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"failed: {' '.join(argv)}\n{errors.decode(errors='replace')}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def median(samples: Sequence[Sample], field: str = "wall") -> float:
    return statistics.median(getattr(sample, field) for sample in samples)


def interleaved(commands: dict[str, Callable[[], Sample]], runs: int) -> dict[str, list[Sample]]:
    """Each command once per round; the order reverses every other round."""
    names = list(commands)
    results: dict[str, list[Sample]] = {name: [] for name in names}
    for round_number in range(runs):
        for name in names if round_number % 2 == 0 else reversed(names):
            results[name].append(commands[name]())
    return results


# --- the machine ---------------------------------------------------------------------------


def machine() -> list[tuple[str, str]]:
    import ctypes

    import weasyprint
    from weasyprint.text.ffi import pango

    cpu_info = Path("/proc/cpuinfo")
    models = re.findall(r"^model name\s*:\s*(.+)$", cpu_info.read_text(), flags=re.M)
    cpu = models[0] if models else platform.processor() or "unknown"

    def version(soname: str, function: str) -> str:
        try:
            library = ctypes.CDLL(soname)
        except OSError:
            return "not found"
        call = getattr(library, function)
        call.restype = ctypes.c_char_p if "string" in function else ctypes.c_int
        value = call()
        if isinstance(value, bytes):
            return value.decode()
        return f"{value // 10000}.{value // 100 % 100}.{value % 100}"

    pango_version = pango.pango_version()
    return [
        ("CPU", f"{cpu}, {os.cpu_count()} logical cores"),
        ("OS", platform.platform()),
        ("Load average at start", " ".join(f"{value:.2f}" for value in os.getloadavg())),
        ("Python", platform.python_version()),
        ("WeasyPrint", weasyprint.__version__),
        (
            "Pango",
            f"{pango_version // 10000}.{pango_version // 100 % 100}.{pango_version % 100}",
        ),
        ("HarfBuzz", version("libharfbuzz.so.0", "hb_version_string")),
        ("fontconfig", version("libfontconfig.so.1", "FcGetVersion")),
    ]


# --- campaigns -----------------------------------------------------------------------------


def campaign_copy(folder: Path, repeat: int = 1) -> Path:
    """The seed campaign, the bodies of its article and letter each repeated `repeat` times
    (longer briefs; both, so neither file nears the content's size limit)."""
    target = folder / f"campaign-x{repeat}"
    if target.exists():
        return target
    shutil.copytree(SEED, target)
    for name in ("article.md", "letter.md"):
        source = target / name
        _, front, body = source.read_text(encoding="utf-8").split("---\n", 2)
        source.write_text(f"---\n{front}---\n" + "\n\n".join([body.strip()] * repeat) + "\n")
    return target


def page_count(pdf: Path) -> int:
    import pikepdf

    with pikepdf.open(pdf) as document:
        return len(document.pages)


# --- the questions -------------------------------------------------------------------------


def cold(work: Path, runs: int) -> list[str]:
    campaign = campaign_copy(work)
    out, plain_out, variable = work / "cold", work / "plain", work / "variable"
    # Once each, untimed: writes bytecode and makes the cache, and gives us the HTML.
    run([*command("broadside"), "build", str(campaign), "--out", str(out), "--html"])
    run(
        [*command("broadside"), "build", str(campaign), "--out", str(variable), "--html"],
        child_env(BROADSIDE_VARIABLE_FONTS="1"),
    )
    plain_out.mkdir(exist_ok=True)
    weasyprint = [*command("weasyprint"), *WEASYPRINT_OPTIONS]
    results = interleaved(
        {
            "broadside build": lambda: run(
                [*command("broadside"), "build", str(campaign), "--out", str(out)]
            ),
            "weasyprint brief.html": lambda: run(
                [*weasyprint, str(out / "brief.html"), str(plain_out / "brief.pdf")]
            ),
            "weasyprint brief.html, variable fonts": lambda: run(
                [*weasyprint, str(variable / "brief.html"), str(plain_out / "variable.pdf")]
            ),
            "broadside build, variable fonts": lambda: run(
                [*command("broadside"), "build", str(campaign), "--out", str(variable)],
                child_env(BROADSIDE_VARIABLE_FONTS="1"),
            ),
        },
        runs,
    )
    first: list[Sample] = []
    for _ in range(max(2, runs // 2)):
        with tempfile.TemporaryDirectory() as empty:
            first.append(
                run(
                    [*command("broadside"), "build", str(campaign), "--out", str(out)],
                    child_env(BROADSIDE_CACHE_DIR=empty),
                )
            )
    results["broadside build, first on a machine (empty cache)"] = first
    outputs = ", ".join(sorted(path.name for path in out.glob("*.pdf")))
    lines = [
        f"Outputs of `broadside build`: {outputs}; plain WeasyPrint renders brief.html only.",
        "",
        "| command | wall (median) | CPU (median) | peak RSS | runs |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, samples in results.items():
        lines.append(
            f"| {name} | {median(samples):.2f} s | {median(samples, 'cpu'):.2f} s "
            f"| {max(s.rss for s in samples):.0f} MB | {len(samples)} |"
        )
    ours, theirs = results["broadside build"], results["weasyprint brief.html"]
    same_round = [a.wall / b.wall for a, b in zip(ours, theirs, strict=True)]
    variable_html = results["weasyprint brief.html, variable fonts"]
    lines += [
        "",
        f"- **broadside build / weasyprint on the same HTML: {median(ours) / median(theirs):.2f}**"
        f" (wall, ratio of medians; per round: median {statistics.median(same_round):.2f},"
        f" range {min(same_round):.2f}–{max(same_round):.2f};"
        f" CPU {median(ours, 'cpu') / median(theirs, 'cpu'):.2f})",
        f"- broadside build / weasyprint on the HTML with the variable fonts:"
        f" {median(ours) / median(variable_html):.2f}",
        f"- static instances vs variable fonts, `broadside build`:"
        f" {median(ours) / median(results['broadside build, variable fonts']):.2f}",
    ]
    return lines


# Run in a fresh interpreter: where the CPU time of one cold build goes, step by step.
STAGES = r"""
import sys, time
marks = [("Python itself", time.process_time())]
def mark(name):
    marks.append((name, time.process_time()))
import typer, broadside.cli.app
mark("import the CLI (Typer)")
from broadside.startup import pause_collection
pause_collection()  # as cli.main() does
from broadside.build.run import BuildOptions, build
from broadside.content.loader import load_campaign
from broadside.build.output import write_all
mark("import content, templates, models")
from broadside.pdf.engine import Engine
mark("import WeasyPrint (sonames first)")
from pathlib import Path
campaign = load_campaign(Path(sys.argv[1]))
mark("load and check the campaign")
spent = {"layout": 0.0, "pdf": 0.0}
class Timed(Engine):
    def layout(self, *args, **kwargs):
        started = time.process_time()
        try:
            return super().layout(*args, **kwargs)
        finally:
            spent["layout"] += time.process_time() - started
    def pdf(self, *args, **kwargs):
        started = time.process_time()
        try:
            return super().pdf(*args, **kwargs)
        finally:
            spent["pdf"] += time.process_time() - started
engine = Timed(campaign.root)
mark("font configuration")
before = time.process_time()
result = build(campaign, BuildOptions(), engine)
rest = time.process_time() - before - spent["layout"] - spent["pdf"]
marks.append(("HTML from the templates", marks[-1][1] + rest))
marks.append(("layout (stylesheets, fonts, pages)", marks[-1][1] + spent["layout"]))
marks.append(("PDF (subset fonts, draw, compress)", marks[-1][1] + spent["pdf"]))
write_all({a.name: a.data for a in result.artifacts}, Path(sys.argv[2]))
mark("write the files")
previous = 0.0
for name, at in marks:
    print(f"{name}	{at - previous}")
    previous = at
"""


def stages(work: Path, runs: int) -> list[str]:
    campaign = campaign_copy(work)
    seen: dict[str, list[float]] = {}
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-c", STAGES, str(campaign), str(work / "stages")],
            capture_output=True,
            text=True,
            check=True,
            env=child_env(),
        )
        for line in result.stdout.splitlines():
            name, seconds = line.split("\t")
            seen.setdefault(name, []).append(float(seconds))
    total = sum(statistics.median(values) for values in seen.values())
    lines = ["| step | CPU (median) | share |", "|---|---:|---:|"]
    for name, values in seen.items():
        value = statistics.median(values)
        lines.append(f"| {name} | {value * 1000:.0f} ms | {value / total:.0%} |")
    lines.append(f"| **total** | **{total * 1000:.0f} ms** | |")
    return lines


def startup(runs: int) -> list[str]:
    seed = str(SEED)
    python = sys.executable
    results = interleaved(
        {
            "python -c pass": lambda: run([python, "-c", "pass"]),
            "broadside --version": lambda: run([*command("broadside"), "--version"]),
            "broadside check": lambda: run([*command("broadside"), "check", seed]),
            "import weasyprint (its own library search)": lambda: run(
                [python, "-W", "ignore", "-c", "import weasyprint"]
            ),
            "import broadside.pdf.engine (sonames first)": lambda: run(
                [python, "-c", "import broadside.engine"]
            ),
        },
        runs,
    )
    lines = ["| command | wall (median) | CPU (median) |", "|---|---:|---:|"]
    for name, samples in results.items():
        lines.append(f"| {name} | {median(samples):.3f} s | {median(samples, 'cpu'):.3f} s |")
    return lines


def warm(work: Path, runs: int) -> list[str]:
    """Rebuilds in one process, through the code `broadside watch` runs, after real edits."""
    import resource

    from broadside.build.run import OUTPUTS, BuildOptions
    from broadside.cli.watch import Session
    from broadside.pdf.engine import Engine

    campaign = campaign_copy(work)
    split: dict[str, list[float]] = {"layout": [], "pdf": []}

    class Timed(Engine):  # the real engine, with a stopwatch on its two steps
        def layout(self, *args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return super().layout(*args, **kwargs)
            finally:
                split["layout"].append(time.perf_counter() - started)

        def pdf(self, *args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return super().pdf(*args, **kwargs)
            finally:
                split["pdf"].append(time.perf_counter() - started)

    said: list[str] = []
    session = Session(campaign, work / "warm", BuildOptions(), said.append)
    session.engine = Timed(campaign.resolve())
    session.rebuild([output.name for output in OUTPUTS])  # the watch's first, full build
    article = campaign / "article.md"
    original = article.read_text(encoding="utf-8")
    lines = [
        "| output | rebuild after an edit (median) | fastest | layouts | layout | PDF |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for output in OUTPUTS:
        times: list[float] = []
        split["layout"].clear()
        split["pdf"].clear()
        for number in range(runs):
            # A real change each time: a new sentence, so nothing can be reused blindly.
            article.write_text(f"{original}\nEdit number {number}.\n", encoding="utf-8")
            started = time.perf_counter()
            if not session.rebuild([output.name]):
                raise SystemExit(f"rebuild failed: {said[-3:]}")
            times.append(time.perf_counter() - started)
        layouts = len(split["layout"]) / runs
        lines.append(
            f"| {output.name} | {statistics.median(times):.3f} s | {min(times):.3f} s "
            f"| {layouts:g} | {statistics.median(split['layout']) * layouts:.3f} s "
            f"| {statistics.median(split['pdf']):.3f} s |"
        )
    article.write_text(original, encoding="utf-8")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines += ["", f"Peak RSS of this warm process after all rebuilds: {peak:.0f} MB."]
    return lines


def flyer_fit(work: Path) -> list[str]:
    from broadside.build.run import OUTPUTS, BuildOptions, build
    from broadside.content.loader import load_campaign
    from broadside.pdf.engine import Engine

    if "flyer.pdf" not in {output.name for output in OUTPUTS}:
        return ["No flyer registered in build.OUTPUTS yet: nothing to measure."]
    campaign = load_campaign(campaign_copy(work))
    engine = Engine(campaign.root)
    lines = []
    # As in `broadside build` (a new engine, the brief first), then again as in `watch`.
    for when, only in (("in a full build", None), ("warm, flyer alone", {"flyer.pdf"})):
        result = build(campaign, BuildOptions(), engine, only=only)
        said = [*result.notes, *getattr(result, "details", [])]  # --verbose lines
        notes = [note for note in said if note.startswith("flyer.pdf")]
        summary = next(
            (found for note in notes if (found := re.search(r"(\d+) layouts? in (\d+) ms", note))),
            None,
        )
        if summary:
            lines.append(
                f"- {when}: **{summary[1]} layouts** tried, fit search **{summary[2]} ms**"
            )
    lines += ["", "The search, as the flyer reports it (`broadside build --verbose`):", ""]
    lines += [f"    {note}" for note in notes]
    return lines


def lengths(work: Path, runs: int, targets: Sequence[int]) -> list[str]:
    out = work / "lengths"

    def pages_for(repeat: int) -> int:
        run([*command("broadside"), "build", str(campaign_copy(work, repeat)), "--out", str(out)])
        return page_count(out / "brief.pdf")

    # Pages grow by a fraction of a page per repetition: measure it over a wide span, then
    # correct each guess once against the real page count.
    one, eleven = pages_for(1), pages_for(11)
    per_repeat = max(0.05, (eleven - one) / 10)
    lines = [
        "| brief | texts repeated | wall (median) | per page | CPU | peak RSS | runs |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    points: list[tuple[int, float]] = []
    for target in targets:
        repeat = max(1, round(1 + (target - one) / per_repeat))
        pages = pages_for(repeat)
        if abs(pages - target) > 1:
            repeat = max(1, round(repeat + (target - pages) / per_repeat))
            pages = pages_for(repeat)
        campaign = campaign_copy(work, repeat)
        count = max(1, runs // 2) if target >= 100 else runs
        samples = [
            run([*command("broadside"), "build", str(campaign), "--out", str(out)])
            for _ in range(count)
        ]
        points.append((pages, median(samples)))
        lines.append(
            f"| {pages} pages | ×{repeat} | {median(samples):.2f} s "
            f"| {median(samples) / pages * 1000:.0f} ms | {median(samples, 'cpu'):.2f} s "
            f"| {max(s.rss for s in samples):.0f} MB | {count} |"
        )
    (first_pages, first_time), (last_pages, last_time) = points[0], points[-1]
    marginal = (last_time - first_time) / max(1, last_pages - first_pages)
    lines += [
        "",
        f"Each page past the first {first_pages} costs {marginal * 1000:.0f} ms "
        f"(from {first_pages} to {last_pages} pages); the rest is the fixed cost of a start.",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (median)")
    parser.add_argument("--quick", action="store_true", help="3 runs, and no 100-page brief")
    arguments = parser.parse_args()
    runs = 3 if arguments.quick else arguments.runs
    targets = LENGTHS[:2] if arguments.quick else LENGTHS
    started = time.perf_counter()
    sections: list[tuple[str, Callable[[Path], list[str]]]] = [
        ("Cold builds, side by side", lambda work: cold(work, runs)),
        ("Where a cold build's time goes", lambda work: stages(work, runs)),
        ("Start-up", lambda _: startup(runs)),
        ("Warm rebuilds (what `broadside watch` does after a save)", lambda w: warm(w, runs)),
        ("The flyer's fit search", flyer_fit),
        ("Briefs of growing length (cold `broadside build`)", lambda w: lengths(w, runs, targets)),
    ]
    print("## Machine\n")
    for name, value in machine():
        print(f"- {name}: {value}")
    with tempfile.TemporaryDirectory(prefix="broadside-bench-") as folder:
        work = Path(folder)
        for title, measure in sections:
            print(f"\n## {title}\n", flush=True)
            print("\n".join(measure(work)), flush=True)
    print(
        f"\n_{runs} runs per measurement; the whole benchmark took "
        f"{time.perf_counter() - started:.0f} s._"
    )


if __name__ == "__main__":
    main()
