"""brand.yaml: the organisation behind a campaign, its accent colour and its logo.

Optional. Read like the front matter (content/frontmatter.py: the same YAML, the same limits,
each field's line), validated by `BrandMeta`, and every problem reported in the same pass as
the other files': a bad accent beside a bad logo beside a typo in letter.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from broadside.content import accent, checks, diagnosis
from broadside.content.colour import Colour
from broadside.content.frontmatter import FrontMatterError, SourceFile, read_yaml
from broadside.content.images import Pictures, check_image_data, read_header, resolve_inside
from broadside.content.models import Brand, BrandMeta, HexColour, Logo, RelativeFile
from broadside.content.svg import Refused, sanitise
from broadside.errors import Problem

BRAND = "brand.yaml"
MAX_LOGO_BYTES = 2 * 1024 * 1024  # a logo prints a few centimetres wide
LOGO_FORMATS = {"PNG", "JPEG"}  # and SVG, told apart by its first character


def load_brand(root: Path, pictures: Pictures, problems: list[Problem]) -> Brand | None:
    """brand.yaml in `root`, checked; None when there is none, or when it has mistakes
    (which go to `problems`). A picture in the name counts with the campaign's `pictures`."""
    path = root / BRAND
    if not (path.exists() or path.is_symlink()):
        return None
    resolved = resolve_inside(root, BRAND)
    if isinstance(resolved, str):
        problems.append(Problem(path, None, None, resolved))
        return None
    try:
        source = read_yaml(path)
    except FrontMatterError as error:
        problems.append(error.problem)
        return None
    found: list[Problem] = [
        problem
        for problem in checks.field_problems(pictures, source) + checks.glyph_problems(source)
        if problem.field == "name"  # the one field printed as text
    ]
    found += _accent_problems(source)
    logo = _logo(root, source, found)
    try:
        meta = BrandMeta.model_validate(source.data)
    except ValidationError as error:
        details = error.errors()
        guessed = {diagnosis.typo_fix(BrandMeta, detail) for detail in details} - {None}
        found += [
            diagnosis.problem_from(source, BrandMeta, detail)
            for detail in details
            # `nmae:` already says "did you mean 'name'?"; "name is missing" adds nothing.
            if not (detail["type"] == "missing" and tuple(detail["loc"]) in guessed)
        ]
        meta = None
    problems += found
    if meta is None or any(problem.is_error for problem in found):
        return None
    return Brand(meta=meta, path=path, source=source.raw, logo=logo)


def _field(source: SourceFile, name: str, kind: Any) -> str | None:
    """One field's value if it is valid on its own (the model reports it if not), so each
    field is checked further even when another field has a mistake."""
    value = source.data.get(name)
    if value is None:
        return None
    try:
        checked: str = TypeAdapter(kind).validate_python(value)
    except ValidationError:
        return None
    return checked


def _accent_problems(source: SourceFile) -> list[Problem]:
    location = ("accent",)
    if "accent" in source.data and source.data["accent"] is None:
        # `accent: #1d5c8a` is an empty field and a comment to YAML: say so, or the colour
        # would be silently ignored.
        message, hint = "is empty", 'a colour must be quoted, as # starts a comment: "#1d5c8a"'
    else:
        written = _field(source, "accent", HexColour)
        found = accent.problem(Colour.from_hex(written)) if written is not None else None
        if found is None:
            return []
        message, hint = found
    return [
        Problem(
            source.path,
            source.line_of(location),
            "accent",
            message,
            hint=hint,
            column=source.column_of(location),
        )
    ]


def _logo(root: Path, source: SourceFile, problems: list[Problem]) -> Logo | None:
    """The logo file, checked as a picture or sanitised as an SVG; None (and a problem)
    when it cannot be printed."""
    relative = _field(source, "logo", RelativeFile)
    if relative is None:
        return None
    line = source.line_of(("logo",))

    def refuse(message: str, path: Path = source.path, at: int | None = line) -> None:
        field = "logo" if path == source.path else None
        problems.append(Problem(path, at, field, message))

    resolved = resolve_inside(root, relative)
    if isinstance(resolved, str):
        refuse(resolved)
        return None
    shown = root / relative  # as the user wrote it, for messages
    try:
        with resolved.open("rb") as handle:
            data = handle.read(MAX_LOGO_BYTES + 1)
    except OSError as error:
        refuse(f"cannot read {relative}: {error.strerror}")
        return None
    if len(data) > MAX_LOGO_BYTES:
        refuse(f"{relative} is larger than {MAX_LOGO_BYTES // 2**20} MB; a logo needs far less")
        return None
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        try:
            safe = sanitise(data)
        except Refused as refused:
            refuse(f"the logo {refused.message}", shown, refused.line)
            return None
        return Logo(
            path=shown,
            mime="image/svg+xml",
            data=safe.data,
            source=data,
            width=safe.width,
            height=safe.height,
            pictures=safe.pictures,
        )
    refused_picture = check_image_data(data, relative, decode=True)  # the bytes printed
    if refused_picture:
        refuse(refused_picture)
        return None
    header = read_header(data)
    if header.format not in LOGO_FORMATS:
        refuse(f"{relative} is {header.format}; a logo must be a PNG, JPEG or SVG file")
        return None
    return Logo(
        path=shown,
        mime=header.mime,
        data=data,
        source=data,
        width=header.width,
        height=header.height,
    )
