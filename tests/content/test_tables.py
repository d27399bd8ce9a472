"""CSV files read as content: UTF-8 with or without BOM, RFC 4180, every row's own line."""

from __future__ import annotations

from pathlib import Path

from broadside.content.tables import read_table


def test_quoted_commas_and_line_breaks_keep_each_rows_line(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(
        '\ufeffname,note\r\n"Doe, Jane","two\r\nlines"\r\n\r\nSam,\r\nShort\r\n'.encode()
    )
    table, problems = read_table(path, max_rows=10)
    assert problems == [] and table is not None
    assert table.headers == ("name", "note")  # the byte order mark is not part of "name"
    assert [(row.line, row.values) for row in table.rows] == [
        (2, {"name": "Doe, Jane", "note": "two\r\nlines"}),
        (5, {"name": "Sam", "note": ""}),
        (6, {"name": "Short", "note": ""}),  # a missing last field is empty
    ]


def test_bad_bytes_and_extra_fields_name_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"name\nok\nbad \xff here\n")
    table, (problem,) = read_table(path, max_rows=10)
    assert table is None and problem.line == 3
    assert problem.message == "not UTF-8 text (byte 0xff at offset 12)"
    path.write_text("name,email\na,b\nc,d,e\n", encoding="utf-8")
    table, (problem,) = read_table(path, max_rows=10)
    assert table is not None and [row.line for row in table.rows] == [2]
    assert (problem.line, problem.message) == (3, "3 fields where the header has 2")


def test_an_empty_file_has_no_header(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("\n", encoding="utf-8")
    table, (problem,) = read_table(path, max_rows=10)
    assert table is None and problem.message.startswith("no header row")
