"""One build: a validated campaign → every output, rendered in memory. Nothing is written here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from broadside.brief import CoverLevel, brief_html, brief_sheets
from broadside.content.models import Campaign
from broadside.flyer import make_flyer
from broadside.paper import Paper

if TYPE_CHECKING:
    from broadside.engine import Engine


@dataclass(frozen=True)
class BuildOptions:
    paper: Paper = Paper.A4
    html: bool = False  # also write the intermediate HTML, for debugging and the web


@dataclass(frozen=True)
class Artifact:
    name: str
    data: bytes
    pages: int | None = None  # None for non-PDF files


@dataclass
class BuildResult:
    artifacts: list[Artifact] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the build decided, for --verbose


def render_brief(
    campaign: Campaign, options: BuildOptions, engine: Engine, result: BuildResult
) -> None:
    sheets = brief_sheets(campaign, options.paper)
    # The cover must be one page. Long fields are clamped in CSS, but what fits depends on
    # the text, so measure: if the contents do not start on page 2, lay out a more compact
    # cover (rarely needed; the seed and ordinary campaigns take one layout).
    for cover in CoverLevel:
        html = brief_html(campaign, options.paper, cover=cover)
        rendered = engine.layout(engine.parse(html, campaign.root), sheets)
        if rendered.page_of("contents") == 2:
            break
        result.notes.append(
            f"brief.pdf: cover spilled onto a second page; trying {cover.next_name()}"
        )
    pdf = engine.pdf(rendered)
    result.warnings += [f"brief.pdf: {message}" for message in rendered.warnings]
    result.artifacts.append(Artifact("brief.pdf", pdf, rendered.page_count))
    if options.html:
        # The web version carries its styles inline so it opens anywhere on this machine.
        standalone = brief_html(
            campaign, options.paper, cover=cover, inline_styles=tuple(s.text for s in sheets)
        )
        result.artifacts.append(Artifact("brief.html", standalone.encode("utf-8")))


def render_flyer(
    campaign: Campaign, options: BuildOptions, engine: Engine, result: BuildResult
) -> None:
    flyer = make_flyer(campaign, options.paper, engine)
    result.warnings += [f"flyer.pdf: {message}" for message in flyer.warnings]
    result.notes += [f"flyer.pdf: {note}" for note in flyer.notes]
    result.artifacts.append(Artifact("flyer.pdf", flyer.pdf, flyer.pages))


def build(campaign: Campaign, options: BuildOptions, engine: Engine) -> BuildResult:
    result = BuildResult()
    render_brief(campaign, options, engine, result)
    render_flyer(campaign, options, engine, result)
    return result
