"""Split a Markdown file into YAML front matter and body, keeping file line numbers; or read
a file that is all YAML (brand.yaml) the same way.

YAML is read as 1.2 (no `yes`/`no` booleans, no sexagesimal numbers) with ruamel.yaml's
round-trip loader, which remembers where every key and list item was written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.reader import ReaderError

from broadside.errors import Problem

Location = tuple[str | int, ...]
FENCE = "---"
# Only so a huge file is never read into memory; the character limits in checks.py, which
# name the line at fault, are far tighter.
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_FRONT_MATTER_CHARS = 200_000  # 40 demands of 2,000 characters, a long closing, and more
# After YAML aliases are expanded: a real campaign has a few hundred values, nested 4 deep.
# Without a cap, nine aliases to nine aliases ("billion laughs") expand to gigabytes.
MAX_VALUES = 10_000
MAX_DEPTH = 20

# What usually causes ruamel's terser complaints, for people who do not write YAML daily.
_YAML_HINTS = {
    "mapping values are not allowed": "check the indentation, or quote a value containing ': '",
    "found character '\\t'": "indent with spaces, not tabs",
    "found character '@'": "quote a value that starts with @ or `",
    "found character '`'": "quote a value that starts with @ or `",
}

_BOMS = {
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\xfe\xff": "UTF-16",
    b"\xff\xfe": "UTF-16",
}


@dataclass(frozen=True)
class SourceFile:
    """A content file split into plain data (front matter) and Markdown (body)."""

    path: Path
    data: dict[str, Any]
    body: str
    body_line: int  # file line (1-based) of the body's first line
    lines: dict[Location, int] = field(default_factory=dict)  # field path → file line
    columns: dict[Location, int] = field(default_factory=dict)  # field path → column (1-based)
    raw: bytes = b""  # the file as read, byte for byte (archival PDFs carry it)

    def line_of(self, location: Location) -> int:
        """The line of `location`, or of its nearest parent that was written down."""
        return self.lines[self._written(location)] if self._written(location) else 1

    def column_of(self, location: Location) -> int | None:
        """The column where `location` (or its nearest written parent) starts, if known."""
        return self.columns.get(self._written(location))

    def _written(self, location: Location) -> Location:
        for end in range(len(location), 0, -1):
            if location[:end] in self.lines:
                return location[:end]
        return ()


class FrontMatterError(Exception):
    """What stops the front matter being read; `body` is the rest of the file when only the
    YAML is at fault, so its own mistakes can be reported in the same pass."""

    def __init__(self, problem: Problem, body: SourceFile | None = None) -> None:
        super().__init__(problem.message)
        self.problem = problem
        self.body = body


def read_source(path: Path) -> SourceFile:
    """Read `path`; raise `FrontMatterError` for anything that stops us reading further."""
    raw, text = _read_text(path)
    if not text.strip():
        raise FrontMatterError(
            Problem(path, 1, None, "file is empty; it needs YAML front matter between --- lines")
        )

    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        raise FrontMatterError(
            Problem(path, 1, None, "expected front matter: the first line must be ---")
        )
    closing = next(
        (i for i, line in enumerate(lines[1:], start=1) if line.rstrip() in (FENCE, "...")), None
    )
    if closing is None:
        raise FrontMatterError(
            Problem(path, 1, None, "front matter opened with --- on line 1 is never closed")
        )

    yaml_text = "\n".join(lines[1:closing])
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        raise FrontMatterError(
            Problem(
                path,
                2,
                None,
                f"front matter is {len(yaml_text):,} characters; the limit is "
                f"{MAX_FRONT_MATTER_CHARS:,}: long text belongs in the body",
            )
        )
    first_yaml_line = 2
    body = "\n".join(lines[closing + 1 :])
    try:
        data, locations, columns = _parse_yaml(path, yaml_text, first_yaml_line)
    except FrontMatterError as error:
        raise FrontMatterError(error.problem, SourceFile(path, {}, body, closing + 2)) from None
    return SourceFile(
        path, data, body, body_line=closing + 2, lines=locations, columns=columns, raw=raw
    )


def read_yaml(path: Path) -> SourceFile:
    """A file that is YAML through and through (brand.yaml), read as front matter is: the
    same limits, the same messages, each field's line. Its `body` is empty."""
    raw, text = _read_text(path)
    if len(text) > MAX_FRONT_MATTER_CHARS:
        raise FrontMatterError(
            Problem(
                path,
                1,
                None,
                f"file is {len(text):,} characters; the limit is {MAX_FRONT_MATTER_CHARS:,}",
            )
        )
    data, locations, columns = _parse_yaml(path, text, 1, what="the file")
    end = text.count("\n") + 2
    return SourceFile(path, data, "", body_line=end, lines=locations, columns=columns, raw=raw)


def _read_text(path: Path) -> tuple[bytes, str]:
    """The file as text: UTF-8 (a BOM allowed), Unix line ends, no larger than the limit."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FrontMatterError(
                Problem(
                    path,
                    None,
                    None,
                    f"file is {size / 2**20:.1f} MB; the limit is {MAX_FILE_BYTES // 2**20} MB",
                )
            )
        raw = path.read_bytes()
    except OSError as error:
        raise FrontMatterError(
            Problem(path, None, None, f"cannot read file: {error.strerror}")
        ) from None
    encoding = next((name for bom, name in _BOMS.items() if raw.startswith(bom)), None)
    if encoding is not None:
        raise FrontMatterError(
            Problem(path, 1, None, f"saved as {encoding} text; save the file as UTF-8")
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        message = (
            f"not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start}); "
            "save the file as UTF-8"
        )
        raise FrontMatterError(Problem(path, line, None, message)) from None
    return raw, text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


class _Constructor(RoundTripConstructor):
    """Dates stay text here: the models parse them, so a bad one is reported with its line."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)


def _parse_yaml(
    path: Path, text: str, first_line: int, what: str = "front matter"
) -> tuple[dict[str, Any], dict[Location, int], dict[Location, int]]:
    yaml = YAML(typ="rt", pure=True)
    yaml.version = (1, 2)
    yaml.Constructor = _Constructor
    try:
        loaded = yaml.load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + mark.line if mark is not None else first_line
        column = mark.column + 1 if mark is not None else None
        problem = error.problem or "invalid YAML"
        if "duplicate key" in problem:
            problem = problem.split(" with value")[0].replace("found duplicate", "duplicate")
        written = text.split("\n")[mark.line] if mark is not None else ""
        hint = _yaml_hint(problem, written)
        raise FrontMatterError(
            Problem(path, line, None, f"YAML: {problem}", hint=hint, column=column)
        ) from None
    except ReaderError as error:  # a character YAML does not allow, anywhere in the text
        line = first_line + text[: error.position].count("\n")
        message = f"YAML: invisible control character U+{error.character:04X}; delete it"
        raise FrontMatterError(Problem(path, line, None, message)) from None
    except Exception as error:  # ruamel raises a few unmarked errors (e.g. bad tags)
        raise FrontMatterError(Problem(path, first_line, None, f"YAML: {error}")) from None
    if loaded is None:
        return {}, {}, {}
    if not isinstance(loaded, CommentedMap):
        kind = "a list" if isinstance(loaded, CommentedSeq) else "a single value"
        raise FrontMatterError(
            Problem(
                path,
                first_line,
                None,
                f"{what} must be fields ('name: value' lines), not {kind}",
            )
        )
    locations: dict[Location, int] = {}
    columns: dict[Location, int] = {}
    try:
        data = _plain(loaded, (), first_line, _Positions(locations, columns))
    except _Unusable as error:
        raise FrontMatterError(Problem(path, error.line, None, error.message)) from None
    return data, locations, columns


def _yaml_hint(problem: str, written: str) -> str | None:
    """What to do, from the message and the line it points at: the commonest slip is text
    with a colon in it, which YAML reads as the start of a field."""
    if problem.startswith("mapping values are not allowed"):
        key, _, value = written.strip().removeprefix("- ").partition(": ")
        value = value.strip()
        shown = value if len(value) <= 60 else value[:59] + "…"
        if value.endswith(":"):
            return f"a value ending in ':' needs quotes: {key}: \"{shown}\""
        if ": " in value:
            return f"quote a value containing ': ': {key}: \"{shown}\""
    return next((hint for start, hint in _YAML_HINTS.items() if problem.startswith(start)), None)


class _Unusable(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


_STR_TAG = "tag:yaml.org,2002:str"


@dataclass(frozen=True)
class _Positions:
    """Where each entry was written: its file line, and its column (1-based)."""

    lines: dict[Location, int]
    columns: dict[Location, int]

    def __len__(self) -> int:
        return len(self.lines)

    def get(self, location: Location, default: int) -> int:
        return self.lines.get(location, default)

    def record(self, location: Location, where: tuple[int, int | None]) -> None:
        self.lines[location] = where[0]
        if where[1] is not None:
            self.columns[location] = where[1]


def _plain(node: Any, location: Location, first_line: int, out: _Positions) -> Any:
    """ruamel's commented containers → plain dicts, lists and scalars, recording each entry's
    line. Aliases are expanded here, so this is where their size is capped; and anything
    but fields, lists, text, numbers and true/false (a `!!python/…` tag, `!!binary`) stops here.
    """
    line = out.get(location, first_line)
    if len(location) > MAX_DEPTH:
        raise _Unusable(line, f"YAML: nested more than {MAX_DEPTH} levels deep")
    if len(out) > MAX_VALUES:
        raise _Unusable(
            first_line,
            f"YAML: more than {MAX_VALUES:,} values (are aliases like *name repeating a "
            "large block?)",
        )
    tag = getattr(getattr(node, "tag", None), "value", None)
    if isinstance(node, TaggedScalar) and tag == _STR_TAG:
        return str(node.value)  # `!!str 5`: the usual way to insist on text
    if tag is not None:
        raise _Unusable(
            line,
            f"YAML: tags like {tag.replace('tag:yaml.org,2002:', '!!')} are "
            "not supported; write a plain value",
        )
    if isinstance(node, CommentedMap):
        result = {}
        for key, value in node.items():
            key_location = (*location, str(key))
            out.record(key_location, _position(node.lc.key, key, first_line, line))
            result[str(key)] = _plain(value, key_location, first_line, out)
        return result
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            item_location = (*location, index)
            out.record(item_location, _position(node.lc.item, index, first_line, line))
            items.append(_plain(value, item_location, first_line, out))
        return items
    if isinstance(node, str):
        return str(node)  # drop ruamel's scalar-string subclasses
    if node is None or isinstance(node, (bool, int, float)):
        return node
    raise _Unusable(
        line,
        f"YAML: a value of type {type(node).__name__} is not supported; write text, a number, "
        "a list or fields",
    )


def _position(lookup: Any, key: Any, first_line: int, fallback: int) -> tuple[int, int | None]:
    """The file line and column ruamel recorded for an entry; its parent's line when it
    recorded none."""
    try:
        line, column = lookup(key)[:2]
        return first_line + int(line), int(column) + 1
    except (TypeError, KeyError, IndexError, ValueError):
        return fallback, None
