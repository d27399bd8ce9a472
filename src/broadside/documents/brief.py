"""The brief: cover, contents, the article, the letter in full, sources — as print jobs."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from enum import IntEnum
from typing import Any

from broadside import __version__
from broadside.content.characters import for_metadata
from broadside.content.markdown import plain_inline, render_block
from broadside.content.models import Campaign
from broadside.documents.document import Artifact, Made, Output, showing
from broadside.fonts import faces as fonts
from broadside.html.brand import LogoPicture, logo_picture
from broadside.html.labels import Labels, w3c_date
from broadside.html.stylesheets import Stylesheet, sheets_for
from broadside.html.templating import render
from broadside.options import BuildOptions
from broadside.paper import PageSize
from broadside.pdf.jobs import Anchor, Layout, Printed, PrintJob
from broadside.pdf.settings import PdfSettings
from broadside.reproducible import source_date

WORDS_PER_MINUTE = 230
COVER_DEMANDS_MAX = 6
# Up to this many signatories, the list is set in two columns, what follows each name in a
# quieter style. Every line and every change of style is a box to lay out and a tagged run
# in the PDF: a longer list runs across the full measure in one style, so 10,000 names build
# in a few seconds and a few hundred kilobytes (bench/signatories.md).
DETAILED_MAX = 1_000


# The cover must be one page: the contents start on page 2, or a more compact cover is used.
CONTENTS_ON_PAGE_TWO = Anchor("contents", 2)


def jobs(
    output: Output, campaign: Campaign, options: BuildOptions, settings: PdfSettings
) -> tuple[PrintJob, ...]:
    """One job: the brief with each cover, fullest first; the first whose cover fits is kept.

    What fits depends on the text, so it is measured, not guessed; the seed and ordinary
    campaigns take the first layout.
    """
    page = output.page_size(options)
    pages = tuple(brief_html(output, campaign, page, cover=cover) for cover in CoverLevel)
    sheets = brief_sheets(output, campaign, page, "".join(pages))
    layouts = tuple(Layout(html, sheets) for html in pages)
    languages = (campaign.lang, campaign.letter.meta.lang)
    job = PrintJob(output.name, campaign.root, settings, layouts, CONTENTS_ON_PAGE_TWO)
    return (showing(replace(job, languages=languages), brief_logo(campaign)),)


def finish(
    output: Output, campaign: Campaign, options: BuildOptions, printed: Sequence[Printed]
) -> Made:
    (brief,) = printed
    assert brief.pdf is not None
    cover = CoverLevel(brief.layout)
    details = [
        f"{output.name}: cover spilled onto a second page; trying {level.next_name()}"
        for level in CoverLevel
        if level < cover
    ]
    warnings = [f"{output.name}: {message}" for message in brief.warnings]
    if not brief.met:  # nothing left to drop: say so rather than pretend the cover is one page
        details.append(f"{output.name}: cover spilled onto a second page; nothing left to drop")
        warnings.insert(
            0,
            f"{output.name}: the cover runs onto a second page even at its most compact; "
            "shorten the title or the subtitle",
        )
    artifacts = [Artifact(output.name, brief.pdf, brief.pages)]
    if options.html:
        # The HTML carries its styles inline so it opens in a browser on this machine.
        page = output.page_size(options)
        sheets = brief_sheets(output, campaign, page, brief_html(output, campaign, page, cover))
        standalone = brief_html(output, campaign, page, cover, tuple(s.inline() for s in sheets))
        artifacts.append(Artifact(output.name.removesuffix(".pdf") + ".html", standalone.encode()))
    return Made(tuple(artifacts), tuple(warnings), details=tuple(details))


def brief_sheets(
    output: Output, campaign: Campaign, paper: PageSize, html: str = ""
) -> tuple[Stylesheet, ...]:
    """The brief's sheets: the same for every campaign (the running head's words are in the
    HTML; see `running_strings`), with the organisation's accent when it has a brand, and
    the fonts of the scripts its `html` uses; mirrored for a right-to-left language."""
    return sheets_for(output.stylesheet, paper, brand=campaign.brand, text=html, lang=campaign.lang)


def running_strings(campaign: Campaign) -> dict[str, str]:
    """The words of the running header and footer, for the cover's data-* attributes.

    brief.css takes them with `string-set: … attr(…)`, so the title reaches the page as
    text in the HTML, never as CSS: no character in it can change a stylesheet.
    """
    labels = Labels(campaign.lang)
    before, between, after = re.split(r"\{pages?\}", labels.page_of)
    title = _shorten(plain_inline(campaign.article.meta.title, lang=campaign.lang))
    return {"title": title, "page-before": before, "page-between": between, "page-after": after}


def _shorten(text: str, limit: int = 80) -> str:
    """Cut at a word boundary with an ellipsis: the running header has one line."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    cut = head.rsplit(" ", 1)[0] if " " in head else head
    return cut.rstrip(" ,;:") + "…"


class CoverLevel(IntEnum):
    """How much the cover holds: everything, then less, until it fits one page."""

    FULL = 0  # the ask quoted, as many demands as about ten lines allow
    COMPACT = 1  # no quote, demands up to about six lines
    MINIMAL = 2  # title and subtitle clamped to two lines, the first demand only

    def next_name(self) -> str:
        return CoverLevel(self + 1).name.lower()

    @property
    def demand_chars(self) -> int:
        return (700, 400, 0)[self]


def brief_html(
    output: Output,
    campaign: Campaign,
    paper: PageSize,
    cover: CoverLevel = CoverLevel.FULL,
    inline_styles: tuple[str, ...] = (),
) -> str:
    article, letter = campaign.article, campaign.letter
    lang = campaign.lang
    labels = Labels(lang)
    on_cover = cover_demands(letter.meta.demands, cover.demand_chars)
    context: dict[str, Any] = {
        "lang": lang,
        "paper": paper,
        "meta": document_metadata(campaign),
        "inline_styles": inline_styles,
        "article": article.meta,
        "letter": letter.meta,
        "created": campaign.created,
        "reading_minutes": article.meta.reading_minutes or _reading_minutes(campaign),
        "article_body": render_block(article.body, lang=article.meta.lang, doc_id="article"),
        "letter_body": render_block(letter.body, lang=letter.meta.lang, doc_id="letter"),
        "letter_closing": render_block(letter.meta.closing, lang=letter.meta.lang, doc_id="closing")
        if letter.meta.closing
        else None,
        "labels": labels,
        "signed_by": Labels(letter.meta.lang).join(letter.meta.signature),
        **signatories_context(campaign, labels),
        "cover": cover.name.lower(),
        "running": running_strings(campaign),
        "cover_demands": on_cover,
        "more_demands": len(letter.meta.demands) - len(on_cover),
        "fonts": {"serif": fonts.SERIF, "sans": fonts.SANS},
        "version": __version__,
        "logo": brief_logo(campaign),
    }
    return render(output.template, context)


def brief_logo(campaign: Campaign) -> LogoPicture | None:
    """The organisation's logo, on the cover and the sources page, named in the brief's
    language (the cover's and the credits')."""
    return logo_picture(campaign.brand, campaign.lang)


def signatories_context(campaign: Campaign, labels: Labels) -> dict[str, Any]:
    """The signatories section (partials/signatories.html.j2) and the counts on the cover."""
    signed = campaign.signatories
    if signed is None:
        return {
            "signatories": None,
            "signatory_groups": (),
            "signatory_counts": None,
            "signed_by_count": None,
            "detailed": False,
        }
    groups = [
        (labels.organisations, signed.organisations),
        (labels.people, signed.people),
    ]
    return {
        "signatories": signed,
        # Headed by kind only when there are both kinds.
        "signatory_groups": tuple(
            (title if signed.organisations and signed.people else None, names)
            for title, names in groups
            if names
        ),
        "signatory_counts": labels.counts(len(signed.organisations), len(signed.people)),
        "signed_by_count": labels.signed_by(len(signed.organisations), len(signed.people)),
        "detailed": signed.count <= DETAILED_MAX,
    }


def cover_demands(demands: tuple[str, ...], budget: int) -> tuple[str, ...]:
    """As many demands as `budget` characters allow (at least one); the rest are linked to."""
    shown: list[str] = []
    for demand in demands[:COVER_DEMANDS_MAX]:
        if shown and len(demand) > budget:
            break
        shown.append(demand)
        budget -= len(demand)
    return tuple(shown)


def document_metadata(campaign: Campaign) -> dict[str, Any]:
    """Title, author, subject, keywords and dates for the PDF's info and XMP, all from content."""
    article, letter = campaign.article.meta, campaign.letter.meta
    lang = campaign.lang
    authors = [article.author.name] if article.author else []
    authors += letter.signature
    # From the content; else SOURCE_DATE_EPOCH (reproducible builds); else no date at all.
    created = campaign.created or source_date()

    def text(markdown: str) -> str:
        return for_metadata(plain_inline(markdown, lang=lang))

    return {
        "title": text(article.title),
        "author": "; ".join(text(name) for name in authors),
        "subject": text(article.subtitle) if article.subtitle else None,
        "keywords": [text(keyword) for keyword in article.keywords],
        "created": w3c_date(created) if created else None,
        "modified": w3c_date(campaign.latest or created) if created else None,
    }


def _reading_minutes(campaign: Campaign) -> int:
    words = len(re.findall(r"\w+", campaign.article.body))
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
