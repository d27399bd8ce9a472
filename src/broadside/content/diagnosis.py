"""Pydantic's validation errors → problems a person who writes YAML, not Python, can act on.

Each problem says what is wrong (`message`) and, where we can tell, what to do (`hint`): a
field written in the wrong place says where it belongs, a group written as one line names
the fields it takes, a colon that turned text into a field says to quote it.
"""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel

from broadside.content import checks
from broadside.content.frontmatter import Location, SourceFile
from broadside.content.models import ArticleMeta, BrandMeta, LetterMeta
from broadside.errors import Problem

# Words people reach for that are called something else here (checked before spelling).
SYNONYMS: dict[type[BaseModel], dict[str, str]] = {
    ArticleMeta: {
        "photo": "figure",
        "photograph": "figure",
        "picture": "figure",
        "image": "figure",
        "tags": "keywords",
        "date": "published",
        "headline": "title",
        "dek": "subtitle",
        "byline": "author",
    },
    LetterMeta: {
        "to": "recipient",
        "from": "sender",
        "signed": "signature",
        "signatories": "signature",
        "headline": "ask",
        "email": "sender",
    },
    BrandMeta: {
        "organisation": "name",
        "organization": "name",
        "colour": "accent",
        "color": "accent",
        "image": "logo",
        "picture": "logo",
    },
}

# The other file of a campaign, for a field written in the wrong one.
_OTHER_FILE: dict[type[BaseModel], tuple[type[BaseModel], str]] = {
    ArticleMeta: (LetterMeta, "a letter field (letter.md)"),
    LetterMeta: (ArticleMeta, "an article field (article.md)"),
}

_DATE_HINT = "write it like 2018-06-22, or with a time and its offset: 2018-06-22T07:20:00-07:00"


def typo_fix(model: type[BaseModel], detail: Any) -> Location | None:
    """The field an unknown one was surely meant to be, whose own "missing" adds nothing."""
    if detail["type"] != "extra_forbidden":
        return None
    location: Location = tuple(detail["loc"])
    guess = _meant(model, location)
    return (*location[:-1], guess) if guess else None


def problem_from(source: SourceFile, model: type[BaseModel], detail: Any) -> Problem:
    location = as_written(source.data, tuple(detail["loc"]))
    kind = detail["type"]
    hint: str | None = None
    if kind == "extra_forbidden":
        message, hint = "unknown field", _where_it_belongs(model, location)
    elif kind == "missing":
        message = "required field is missing"
    else:
        message, hint = _friendly(model, location, kind, detail)
    return Problem(
        source.path,
        source.line_of(location),
        checks.field_label(location),
        message,
        hint=hint,
        column=source.column_of(location),
    )


def as_written(data: Any, location: Location) -> Location:
    """`location` up to where the data as written ends: `signature: Us` is read as a list of
    one name, but its mistake is in `signature`, not `signature[1]`."""
    node = data
    for end, part in enumerate(location):
        if isinstance(part, int) and not isinstance(node, list):
            return location[:end]
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return location
    return location


def explain(model: type[BaseModel], detail: Any) -> tuple[str, str | None]:
    """Message and hint for one error in data without a source file (a table's row)."""
    location: Location = tuple(detail["loc"])
    if detail["type"] == "extra_forbidden":
        return "unknown field", _where_it_belongs(model, location)
    if detail["type"] == "missing":
        return "required field is missing", None
    return _friendly(model, location, detail["type"], detail)


def _where_it_belongs(model: type[BaseModel], location: Location) -> str:
    """Where an unknown field belongs: an exact name elsewhere beats a near spelling here."""
    name = str(location[-1])
    known = field_names(model, location[:-1])
    if len(location) == 1 and _synonym(model, location, known) is None:
        other, what = _OTHER_FILE.get(model, (None, ""))
        if other is not None and name in other.model_fields:
            return f"is {what}"
        parents = [group for group in known if name in field_names(model, (group,))]
        if parents:
            return f"belongs under '{parents[0]}:'"
    guess = _meant(model, location)
    if guess:
        return f"did you mean '{guess}'?"
    return f"known fields: {', '.join(known)}"


def _meant(model: type[BaseModel], location: Location) -> str | None:
    """The field of this group an unknown one was meant to be: another word, or a typo."""
    known = field_names(model, location[:-1])
    synonym = _synonym(model, location, known)
    if synonym or len(location) > 1:
        return synonym or _close(str(location[-1]), known)
    other = _OTHER_FILE.get(model, (None, ""))[0]
    if other is not None and location[0] in other.model_fields:
        return None
    if any(location[0] in field_names(model, (group,)) for group in known):
        return None
    return _close(str(location[0]), known)


def _synonym(model: type[BaseModel], location: Location, known: list[str]) -> str | None:
    if len(location) != 1:
        return None
    meant = SYNONYMS.get(model, {}).get(str(location[0]).lower())
    return meant if meant in known else None


def _close(name: str, known: list[str]) -> str | None:
    guess = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return guess[0] if guess else None


def _friendly(
    model: type[BaseModel], location: Location, kind: str, detail: Any
) -> tuple[str, str | None]:
    """Pydantic's wording → words for people who write YAML, not Python."""
    value = detail.get("input")
    given = _kind_of(value)
    context = detail.get("ctx") or {}
    if kind == "string_type":
        if isinstance(value, (bool, int, float)):
            # YAML read `42` or `no` as a number or true/false; quotes make it text.
            written = str(value).lower() if isinstance(value, bool) else str(value)
            return f"must be text, not {given}", f'to print it as written, quote it: "{written}"'
        if isinstance(value, dict) and len(value) == 1 and isinstance(location[-1], int):
            # `- Stop this: now` is read by YAML as a field named "Stop this".
            key, rest = next(iter(value.items()))
            text = shorten(f"{key}: {rest}" if rest is not None else f"{key}:")
            return f"must be text, not {given}", f"text with ': ' in it needs quotes: \"{text}\""
        return f"must be text, not {given}", None
    if kind in ("tuple_type", "list_type"):
        return f"must be a list (one '- item' per line), not {given}", None
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number, not {given}", None
    if kind == "timezone_aware":
        return (
            "needs its offset from UTC: without it the time means a different moment in every zone",
            "write it like 2018-06-22T07:20:00-07:00 (or Z for UTC)",
        )
    if kind.startswith(("datetime", "date")):
        return "must be a date", _DATE_HINT
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        fields = _fields_described(model, location)
        hint = f"write it as indented lines: {fields}" if fields else None
        return f"must be a group of indented 'field: value' lines, not {given}", hint
    if kind == "string_too_short":
        return "must not be empty", None
    if kind == "string_too_long":
        return f"is too long: at most {context.get('max_length')} characters", None
    bounds = {
        "greater_than_equal": ("at least", "ge"),
        "less_than_equal": ("at most", "le"),
        "greater_than": ("more than", "gt"),
        "less_than": ("less than", "lt"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        return f"must be {words} {context.get(key)}", None
    if kind == "too_short":
        minimum = context.get("min_length", 1)
        if isinstance(value, str):
            return "must not be empty", None
        return f"needs at least {minimum} item{'s' if minimum != 1 else ''}", None
    if kind == "too_long":
        maximum = context.get("max_length")
        unit = "characters" if isinstance(value, str) else "items"
        return f"is too long: at most {maximum} {unit}", None
    return str(detail["msg"]).removeprefix("Value error, "), None


def shorten(text: str, limit: int = 60) -> str:
    """Enough of a value to recognise it in a one-line message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fields_described(model: type[BaseModel], location: Location) -> str:
    """`name (required), role, bio, expertise`: the fields a group at `location` takes."""
    group = model_at(model, location)
    if group is None:
        return ""
    return ", ".join(
        f"{name} (required)" if field.is_required() else name
        for name, field in group.model_fields.items()
    )


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


def field_names(model: type[BaseModel], location: Location) -> list[str]:
    """Field names allowed at `location` inside `model`, for "did you mean" hints."""
    group = model_at(model, location)
    return list(group.model_fields) if group is not None else []


def model_at(model: type[BaseModel], location: Location) -> type[BaseModel] | None:
    """The model of the group at `location` (list indexes skipped), if there is one."""
    current: type[BaseModel] | None = model
    for part in location:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if current is not None else None
        if field is None:
            return None
        current = _model_in(field.annotation)
    return current


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _model_in(argument)
        if found is not None:
            return found
    return None
