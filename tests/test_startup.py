"""Start-up: commands load only what they need, and the shortcuts taken give the same result."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import cffi
import pytest

from broadside.libsearch import sonames_first
from tests.conftest import SEED_CONTENT, SEED_TEXT

LINUX = sys.platform.startswith("linux")
LIBRARY = r"lib(gobject-2\.0|pango-1\.0|pangoft2-1\.0|harfbuzz(-subset)?|fontconfig)\.so"


def modules_after(*argv: str) -> set[str]:
    """Top-level packages imported by `broadside ARGV`, run in a fresh interpreter."""
    script = (
        "import runpy, sys\n"
        f"sys.argv = ['broadside', *{list(argv)!r}]\n"
        "try:\n"
        "    runpy.run_module('broadside', run_name='__main__')\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        "print('MODULES', ' '.join(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("MODULES"))
    return set(line.split()[1:])


@pytest.mark.parametrize(
    "argv", [("--version",), ("--help",), ("check", str(SEED_CONTENT)), ("watch", "--help")]
)
def test_commands_that_render_nothing_never_load_weasyprint(argv: tuple[str, ...]) -> None:
    loaded = modules_after(*argv)
    assert "broadside" in loaded
    assert "weasyprint" not in loaded


def loaded_libraries(code: str) -> dict[str, str]:
    """Run `code` in a fresh interpreter; the native libraries WeasyPrint needs, as files."""
    script = (
        f"{code}\n"
        "import json, os\n"
        "maps = open('/proc/self/maps').read().split()\n"
        "print(json.dumps(sorted({os.path.realpath(p) for p in maps if '.so' in p})))\n"
    )
    env = {
        **os.environ,
        "FONTCONFIG_FILE": str(Path(__file__).parents[1] / "src/broadside/fonts.conf"),
    }
    result = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    found: dict[str, str] = {}
    for path in json.loads(result.stdout.splitlines()[-1]):
        name = Path(path).name
        match = re.match(
            r"lib(gobject-2\.0|pango-1\.0|pangoft2-1\.0|harfbuzz(-subset)?|fontconfig)\.so", name
        )
        if match:
            found[match.group(1)] = path
    return found


@pytest.mark.skipif(not LINUX, reason="the soname shortcut is Linux-only")
def test_sonames_load_the_very_libraries_weasyprint_would_find_itself() -> None:
    ours = loaded_libraries("import broadside.engine")
    theirs = loaded_libraries("import weasyprint")
    assert ours == theirs
    assert {"gobject-2.0", "pango-1.0", "pangoft2-1.0", "harfbuzz", "fontconfig"} <= set(ours)
    # The subsetter makes builds seconds faster: losing it would be a silent regression.
    assert "harfbuzz-subset" in ours


@pytest.mark.skipif(not LINUX, reason="the soname shortcut is Linux-only")
def test_a_soname_that_does_not_load_falls_back_to_the_usual_search() -> None:
    original = cffi.FFI.dlopen
    ffi = cffi.FFI()
    ffi.cdef("double cos(double x);")
    with sonames_first({"m": "libbroadside-no-such-library.so.9"}, unused=frozenset()):
        libm = ffi.dlopen("m")  # found by cffi's own search, as WeasyPrint would
    assert libm.cos(0.0) == 1.0
    assert cffi.FFI.dlopen is original


@pytest.mark.skipif(not LINUX, reason="the soname shortcut is Linux-only")
def test_a_soname_is_tried_before_the_name_asked_for() -> None:
    ffi = cffi.FFI()
    ffi.cdef("double cos(double x);")
    with pytest.raises(OSError):
        ffi.dlopen("broadside-unknown-name")
    with sonames_first({"broadside-unknown-name": "libm.so.6"}):
        libm = ffi.dlopen("broadside-unknown-name")
    assert libm.cos(0.0) == 1.0


@pytest.mark.skipif(not LINUX, reason="the soname shortcut is Linux-only")
def test_an_unneeded_library_that_is_absent_is_not_searched_for() -> None:
    ffi = cffi.FFI()
    names = frozenset({"libbroadside-unused-0", "broadside-unused"})
    with sonames_first({"libbroadside-unused-0": "libbroadside-unused.so.0"}, unused=names):
        for name in ("libbroadside-unused-0", "broadside-unused"):
            with pytest.raises(OSError, match="not needed by Broadside"):
                ffi.dlopen(name)


def test_hyphenation_read_back_from_the_cache_hyphenates_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyphen

    from broadside import hyphenation

    monkeypatch.setenv("BROADSIDE_CACHE_DIR", str(tmp_path))
    path = pyphen.LANGUAGES["en_US"]
    fresh = pyphen.HyphDict(path)
    hyphenation._store(path, fresh)
    restored = hyphenation._load(path)
    assert restored is not None and restored is not fresh
    words = set(re.findall(r"[A-Za-z]{5,}", SEED_TEXT.read_text(encoding="utf-8")))
    assert len(words) > 200
    for word in sorted(words):
        assert restored.positions(word) == fresh.positions(word), word


def test_a_dictionary_of_another_shape_is_left_to_pyphen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyphen

    from broadside import hyphenation

    monkeypatch.setenv("BROADSIDE_CACHE_DIR", str(tmp_path))
    path = pyphen.LANGUAGES["en_US"]
    odd = pyphen.HyphDict(path)
    odd.something_new = True
    hyphenation._store(path, odd)
    assert hyphenation._load(path) is None
    assert not list(tmp_path.rglob("*.json"))


def test_compiled_templates_render_what_fresh_ones_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from broadside.templating import environment

    monkeypatch.setenv("BROADSIDE_CACHE_DIR", str(tmp_path))
    context = {"person": {"name": "Ada *Lovelace*", "role": "Writer"}, "lang": "en"}

    def render(cached: bool) -> str:
        env = environment.__wrapped__()  # a new environment, as in a new process
        if not cached:
            env.bytecode_cache = None
        return env.get_template("partials/person.html.j2").render(context)

    plain = render(cached=False)
    first = render(cached=True)
    assert list(tmp_path.rglob("*.cache")), "nothing was cached"
    second = render(cached=True)  # read back from the cache
    assert "<em>Lovelace</em>" in plain
    assert plain == first == second


def test_an_unusable_cache_folder_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from broadside.cache import write_atomic
    from broadside.templatecache import compiled_templates

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BROADSIDE_CACHE_DIR", str(blocker))
    assert compiled_templates() is None
    assert write_atomic(blocker / "x" / "y.bin", b"data") is False


def test_the_collector_is_resumed_only_if_we_paused_it() -> None:
    import gc

    from broadside import startup

    assert gc.isenabled()
    try:
        startup.pause_collection()
        assert not gc.isenabled()
        startup.resume_collection()
        assert gc.isenabled()
        gc.disable()  # someone else's decision: not ours to undo
        startup.pause_collection()
        startup.resume_collection()
        assert not gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_build_through_the_entry_point_collects_again_once_weasyprint_is_in(
    tmp_path: Path,
) -> None:
    script = (
        "import gc, sys\n"
        f"sys.argv = ['broadside', 'build', {str(SEED_CONTENT)!r}, '--out', {str(tmp_path)!r}]\n"
        "from broadside.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        "print('ENABLED', gc.isenabled(), 'FROZEN', gc.get_freeze_count() > 100_000)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert "ENABLED True FROZEN True" in result.stdout
    assert (tmp_path / "brief.pdf").is_file()
