"""Stale temporaries are removed by Broadside's own naming only, and only when stale."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from broadside import temporaries


def gone_pid() -> int:
    """The id of a process that has ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_only_broadsides_stale_temporaries_are_removed(tmp_path: Path) -> None:
    machine = temporaries.machine()
    dead = tmp_path / f".brief.pdf.{machine}-{gone_pid()}.0badc0de.tmp"
    dead_previous = tmp_path / f".flyer.pdf.{machine}-{gone_pid()}.0badc0de.previous.tmp"
    running = tmp_path / temporaries.file_name("brief.pdf")  # this process: still at work
    elsewhere = tmp_path / ".brief.pdf.abcdef-1.0badc0de.tmp"  # another machine's, fresh
    old_elsewhere = tmp_path / ".brief.pdf.abcdef-2.0badc0de.tmp"
    not_ours = [tmp_path / name for name in (".notes.tmp", "brief.pdf.1.tmp", ".x.123.tmp")]
    for path in [dead, dead_previous, running, elsewhere, old_elsewhere, *not_ours]:
        path.write_bytes(b"x")
    hours_ago = time.time() - temporaries.STALE_AFTER - 60
    os.utime(old_elsewhere, (hours_ago, hours_ago))
    for path in not_ours:
        os.utime(path, (hours_ago, hours_ago))

    removed = temporaries.sweep_files(tmp_path)

    assert sorted(removed) == sorted([dead, dead_previous, old_elsewhere])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in [running, elsewhere, *not_ours]
    )


def test_a_stale_scratch_folder_goes_with_its_content(tmp_path: Path) -> None:
    stale = tmp_path / f"broadside-{temporaries.machine()}-{gone_pid()}-0badc0de"
    (stale / "fonts").mkdir(parents=True)
    (stale / "fonts" / "a.ttf").write_bytes(b"x")
    mine = tmp_path / temporaries.folder_name()
    mine.mkdir()
    other = tmp_path / "broadside-fonts-x1y2z3"  # named by someone else: never touched
    other.mkdir()
    assert temporaries.sweep_folders(tmp_path) == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, other.name])


def test_a_folder_that_cannot_be_read_is_left_alone(tmp_path: Path) -> None:
    assert temporaries.sweep_files(tmp_path / "missing") == []
