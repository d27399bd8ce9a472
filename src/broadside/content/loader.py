"""Campaign folder → validated `Campaign`, or one `ContentError` listing every problem."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from broadside.content import checks
from broadside.content.frontmatter import FrontMatterError, Location, SourceFile, read_source
from broadside.content.models import Article, ArticleMeta, Campaign, Letter, LetterMeta
from broadside.errors import ContentError, Problem

ARTICLE = "article.md"
LETTER = "letter.md"


def load_campaign(root: Path) -> Campaign:
    """Read and check everything in `root`; raise `ContentError` with all problems at once."""
    try:
        is_folder, is_file = root.is_dir(), root.is_file()
    except OSError as error:
        message = f"cannot open the campaign folder: {error.strerror}"
        raise ContentError([Problem(root, None, None, message)]) from None
    if not is_folder:
        what = "is a file, not a folder" if is_file else "not found"
        raise ContentError(
            [Problem(root, None, None, f"campaign folder {what}; it holds {ARTICLE} and {LETTER}")]
        )
    problems: list[Problem] = []
    article = _load(root, ARTICLE, ArticleMeta, problems)
    letter = _load(root, LETTER, LetterMeta, problems)
    if article is not None:
        problems += _figure_problems(root.resolve(), *article)
    if problems or article is None or letter is None:
        raise ContentError(problems)
    (article_source, article_meta), (letter_source, letter_meta) = article, letter
    return Campaign(
        root=root.resolve(),
        article=Article(
            meta=article_meta,
            body=article_source.body,
            path=article_source.path,
            body_line=article_source.body_line,
        ),
        letter=Letter(
            meta=letter_meta,
            body=letter_source.body,
            path=letter_source.path,
            body_line=letter_source.body_line,
        ),
    )


M = TypeVar("M", bound=BaseModel)


def _load(
    root: Path, name: str, model: type[M], problems: list[Problem]
) -> tuple[SourceFile, M] | None:
    """One file read and checked: every problem goes to `problems`; None if it cannot be used."""
    path = root / name
    unusable = _unusable(root, path)
    if unusable:
        problems.append(Problem(path, None, None, unusable))
        return None
    try:
        source = read_source(path)
    except FrontMatterError as error:
        problems.append(error.problem)
        return None

    problems += checks.body_problems(root.resolve(), source)
    problems += checks.field_problems(root.resolve(), source)
    problems += checks.glyph_problems(source)
    try:
        meta = model.model_validate(source.data)
    except ValidationError as error:
        details = error.errors()
        guessed = {_typo_fix(model, detail) for detail in details} - {None}
        problems += [
            _problem_from(source, model, detail)
            for detail in details
            # `titel:` already says "did you mean 'title'?"; "title is missing" adds nothing.
            if not (detail["type"] == "missing" and tuple(detail["loc"]) in guessed)
        ]
        return None
    return source, meta


def _guess(model: type[BaseModel], location: Location) -> tuple[list[str], str | None]:
    """The fields allowed beside an unknown one, and the one it was probably meant to be."""
    known = _field_names(model, location[:-1])
    guess = difflib.get_close_matches(str(location[-1]), known, n=1, cutoff=0.6)
    return known, guess[0] if guess else None


def _typo_fix(model: type[BaseModel], detail: Any) -> Location | None:
    if detail["type"] != "extra_forbidden":
        return None
    location: Location = tuple(detail["loc"])
    guess = _guess(model, location)[1]
    return (*location[:-1], guess) if guess else None


def _unusable(root: Path, path: Path) -> str | None:
    """Why `path` cannot be read as a content file, if it cannot."""
    try:
        if not path.exists():
            if path.is_symlink():
                return "is a link to a file that does not exist (or to itself)"
            return f"missing: a campaign folder needs {ARTICLE} and {LETTER}"
        if not path.resolve().is_relative_to(root.resolve()):
            # Content is what the brief prints: a link out of the folder would print any file.
            return "is a link to a file outside the campaign folder; copy it in"
        if not path.is_file():
            return "is not a regular file"
    except (OSError, RuntimeError) as error:  # no permission, a loop of links
        return f"cannot read file: {getattr(error, 'strerror', None) or error}"
    return None


def _problem_from(source: SourceFile, model: type[BaseModel], detail: Any) -> Problem:
    location: Location = tuple(detail["loc"])
    kind = detail["type"]
    message = str(detail["msg"]).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        known, guess = _guess(model, location)
        hint = f"; did you mean '{guess}'?" if guess else f"; known fields: {', '.join(known)}"
        message = f"unknown field{hint}"
    elif kind == "missing":
        message = "required field is missing"
    else:
        message = _friendly(kind, detail, message)
    return Problem(source.path, source.line_of(location), checks.field_label(location), message)


_DATE_HINT = "a date like 2018-06-22, or a date and time like 2018-06-22T07:20:00-07:00"


def _friendly(kind: str, detail: Any, fallback: str) -> str:
    """Pydantic's wording → words for people who write YAML, not Python."""
    given = _kind_of(detail.get("input"))
    context = detail.get("ctx") or {}
    if kind == "string_type":
        value = detail.get("input")
        if isinstance(value, (bool, int, float)):
            # YAML read `42` or `no` as a number or true/false; quotes make it text.
            written = str(value).lower() if isinstance(value, bool) else str(value)
            return f'must be text, not {given}: to print it as written, quote it: "{written}"'
        return f"must be text, not {given}"
    if kind in ("tuple_type", "list_type"):
        return f"must be a list (one '- item' per line), not {given}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number, not {given}"
    if kind.startswith(("datetime", "date")):
        return f"must be {_DATE_HINT}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"must be a group of indented 'field: value' lines, not {given}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long: at most {context.get('max_length')} characters"
    bounds = {
        "greater_than_equal": ("at least", "ge"),
        "less_than_equal": ("at most", "le"),
        "greater_than": ("more than", "gt"),
        "less_than": ("less than", "lt"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        return f"must be {words} {context.get(key)}"
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


def _figure_problems(root: Path, source: SourceFile, meta: ArticleMeta) -> list[Problem]:
    figure = meta.figure
    if figure is None or figure.file is None:
        return []
    line = source.line_of(("figure", "file"))
    return checks.image_problems(
        root, source.path, line, "figure.file", figure.file, figure.alt or "", url=False
    )
