"""What an archival PDF carries inside it: the campaign's own sources, byte for byte.

A recipient can rebuild the brief from `article.md` and `letter.md` (and `brand.yaml` with
its logo, when the campaign has a brand), or quote the demands exactly from `demands.json`
without copying text out of a typeset page. The JSON schema is
documented in README ("Archival") and marked by its `schema` field; change both together.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from typing import Any

from broadside.content.markdown import plain_inline
from broadside.content.models import Campaign
from broadside.html.labels import Labels
from broadside.pdf.settings import EmbeddedFile
from broadside.reproducible import as_utc, source_date

# 2: `signature` may join several names ("A, B and C"); `signers` lists them, and
# `signatories` counts the signatories.csv rows printed (a version 1 reader would have taken
# the signature for everyone who signed).
DEMANDS_SCHEMA = "broadside/demands/2"
SIGNATORY_COLUMNS = ("name", "role", "organisation", "place", "kind")


def sources(campaign: Campaign) -> tuple[EmbeddedFile, ...]:
    return (*_texts(campaign), *_signatories(campaign), *brand_sources(campaign))


def _texts(campaign: Campaign) -> tuple[EmbeddedFile, ...]:
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


def _signatories(campaign: Campaign) -> tuple[EmbeddedFile, ...]:
    """The signatories as printed, never the file they came from: a form's export carries
    columns (e-mail addresses, timestamps) that the letter did not map, and those stay out."""
    if campaign.signatories is None:
        return ()
    return (
        EmbeddedFile(
            name="signatories.csv",
            data=signatories_csv(campaign),
            mime_type="text/csv",  # RFC 4180
            relationship="Source",
            description="Everyone who signed, as printed: name, role, organisation, place, kind",
        ),
    )


def signatories_csv(campaign: Campaign) -> bytes:
    """RFC 4180, UTF-8, the documented columns only, in print order, duplicates removed."""
    assert campaign.signatories is not None
    signed = campaign.signatories
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(SIGNATORY_COLUMNS)
    writer.writerows(
        (s.name, s.role or "", s.organisation or "", s.place or "", s.kind.value)
        for s in (*signed.organisations, *signed.people)
    )
    return text.getvalue().encode("utf-8")


def brand_sources(campaign: Campaign) -> tuple[EmbeddedFile, ...]:
    """brand.yaml and the logo, as they were read and checked (the logo as supplied, not as
    sanitised: a recipient rebuilds from the same files)."""
    brand = campaign.brand
    if brand is None:
        return ()
    files = [
        EmbeddedFile(
            name=brand.path.name,
            data=brand.source,
            mime_type="application/yaml",  # RFC 9512
            relationship="Source",
            description="The organisation's brand, as written: its name, accent and logo",
        )
    ]
    if brand.logo is not None and brand.meta.logo is not None:
        taken = {campaign.article.path.name, campaign.letter.path.name, "demands.json"}
        taken |= {"signatories.csv", "brand.yaml"}
        name = brand.meta.logo  # as brand.yaml names it, so the files rebuild as they are
        files.append(
            EmbeddedFile(
                name=f"logo-{name}" if name in taken else name,
                data=brand.logo.source,
                mime_type=brand.logo.mime,
                relationship="Source",
                description="The organisation's logo, as supplied",
            )
        )
    return tuple(files)


def demands_json(campaign: Campaign) -> bytes:
    letter = campaign.letter.meta
    lang = letter.lang
    document: dict[str, Any] = {
        "schema": DEMANDS_SCHEMA,
        "title": plain_inline(letter.title, lang=lang),
        "lang": lang,
        "signature": plain_inline(Labels(lang).join(letter.signature), lang=lang),
        "signers": [plain_inline(name, lang=lang) for name in letter.signature],
        "signatories": _counts(campaign),
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


def _counts(campaign: Campaign) -> dict[str, int] | None:
    signed = campaign.signatories
    if signed is None:
        return None
    organisations, people = len(signed.organisations), len(signed.people)
    return {"count": organisations + people, "organisations": organisations, "people": people}


def attachment_date(campaign: Campaign) -> datetime:
    """PDF/A-3 dates every embedded file: the content's latest date, else SOURCE_DATE_EPOCH,
    else the newer source file's modification time (never the clock)."""
    date = campaign.latest or source_date()
    if date is not None:
        return as_utc(date)
    read = [campaign.article.path, campaign.letter.path]
    read += [campaign.signatories.path] if campaign.signatories else []
    newest = max(path.stat().st_mtime for path in read)
    return datetime.fromtimestamp(int(newest), tz=UTC)
