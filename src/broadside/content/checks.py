"""Checks on what people write: links, pictures, characters, and the sizes that bound a build.

Every text a brief prints is Markdown — the bodies and the front-matter fields alike — so
each is held to the same rules, and each problem names its file, line and field.

The size limits keep the slowest campaign that passes them well inside a build's time limit
(measured in docs/limits.md): typesetting time grows with characters, with blocks (each
paragraph, list item or table cell is a box to lay out) and, for a paragraph of mostly
zero-width characters, with the square of its length.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from broadside.content import characters
from broadside.content.frontmatter import Location, SourceFile
from broadside.content.images import Pictures
from broadside.content.markdown import LINK_SCHEMES, is_safe_link, scan
from broadside.content.models import relative_file
from broadside.errors import Problem, Severity

MAX_BODY_CHARS = 200_000  # about 33,000 words, some 90 pages of the brief
MAX_LINE_CHARS = 5_000  # no paragraph may be longer, so no line either
MAX_PARAGRAPH_CHARS = 5_000  # about 800 words, two pages of unbroken text
MAX_BLOCKS = 2_000  # paragraphs, headings, list items, table rows and cells, notes
MAX_TABLE_CELLS = 500  # a table cell costs the typesetter several paragraphs' time
MAX_FOOTNOTE_REFS = 500
MAX_DEPTH = 20  # lists in lists, emphasis in emphasis: deeper breaks the Markdown parser

_SCHEMES = ", ".join(scheme.rstrip("/") for scheme in LINK_SCHEMES)


def body_problems(pictures: Pictures, source: SourceFile) -> list[Problem]:
    """Size, characters, links and pictures of the Markdown after the front matter."""
    path, body = source.path, source.body
    too_big: list[Problem] = []
    if len(body) > MAX_BODY_CHARS:
        too_big.append(
            Problem(
                path,
                source.body_line,
                "body",
                f"{len(body):,} characters; the limit is {MAX_BODY_CHARS:,}: split the text "
                "or shorten it",
            )
        )
    lines = body.split("\n")
    for number, text in enumerate(lines, start=source.body_line):
        if len(text) > MAX_LINE_CHARS:
            too_big.append(
                Problem(
                    path,
                    number,
                    "body",
                    f"line is {len(text):,} characters; the limit is {MAX_LINE_CHARS:,}",
                )
            )
    if too_big:
        return too_big  # reading every character of that much text would take seconds
    problems = [
        Problem(path, number, "body", message)
        for number, text in enumerate(lines, start=source.body_line)
        for message in characters.problems(text, markdown=True)
    ]
    return problems + markdown_problems(
        pictures, path, body, source.body_line, "body", lang=_lang(source)
    )


def field_problems(pictures: Pictures, source: SourceFile) -> list[Problem]:
    """Every text field is printed as Markdown too: the same rules for links and pictures.

    A one-line field is rendered inline with its whitespace collapsed, a block field (the
    letter's closing) as paragraphs; a field is read both ways, so neither hides anything.
    Its pictures are the same both ways: they are checked, and counted, once.
    """
    problems: list[Problem] = []
    for location, text in strings(source.data):
        readings = [(" ".join(text.split()), True)]
        if "\n" in text.strip():
            readings.append((text.strip(), False))
        for reading, inline in readings:
            for problem in markdown_problems(
                pictures if inline else None,
                source.path,
                reading,
                source.line_of(location),
                field_label(location),
                lang=_lang(source),
                inline=inline,
            ):
                if problem not in problems:
                    problems.append(problem)
    return problems


def markdown_problems(
    pictures: Pictures | None,
    path: Path,
    text: str,
    first_line: int,
    field: str,
    *,
    lang: str,
    inline: bool | None = None,
) -> list[Problem]:
    """Links, pictures and sizes in one Markdown text that starts on `first_line`.

    `pictures` counts and checks the pictures it shows (None: a second reading of a text whose
    pictures were checked in the first). `inline` is set for front-matter values, whose
    lines in the file (folded, quoted) do not match the value's own: every problem then
    points at the field's line. A one-line reading (`inline=True`) is not held to the
    paragraph limit: the models cap those fields far lower, and a block field read as one
    line would seem one long paragraph.
    """
    found = scan(text, lang=lang, inline=bool(inline))

    def at(line: int) -> int:
        return first_line + line if inline is None else first_line

    problems: list[Problem] = []
    if found.blocks > MAX_BLOCKS:
        problems.append(
            Problem(
                path,
                first_line,
                field,
                f"{found.blocks:,} paragraphs, list items, table cells and the like; the limit "
                f"is {MAX_BLOCKS:,}",
            )
        )
    if found.table_cells > MAX_TABLE_CELLS:
        problems.append(
            Problem(
                path,
                first_line,
                field,
                f"{found.table_cells:,} table cells; the limit is {MAX_TABLE_CELLS:,}",
            )
        )
    if found.footnote_refs > MAX_FOOTNOTE_REFS:
        problems.append(
            Problem(
                path,
                first_line,
                field,
                f"{found.footnote_refs:,} footnote references; the limit is {MAX_FOOTNOTE_REFS:,}",
            )
        )
    if found.depth > MAX_DEPTH:
        problems.append(
            Problem(
                path,
                at(found.depth_line),
                field,
                f"Markdown nested {found.depth} levels deep (lists, quotes, emphasis); the limit "
                f"is {MAX_DEPTH}",
            )
        )
    if found.longest > MAX_PARAGRAPH_CHARS and not inline:
        problems.append(
            Problem(
                path,
                at(found.longest_line),
                field,
                f"a paragraph of {found.longest:,} characters; the limit is "
                f"{MAX_PARAGRAPH_CHARS:,}: break it up",
            )
        )
    for label, line in found.undefined_notes:
        problems.append(
            Problem(
                path,
                at(line),
                field,
                f"footnote [^{label}] is never defined, so it would print as written",
                hint=f"add a note '[^{label}]: …' on a line of its own, or remove the reference",
            )
        )
    for label, line in found.unused_notes:
        problems.append(
            Problem(
                path,
                at(line),
                field,
                f"footnote [^{label}] is defined but never referred to, so it is left out",
                hint=f"refer to it with [^{label}] in the text, or delete the note",
                severity=Severity.WARNING,
            )
        )
    for ref in found.references:
        line = at(ref.line)
        if ref.kind == "link" and not is_safe_link(ref.target):
            problems.append(
                Problem(
                    path,
                    line,
                    field,
                    f"link to '{_shorten(ref.target)}': only {_SCHEMES} links work",
                )
            )
        elif ref.kind == "image" and pictures is not None:
            problems += image_problems(pictures, path, line, field, ref.target, ref.alt)
    return problems


def image_problems(
    pictures: Pictures,
    path: Path,
    line: int,
    field: str,
    target: str,
    alt: str,
    *,
    url: bool = True,
) -> list[Problem]:
    """A picture must be a real PNG, JPEG, GIF or WebP file inside the campaign folder.

    A Markdown picture's `target` is an address (`url`): Markdown percent-encodes it (a space
    is %20) and WeasyPrint drops any ?query or #fragment and decodes the rest, so the file
    checked here is the file it would load. `figure.file` is a plain path instead.
    """
    address = urlsplit(target) if url else None
    relative = unquote(address.path) if address else target
    absolute = address is not None and bool(address.scheme or address.netloc)
    if absolute or ":" in relative.split("/")[0] or relative.startswith(("/", "\\")):
        shown = unquote(target) if url else target
        return [
            Problem(
                path,
                line,
                field,
                f"picture '{_shorten(shown)}' must be a file inside the campaign folder",
            )
        ]
    refused = pictures.check(relative)
    problems = [Problem(path, line, field, refused)] if refused else []
    if not alt.strip():
        problems.append(
            Problem(
                path, line, field, f"picture '{target}' needs alt text: ![what it shows]({target})"
            )
        )
    return problems


def figure_problems(pictures: Pictures, source: SourceFile) -> list[Problem]:
    """article.md's `figure.file`, read from the front matter as written, so it is reported
    with the other fields' mistakes rather than only once they are all fixed. A value the
    model refuses for its form (absolute, `..`) is the model's to report."""
    figure = source.data.get("figure")
    if not isinstance(figure, dict) or not isinstance(figure.get("file"), str):
        return []
    written = figure["file"].strip()
    try:
        relative = relative_file(written)
    except ValueError:
        return []
    line = source.line_of(("figure", "file"))
    # A missing alt is the model's to report (it requires one with a file): not checked here.
    return image_problems(pictures, source.path, line, "figure.file", relative, "-", url=False)


def glyph_problems(source: SourceFile) -> list[Problem]:
    """Characters no shipped font has, in any front-matter field, as it will be printed.

    Bodies are checked line by line in `body_problems`; the other characters a field may not
    hold are the models' to refuse (content/models.py), so each is reported once.
    """
    return [
        Problem(source.path, source.line_of(location), field_label(location), message)
        for location, text in strings(source.data)
        for message in characters.glyph_problems(
            text + characters.decode_references(text), written_in=text
        )
    ]


def field_label(location: Location) -> str:
    """`demands[2]`, `author.name`: how a person finds the field (list items count from 1)."""
    label = ""
    for part in location:
        if isinstance(part, int):
            label += f"[{part + 1}]"
        else:
            label += f".{part}" if label else str(part)
    return label or "front matter"


def strings(node: Any, location: Location = ()) -> Iterator[tuple[Location, str]]:
    """Every text value in front-matter data, with where it sits."""
    if isinstance(node, str):
        yield location, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings(value, (*location, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from strings(value, (*location, index))


def _lang(source: SourceFile) -> str:
    lang = source.data.get("lang")
    return lang if isinstance(lang, str) and lang else "en"


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
