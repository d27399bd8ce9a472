"""The only module that knows WeasyPrint: fonts, fetching, options and warnings.

Imported only by commands that render (importing WeasyPrint costs most of a second).
"""

from __future__ import annotations

import logging
import mimetypes
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from hashlib import sha256
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from broadside.errors import BuildError
from broadside.resources import STYLES, TEMPLATES
from broadside.stylesheets import Stylesheet

# Fontconfig must see no system fonts, so a glyph our fonts lack shows up as a gap we
# report instead of being quietly drawn from whatever the machine has. Set before
# WeasyPrint (and with it fontconfig) loads; an empty config also makes start-up faster.
_EMPTY_FONTCONFIG = Path(__file__).with_name("fonts.conf")
os.environ["FONTCONFIG_FILE"] = str(_EMPTY_FONTCONFIG)

import warnings  # noqa: E402

from broadside.startup import quick_start  # noqa: E402

with warnings.catch_warnings(), quick_start():
    # WeasyPrint warns at import when fontconfig has no fonts: that is exactly our intent.
    warnings.simplefilter("ignore")
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

MAX_RESOURCE_BYTES = 30 * 1024 * 1024
LOGGER = logging.getLogger("weasyprint")


class RefusedResource(FatalURLFetchingError):  # type: ignore[misc]
    """Stops the render: something asked for a file or address outside the allowed folders."""


class ConfinedFetcher(URLFetcher):  # type: ignore[misc]
    """Serves local files under `roots` only: regular files, size-capped, never the network."""

    def __init__(self, roots: Sequence[Path]) -> None:
        super().__init__(allowed_protocols={"file"}, fail_on_errors=False)
        self.roots = tuple(root.resolve() for root in roots)

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedResource(
                f"refused {_shorten(url)}: builds are offline and never fetch from the network"
            )
        path = Path(url2pathname(unquote(parts.path)))
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise FileNotFoundError(f"file not found: {path}") from None
        if not any(real.is_relative_to(root) for root in self.roots):
            raise RefusedResource(
                f"refused {path}: it is outside the campaign folder and Broadside's own files"
            )
        if not real.is_file():
            raise RefusedResource(f"refused {path}: not a regular file")
        if real.stat().st_size > MAX_RESOURCE_BYTES:
            raise RefusedResource(f"refused {path}: larger than {MAX_RESOURCE_BYTES // 2**20} MB")
        content_type = mimetypes.guess_type(real.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            real.as_uri(), body=real.read_bytes(), headers={"Content-Type": content_type}
        )


def _shorten(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


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
        self.fetcher = ConfinedFetcher([content_root, TEMPLATES, STYLES, *font_dirs])
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
        handler = _Collect()
        LOGGER.addHandler(handler)
        try:
            yield handler.messages
        except RefusedResource as error:
            raise BuildError(str(error)) from None
        finally:
            LOGGER.removeHandler(handler)
