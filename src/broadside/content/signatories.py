"""`signatories.csv` (or a form's export) → `Signatories`, or every mistake with file, line, column.

The file is UTF-8 (with or without a byte-order mark) and RFC 4180: one header row, fields
separated by commas, quoted with double quotes when they hold commas, quotes or line breaks.
Only the documented columns are read — from a form export, only the headers the letter maps
onto them — so what else an export carries (e-mail addresses, timestamps) never gets further
than this module.

Every value is plain text held to the rules of every other field: no control characters, no
character the shipped fonts lack, at most 300 characters, whitespace collapsed. Each rule is
checked on the file's distinct characters first, so a clean file of 50,000 rows costs one
pass (docs/limits.md).
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from broadside.content import characters, checks
from broadside.content.collation import sort_key
from broadside.content.frontmatter import SourceFile
from broadside.content.images import resolve_inside
from broadside.content.models import (
    Signatories,
    SignatoriesFile,
    Signatory,
    SignatoryKind,
)
from broadside.errors import Problem, Severity
from broadside.fonts.coverage import uncovered

FILE = "signatories.csv"
COLUMNS = ("name", "role", "organisation", "place", "kind")
MAX_ROWS = 50_000  # measured in bench/signatories.md: a build at the limit takes ~35 s
MAX_FILE_BYTES = 32 * 1024 * 1024  # an export with long free-text columns beside the names
MAX_VALUE_CHARS = 300  # as every one-line field (content/models.py `Line`)
KIND_HINT = "empty: person"
MAX_PROBLEMS = 50  # per file: a wrong file would otherwise list every one of its rows

_KINDS = {
    "": SignatoryKind.PERSON,
    "person": SignatoryKind.PERSON,
    "organisation": SignatoryKind.ORGANISATION,
    "organization": SignatoryKind.ORGANISATION,
}
_BOMS = {b"\xff\xfe\x00\x00": "UTF-32", b"\x00\x00\xfe\xff": "UTF-32", b"\xff\xfe": "UTF-16"}
_BOMS[b"\xfe\xff"] = "UTF-16"


def load_signatories(
    root: Path,
    letter: SourceFile,
    named: SignatoriesFile | None,
    lang: str,
    problems: list[Problem],
) -> Signatories | None:
    """The campaign's signatories (from the file the letter names, else `signatories.csv` if
    there is one), sorted for `lang`; every problem goes to `problems`."""
    spec = named
    if spec is None:
        if not (root / FILE).exists():
            return None
        spec = SignatoriesFile()
    found = resolve_inside(root, spec.file)
    if isinstance(found, str):
        line = letter.line_of(("signatories", "file")) if named else None
        path = letter.path if named else letter.path.parent / FILE
        problems.append(Problem(path, line, "signatories.file" if line else None, found))
        return None
    path = letter.path.parent / spec.file  # named as the user wrote it, beside letter.md
    reading = _Reading(path, letter, spec)
    rows = reading.rows(found)
    problems += reading.problems[:MAX_PROBLEMS]
    if len(reading.problems) > MAX_PROBLEMS:
        more = len(reading.problems) - MAX_PROBLEMS
        line = reading.problems[MAX_PROBLEMS].line  # listed after the last one shown
        problems.append(Problem(path, line, None, f"and {more:,} more mistakes from here on"))
    if reading.problems or not rows:
        return None
    signatories = _arrange(path, rows, spec.order, lang)
    problems += duplicate_problems(signatories)
    return signatories


@dataclass(frozen=True)
class _Row:
    line: int  # where the row starts in the file
    signatory: Signatory


class _Reading:
    """One file read: its rows, and what is wrong with them."""

    def __init__(self, path: Path, letter: SourceFile, spec: SignatoriesFile) -> None:
        self.path, self.letter, self.spec = path, letter, spec
        self.problems: list[Problem] = []

    def problem(self, line: int | None, field: str | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, field, message))

    def rows(self, real: Path) -> list[_Row]:
        text = self._text(real)
        if text is None:
            return []
        records = self._records(text)
        header = next(records, None)
        if header is None:
            self.problem(None, None, "file is empty; its first row names the columns (name, …)")
            return []
        _, names = header
        where = self._columns(names)
        if where is None:
            return []
        bad = _BadCharacters.of(text)
        rows: list[_Row] = []
        for line, fields in records:
            if len(rows) == MAX_ROWS:
                total = len(rows) + 1 + sum(1 for _ in records)
                self.problem(
                    None,
                    None,
                    f"{total:,} signatories; the limit is {MAX_ROWS:,}: split the letter, "
                    "or print the count and publish the names elsewhere",
                )
                return []
            if len(fields) != len(names):
                self.problem(
                    line,
                    None,
                    f"row has {len(fields)} fields; the header has {len(names)} (a value "
                    'with a comma, a quote or a line break must be in "double quotes")',
                )
                continue
            row = self._row(line, fields, where, bad)
            if row is not None:
                rows.append(row)
        return rows

    def _text(self, real: Path) -> str | None:
        """The file as text; bytes that are not UTF-8 are reported with their line, and kept
        as lone surrogates so the rest of the file is still read."""
        try:
            size = real.stat().st_size
            if size > MAX_FILE_BYTES:
                limit = MAX_FILE_BYTES // 2**20
                self.problem(None, None, f"file is {size / 2**20:.1f} MB; the limit is {limit} MB")
                return None
            raw = real.read_bytes()
        except OSError as error:
            self.problem(None, None, f"cannot read file: {error.strerror}")
            return None
        encoding = next((name for bom, name in _BOMS.items() if raw.startswith(bom)), None)
        if encoding:
            self.problem(1, None, f"saved as {encoding} text; save the file as UTF-8 (CSV)")
            return None
        text = raw.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
        for match in _UNDECODED.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            byte = ord(match.group()) - 0xDC00
            self.problem(line, None, f"not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8")
            if len(self.problems) > MAX_PROBLEMS:
                break
        return None if self.problems else text

    def _records(self, text: str) -> Iterator[tuple[int, list[str]]]:
        """Each record with the line it starts on; blank lines and empty rows skipped."""
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        line = 1
        try:
            for fields in reader:
                if "".join(fields).strip():
                    yield line, fields
                line = reader.line_num + 1
        except csv.Error as error:
            self.problem(
                reader.line_num, None, f"not valid CSV ({error}); put values in double quotes"
            )

    def _columns(self, header: Sequence[str]) -> dict[str, int] | None:
        """Where each documented column is in a row, or None (problems reported)."""
        found = [name.strip() for name in header]
        shown = ", ".join(f'"{name}"' for name in found)
        repeated = sorted({name for name in found if found.count(name) > 1})
        if repeated:
            self.problem(1, None, f"the header names {_quoted(repeated)} more than once")
            return None
        mapping = self.spec.columns
        if mapping is None:
            return self._documented(found, shown)
        where: dict[str, int] = {}
        for column in COLUMNS:
            header_name = getattr(mapping, column)
            if header_name is None:
                continue
            if header_name in found:
                where[column] = found.index(header_name)
                continue
            hint = _did_you_mean(header_name, found)
            location = ("signatories", "columns", column)
            self.problems.append(
                Problem(
                    self.letter.path,
                    self.letter.line_of(location),
                    checks.field_label(location),
                    f'no column "{header_name}" in {self.path.name}{hint}; its columns are {shown}',
                )
            )
        if "name" not in where and mapping.name is None:
            self.problems.append(
                Problem(
                    self.letter.path,
                    self.letter.line_of(("signatories", "columns")),
                    "signatories.columns",
                    f"name is required: the header of {self.path.name} that holds the names "
                    f"(its columns are {shown})",
                )
            )
        return where if "name" in where and not self.problems else None

    def _documented(self, found: list[str], shown: str) -> dict[str, int] | None:
        """A file written for Broadside: every column must be a documented one."""
        for name in found:
            if name not in COLUMNS:
                hint = _did_you_mean(name, list(COLUMNS))
                self.problem(
                    1,
                    None,
                    f'unknown column "{name}"{hint}; the columns are {", ".join(COLUMNS)}. '
                    "For a form's export, map its headers in letter.md (signatories: columns:)",
                )
        if "name" not in found:
            semicolons = len(found) == 1 and ";" in found[0]
            hint = " (the file seems to use ';' between fields: save it with commas)"
            self.problem(
                1,
                "name",
                f'the header has no "name" column; its columns are {shown}'
                + (hint if semicolons else ""),
            )
        if self.problems:
            return None
        return {name: found.index(name) for name in COLUMNS if name in found}

    def _row(
        self, line: int, fields: list[str], where: dict[str, int], bad: _BadCharacters
    ) -> _Row | None:
        """One row's values, whitespace collapsed, each checked as a one-line field is."""
        values = {column: " ".join(fields[index].split()) for column, index in where.items()}
        kind = _KINDS.get(values.get("kind", "").lower())
        if (
            bad.pattern is None
            and values["name"]
            and kind is not None
            and max(map(len, values.values())) <= MAX_VALUE_CHARS
        ):  # the usual row, checked at a glance
            return _Row(line, _signatory(values, kind))
        clean = True
        for column, value in values.items():
            messages = bad.problems(value)
            if not messages and len(value) > MAX_VALUE_CHARS:
                messages = [f"is too long: at most {MAX_VALUE_CHARS} characters"]
            if not messages and column == "name" and not value:
                messages = ["empty"]
            if not messages and column == "kind" and kind is None:
                messages = [
                    f"'{value}' is not a kind: write person or organisation (empty: person)"
                ]
            for message in messages:
                self.problem(line, column, message)
                clean = False
        return _Row(line, _signatory(values, kind)) if clean and kind else None


def _signatory(values: dict[str, str], kind: SignatoryKind) -> Signatory:
    return Signatory(
        values["name"],
        values.get("role") or None,
        values.get("organisation") or None,
        values.get("place") or None,
        kind,
    )


# What `surrogateescape` leaves for a byte that is not UTF-8.
_UNDECODED = re.compile("[\udc80-\udcff]")


@dataclass(frozen=True)
class _BadCharacters:
    """The characters of one file that no value may hold (content/characters.py: refused, or
    no shipped font has them), found once for the whole file; only a value holding one is
    checked in full."""

    pattern: re.Pattern[str] | None

    @classmethod
    def of(cls, text: str) -> _BadCharacters:
        distinct = set(text) - {"\n", "\r", "\t"}  # whitespace: collapsed in every value
        refused = {char for char in distinct if characters.is_refused(char)}
        glyphless = set(uncovered("".join(sorted(distinct - refused))))
        bad = refused | glyphless
        if not bad:
            return cls(None)
        return cls(re.compile("[" + re.escape("".join(sorted(bad))) + "]"))

    def problems(self, value: str) -> list[str]:
        if self.pattern is None or not self.pattern.search(value):
            return []
        # Plain text: printed as written, so character references are not decoded.
        return characters.problems(value, markdown=False)


def _did_you_mean(name: str, known: Sequence[str]) -> str:
    guess = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if not guess:
        lowered = {item.lower(): item for item in known}
        guess = [lowered[name.lower()]] if name.lower() in lowered else []
    return f'; did you mean "{guess[0]}"?' if guess else ""


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


def _arrange(path: Path, rows: list[_Row], order: str, lang: str) -> Signatories:
    """Duplicates dropped, organisations before people, each sorted for `lang` (or as given)."""
    first: dict[tuple[str, str | None, str | None], list[int]] = {}
    kept: list[Signatory] = []
    for row in rows:
        signatory = row.signatory
        key = (signatory.name, signatory.organisation, signatory.place)
        if key in first:
            first[key].append(row.line)
            continue
        first[key] = [row.line]
        kept.append(signatory)
    organisations = [s for s in kept if s.kind is SignatoryKind.ORGANISATION]
    people = [s for s in kept if s.kind is SignatoryKind.PERSON]
    if order == "sorted":
        collate = sort_key(lang)

        def by_name(signatory: Signatory) -> bytes:
            # By name, then by what follows it; U+FFFE is the UCA's field separator.
            return collate(f"{signatory.name}\ufffe{signatory.detail}")

        organisations.sort(key=by_name)
        people.sort(key=by_name)
    return Signatories(
        path=path,
        organisations=tuple(organisations),
        people=tuple(people),
        duplicates=tuple(tuple(lines) for lines in first.values() if len(lines) > 1),
    )


def duplicate_problems(signatories: Signatories) -> list[Problem]:
    """A warning for each repeated signatory, at its first row, naming the rows that repeat it."""
    problems = []
    for first, *again in signatories.duplicates:
        lines = ", ".join(map(str, again))
        problems.append(
            Problem(
                signatories.path,
                first,
                None,
                f"repeated on line{'s' if len(again) > 1 else ''} {lines} (same name, "
                "organisation and place); printed once",
                severity=Severity.WARNING,
            )
        )
    return problems
