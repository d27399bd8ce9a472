"""The on-disk cache: named by what it holds, shared between installs, and bounded."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from broadside import cache
from broadside.fonts import faces
from broadside.fonts.instances import static_instance


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BROADSIDE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_two_installs_of_the_same_font_share_one_instance(root: Path, tmp_path: Path) -> None:
    source = faces.Face(faces.SANS, "normal").path
    elsewhere = tmp_path / "another-venv" / source.name
    elsewhere.parent.mkdir()
    shutil.copy(source, elsewhere)  # a second install: another path, another time
    os.utime(elsewhere, (1, 1))
    first = static_instance(source, {"wght": 600})
    second = static_instance(elsewhere, {"wght": 600})
    assert first is not None and first == second
    assert len(list((root / "fonts").iterdir())) == 1


def test_a_changed_file_gets_a_new_key(tmp_path: Path, root: Path) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(b"one")
    before = cache.file_key(path)
    path.write_bytes(b"two")
    os.utime(path, ns=(10**9, 10**9))
    assert cache.file_key(path) != before


def test_the_cache_keeps_under_its_bound_by_dropping_the_oldest(root: Path) -> None:
    for number in range(5):
        target = cache.cache_file("test", f"entry-{number}")
        assert cache.write_atomic(target, bytes(100 * 1024))
        os.utime(target, (1000 + number, 1000 + number))
    cache.evict(250 * 1024)
    kept = sorted(path.name for path in (root / "test").iterdir())
    assert kept == ["entry-3", "entry-4"]
