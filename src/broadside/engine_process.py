"""A second process that loads WeasyPrint while this one reads the campaign.

A cold build spends ~0.3 s importing WeasyPrint and ~0.3 s importing Broadside's own
content, model and template code, one after the other, on one of two cores. Forked as soon
as the command line is read, a render process imports only the engine; meanwhile the build
loads and checks the campaign and renders the brief's HTML, then hands that HTML across to
be laid out and written while it goes on to the flyer itself.

Only the engine's own work crosses: HTML, stylesheets and PDF settings in; the PDF, page
count, warnings and anchor pages out (`engine.Printed`). A user's error (a refused file)
comes back as itself. Anything else — the process died, a bug, a garbled reply — is not
trusted: the build renders the brief in-process instead, so a bug still shows its own
traceback. Used only where `parallel.worth_forking()` says forking is safe and useful.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from broadside.errors import UserError
from broadside.parallel import worth_forking

if TYPE_CHECKING:
    from broadside.engine import Printed
    from broadside.pdfsettings import PdfSettings
    from broadside.stylesheets import Stylesheet

_LENGTH = struct.Struct("!Q")
_early: EngineProcess | None = None


class RenderProcessFailed(Exception):
    """The render process could not answer; render here instead."""


class EngineProcess:
    """The parent's handle on a render process (see the module's docstring)."""

    def __init__(self, pid: int, requests: int, replies: int) -> None:
        self.pid = pid
        self._requests = os.fdopen(requests, "wb")
        self._replies = os.fdopen(replies, "rb")
        self.alive = True

    @classmethod
    def start_early(cls, campaign_dir: Path | None) -> None:
        """Fork at the very start of `broadside build`, before Typer reads the command line
        (launch.py, which guesses the folder; a wrong guess costs only time); `start`
        hands this process to the build."""
        global _early
        _early = cls.start(campaign_dir)

    @classmethod
    def start(cls, campaign_dir: Path | None) -> EngineProcess | None:
        """Fork now, before the build's own imports; None where forking is not worth it.

        A process started early is taken instead, if there is one. `campaign_dir`, when
        known, lets the render process set up its engine before the first request.
        """
        global _early
        if _early is not None:
            early, _early = _early, None
            return early
        if not worth_forking():
            return None
        to_child, from_parent = os.pipe()
        to_parent, from_child = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(from_parent)
            os.close(to_parent)
            status = 1
            try:
                _serve(campaign_dir, to_child, from_child)
                status = 0
            finally:
                os._exit(status)
        os.close(to_child)
        os.close(from_child)
        return cls(pid, from_parent, to_parent)

    def print(
        self,
        settings: PdfSettings,
        html: str,
        base: Path,
        sheets: Sequence[Stylesheet],
        require: tuple[str, int] | None,
    ) -> Printed:
        if not self.alive:
            raise RenderProcessFailed("the render process has stopped")
        try:
            _send(self._requests, (settings, html, base, tuple(sheets), require))
            kind, value = _receive(self._replies)
        except (OSError, EOFError, pickle.PickleError, struct.error) as error:
            self.close()
            raise RenderProcessFailed(str(error)) from None
        if kind == "printed":
            return value  # type: ignore[no-any-return]
        if kind == "user error":
            raise value
        self.close()
        raise RenderProcessFailed(value)

    def close(self) -> None:
        """Stop the render process; safe to call more than once."""
        if not self.alive:
            return
        self.alive = False
        for stream in (self._requests, self._replies):
            with contextlib.suppress(OSError):
                stream.close()
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)


class RemoteEngine:
    """What `build.render_brief` needs of an engine (`settings`, `print`), done over there."""

    def __init__(self, process: EngineProcess, settings: PdfSettings) -> None:
        self.process = process
        self.settings = settings

    def print(
        self,
        html: str,
        base: Path,
        sheets: Sequence[Stylesheet],
        require: tuple[str, int] | None = None,
    ) -> Printed:
        return self.process.print(self.settings, html, base, sheets, require)


def _serve(campaign_dir: Path | None, requests_fd: int, replies_fd: int) -> None:
    """The render process: load the engine at once, then print what is asked until EOF."""
    from broadside.engine import Engine
    from broadside.stylesheets import own_sheet, shared_sheets

    engines: dict[Path, Engine] = {}

    def engine_for(root: Path) -> Engine:
        if root not in engines:
            engines[root] = Engine(root)
            # Register the fonts and parse the brief's sheet while the parent is busy.
            engines[root].prepare((*shared_sheets(), own_sheet("brief.css")))
        return engines[root]

    if campaign_dir is not None and campaign_dir.is_dir():
        engine_for(campaign_dir.resolve())
    with os.fdopen(requests_fd, "rb") as requests, os.fdopen(replies_fd, "wb") as replies:
        while True:
            try:
                settings, html, base, sheets, require = _receive(requests)
            except EOFError:
                return
            try:
                engine = engine_for(base)
                engine.settings = settings
                reply: tuple[str, Any] = ("printed", engine.print(html, base, sheets, require))
            except UserError as error:
                reply = ("user error", error)
            except Exception:
                reply = ("failed", traceback.format_exc())
            _send(replies, reply)


def _send(stream: Any, message: object) -> None:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(payload)) + payload)
    stream.flush()


def _receive(stream: Any) -> Any:
    header = stream.read(_LENGTH.size)
    if len(header) < _LENGTH.size:
        raise EOFError("the other process closed the pipe")
    (length,) = _LENGTH.unpack(header)
    payload = stream.read(length)
    if len(payload) < length:
        raise EOFError("the other process closed the pipe mid-message")
    return pickle.loads(payload)  # noqa: S301 - our own process, over our own pipe
