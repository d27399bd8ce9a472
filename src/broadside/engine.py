"""The only module that knows WeasyPrint: fonts, fetching, options and warnings.

Imported only by commands that render (importing WeasyPrint costs most of a second).
"""

from __future__ import annotations

import logging
import mimetypes
import os
import unicodedata
from base64 import b64encode
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from hashlib import sha256
from pathlib import Path
from typing import Any

from broadside.confine import Confinement, Refused
from broadside.content.models import as_utc
from broadside.errors import BuildError, printable
from broadside.finishing import finish
from broadside.pdfsettings import PdfSettings
from broadside.reproducible import fixed_font_dates
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

MAX_CACHED_SHEETS = 64  # parsed stylesheets kept, least recently used dropped first
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


@dataclass(frozen=True)
class Printed:
    """A finished PDF and what a caller needs to know about it (plain data: it may cross
    from a render process to the build, see engine_process.py)."""

    pdf: bytes | None  # None when `require` was not met: nothing was written
    pages: int
    warnings: list[str]
    anchors: dict[str, int]  # element id → the page it starts on


@dataclass
class Rendered:
    """A laid-out document: pages known, PDF not yet written."""

    document: Any  # weasyprint.Document
    warnings: list[str] = field(default_factory=list)

    @property
    def page_count(self) -> int:
        return len(self.document.pages)

    def measure(self, *ids: str) -> tuple[float, dict[str, float]]:
        """The first page's area height and the outer heights of the elements with these ids.

        In CSS px, straight from the layout tree: how a layout that must fit a page (the
        flyer) finds out how full that page is without writing a PDF.
        """
        page_box = self.document.pages[0]._page_box
        heights: dict[str, float] = {}
        stack = [page_box]
        while stack:  # pre-order, so an element's principal box is met before its parts
            box = stack.pop()
            element = getattr(box, "element", None)
            key = element.get("id") if element is not None else None
            if key in ids and key not in heights:
                heights[key] = float(box.margin_height())
            stack.extend(reversed(getattr(box, "children", ())))
        return float(page_box.height), heights

    def page_of(self, anchor: str) -> int | None:
        """The 1-based page an element with id `anchor` starts on, if it is laid out."""
        for number, page in enumerate(self.document.pages, start=1):
            if anchor in page.anchors:
                return number
        return None


class Engine:
    """One per process: one font configuration, parsed stylesheets reused across renders.

    `settings` say how every PDF is made (accessible or archival, bleed, image quality); a
    build may change them between renders (the size limit lowers image quality).
    """

    def __init__(self, content_root: Path, settings: PdfSettings | None = None) -> None:
        from broadside.fonts import font_files

        font_dirs = {path.parent for path in font_files()}
        self.fetcher = ConfinedFetcher(
            [TEMPLATES, STYLES, *font_dirs], pictures_only=[content_root]
        )
        self.font_config = FontConfiguration()
        self.settings = settings or PdfSettings()
        self._sheets: OrderedDict[str, Any] = OrderedDict()

    def parse(self, html: str, base: Path) -> Any:
        """Parse once; the result can be laid out many times (the flyer's fit search does)."""
        return weasyprint.HTML(string=html, base_url=base.as_uri() + "/", url_fetcher=self.fetcher)

    def prepare(self, sheets: Sequence[Stylesheet]) -> list[str]:
        """Parse `sheets` now: their @font-face rules register the fonts every output uses.

        Returns what WeasyPrint warned about while doing so.
        """
        with self._capture() as messages:
            for sheet in sheets:
                self._css(sheet)
        return messages

    def layout(self, parsed: Any, sheets: Sequence[Stylesheet]) -> Rendered:
        with self._capture() as messages:
            press = self.settings.page_css()  # bleed: every output inherits it
            extra = (Stylesheet("print shop", press, STYLES),) if press else ()
            css = [self._css(sheet) for sheet in (*sheets, *extra)]
            document = parsed.render(
                font_config=self.font_config, stylesheets=css, **self.options()
            )
        return Rendered(document, messages)

    def print(
        self,
        html: str,
        base: Path,
        sheets: Sequence[Stylesheet],
        require: tuple[str, int] | None = None,
    ) -> Printed:
        """HTML to PDF in one call. With `require=(id, page)`, the PDF is written only if
        that element starts on that page (the brief's cover check); else `pdf` is None."""
        rendered = self.layout(self.parse(html, base), sheets)
        anchors: dict[str, int] = {}
        for number, page in enumerate(rendered.document.pages, start=1):
            for anchor in page.anchors:
                anchors.setdefault(anchor, number)
        met = require is None or anchors.get(require[0]) == require[1]
        pdf = self.pdf(rendered) if met else None
        return Printed(pdf, rendered.page_count, rendered.warnings, anchors)

    def pdf(self, rendered: Rendered) -> bytes:
        """Write the PDF. A Document can be written only once: fonts are subset in place."""
        settings = self.settings
        with self._capture() as messages, fixed_font_dates():
            data: bytes = rendered.document.write_pdf(
                **self.options(),
                attachments=self._attachments(),
                finisher=lambda _document, pdf: finish(pdf, settings),
            )
        rendered.warnings += messages
        return data

    def options(self) -> dict[str, Any]:
        return {
            # Tagged, titled, with /Lang: accessible by default; archival is PDF/A-3b and
            # stays tagged (finishing.py adds the PDF/UA-1 claim).
            "pdf_variant": self.settings.variant,
            "pdf_tags": True,
            "pdf_identifier": True,  # derived from the content, so rebuilds are identical
            "optimize_images": True,
            # Read when images load, so they must reach layout as well as write_pdf.
            "dpi": self.settings.images.dpi,
            "jpeg_quality": self.settings.images.jpeg_quality,
        }

    def _attachments(self) -> list[Any]:
        """The settings' files as WeasyPrint attachments: data: URLs carry their MIME type,
        so it never depends on the machine's MIME database; dates are the content's."""
        date = self.settings.attachment_date
        return [
            weasyprint.Attachment(
                url=f"data:{item.mime_type};base64,{b64encode(item.data).decode()}",
                url_fetcher=URLFetcher(allowed_protocols={"data"}),
                name=item.name,
                description=item.description,
                relationship=item.relationship,
                # WeasyPrint writes these as UTC ("Z") whatever their zone: convert first.
                created=as_utc(date) if date else None,
                modified=as_utc(date) if date else None,
            )
            for item in self.settings.attachments
        ]

    def _css(self, sheet: Stylesheet) -> Any:
        key = sha256(sheet.text.encode()).hexdigest()
        if key in self._sheets:
            self._sheets.move_to_end(key)
        else:
            self._sheets[key] = weasyprint.CSS(
                string=sheet.text,
                base_url=sheet.base.as_uri() + "/",
                url_fetcher=self.fetcher,
                font_config=self.font_config,
            )
            # Bounded: the flyer's fit adds a one-line sheet per size it tries, and a
            # long-running process (a watcher) must not keep every one forever.
            while len(self._sheets) > MAX_CACHED_SHEETS:
                self._sheets.popitem(last=False)
        return self._sheets[key]

    @contextmanager
    def _capture(self) -> Iterator[list[str]]:
        """WeasyPrint's log warnings and Python warnings (Pillow's among them) → messages."""
        handler = _Collect()
        LOGGER.addHandler(handler)
        level = LOGGER.level
        if LOGGER.getEffectiveLevel() > logging.WARNING:
            LOGGER.setLevel(logging.WARNING)  # a quieter root logger must not hide them
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                # Deprecations and unclosed files (WeasyPrint leaves its sRGB profile open
                # in PDF/A) are for developers, as Python itself decides: not the user's.
                for category in (DeprecationWarning, PendingDeprecationWarning, ResourceWarning):
                    warnings.simplefilter("ignore", category)
                yield handler.messages
            handler.messages += [str(warning.message) for warning in caught]
        except RefusedResource as error:
            raise BuildError(str(error)) from None
        finally:
            LOGGER.removeHandler(handler)
            LOGGER.setLevel(level)
