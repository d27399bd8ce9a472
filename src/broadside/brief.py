"""The brief: campaign → HTML (cover, contents, article, letter in full, sources)."""

from __future__ import annotations

import math
import re
from typing import Any

from broadside import __version__, fonts
from broadside.content.markdown import plain_inline, render_block
from broadside.content.models import Campaign
from broadside.labels import Labels, css_string
from broadside.paper import Paper
from broadside.stylesheets import Stylesheet, sheets_for
from broadside.templating import render

WORDS_PER_MINUTE = 230
# The cover lists demands until about this much text (roughly ten lines at its size):
# beyond it the cover would spill onto a second page, so the rest are linked to instead.
COVER_DEMAND_CHARS = 700
COVER_DEMANDS_MAX = 6


def brief_sheets(paper: Paper, lang: str, extra_page_css: str = "") -> tuple[Stylesheet, ...]:
    # "Page 3 of 6" in the content's language; brief.css styles the box and hides it on the cover.
    before, between, after = (
        css_string(part) for part in re.split(r"\{pages?\}", Labels(lang).page_of)
    )
    footer = f"{before} counter(page) {between} counter(pages) {after}"
    page_numbers = f"@page {{ @bottom-right {{ content: {footer}; }} }}\n"
    return sheets_for("brief.css", paper, page_numbers + extra_page_css)


def brief_html(campaign: Campaign, paper: Paper, inline_styles: tuple[str, ...] = ()) -> str:
    article, letter = campaign.article, campaign.letter
    lang = campaign.lang
    on_cover = cover_demands(letter.meta.demands)
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
        "cover_demands": on_cover,
        "more_demands": len(letter.meta.demands) - len(on_cover),
        "fonts": {"serif": fonts.SERIF, "sans": fonts.SANS},
        "version": __version__,
    }
    return render("brief.html.j2", context)


def cover_demands(demands: tuple[str, ...]) -> tuple[str, ...]:
    """As many demands as the cover has room for (at least one); the rest are linked to."""
    shown: list[str] = []
    budget = COVER_DEMAND_CHARS
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
    created = campaign.created
    return {
        "title": plain_inline(article.title, lang=lang),
        "author": "; ".join(plain_inline(name, lang=lang) for name in authors),
        "subject": plain_inline(article.subtitle, lang=lang) if article.subtitle else None,
        "keywords": [plain_inline(k, lang=lang) for k in article.keywords],
        "created": created.isoformat() if created else None,
        "modified": _latest(campaign).isoformat() if created else None,
    }


def _latest(campaign: Campaign) -> Any:
    dates = [update.at for update in campaign.article.meta.updates]
    return max(dates) if dates else campaign.created


def _reading_minutes(campaign: Campaign) -> int:
    words = len(re.findall(r"\w+", campaign.article.body))
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
