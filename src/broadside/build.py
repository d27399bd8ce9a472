"""One build: a validated campaign → every output, rendered in memory. Nothing is written here."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from broadside import archive, sizing
from broadside.brief import CoverLevel, brief_html, brief_sheets
from broadside.content.models import Campaign
from broadside.engine_process import EngineProcess, RemoteEngine
from broadside.flyer import make_flyer
from broadside.paper import Paper
from broadside.parallel import alongside, run_all
from broadside.pdfsettings import PdfSettings
from broadside.reproducible import source_date
from broadside.stylesheets import shared_sheets

if TYPE_CHECKING:
    from broadside.engine import Engine


@dataclass(frozen=True)
class BuildOptions:
    paper: Paper = Paper.A4
    html: bool = False  # also write the intermediate HTML, for debugging and the web
    max_size: int | None = None  # bytes; pictures are reduced until every PDF fits
    handouts: bool = False  # also impose the PDFs for printing: n-up flyers, brief booklet
    bleed_mm: float = 0.0  # print shop: backgrounds extend this far past the trim
    marks: bool = False  # print shop: crop marks outside the bleed
    archival: bool = False  # PDF/A-3b carrying the campaign's own sources


@dataclass(frozen=True)
class Artifact:
    name: str
    data: bytes
    pages: int | None = None  # None for non-PDF files


@dataclass
class BuildResult:
    artifacts: list[Artifact] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the build changed; always shown
    details: list[str] = field(default_factory=list)  # how it decided; shown with --verbose


Renderer = Callable[[Campaign, BuildOptions, "Engine", BuildResult], None]


def render_brief(
    campaign: Campaign, options: BuildOptions, engine: Engine, result: BuildResult
) -> None:
    sheets = brief_sheets(campaign, options.paper)
    # The cover must be one page. Long fields are clamped in CSS, but what fits depends on
    # the text, so measure: if the contents do not start on page 2, lay out a more compact
    # cover (rarely needed; the seed and ordinary campaigns take one layout).
    for cover in CoverLevel:
        html = brief_html(campaign, options.paper, cover=cover)
        printed = engine.print(html, campaign.root, sheets, require=("contents", 2))
        if printed.pdf is not None:
            break
        if cover < CoverLevel.MINIMAL:
            result.details.append(
                f"brief.pdf: cover spilled onto a second page; trying {cover.next_name()}"
            )
        else:  # nothing left to drop: say so rather than pretend the cover is one page
            result.warnings.append(
                "brief.pdf: the cover runs onto a second page even at its most compact; "
                "shorten the title or the subtitle"
            )
            printed = engine.print(html, campaign.root, sheets)
    assert printed.pdf is not None
    result.warnings += [f"brief.pdf: {message}" for message in printed.warnings]
    result.artifacts.append(Artifact("brief.pdf", printed.pdf, printed.pages))
    if options.html:
        # The web version carries its styles inline so it opens anywhere on this machine.
        standalone = brief_html(
            campaign, options.paper, cover=cover, inline_styles=tuple(s.inline() for s in sheets)
        )
        result.artifacts.append(Artifact("brief.html", standalone.encode("utf-8")))


def render_flyer(
    campaign: Campaign, options: BuildOptions, engine: Engine, result: BuildResult
) -> None:
    flyer = make_flyer(campaign, options.paper, engine)
    result.warnings += [f"flyer.pdf: {message}" for message in flyer.warnings]
    result.details += [f"flyer.pdf: {detail}" for detail in flyer.details]
    result.artifacts.append(Artifact("flyer.pdf", flyer.pdf, flyer.pages))


@dataclass(frozen=True)
class Output:
    """One output: how it is rendered, and what it is made from (so `watch` redoes only
    what an edit touches). Its template's includes are found from the template itself."""

    name: str
    render: Renderer
    template: str  # under templates/
    stylesheet: str  # its own sheet under styles/ (tokens.css is every output's)
    content: tuple[str, ...]  # patterns for the campaign files it reads

    def reads_content(self, relative: str) -> bool:
        return any(fnmatchcase(relative, pattern) for pattern in self.content)


OUTPUTS = (
    # Both texts and any picture in the campaign folder.
    Output("brief.pdf", render_brief, "brief.html.j2", "brief.css", content=("*",)),
    # The letter's words, and the article's dates and keywords; no pictures.
    Output("flyer.pdf", render_flyer, "flyer.html.j2", "flyer.css", content=("*.md",)),
)


Outcomes = list[tuple["BuildResult", sizing.Fit]]


def build(
    campaign: Campaign,
    options: BuildOptions,
    engine: Engine | Callable[[], Engine],
    only: Collection[str] | None = None,
    render_process: EngineProcess | None = None,
) -> BuildResult:
    """Render every output, or only those named in `only`, in memory.

    `engine` may be a function that makes one: with a `render_process` (engine_process.py)
    the brief is handed over there first, and only then is the local engine made (importing
    WeasyPrint) for the other outputs. Without one, `parallel.run_all` may fork for them.
    """
    result = BuildResult()
    settings = pdf_settings(campaign, options)
    if options.archival and not (campaign.latest or source_date()):
        result.notes.append(
            "archival: the content has no date, so the embedded files are dated by their "
            "modification time; set `published` in article.md (or SOURCE_DATE_EPOCH) for "
            "PDFs identical on every machine"
        )
    made: list[Engine] = []

    def local() -> Engine:
        if not made:
            made.append(engine() if callable(engine) else engine)
            made[0].settings = settings
            # Fonts registered once, before the outputs render (maybe in forked children).
            result.warnings.extend(made[0].prepare(shared_sheets()))
        return made[0]

    def job(output: Output, printer: Engine) -> Callable[[], tuple[BuildResult, sizing.Fit]]:
        render = partial(_render_alone, output.render, campaign, options, printer)
        return partial(sizing.render_within, options.max_size, render, printer)

    chosen = [output for output in OUTPUTS if only is None or output.name in only]
    if chosen and chosen[0].name == "brief.pdf" and render_process and render_process.alive:
        # Stands in for the engine in render_brief and the size limit, which use only its
        # `settings` and `print`.
        over_there = cast("Engine", RemoteEngine(render_process, settings))

        def others() -> Outcomes:
            return run_all([job(output, local()) for output in chosen[1:]])

        def brief_over_there() -> Outcomes:
            return [job(chosen[0], over_there)()]

        brief, [rest] = alongside(brief_over_there, [others])
        if brief is None:  # the render process failed: the brief is printed here after all
            brief = [job(chosen[0], local())()]
        else:
            result.details.append("brief.pdf: printed in a second process, beside the others")
        outcomes = [*brief, *rest]
    else:
        outcomes = run_all([job(output, local()) for output in chosen])
    fits: dict[str, sizing.Fit] = {}
    for attempt, fit in outcomes:
        result.artifacts += attempt.artifacts
        result.warnings += attempt.warnings
        result.notes += attempt.notes
        result.details += attempt.details
        fits |= {artifact.name: fit for artifact in attempt.artifacts}
    if options.handouts:
        from broadside.handouts import handouts  # pikepdf: only when asked for

        pdfs = {a.name: (a.data, a.pages) for a in result.artifacts if a.pages is not None}
        for handout in handouts(pdfs, options.paper):
            result.artifacts.append(Artifact(handout.name, handout.data, handout.pages))
            fits[handout.name] = fits[handout.source]
    sizing.check(result.artifacts, options.max_size, fits)
    return result


def _render_alone(
    render: Renderer, campaign: Campaign, options: BuildOptions, engine: Engine
) -> BuildResult:
    result = BuildResult()
    render(campaign, options, engine, result)
    return result


def pdf_settings(campaign: Campaign, options: BuildOptions) -> PdfSettings:
    """How this build makes every PDF; the engine applies it to each output alike."""
    if not options.archival:
        return PdfSettings(bleed_mm=options.bleed_mm, marks=options.marks)
    return PdfSettings(
        archival=True,
        attachments=archive.sources(campaign),
        attachment_date=archive.attachment_date(campaign),
        bleed_mm=options.bleed_mm,
        marks=options.marks,
    )


def build_folder(
    campaign_dir: Path, options: BuildOptions, render_process: EngineProcess | None = None
) -> BuildResult:
    """Load the campaign in `campaign_dir` and render every output, within the time limit."""
    from broadside.content.loader import load_campaign
    from broadside.deadline import time_limit

    campaign = load_campaign(campaign_dir)

    def local_engine() -> Engine:
        from broadside.engine import Engine  # WeasyPrint: once the brief is on its way

        return Engine(campaign.root)

    with time_limit():
        return build(campaign, options, local_engine, render_process=render_process)
