"""Campaign folder → validated `Campaign`, or one `ContentError` listing every problem."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from broadside import fonts
from broadside.content.frontmatter import FrontMatterError, Location, SourceFile, read_source
from broadside.content.images import check_image, resolve_inside
from broadside.content.markdown import is_safe_link, references
from broadside.content.models import Article, ArticleMeta, Campaign, Letter, LetterMeta
from broadside.errors import ContentError, Problem

ARTICLE = "article.md"
LETTER = "letter.md"
MAX_BODY_CHARS = 1_000_000  # ~400 printed pages; past this a brief is not a brief
MAX_LINE_CHARS = 100_000  # one paragraph this long cannot be typeset in reasonable time


def load_campaign(root: Path) -> Campaign:
    """Read and check everything in `root`; raise `ContentError` with all problems at once."""
    problems: list[Problem] = []
    if not root.is_dir():
        raise ContentError([Problem(root, None, None, "campaign folder not found")])

    article = _load(root, ARTICLE, ArticleMeta, problems)
    letter = _load(root, LETTER, LetterMeta, problems)
    if problems or article is None or letter is None:
        raise ContentError(problems)

    campaign = Campaign(
        root=root.resolve(),
        article=Article(
            meta=article[1],
            body=article[0].body,
            path=article[0].path,
            body_line=article[0].body_line,
        ),
        letter=Letter(
            meta=letter[1], body=letter[0].body, path=letter[0].path, body_line=letter[0].body_line
        ),
    )
    problems += _figure_problems(campaign, article[0])
    if problems:
        raise ContentError(problems)
    return campaign


M = TypeVar("M", bound=BaseModel)


def _load(
    root: Path, name: str, model: type[M], problems: list[Problem]
) -> tuple[SourceFile, M] | None:
    path = root / name
    if not path.is_file():
        problems.append(
            Problem(path, None, None, f"missing: a campaign folder needs {ARTICLE} and {LETTER}")
        )
        return None
    try:
        source = read_source(path)
    except FrontMatterError as error:
        problems.append(error.problem)
        return None

    found = _body_problems(root, source) + _glyph_problems(source)
    try:
        meta = model.model_validate(source.data)
    except ValidationError as error:
        problems += found + [_problem_from(source, model, detail) for detail in error.errors()]
        return None
    problems += found
    return (source, meta) if not found else None


def _problem_from(source: SourceFile, model: type[BaseModel], detail: Any) -> Problem:
    location: Location = tuple(detail["loc"])
    kind = detail["type"]
    message = str(detail["msg"]).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        known = _field_names(model, location[:-1])
        guess = difflib.get_close_matches(str(location[-1]), known, n=1, cutoff=0.6)
        hint = f"; did you mean '{guess[0]}'?" if guess else f"; known fields: {', '.join(known)}"
        message = f"unknown field{hint}"
    elif kind == "missing":
        message = "required field is missing"
    else:
        message = _friendly(kind, detail, message)
    return Problem(source.path, source.line_of(location), _field_label(location), message)


_DATE_HINT = "a date like 2018-06-22, or a date and time like 2018-06-22T07:20:00-07:00"


def _friendly(kind: str, detail: Any, fallback: str) -> str:
    """Pydantic's wording → words for people who write YAML, not Python."""
    given = _kind_of(detail.get("input"))
    context = detail.get("ctx") or {}
    if kind == "string_type":
        return f"must be text, not {given}"
    if kind in ("tuple_type", "list_type"):
        return f"must be a list (one '- item' per line), not {given}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number, not {given}"
    if kind.startswith(("datetime", "date")):
        return f"must be {_DATE_HINT}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"must be a group of indented 'field: value' lines, not {given}"
    if kind == "too_short":
        minimum = context.get("min_length", 1)
        if isinstance(detail.get("input"), str):
            return "must not be empty"
        return f"needs at least {minimum} item{'s' if minimum != 1 else ''}"
    if kind == "too_long":
        maximum = context.get("max_length")
        unit = "characters" if isinstance(detail.get("input"), str) else "items"
        return f"is too long: at most {maximum} {unit}"
    return fallback


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return type(value).__name__


def _field_label(location: Location) -> str:
    label = ""
    for part in location:
        if isinstance(part, int):
            label += f"[{part + 1}]"  # people count list items from 1
        else:
            label += f".{part}" if label else str(part)
    return label or "front matter"


def _field_names(model: type[BaseModel], location: Location) -> list[str]:
    """Field names allowed at `location` inside `model`, for "did you mean" hints."""
    current: Any = model
    for part in location:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _model_in(field.annotation)
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def _body_problems(root: Path, source: SourceFile) -> list[Problem]:
    problems: list[Problem] = []
    path, body = source.path, source.body
    if len(body) > MAX_BODY_CHARS:
        problems.append(
            Problem(
                path,
                source.body_line,
                "body",
                f"{len(body):,} characters; the limit is {MAX_BODY_CHARS:,}",
            )
        )
        return problems
    for number, text in enumerate(body.split("\n"), start=source.body_line):
        if len(text) > MAX_LINE_CHARS:
            problems.append(
                Problem(
                    path,
                    number,
                    "body",
                    f"line is {len(text):,} characters; the limit is {MAX_LINE_CHARS:,}",
                )
            )
        bad = next((c for c in text if _is_control(c)), None)
        if bad is not None:
            problems.append(
                Problem(
                    path, number, "body", f"invisible control character U+{ord(bad):04X}; delete it"
                )
            )
    if problems:
        return problems

    lang = (
        str(source.data.get("lang") or "en") if isinstance(source.data.get("lang"), str) else "en"
    )
    for ref in references(body, lang=lang):
        line = source.body_line + ref.line
        if ref.kind == "link" and not is_safe_link(ref.target):
            problems.append(
                Problem(
                    path,
                    line,
                    "body",
                    f"link to '{ref.target}': only https:, http:, mailto: and tel: links work",
                )
            )
        elif ref.kind == "image":
            problems += _image_problems(root, path, line, "body", ref.target, ref.alt)
    return problems


def _is_control(char: str) -> bool:
    code = ord(char)
    return char != "\t" and (code < 32 or code == 0x7F or 0xD800 <= code <= 0xDFFF)


def _image_problems(
    root: Path, path: Path, line: int, field: str, target: str, alt: str
) -> list[Problem]:
    if ":" in target.split("/")[0] or target.startswith(("/", "\\")):
        return [
            Problem(
                path, line, field, f"picture '{target}' must be a file inside the campaign folder"
            )
        ]
    resolved = resolve_inside(root, target)
    if isinstance(resolved, str):
        return [Problem(path, line, field, resolved)]
    refused = check_image(resolved)
    problems = [Problem(path, line, field, refused)] if refused else []
    if not alt.strip():
        problems.append(
            Problem(
                path, line, field, f"picture '{target}' needs alt text: ![what it shows]({target})"
            )
        )
    return problems


def _figure_problems(campaign: Campaign, source: SourceFile) -> list[Problem]:
    figure = campaign.article.meta.figure
    if figure is None or figure.file is None:
        return []
    line = source.line_of(("figure", "file"))
    return _image_problems(
        campaign.root, source.path, line, "figure.file", figure.file, figure.alt or ""
    )


def _glyph_problems(source: SourceFile) -> list[Problem]:
    problems = []
    for location, text in _strings(source.data, ()):
        missing = fonts.uncovered(text)
        if missing:
            problems.append(
                Problem(
                    source.path,
                    source.line_of(location),
                    _field_label(location),
                    _no_glyph(missing),
                )
            )
    for number, line in enumerate(source.body.split("\n"), start=source.body_line):
        missing = fonts.uncovered(line)
        if missing:
            problems.append(Problem(source.path, number, "body", _no_glyph(missing)))
    return problems


def _no_glyph(chars: list[str]) -> str:
    shown = ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" for c in chars[:5])
    more = f" and {len(chars) - 5} more" if len(chars) > 5 else ""
    return f"no shipped font has {shown}{more}; it would print as an empty box"


def _strings(node: Any, location: Location) -> Iterator[tuple[Location, str]]:
    if isinstance(node, str):
        yield location, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*location, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, (*location, index))
