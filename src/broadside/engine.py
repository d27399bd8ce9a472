"""The only module that knows WeasyPrint: fonts, fetching, options and warnings.

Imported only by commands that render (importing WeasyPrint costs most of a second).
"""

from __future__ import annotations

import logging
import mimetypes
import os
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from hashlib import sha256
from pathlib import Path
from typing import Any

from broadside.confine import Confinement, Refused
from broadside.errors import BuildError, printable
from broadside.resources import STYLES, TEMPLATES
from broadside.stylesheets import Stylesheet

# Fontconfig must see no system fonts, so a glyph our fonts lack shows up as a gap we
# report instead of being quietly drawn from whatever the machine has. Set before
# WeasyPrint (and with it fontconfig) loads; an empty config also makes start-up faster.
_EMPTY_FONTCONFIG = Path(__file__).with_name("fonts.conf")
os.environ["FONTCONFIG_FILE"] = str(_EMPTY_FONTCONFIG)

import warnings  # noqa: E402

with warnings.catch_warnings():
    # WeasyPrint warns at import when fontconfig has no fonts: that is exactly our intent.
    warnings.simplefilter("ignore")
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

LOGGER = logging.getLogger("weasyprint")


class RefusedResource(FatalURLFetchingError):  # type: ignore[misc]
    """Stops the render: something asked for a file or address outside the allowed folders."""


class ConfinedFetcher(URLFetcher):  # type: ignore[misc]
    """Serves local files under `roots` only, and pictures under `pictures_only`: never the
    network (see confine.py). A refusal stops the render; a missing file is a warning."""

    def __init__(self, roots: Sequence[Path], pictures_only: Sequence[Path] = ()) -> None:
        super().__init__(allowed_protocols={"file"}, fail_on_errors=False)
        self.confinement = Confinement.of(roots, pictures_only)

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        try:
            real, data = self.confinement.read(url)
        except Refused as error:
            raise RefusedResource(str(error)) from None
        content_type = mimetypes.guess_type(real.name)[0] or "application/octet-stream"
        return _Served(real.as_uri(), body=data, headers={"Content-Type": content_type})


class _Served(URLFetcherResponse):  # type: ignore[misc]
    """A response with no file path: WeasyPrint otherwise re-reads some pictures from disk by
    name when it writes the PDF, past every check made here."""

    @property
    def path(self) -> None:
        return None


class _Collect(logging.Handler):
    """Every warning WeasyPrint logs, once each, in words a person can act on."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = _readable(record)
        if message not in self.messages:
            self.messages.append(message)


def _readable(record: logging.LogRecord) -> str:
    args = record.args
    if str(record.msg).startswith(".notdef glyph") and isinstance(args, tuple):
        codepoint = args[-1]
        if isinstance(codepoint, int):
            name = unicodedata.name(chr(codepoint), "unnamed")
            return f"no shipped font has U+{codepoint:04X} {name}; it printed as an empty box"
    return printable(record.getMessage())


@dataclass
class Rendered:
    """A laid-out document: pages known, PDF not yet written."""

    document: Any  # weasyprint.Document
    warnings: list[str] = field(default_factory=list)

    @property
    def page_count(self) -> int:
        return len(self.document.pages)


class Engine:
    """One per process: one font configuration, parsed stylesheets reused across renders."""

    def __init__(self, content_root: Path) -> None:
        from broadside.fonts import font_files

        font_dirs = {path.parent for path in font_files()}
        self.fetcher = ConfinedFetcher(
            [TEMPLATES, STYLES, *font_dirs], pictures_only=[content_root]
        )
        self.font_config = FontConfiguration()
        self._sheets: dict[str, Any] = {}

    def parse(self, html: str, base: Path) -> Any:
        """Parse once; the result can be laid out many times (the flyer's fit search does)."""
        return weasyprint.HTML(string=html, base_url=base.as_uri() + "/", url_fetcher=self.fetcher)

    def layout(self, parsed: Any, sheets: Sequence[Stylesheet]) -> Rendered:
        with self._capture() as messages:
            css = [self._css(sheet) for sheet in sheets]
            document = parsed.render(
                font_config=self.font_config, stylesheets=css, **self.options()
            )
        return Rendered(document, messages)

    def pdf(self, rendered: Rendered, **options: Any) -> bytes:
        """Write the PDF. A Document can be written only once: fonts are subset in place."""
        with self._capture() as messages:
            data: bytes = rendered.document.write_pdf(**{**self.options(), **options})
        rendered.warnings += messages
        return data

    @staticmethod
    def options() -> dict[str, Any]:
        return {
            "pdf_variant": "pdf/ua-1",  # tagged, titled, with /Lang: accessible by default
            "pdf_identifier": True,  # derived from the content, so rebuilds are identical
            "optimize_images": True,
            "dpi": 300,
        }

    def _css(self, sheet: Stylesheet) -> Any:
        key = sha256(sheet.text.encode()).hexdigest()
        if key not in self._sheets:
            self._sheets[key] = weasyprint.CSS(
                string=sheet.text,
                base_url=sheet.base.as_uri() + "/",
                url_fetcher=self.fetcher,
                font_config=self.font_config,
            )
        return self._sheets[key]

    @contextmanager
    def _capture(self) -> Iterator[list[str]]:
        """WeasyPrint's log warnings and Python warnings (Pillow's among them) → messages."""
        handler = _Collect()
        LOGGER.addHandler(handler)
        if LOGGER.getEffectiveLevel() > logging.WARNING:
            LOGGER.setLevel(logging.WARNING)  # a quieter root logger must not hide them
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                # Deprecations are for Broadside's developers, as Python itself decides.
                warnings.simplefilter("ignore", DeprecationWarning)
                warnings.simplefilter("ignore", PendingDeprecationWarning)
                yield handler.messages
            handler.messages += [str(warning.message) for warning in caught]
        except RefusedResource as error:
            raise BuildError(str(error)) from None
        finally:
            LOGGER.removeHandler(handler)
