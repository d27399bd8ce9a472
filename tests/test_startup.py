"""Start-up: commands load only what they need, and the shortcuts taken give the same result."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from broadside.fonts import CONFIG
from broadside.pdf.libraries import FIRST_NAMES
from tests.conftest import SEED_CONTENT

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
    )
    return modules_loaded_by(script)


def modules_loaded_by(script: str) -> set[str]:
    """Every module in `sys.modules` once `script` has run in a fresh interpreter."""
    script += "import sys\nprint('MODULES', ' '.join(sorted(sys.modules)))\n"
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
    assert "broadside.pdf.worker" not in loaded  # nor start a worker that would


def load_weasyprint(env: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """Import WeasyPrint in a fresh interpreter: the names cffi had to search for (each one
    runs ldconfig, gcc and ld), and the native libraries it ended up with, as files."""
    script = (
        "import ctypes.util, json, os\n"
        "searched = []\n"
        "search = ctypes.util.find_library\n"
        "def counting(name):\n"
        "    searched.append(name)\n"
        "    return search(name)\n"
        "ctypes.util.find_library = counting  # this test's own probe, in its own process\n"
        "import weasyprint\n"
        "maps = open('/proc/self/maps').read().split()\n"
        "found = sorted({os.path.realpath(p) for p in maps if '.so' in p})\n"
        "print(json.dumps([searched, found]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "FONTCONFIG_FILE": str(CONFIG), **env},
    )
    searched, paths = json.loads(result.stdout.splitlines()[-1])
    libraries = {}
    for path in paths:
        match = re.match(LIBRARY, Path(path).name)
        if match:
            libraries[match.group(1)] = path
    return searched, libraries


@pytest.mark.skipif(not LINUX, reason="library links are Linux-only")
def test_a_worker_finds_each_library_at_the_first_name_weasyprint_asks_for(
    tmp_path: Path,
) -> None:
    """Fails loudly if WeasyPrint changes the names it asks for: update FIRST_NAMES."""
    plain_searched, plain = load_weasyprint({})
    assert len(plain) == 6  # gobject, pango, pangoft2, harfbuzz, harfbuzz-subset, fontconfig
    env = {"BROADSIDE_CACHE_DIR": str(tmp_path)}
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from broadside.pdf import engine, libraries\n"
            "engine.weasyprint(); libraries.remember_loaded()",
        ],
        check=True,
        env={**os.environ, **env},
    )
    folder = tmp_path / "libraries"
    assert sorted(path.name for path in folder.iterdir()) == sorted([*FIRST_NAMES, "complete"])
    searched, linked = load_weasyprint({**env, "LD_LIBRARY_PATH": str(folder)})
    assert linked == plain  # the very same files
    assert not set(searched) & set(FIRST_NAMES)  # none of ours needed a search
    assert len(searched) <= len(plain_searched) - 2 * len(FIRST_NAMES)


@pytest.mark.skipif(not LINUX, reason="library links are Linux-only")
def test_a_stale_link_falls_back_to_the_usual_search(tmp_path: Path) -> None:
    folder = tmp_path / "libraries"
    folder.mkdir()
    for name in FIRST_NAMES:
        (folder / name).symlink_to(tmp_path / "gone" / name)
    (folder / "complete").write_text("")
    searched, linked = load_weasyprint({"LD_LIBRARY_PATH": str(folder)})
    assert len(linked) == 6
    assert set(FIRST_NAMES) <= set(searched)


def test_the_build_process_itself_never_loads_weasyprint(tmp_path: Path) -> None:
    """With workers, WeasyPrint loads in the worker only: once per process that prints."""
    script = (
        "import sys\n"
        f"sys.argv = ['broadside', 'build', {str(SEED_CONTENT)!r}, '--out', {str(tmp_path)!r},"
        " '--jobs', '2']\n"
        "from broadside.cli.app import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        "print('LOADED', 'weasyprint' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "BROADSIDE_JOBS": ""},
    )
    assert "LOADED False" in result.stdout, result.stderr
    assert (tmp_path / "brief.pdf").is_file() and (tmp_path / "flyer.pdf").is_file()


def test_the_worker_host_loads_no_campaign_code() -> None:
    """The build waits for the host to load WeasyPrint and parse the sheets before anything
    prints; the content models (pydantic), Markdown and templates are the build's to load,
    and would add ~0.3 s to that wait."""
    loaded = modules_loaded_by(
        "from broadside.html.stylesheets import all_sheets\n"
        "from broadside.pdf import engine, host, libraries\n"
        "engine.Engine().prepare(all_sheets())  # what the host does before it forks\n"
    )
    assert "weasyprint" in loaded  # the probe sees what the host loads
    assert not {"pydantic", "markdown_it", "jinja2", "broadside.content.models"} & loaded


def test_compiled_templates_render_what_fresh_ones_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from broadside.html.templating import environment

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
    from broadside.html.templatecache import compiled_templates

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


def test_a_build_through_the_entry_point_collects_again_once_its_modules_are_in(
    tmp_path: Path,
) -> None:
    script = (
        "import gc, sys\n"
        f"sys.argv = ['broadside', 'build', {str(SEED_CONTENT)!r}, '--out', {str(tmp_path)!r}]\n"
        "from broadside.cli.app import main\n"
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
