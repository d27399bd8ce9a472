"""The brief: campaign → HTML (cover, contents, article, letter in full, sources)."""

from __future__ import annotations

import math
import re
from datetime import datetime
from typing import Any

from broadside import __version__, fonts
from broadside.content.markdown import plain_inline, render_block
from broadside.content.models import Campaign
from broadside.paper import Paper
from broadside.reproducible import source_date
from broadside.stylesheets import Stylesheet, sheets_for
from broadside.templating import render

WORDS_PER_MINUTE = 230
DEMANDS_HEADING = "The demands"


def brief_sheets(paper: Paper, extra_page_css: str = "") -> tuple[Stylesheet, ...]:
    return sheets_for("brief.css", paper, extra_page_css)


def brief_html(campaign: Campaign, paper: Paper, inline_styles: tuple[str, ...] = ()) -> str:
    article, letter = campaign.article, campaign.letter
    lang = campaign.lang
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
        "demands_heading": DEMANDS_HEADING,
        "fonts": {"serif": fonts.SERIF, "sans": fonts.SANS},
        "version": __version__,
    }
    return render("brief.html.j2", context)


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
        "created": created.isoformat() if created else None,
        "modified": (latest_date(campaign) or created).isoformat() if created else None,
    }


def latest_date(campaign: Campaign) -> datetime | None:
    """When the content last changed: its newest update, else its own date."""
    dates = [update.at for update in campaign.article.meta.updates]
    return max(dates) if dates else campaign.created


def _reading_minutes(campaign: Campaign) -> int:
    words = len(re.findall(r"\w+", campaign.article.body))
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
