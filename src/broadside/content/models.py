"""The content contract: what a campaign folder's front matter may say.

Frozen, and unknown fields are errors (a typo is reported with a "did you mean" hint, not
silently ignored). Field documentation for users lives in docs/content.md; keep both in step.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)
from pydantic_core import PydanticCustomError

from broadside.errors import Problem
from broadside.reproducible import as_utc


def _clean_text(value: str) -> str:
    """Reject invisible characters that break PDF text (NUL, BEL, lone surrogates)."""
    for index, char in enumerate(value):
        category = unicodedata.category(char)
        if char not in "\n\t" and category in ("Cc", "Cs", "Cn"):
            name = f"U+{ord(char):04X}"
            raise ValueError(
                f"contains an invisible control or unassigned character {name} at position "
                f"{index + 1}; delete it"
            )
    return value


def _single_line(value: str) -> str:
    return " ".join(value.split())


_Text = Annotated[str, Field(min_length=1), AfterValidator(_clean_text)]
Line = Annotated[_Text, Field(max_length=300), AfterValidator(_single_line)]
"""A short one-line field: a name, a label."""
Sentence = Annotated[_Text, Field(max_length=2000), AfterValidator(_single_line)]
"""A one-paragraph field with inline Markdown: a title, a demand, a caption."""
Paragraphs = Annotated[_Text, Field(max_length=20_000)]
"""Block Markdown in front matter (e.g. the letter's closing)."""

_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def _language_tag(value: str) -> str:
    if not _LANG.match(value):
        raise ValueError("must be a language tag such as en, de or pt-BR")
    return value


Language = Annotated[str, AfterValidator(_language_tag)]


def _web_url(value: str) -> str:
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("must be a web address starting with https:// or http://")
    if any(char.isspace() or unicodedata.category(char) == "Cc" for char in value):
        raise ValueError("must not contain spaces or control characters")
    return value


WebUrl = Annotated[str, Field(max_length=500), AfterValidator(_web_url)]


def _relative_file(value: str) -> str:
    path = PurePosixPath(value.replace("\\", "/"))
    if path.is_absolute() or ":" in value.split("/")[0]:
        raise ValueError("must be a path relative to the campaign folder, like photos/crowd.jpg")
    if ".." in path.parts:
        raise ValueError("must stay inside the campaign folder (no ..)")
    return str(path)


RelativeFile = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_relative_file)]

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


When = Annotated[datetime | date, BeforeValidator(_day_or_moment)]
"""A day (`2018-06-20`), or a date and time (`2018-06-20T09:00:00-07:00`)."""


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Person(Model):
    name: Line
    role: Line | None = None
    bio: Sentence | None = None
    expertise: tuple[Line, ...] = ()


class Update(Model):
    at: AwareDatetime  # a moment: without its offset, the same words mean different times
    zone: Line | None = None  # printed after the time, e.g. "PT"; the offset in `at` is the truth
    note: Sentence


class Figure(Model):
    file: RelativeFile | None = None
    alt: Sentence | None = None
    caption: Sentence | None = None
    credit: Line | None = None
    reference: Line | None = None  # the source's own name for the picture, e.g. an agency file

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
    name: Line
    url: WebUrl | None = None
    note: Sentence | None = None


class ArticleMeta(Model):
    title: Sentence
    subtitle: Sentence | None = None
    publication: Line | None = None
    lang: Language = "en"
    author: Person | None = None
    published: When | None = None
    updates: tuple[Update, ...] = ()
    reading_minutes: Annotated[int, Field(ge=1, le=600)] | None = None
    figure: Figure | None = None
    keywords: tuple[Line, ...] = ()
    sources: tuple[Source, ...] = ()


class Recipient(Model):
    name: Line
    role: Line | None = None


class LetterMeta(Model):
    title: Sentence
    ask: Sentence | None = None
    url: WebUrl | None = None
    lang: Language = "en"
    date: When | None = None
    recipient: Recipient | None = None
    salutation: Line | None = None
    demands_intro: Sentence | None = None
    demands: Annotated[tuple[Sentence, ...], Field(min_length=1, max_length=40)]
    closing: Paragraphs | None = None
    sign_off: Line | None = None
    signature: Line


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
