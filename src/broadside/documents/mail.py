"""The e-mail drafts (`build --email`): the letter as an RFC 5322 message, brief.pdf attached.

`letter.eml` is addressed to the letter's recipient; with a recipients.csv, each row also
gets `email/<name>.eml` with its own To and greeting. The bodies are the letter and nothing
else: a text part (wrapped, demands numbered, links as addresses) and the same as simple
HTML (escaped, no pictures, nothing fetched). Like the PDFs, a draft depends only on the
content: its Date is the content's, and its Message-ID and MIME boundaries are derived
from what it says, so the same campaign gives the same bytes.
"""

from __future__ import annotations

import hashlib
import re
import textwrap
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, time
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import default
from email.utils import format_datetime

from broadside.content.characters import for_metadata
from broadside.content.markdown import plain_inline, render_block, render_inline
from broadside.content.models import Campaign
from broadside.content.plaintext import WIDTH, inline_text, plain_text
from broadside.documents.document import Artifact, Composed, Made
from broadside.html.templating import render
from broadside.options import BuildOptions
from broadside.reproducible import source_date

BRIEF = "brief.pdf"
FOLDER = "email"  # the mail-merge drafts, one per row of recipients.csv
# CRLF: RFC 5322's line ending, which every mail client reads (and LF-only files not all).
POLICY = default.clone(linesep="\r\n")
# Names Windows will not create a file under, whatever the extension.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10))}
_RESERVED |= {f"lpt{n}" for n in range(10)}


def compose(
    output: Composed, campaign: Campaign, options: BuildOptions, made: Mapping[str, Artifact]
) -> Made:
    brief = made[BRIEF].data
    letter = campaign.letter.meta
    recipient = letter.recipient
    to = (
        _address(recipient.name, recipient.email)
        if recipient is not None and recipient.email
        else None
    )
    artifacts = [Artifact(output.name, draft(campaign, brief, to, letter.salutation))]
    names = file_names(row.name for row in campaign.recipients)
    for row, name in zip(campaign.recipients, names, strict=True):
        data = draft(campaign, brief, _address(row.name, row.email), row.salutation)
        artifacts.append(Artifact(f"{FOLDER}/{name}.eml", data))
    notes = []
    if letter.sender is None:
        notes.append(
            f"{output.name}: no sender in letter.md, so the draft has no From; your mail "
            "client fills it in"
        )
    if to is None:
        notes.append(f"{output.name}: no recipient.email in letter.md, so the draft has no To")
    return Made(tuple(artifacts), notes=tuple(notes))


def draft(campaign: Campaign, brief: bytes, to: Address | None, salutation: str | None) -> bytes:
    """One message: headers, the letter as text and HTML, the brief attached."""
    letter = campaign.letter.meta
    lang = letter.lang
    greeting = salutation if salutation is not None else letter.salutation
    message = EmailMessage(policy=POLICY)
    # The policy refuses a header with a line break in it: no content can add a header.
    # Headers are metadata: no soft hyphens, joiners or marks (content/characters.py).
    message["Subject"] = for_metadata(plain_inline(letter.title, lang=lang))
    if letter.sender is not None:
        name = plain_inline(letter.sender.name, lang=lang) if letter.sender.name else ""
        message["From"] = _address(name, letter.sender.email)
    if to is not None:
        message["To"] = to
    date = _date(campaign)
    if date is not None:
        message["Date"] = format_datetime(date)
    message["X-Unsent"] = "1"  # Outlook opens it as a draft to edit and send
    text, html = text_part(campaign, greeting), html_part(campaign, greeting)
    message.set_content(text, cte="quoted-printable")
    message.add_alternative(html, subtype="html", cte="quoted-printable")
    message.add_attachment(brief, maintype="application", subtype="pdf", filename=BRIEF)
    # Everything that makes this message what it is; random in the email package otherwise.
    digest = hashlib.sha256(
        "\0".join(
            (str(message["Subject"]), str(message["From"]), str(to), str(date), text, html)
        ).encode()
        + hashlib.sha256(brief).digest()
    ).hexdigest()
    message["Message-ID"] = f"<{digest[:32]}@broadside.invalid>"
    # "=_" never occurs in quoted-printable or base64, so no body can contain a boundary.
    message.set_boundary(f"=_mixed_{digest[:24]}")
    alternative = message.get_payload(0)
    assert isinstance(alternative, EmailMessage)
    alternative.set_boundary(f"=_alternative_{digest[:24]}")
    return message.as_bytes(policy=POLICY)


def text_part(campaign: Campaign, greeting: str | None) -> str:
    letter = campaign.letter
    meta, lang = letter.meta, letter.meta.lang
    parts = []
    if greeting:
        parts.append(inline_text(greeting, lang=lang))
    if letter.body.strip():
        parts.append(plain_text(letter.body, lang=lang))
    if meta.demands_intro:
        parts.append(_wrap(inline_text(meta.demands_intro, lang=lang)))
    width = len(f"{len(meta.demands)}. ")
    parts.append(
        "\n".join(
            _wrap(inline_text(demand, lang=lang), f"{number}. ".ljust(width), " " * width)
            for number, demand in enumerate(meta.demands, start=1)
        )
    )
    if meta.closing:
        parts.append(plain_text(meta.closing, lang=lang))
    ending = [inline_text(text, lang=lang) for text in (meta.sign_off, *meta.signature) if text]
    parts.append("\n".join(ending))
    return "\n\n".join(parts) + "\n"


def html_part(campaign: Campaign, greeting: str | None) -> str:
    letter = campaign.letter
    meta, lang = letter.meta, letter.meta.lang

    def inline(text: str | None) -> object:
        return render_inline(text, lang=lang, pictures=False) if text else None

    return render(
        "email.html.j2",
        {
            "lang": lang,
            "title": plain_inline(meta.title, lang=lang),
            "salutation": inline(greeting),
            "body": render_block(letter.body, lang=lang, doc_id="letter", pictures=False),
            "intro": inline(meta.demands_intro),
            "demands": [inline(demand) for demand in meta.demands],
            "closing": render_block(meta.closing, lang=lang, doc_id="closing", pictures=False)
            if meta.closing
            else None,
            "sign_off": inline(meta.sign_off),
            "signature": [inline(name) for name in meta.signature],  # one name or several
        },
    )


def file_names(names: Iterable[str]) -> list[str]:
    """A safe, distinct file name for each recipient: ASCII letters, digits and hyphens."""
    used: set[str] = set()
    found = []
    for name in names:
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-")
        slug = slug or "recipient"
        if slug in _RESERVED:
            slug = f"to-{slug}"
        candidate, number = slug, 2
        while candidate in used:
            candidate, number = f"{slug}-{number}", number + 1
        used.add(candidate)
        found.append(candidate)
    return found


def _address(name: str, email: str) -> Address:
    user, _, domain = email.partition("@")
    return Address(display_name=for_metadata(name), username=user, domain=domain)


def _date(campaign: Campaign) -> datetime | None:
    """The letter's date, else the campaign's, else SOURCE_DATE_EPOCH; never the clock.

    A day without a time is sent as its noon in UTC, the one moment that falls on that
    day in (nearly) every time zone a reader's mail client may show it in.
    """
    when = campaign.letter.meta.date or campaign.created or source_date()
    if when is None:
        return None
    if not isinstance(when, datetime):
        return datetime.combine(when, time(12), tzinfo=UTC)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _wrap(text: str, first: str = "", rest: str = "") -> str:
    return "\n".join(
        textwrap.wrap(
            text,
            WIDTH,
            initial_indent=first,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        )
        or [first]
    )
