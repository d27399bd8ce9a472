"""What an archival PDF carries inside it: the campaign's own sources, byte for byte.

A recipient can rebuild the brief from `article.md` and `letter.md`, or quote the demands
exactly from `demands.json` without copying text out of a typeset page. The JSON schema is
documented in README ("Archival") and marked by its `schema` field; change both together.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from broadside.content.markdown import plain_inline
from broadside.content.models import Campaign
from broadside.pdf.settings import EmbeddedFile
from broadside.reproducible import as_utc, source_date

DEMANDS_SCHEMA = "broadside/demands/1"


def sources(campaign: Campaign) -> tuple[EmbeddedFile, ...]:
    return (
        EmbeddedFile(
            name=campaign.article.path.name,
            data=campaign.article.path.read_bytes(),
            mime_type="text/markdown",  # RFC 7763
            relationship="Source",
            description="The news report, as written: Markdown with YAML front matter",
        ),
        EmbeddedFile(
            name=campaign.letter.path.name,
            data=campaign.letter.path.read_bytes(),
            mime_type="text/markdown",
            relationship="Source",
            description="The open letter, as written: Markdown with YAML front matter",
        ),
        EmbeddedFile(
            name="demands.json",
            data=demands_json(campaign),
            mime_type="application/json",
            relationship="Data",
            description=f"The letter's demands as data ({DEMANDS_SCHEMA})",
        ),
    )


def demands_json(campaign: Campaign) -> bytes:
    letter = campaign.letter.meta
    lang = letter.lang
    document: dict[str, Any] = {
        "schema": DEMANDS_SCHEMA,
        "title": plain_inline(letter.title, lang=lang),
        "lang": lang,
        "signature": plain_inline(letter.signature, lang=lang),
        "recipient": (
            {
                "name": letter.recipient.name,
                "role": letter.recipient.role,
                "organisation": letter.recipient.organisation,
            }
            if letter.recipient
            else None
        ),
        "date": letter.date.isoformat() if letter.date else None,
        "url": letter.url,
        "intro": plain_inline(letter.demands_intro, lang=lang) if letter.demands_intro else None,
        "demands": [
            {"number": number, "text": plain_inline(demand, lang=lang), "markdown": demand}
            for number, demand in enumerate(letter.demands, start=1)
        ],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def attachment_date(campaign: Campaign) -> datetime:
    """PDF/A-3 dates every embedded file: the content's latest date, else SOURCE_DATE_EPOCH,
    else the newer source file's modification time (never the clock)."""
    date = campaign.latest or source_date()
    if date is not None:
        return as_utc(date)
    newest = max(campaign.article.path.stat().st_mtime, campaign.letter.path.stat().st_mtime)
    return datetime.fromtimestamp(int(newest), tz=UTC)
