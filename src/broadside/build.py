"""One build: a validated campaign → every output, rendered in memory. Nothing is written here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from broadside.brief import brief_html, brief_sheets
from broadside.content.models import Campaign
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
    sheets = brief_sheets(options.paper)
    html = brief_html(campaign, options.paper)
    rendered = engine.layout(engine.parse(html, campaign.root), sheets)
    pdf = engine.pdf(rendered)
    result.warnings += [f"brief.pdf: {message}" for message in rendered.warnings]
    result.artifacts.append(Artifact("brief.pdf", pdf, rendered.page_count))
    if options.html:
        # The web version carries its styles inline so it opens anywhere on this machine.
        standalone = brief_html(
            campaign, options.paper, inline_styles=tuple(s.inline() for s in sheets)
        )
        result.artifacts.append(Artifact("brief.html", standalone.encode("utf-8")))


def build(campaign: Campaign, options: BuildOptions, engine: Engine) -> BuildResult:
    result = BuildResult()
    render_brief(campaign, options, engine, result)
    return result
