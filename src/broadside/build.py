"""One build: a validated campaign → every output, rendered in memory. Nothing is written here."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
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


RenderStep = Callable[[Campaign, BuildOptions, "Engine", BuildResult], None]


@dataclass(frozen=True)
class Output:
    """One output: how it is rendered, and what it is made from (so `watch` redoes only
    what an edit touches). Its template's includes are found from the template itself."""

    name: str
    render: RenderStep
    template: str  # under templates/
    stylesheet: str  # its own sheet under styles/ (tokens.css is every output's)
    content: tuple[str, ...]  # patterns for the campaign files it reads

    def reads_content(self, relative: str) -> bool:
        return any(fnmatchcase(relative, pattern) for pattern in self.content)


OUTPUTS = (
    # Both texts and any picture in the campaign folder.
    Output("brief.pdf", render_brief, "brief.html.j2", "brief.css", content=("*",)),
)


def build(
    campaign: Campaign,
    options: BuildOptions,
    engine: Engine,
    only: Collection[str] | None = None,
) -> BuildResult:
    """Render every output, or only those named in `only`, in memory."""
    result = BuildResult()
    for output in OUTPUTS:
        if only is None or output.name in only:
            output.render(campaign, options, engine, result)
    return result
