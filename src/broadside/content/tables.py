"""CSV files in a campaign folder, read as content: every row with its line, every mistake named.

UTF-8 (with or without a byte order mark), RFC 4180 (quoted fields may hold commas and line
breaks), one header row. A table is only read here; what its columns mean is its caller's.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from broadside.content.frontmatter import MAX_FILE_BYTES
from broadside.errors import Problem


@dataclass(frozen=True)
class Row:
    line: int  # the file line the row starts on (1-based; the header is line 1)
    values: dict[str, str]  # header → value, surrounding whitespace removed


@dataclass(frozen=True)
class Table:
    path: Path
    headers: tuple[str, ...]
    rows: tuple[Row, ...]


def read_table(path: Path, *, max_rows: int) -> tuple[Table | None, list[Problem]]:
    """The table in `path` (None if it cannot be read at all), and what is wrong with it.

    A row with fewer fields than the header has its last columns empty; one with more is
    reported and left out.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // 2**20
            message = f"file is {size / 2**20:.1f} MB; the limit is {limit} MB"
            return None, [Problem(path, None, None, message)]
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(path, None, None, f"cannot read file: {error.strerror}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [
            Problem(
                path,
                line,
                None,
                f"not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start})",
                hint="export or save the file as CSV UTF-8",
            )
        ]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Problem] = []
    try:
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            return None, [Problem(path, 1, None, "no header row: the first line names the columns")]
        headers = tuple(cell.strip() for cell in header)
        rows: list[Row] = []
        start = reader.line_num + 1
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue  # a blank line
            if len(rows) == max_rows:
                message = f"more than {max_rows:,} rows; the limit is {max_rows:,}"
                return None, [Problem(path, line, None, message)]
            cells += [""] * (len(headers) - len(cells))
            if len(cells) > len(headers):
                problems.append(
                    Problem(
                        path,
                        line,
                        None,
                        f"{len(cells)} fields where the header has {len(headers)}",
                        hint='quote a value that contains a comma: "Doe, Jane"',
                    )
                )
                continue
            rows.append(Row(line, {h: c.strip() for h, c in zip(headers, cells, strict=True)}))
    except csv.Error as error:
        return None, [Problem(path, reader.line_num or 1, None, f"not valid CSV: {error}")]
    return Table(path, headers, tuple(rows)), problems
