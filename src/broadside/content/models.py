"""The content contract: what a campaign folder's front matter may say.

Frozen, and unknown fields are errors (a typo is reported with a "did you mean" hint, not
silently ignored). Field documentation for users lives in docs/content.md; keep both in step.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SkipValidation,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from broadside.content import characters
from broadside.errors import Problem
from broadside.reproducible import as_utc


def _printable(value: str) -> str:
    """Refuse characters that may not be printed, in any spelling (content/characters.py)."""
    problem = characters.refusal(value, markdown=True)
    if problem:
        raise ValueError(problem)
    return value


def _literal(value: str) -> str:
    """As `_printable`, for a field printed as written, not as Markdown."""
    problem = characters.refusal(value, markdown=False)
    if problem:
        raise ValueError(problem)
    return value


def _single_line(value: str) -> str:
    return " ".join(value.split())


_Text = Annotated[str, Field(min_length=1), AfterValidator(_printable)]
Line = Annotated[_Text, Field(max_length=300), AfterValidator(_single_line)]
"""A short one-line field: a name, a label."""
LiteralLine = Annotated[
    str, Field(min_length=1, max_length=300), AfterValidator(_literal), AfterValidator(_single_line)
]
"""A short one-line field printed as written, not as Markdown: a file's name, a time zone."""
Sentence = Annotated[_Text, Field(max_length=2000), AfterValidator(_single_line)]
"""A one-paragraph field with inline Markdown: a title, a demand, a caption."""
Paragraphs = Annotated[_Text, Field(max_length=20_000)]
"""Block Markdown in front matter (e.g. the letter's closing)."""
Label = Annotated[_Text, Field(max_length=80), AfterValidator(_single_line)]
"""A few words printed beside something: a call to action."""

_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def _language_tag(value: str) -> str:
    if not _LANG.match(value):
        raise ValueError("must be a language tag such as en, de or pt-BR")
    return value


# Patterns and formats go to the schema only: the validators give the messages people read.
Language = Annotated[
    str, Field(json_schema_extra={"pattern": _LANG.pattern}), AfterValidator(_language_tag)
]


def _web_url(value: str) -> str:
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("must be a web address starting with https:// or http://")
    # Printed as written and followed by phones: an invisible character in an address is
    # never meant, whatever the rules for text allow.
    if any(char.isspace() or unicodedata.category(char)[0] in "CZ" for char in value):
        raise ValueError("must not contain spaces or invisible characters")
    return value


WebUrl = Annotated[
    str,
    Field(max_length=500, json_schema_extra={"pattern": "^https?://", "format": "uri"}),
    AfterValidator(_web_url),
]


def relative_file(value: str) -> str:
    """A path inside the campaign folder, as written in figure.file: its form checked."""
    _literal(value)
    path = PurePosixPath(value.replace("\\", "/"))
    if path.is_absolute() or ":" in value.split("/")[0]:
        raise ValueError("must be a path relative to the campaign folder, like photos/crowd.jpg")
    if ".." in path.parts:
        raise ValueError("must stay inside the campaign folder (no ..)")
    return str(path)


def _one_or_more(value: Any) -> Any:
    """`signature: Us`, or a list of names: a tuple of names either way."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return value
    # Reported as a one-line field would be ("must be text, not a number…").
    raise PydanticCustomError("string_type", "must be text or a list of names")


RelativeFile = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(relative_file)]

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _day_or_moment(value: object) -> date:
    """`2018-06-20` stays a day (never midnight of some zone); anything longer is a moment.

    Parsed here, so a mistake is one error ("must be a date…"), not one per kind of date.
    """
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return date.fromisoformat(text) if _DAY.match(text) else datetime.fromisoformat(text)
        except ValueError:
            pass
    raise PydanticCustomError("date_type", "must be a date, or a date and time")


FIRST_YEAR, LAST_YEAR = 1800, 2200


def _in_range(value: date) -> date:
    """Any date YAML can write converts to UTC and prints; past the edges of Python's
    calendar (year 1 with an offset, 9999) it would not. No campaign needs more than this."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"must be a date between the years {FIRST_YEAR} and {LAST_YEAR}")
    return value


When = Annotated[datetime | date, BeforeValidator(_day_or_moment), AfterValidator(_in_range)]
"""A day (`2018-06-20`), or a date and time (`2018-06-20T09:00:00-07:00`)."""
Moment = Annotated[AwareDatetime, AfterValidator(_in_range)]
"""A date and time with its offset (`2018-06-22T07:20:00-07:00`)."""


def _email_address(value: str) -> str:
    """One plain address (`name@example.org`): it goes into a header of the e-mail draft."""
    if not _ADDRESS.match(value):
        raise ValueError("must be one e-mail address such as name@example.org")
    if not value.isascii():
        raise ValueError(
            "must be written in ASCII: a domain with other letters in its xn-- form "
            "(an address with them in its name part cannot be sent everywhere)"
        )
    return value


_ADDRESS = re.compile(r"^[^@\s<>(),;:\"\[\]\\]+@[^@\s<>(),;:\"\[\]\\]+\.[^@\s<>(),;:\"\[\]\\]+$")
EmailAddress = Annotated[
    str,
    Field(max_length=254, json_schema_extra={"format": "email"}),
    AfterValidator(_email_address),
]

_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _hex_colour(value: str) -> str:
    if not _HEX_COLOUR.fullmatch(value):
        raise ValueError("must be a colour written #rrggbb, such as #a4262c")
    return value.lower()


HexColour = Annotated[
    str,
    Field(json_schema_extra={"pattern": _HEX_COLOUR.pattern}),
    AfterValidator(_hex_colour),
]
"""`#a4262c`: the one form of colour content may give; it reaches CSS only as this."""

# The descriptions and examples below are what editors show while a campaign is written
# (`broadside schema`); docs/content.md says the same at more length. Keep them in step.


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Person(Model):
    """Who wrote the report."""

    name: Line = Field(description="The byline; also the PDF's author.", examples=["Sean Keane"])
    role: Line | None = Field(
        None, description="Printed with the name.", examples=["Former Senior Writer"]
    )
    bio: Sentence | None = Field(None, description="A sentence or two, on the sources page.")
    expertise: tuple[Line, ...] = Field(
        (),
        description="Subjects, listed on the sources page.",
        examples=[["Culture", "Video Games"]],
    )


class Update(Model):
    """A correction or addition, as the publication printed it."""

    # A moment: without its offset, the same words mean different times in different places.
    at: Moment = Field(
        description="When: a date and time with its offset from UTC (Z for UTC).",
        examples=["2018-06-22T07:20:00-07:00"],
    )
    zone: LiteralLine | None = Field(
        None,
        description="The zone's name printed after the time; the offset in `at` is the truth.",
        examples=["PT"],
    )
    note: Sentence = Field(
        description="What changed.", examples=["Adds that Amazon declined to comment."]
    )


class Figure(Model):
    """The report's picture: a file in the campaign folder, or the credit of one not reproduced."""

    file: RelativeFile | None = Field(
        None,
        description="A PNG, JPEG, GIF or WebP file inside the campaign folder. Without it the "
        "caption and credit print under 'Photograph not reproduced'.",
        examples=["photos/crowd.jpg"],
    )
    alt: Sentence | None = Field(
        None,
        description="What the picture shows, read aloud by screen readers; required with file.",
        examples=["Workers holding placards outside the office"],
    )
    caption: Sentence | None = Field(None, description="Printed under the picture.")
    credit: Line | None = Field(
        None,
        description="Who took the picture.",
        examples=["Brent Lewis, Denver Post via Getty Images"],
    )
    reference: LiteralLine | None = Field(
        None,
        description="The source's own name for the picture, such as an agency's file name.",
        examples=["gettyimages-520695280.jpg"],
    )

    @model_validator(mode="after")
    def _image_needs_alt(self) -> Figure:
        if self.file and not self.alt:
            raise ValueError(
                "alt is required with file: describe the picture for readers who cannot see it"
            )
        if not (self.file or self.caption or self.reference):
            raise ValueError("a figure needs at least a file, a caption or a reference")
        return self


class Source(Model):
    """A further source, listed on the sources page."""

    name: Line = Field(description="Who or what.", examples=["Gizmodo"])
    url: WebUrl | None = Field(
        None, description="Its address (https:// or http://).", examples=["https://example.org"]
    )
    note: Sentence | None = Field(
        None, description="Why it matters.", examples=["First reported the letter."]
    )


class ArticleMeta(Model):
    """article.md: the news report that is the campaign's evidence."""

    model_config = ConfigDict(title="article.md front matter")

    title: Sentence = Field(
        description="The headline; also the PDF's title. Inline Markdown.",
        examples=["Amazon employees protest sale of face recognition software to police"],
    )
    subtitle: Sentence | None = Field(
        None, description="The dek under the headline; also the PDF's subject."
    )
    publication: Line | None = Field(None, description="Where the report ran.", examples=["CNET"])
    lang: Language = Field(
        "en",
        description="The text's language (hyphenation, quotation marks, Broadside's own words).",
        examples=["en", "de", "pt-BR"],
    )
    author: Person | None = Field(None, description="Who wrote the report.")
    published: When | None = Field(
        None,
        description="When it ran: the brief's date. A day, or a date and time with its offset.",
        examples=["2018-06-20", "2018-06-20T09:00:00-07:00"],
    )
    updates: tuple[Update, ...] = Field(
        (), description="Corrections and additions, as the publication printed them."
    )
    reading_minutes: Annotated[int, Field(ge=1, le=600)] | None = Field(
        None, description="Kept, not printed: a reading time is a web page's idiom, not print's."
    )
    figure: Figure | None = Field(None, description="The report's picture.")
    keywords: tuple[Line, ...] = Field(
        (), description="The PDF's keywords.", examples=[["Amazon", "facial recognition"]]
    )
    sources: tuple[Source, ...] = Field((), description="Further sources, on the sources page.")


class Recipient(Model):
    """Who the letter is addressed to."""

    name: Line = Field(description="Printed on the cover and the flyer.", examples=["Jeff Bezos"])
    role: Line | None = Field(None, description="Printed after the name.", examples=["CEO"])
    organisation: Line | None = Field(
        None,
        description='Who the recipient answers for, printed after the role: "CEO of Amazon".',
        examples=["Amazon"],
    )
    email: EmailAddress | None = Field(
        None,
        description="Their address: the To of the e-mail draft (`build --email`).",
        examples=["jeff@example.com"],
    )


class Sender(Model):
    """Who sends the e-mail draft: its From."""

    name: Line | None = Field(None, description="Shown as the sender.", examples=["Amazonians"])
    email: EmailAddress = Field(
        description="The address replies go to.", examples=["letter@example.org"]
    )


class SignatoryColumns(Model):
    """Which header of a form's export holds each column of signatories.csv."""

    name: Line | None = Field(
        None, description="The header of the names (required).", examples=["Full name"]
    )
    role: Line | None = Field(None, description="The header of the roles.", examples=["Job"])
    organisation: Line | None = Field(
        None, description="The header of the organisations.", examples=["Employer"]
    )
    place: Line | None = Field(None, description="The header of the places.", examples=["City"])
    kind: Line | None = Field(
        None, description="The header of person or organisation.", examples=["Signing as"]
    )


class SignatoriesFile(Model):
    """Where the signatories are, and how they are read and ordered."""

    file: RelativeFile = Field(
        "signatories.csv",
        description="The CSV file, inside the campaign folder.",
        examples=["responses.csv"],
    )
    # Set: only these headers are read (an export's other columns, e-mail addresses and
    # timestamps, are never printed, embedded or attached). Unset: the documented columns.
    columns: SignatoryColumns | None = Field(
        None,
        description="A form's export: which of its headers holds each column. Only these "
        "are read; its other columns are never printed, embedded or attached.",
    )
    order: Literal["sorted", "as-given"] = Field(
        "sorted",
        description="sorted: alphabetical as a reader of the letter's language expects; "
        "as-given: the file's order. Organisations come first either way.",
    )


class SignatoryKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"


# Signatories come by the ten thousand from a CSV file, not from YAML: content/signatories.py
# checks every value by the rules of `Line` as it reads the file, row and column in hand, and
# builds these plain frozen values (a pydantic model each would cost most of `check`'s time).


@dataclass(frozen=True, slots=True)
class Signatory:
    """One row of the signatures, as printed: plain text, never Markdown."""

    name: str
    role: str | None = None
    organisation: str | None = None
    place: str | None = None
    kind: SignatoryKind = SignatoryKind.PERSON

    @property
    def detail(self) -> str:
        """What follows the name, in a quieter style: role, organisation, place."""
        return ", ".join(part for part in (self.role, self.organisation, self.place) if part)


@dataclass(frozen=True, slots=True)
class Signatories:
    """Everyone who signed, in print order: organisations first, then people."""

    path: Path  # the file they were read from
    organisations: tuple[Signatory, ...]
    people: tuple[Signatory, ...]
    # File lines of rows that repeat an earlier one (same name, organisation and place):
    # each group printed once, the first line first.
    duplicates: tuple[tuple[int, ...], ...] = ()

    @property
    def count(self) -> int:
        return len(self.organisations) + len(self.people)


class LetterMeta(Model):
    """letter.md: the open letter and its demands."""

    model_config = ConfigDict(title="letter.md front matter")

    title: Sentence = Field(
        description="The letter's heading in the brief, and the e-mail's subject.",
        examples=["The employees' letter to Jeff Bezos"],
    )
    ask: Sentence | None = Field(
        None,
        description="The flyer's headline: the campaign's ask in a sentence. Defaults to title.",
        examples=["We demand a choice in what we build, and a say in how it is used."],
    )
    url: WebUrl | None = Field(
        None,
        description="The campaign's page: the flyer prints a QR code to it.",
        examples=["https://example.org/campaign"],
    )
    url_label: Label | None = Field(
        None,
        description="The flyer's call to action beside its QR code (only with url). "
        'Defaults to "Scan to read the letter" in the letter\'s language.',
        examples=["Scan to sign the letter"],
    )
    lang: Language = Field("en", description="The letter's language.", examples=["en", "de"])
    date: When | None = Field(
        None,
        description="When the letter was sent: printed on the flyer, the e-mail draft's Date.",
        examples=["2018-06-21"],
    )
    recipient: Recipient | None = Field(None, description="Who the letter is addressed to.")
    sender: Sender | None = Field(None, description="Who sends the e-mail draft (`--email`).")
    salutation: Line | None = Field(None, description="The greeting.", examples=["Dear Jeff,"])
    demands_intro: Sentence | None = Field(
        None,
        description="The line above the demands (quote it: it ends with a colon).",
        examples=["We call on you to:"],
    )
    demands: Annotated[tuple[Sentence, ...], Field(min_length=1, max_length=40)] = Field(
        description="What the letter asks, one item each (1 to 40): numbered in the brief, "
        "the flyer and the e-mail. Quote an item that contains ': '.",
        examples=[["Stop selling facial recognition services to law enforcement"]],
    )
    closing: Paragraphs | None = Field(
        None, description="The paragraphs after the demands; Markdown."
    )
    sign_off: Line | None = Field(
        None, description="Before the signature.", examples=["Sincerely,"]
    )
    signature: Annotated[
        tuple[Line, ...],
        BeforeValidator(_one_or_more),
        Field(min_length=1, max_length=50),
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "string", "minLength": 1, "maxLength": 300},
                    {
                        "type": "array",
                        "items": {"type": "string", "minLength": 1, "maxLength": 300},
                        "minItems": 1,
                        "maxItems": 50,
                    },
                ]
            }
        ),
    ] = Field(
        description="Who is asking: signs the letter and the flyer. A list of names (up to "
        "50) is printed one a line under the sign-off; many more belong in signatories.csv.",
        examples=["Amazonians", ["Ana Ruiz", "Ben Okafor"]],
    )
    signatories: SignatoriesFile | None = Field(
        None,
        description="Where the signatories are, when not in signatories.csv, or to read a "
        "form's export (columns) or keep the file's order.",
    )


class MailRecipient(Model):
    """One row of recipients.csv."""

    name: Line = Field(description="Shown in the To line; names the draft's file.")
    email: EmailAddress = Field(description="The address the draft is to.")
    salutation: Line | None = Field(
        None, description="This draft's greeting, in place of the letter's salutation."
    )


class BrandMeta(Model):
    """brand.yaml: the organisation that publishes the campaign, with its colour and mark."""

    model_config = ConfigDict(title="brand.yaml")

    name: Line = Field(
        description="The organisation: the logo's alternative text, and on the sources page.",
        examples=["Amazonians for Accountability"],
    )
    accent: HexColour | None = Field(
        None,
        description="The colour of the rules, labels, numbers and fields the pages draw in "
        "their accent, written #rrggbb. It must be legible wherever it is used: a colour "
        "that is not is refused with the nearest one of the same hue that is.",
        examples=["#1d5c8a"],
    )
    logo: RelativeFile | None = Field(
        None,
        description="A PNG, JPEG or SVG file inside the campaign folder: on the cover, at the "
        "flyer's foot and on the sources page.",
        examples=["logo.svg"],
    )


class Logo(Model):
    """A logo as it is printed: checked, and for an SVG written anew (content/svg.py)."""

    path: Path  # the file, as brand.yaml names it under the campaign folder
    mime: str  # image/png, image/jpeg or image/svg+xml
    data: bytes  # what is drawn: the picture as checked, or the SVG as sanitised
    source: bytes  # the file as it was read (archival PDFs carry it)
    width: float  # intrinsic size, in pixels: only its proportions are used
    height: float
    pictures: tuple[str, ...] = ()  # data: URLs of pictures inside an SVG, as written there

    @property
    def ratio(self) -> float:
        """Width over height: the layout sizes the logo, never distorting it."""
        return self.width / self.height


class Brand(Model):
    meta: BrandMeta
    path: Path
    source: bytes  # brand.yaml as it was read (archival PDFs carry it)
    logo: Logo | None = None


class Article(Model):
    meta: ArticleMeta
    body: str
    path: Path
    body_line: int


class Letter(Model):
    meta: LetterMeta
    body: str
    path: Path
    body_line: int


class Campaign(Model):
    root: Path
    article: Article
    letter: Letter
    # What the checks found that does not stop a build (a footnote never referred to):
    # `check` lists them, `build` prints them, `--strict` refuses them.
    warnings: tuple[Problem, ...] = ()
    # recipients.csv: one e-mail draft each (`build --email`); none without the file.
    recipients: tuple[MailRecipient, ...] = ()
    signatories: SkipValidation[Signatories | None] = None  # checked as read, row by row
    brand: Brand | None = None  # from brand.yaml, when the folder has one

    @property
    def lang(self) -> str:
        return self.article.meta.lang

    @property
    def latest(self) -> date | None:
        """When the content last changed: its newest update, else its own date."""
        dates: list[date] = [update.at for update in self.article.meta.updates]
        return max(dates, key=as_utc) if dates else self.created

    @property
    def created(self) -> date | None:
        """The brief's date: the article's publication, else its first update, else the letter's."""
        meta = self.article.meta
        if meta.published:
            return meta.published
        if meta.updates:
            return min((update.at for update in meta.updates), key=as_utc)
        return self.letter.meta.date
