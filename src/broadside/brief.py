"""The brief: campaign → HTML (cover, contents, article, letter in full, sources)."""

from __future__ import annotations

import math
import re
from enum import IntEnum
from typing import Any

from broadside import __version__, fonts
from broadside.content.markdown import plain_inline, render_block
from broadside.content.models import Campaign
from broadside.labels import Labels, css_string, w3c_date
from broadside.paper import Paper
from broadside.reproducible import source_date
from broadside.stylesheets import Stylesheet, sheets_for
from broadside.templating import render

WORDS_PER_MINUTE = 230
COVER_DEMANDS_MAX = 6


def brief_sheets(campaign: Campaign, paper: Paper) -> tuple[Stylesheet, ...]:
    """The brief's sheets, plus its running header and footer in the content's language."""
    labels = Labels(campaign.lang)
    before, between, after = (css_string(part) for part in re.split(r"\{pages?\}", labels.page_of))
    footer = f"{before} counter(page) {between} counter(pages) {after}"
    title = css_string(_shorten(plain_inline(campaign.article.meta.title, lang=campaign.lang)))
    running = (
        f"@page {{ @top-left {{ content: {title}; }} @bottom-right {{ content: {footer}; }} }}\n"
    )
    return sheets_for("brief.css", paper, running)


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
    campaign: Campaign,
    paper: Paper,
    cover: CoverLevel = CoverLevel.FULL,
    inline_styles: tuple[str, ...] = (),
) -> str:
    article, letter = campaign.article, campaign.letter
    lang = campaign.lang
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
        "labels": Labels(lang),
        "cover": cover.name.lower(),
        "cover_demands": on_cover,
        "more_demands": len(letter.meta.demands) - len(on_cover),
        "fonts": {"serif": fonts.SERIF, "sans": fonts.SANS},
        "version": __version__,
    }
    return render("brief.html.j2", context)


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
    authors.append(letter.signature)
    # From the content; else SOURCE_DATE_EPOCH (reproducible builds); else no date at all.
    created = campaign.created or source_date()
    return {
        "title": plain_inline(article.title, lang=lang),
        "author": "; ".join(plain_inline(name, lang=lang) for name in authors),
        "subject": plain_inline(article.subtitle, lang=lang) if article.subtitle else None,
        "keywords": [plain_inline(k, lang=lang) for k in article.keywords],
        "created": w3c_date(created) if created else None,
        "modified": w3c_date(campaign.latest or created) if created else None,
    }


def _reading_minutes(campaign: Campaign) -> int:
    words = len(re.findall(r"\w+", campaign.article.body))
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
