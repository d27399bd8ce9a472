"""The only module that imports WeasyPrint: it lays out print jobs and writes their PDFs.

One `Engine` per process: one font configuration, and parsed stylesheets reused across
jobs (a worker prints many). Each job gets its own fetcher, confined to that job's campaign
folder for pictures (pdf/confine.py). WeasyPrint's warnings are collected per job and
returned with it; a refused file stops the job with a `BuildError`.
"""

from __future__ import annotations

import gc
import logging
import mimetypes
import os
import time
import warnings
from base64 import b64encode
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from hashlib import sha256
from pathlib import Path
from types import ModuleType
from typing import Any

from broadside import css
from broadside.errors import STORAGE_ERRORS, BuildError, printable, reason
from broadside.fonts import CONFIG
from broadside.fonts.faces import font_files
from broadside.html.stylesheets import Stylesheet
from broadside.pdf import fit
from broadside.pdf.boxtree import drawing
from broadside.pdf.confine import Confinement, Refused
from broadside.pdf.finishing import finish
from broadside.pdf.fontdates import fixed_font_dates, font_epoch
from broadside.pdf.jobs import LaidOut, Layout, Printed, PrintJob, Scale, Scaled
from broadside.pdf.settings import PdfSettings
from broadside.reproducible import as_utc
from broadside.resources import STYLES, TEMPLATES

MAX_CACHED_SHEETS = 64  # parsed stylesheets kept, least recently used dropped first
LOGGER = logging.getLogger("weasyprint")


@cache
def weasyprint() -> ModuleType:
    """WeasyPrint, imported on first use (it costs most of a second).

    Fontconfig must see no system fonts, so a glyph our fonts lack is a gap the content
    checks report rather than something the machine quietly draws. It reads
    FONTCONFIG_FILE once, when WeasyPrint first loads it, so that is set here, just before.
    A worker host (pdf/host.py) is started with it already set.
    """
    os.environ["FONTCONFIG_FILE"] = str(CONFIG)
    with warnings.catch_warnings():
        # WeasyPrint warns at import when fontconfig has no fonts: that is exactly our intent.
        warnings.simplefilter("ignore")
        import weasyprint.text.fonts
        import weasyprint.urls

        module: ModuleType = weasyprint
    return module


def own_roots(sheets: Iterable[Stylesheet] = ()) -> tuple[Path, ...]:
    """Broadside's own files that a document drawn with `sheets` may read: templates, styles,
    the Latin font files every document loads, and any other script's that `sheets` load
    (only those its text uses)."""
    fonts = dict.fromkeys((*font_files(), *(path for sheet in sheets for path in sheet.fonts)))
    return (TEMPLATES, STYLES, *fonts)


# Where a job's campaign folder appears to the renderer: documents are laid out as if the
# folder were here, so nothing in a PDF (a picture's name is a digest of its address) depends
# on where the folder sits on disk. The fetcher maps it back to the real folder.
CAMPAIGN_URL = "file:///campaign/"


def _fetcher(
    own: Sequence[Path], campaign: Path | None = None, embedded: frozenset[str] = frozenset()
) -> Any:
    """A WeasyPrint URL fetcher that serves only what `Confinement` allows, never the network:
    Broadside's own files, pictures from `campaign`, which it serves at CAMPAIGN_URL, and the
    data: URLs listed in `embedded`."""
    urls = weasyprint().urls
    confinement = Confinement.of(own, () if campaign is None else (campaign,), embedded)
    mounted = None if campaign is None else campaign.resolve().as_uri() + "/"

    class Served(urls.URLFetcherResponse):  # type: ignore[misc,name-defined]
        """A response with no file path: WeasyPrint otherwise re-reads some pictures from
        disk by name when it writes the PDF, past every check made here."""

        @property
        def path(self) -> None:
            return None

    class ConfinedFetcher(urls.URLFetcher):  # type: ignore[misc,name-defined]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if mounted is not None and url.startswith(CAMPAIGN_URL):
                url = mounted + url.removeprefix(CAMPAIGN_URL)
            try:
                if url.startswith("data:"):
                    data, content_type = confinement.embedded_picture(url)
                    return Served(url, body=data, headers={"Content-Type": content_type})
                real, data = confinement.read(url)
            except Refused as error:
                raise _refusal()(str(error)) from None
            content_type = mimetypes.guess_type(real.name)[0] or "application/octet-stream"
            return Served(real.as_uri(), body=data, headers={"Content-Type": content_type})

    return ConfinedFetcher(allowed_protocols={"file"}, fail_on_errors=False)


@cache
def _refusal() -> type[Exception]:
    """What the fetcher raises to stop a render: a kind of error WeasyPrint lets through
    (it logs and skips any other), turned into a `BuildError` once it is out."""

    class RefusedResource(weasyprint().urls.FatalURLFetchingError):  # type: ignore[misc]
        pass

    return RefusedResource


class Engine:
    """Lays out and writes print jobs (pdf/jobs.py); one per process."""

    def __init__(self) -> None:
        module = weasyprint()
        self.font_config = module.text.fonts.FontConfiguration()
        self._sheets: OrderedDict[str, Any] = OrderedDict()
        self._warmed: set[str] = set()

    def close(self) -> None:
        """Let go of the fonts: WeasyPrint removes the temporary copies it made of them when
        their configuration is collected, and only then."""
        self.font_config = None
        self._sheets.clear()
        gc.collect()

    def prepare(self, sheets: Sequence[Stylesheet]) -> tuple[str, ...]:
        """Parse `sheets` now: their @font-face rules register the fonts every output uses."""
        with self._capture() as messages:
            for sheet in sheets:
                self._css(sheet)
        return tuple(messages)

    def warm(self, languages: Iterable[str]) -> None:
        """Make now what every job in these languages needs and would otherwise make for
        itself: the fonts' date, and each language's hyphenation patterns (~80 ms to parse).
        A worker host calls this before it forks, so its children share the results."""
        import pyphen  # WeasyPrint hyphenates with it, asking for the same dictionaries

        font_epoch()
        for language in languages:
            found = pyphen.language_fallback(language)
            if found and found not in self._warmed:
                pyphen.Pyphen(lang=found)  # parsed once, kept by pyphen for every later use
                self._warmed.add(found)

    def print(self, job: PrintJob) -> Printed:
        with self._capture() as messages:
            sheets = (sheet for layout in job.layouts for sheet in layout.sheets)
            fetcher = _fetcher(own_roots(sheets), job.base, job.embedded)
            # Each picture is decoded once for the job, however many layouts it is drawn in.
            images: dict[str, Any] = {}
            if job.scale is not None:
                return self._scaled(job, job.scale, fetcher, images, messages)
            first: LaidOut | None = None
            chosen: tuple[int, Any, LaidOut] | None = None
            for index, layout in enumerate(job.layouts):
                if first is not None and not first.meets(layout.worth_trying):
                    continue
                parsed = self._parse(layout, job, fetcher)
                document = self._render(parsed, layout.sheets, job, images)
                laid_out = LaidOut(len(document.pages), _anchor_pages(document))
                first = first or laid_out
                chosen = (index, document, laid_out)
                if laid_out.meets(layout.require):
                    break
            assert chosen is not None  # the first layout is always laid out
            index, document, laid_out = chosen
            met = laid_out.meets(job.layouts[index].require)
            pdf = self._write(document, job.settings)
        return Printed(
            pdf, laid_out.pages, index, met, tuple(messages), laid_out.anchors, scaled=None
        )

    def _scaled(
        self, job: PrintJob, scale: Scale, fetcher: Any, images: dict[str, Any], messages: list[str]
    ) -> Printed:
        """The largest type size at which the one layout fits one page (pdf/fit.py)."""
        (layout,) = job.layouts
        parsed = self._parse(layout, job, fetcher)

        def measure(size: float, spare: float = 0.0) -> tuple[float, Any]:
            values = {"size": css.length(size, "pt"), "spare": css.length(spare, "px")}
            sheet = Stylesheet("scale", scale.sheet.format(**values), STYLES)
            document = self._render(parsed, (*layout.sheets, sheet), job, images)
            return _fullness(document, scale), document

        started = time.perf_counter()
        found = fit.search(measure, scale.model, scale.limits)
        best = found.best
        trials = tuple(fit.Trial(t.size, t.fullness, None) for t in found.trials)
        if best is None:
            elapsed = (time.perf_counter() - started) * 1000
            return Printed(
                None,
                0,
                0,
                False,
                tuple(messages),
                scaled=Scaled(trials, None, milliseconds=elapsed),
            )
        document, spare, spread = best.layout, 0.0, None
        if (
            scale.spread_below is not None
            and best.size >= scale.limits.cap
            and best.fullness < scale.spread_below
            and len(trials) < scale.limits.max_layouts
        ):
            # Few, short lines at the largest size leave the page half empty: one more layout
            # moves the flow down into the middle of the room left.
            area = _area(best.layout, scale)
            spare = (1 - best.fullness) * area / 2
            spread, spread_document = measure(best.size, spare)
            if spread <= 1:
                document = spread_document
            else:
                spare = 0.0
        elapsed = (time.perf_counter() - started) * 1000
        pdf = self._write(document, job.settings)
        scaled = Scaled(trials, best.size, spare, spread, elapsed)
        return Printed(
            pdf, len(document.pages), 0, True, tuple(messages), _anchor_pages(document), scaled
        )

    def _parse(self, layout: Layout, job: PrintJob, fetcher: Any) -> Any:
        """Parsed once; the result can be laid out many times (a scale search does)."""
        return weasyprint().HTML(string=layout.html, base_url=CAMPAIGN_URL, url_fetcher=fetcher)

    def _render(
        self, parsed: Any, sheets: Sequence[Stylesheet], job: PrintJob, images: dict[str, Any]
    ) -> Any:
        press = job.settings.page_css()  # bleed: every output inherits it
        extra = (Stylesheet("print shop", press, STYLES),) if press else ()
        css = [self._css(sheet) for sheet in (*sheets, *extra)]
        return parsed.render(
            font_config=self.font_config,
            stylesheets=css,
            cache=images,  # WeasyPrint's own option: pictures by address, decoded
            **_options(job.settings),
        )

    def _write(self, document: Any, settings: PdfSettings) -> bytes:
        """Write the PDF, then finish it (pdf/finishing.py). A Document can be written only
        once: fonts are subset in place."""
        drawn = drawing(document) if settings.tagged else None  # before fonts are subset
        with fixed_font_dates():
            data: bytes = document.write_pdf(
                **_options(settings), attachments=_attachments(settings)
            )
        return finish(data, settings, drawn)

    def _css(self, sheet: Stylesheet) -> Any:
        key = sha256(sheet.text.encode()).hexdigest()
        if key in self._sheets:
            self._sheets.move_to_end(key)
        else:
            self._sheets[key] = weasyprint().CSS(
                string=sheet.text,
                base_url=sheet.base.as_uri() + "/",
                url_fetcher=_fetcher(own_roots((sheet,))),
                font_config=self.font_config,
            )
            # Bounded: a scale search adds a one-line sheet per size it tries, and a
            # long-running process (a watcher, a worker) must not keep every one forever.
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
        except BaseException as error:  # WeasyPrint's fatal fetching errors are BaseExceptions
            if isinstance(error, _refusal()):
                raise BuildError(str(error)) from None
            if isinstance(error, OSError) and error.errno in STORAGE_ERRORS:
                # WeasyPrint copies the fonts into a temporary folder as it reads them.
                raise BuildError(f"cannot write a temporary file: {reason(error)}") from None
            raise
        finally:
            LOGGER.removeHandler(handler)
            LOGGER.setLevel(level)


class _Collect(logging.Handler):
    """Every warning WeasyPrint logs, once each, safe to print."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = printable(record.getMessage())
        if message not in self.messages:
            self.messages.append(message)


def _options(settings: PdfSettings) -> dict[str, Any]:
    return {
        # Tagged, titled, with /Lang: accessible by default; archival is PDF/A-3b and
        # stays tagged (finishing.py adds the PDF/UA-1 claim).
        "pdf_variant": settings.variant,
        "pdf_tags": settings.tagged,
        "pdf_identifier": True,  # derived from the content, so rebuilds are identical
        "optimize_images": True,
        # Read when images load, so they must reach layout as well as write_pdf.
        "dpi": settings.images.dpi,
        "jpeg_quality": settings.images.jpeg_quality,
    }


def _attachments(settings: PdfSettings) -> list[Any]:
    """The settings' files as WeasyPrint attachments: data: URLs carry their MIME type, so it
    never depends on the machine's MIME database; dates are the content's."""
    module = weasyprint()
    date = settings.attachment_date
    return [
        module.Attachment(
            url=f"data:{item.mime_type};base64,{b64encode(item.data).decode()}",
            url_fetcher=module.urls.URLFetcher(allowed_protocols={"data"}),
            name=item.name,
            description=item.description,
            relationship=item.relationship,
            # WeasyPrint writes these as UTC ("Z") whatever their zone: convert first.
            created=as_utc(date) if date else None,
            modified=as_utc(date) if date else None,
        )
        for item in settings.attachments
    ]


def _anchor_pages(document: Any) -> dict[str, int]:
    """Element id → the 1-based page it starts on (WeasyPrint's public `Page.anchors`)."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def _boxes(document: Any, scale: Scale) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The flow's and the foot's border boxes on the first page: (x1, y1, x2, y2) in px."""
    anchors = document.pages[0].anchors
    try:
        return tuple(anchors[scale.flow]), tuple(anchors[scale.foot])
    except KeyError as missing:
        raise RuntimeError(f"the layout has no element with id {missing}") from None


def _area(document: Any, scale: Scale) -> float:
    """The page area's height: from the flow's top (the page's) to the foot's bottom."""
    flow, foot = _boxes(document, scale)
    return foot[3] - flow[1]


def _fullness(document: Any, scale: Scale) -> float:
    """Content over room: the flow's and the foot's heights over the page area's."""
    flow, foot = _boxes(document, scale)
    fullness = (flow[3] - flow[1] + foot[3] - foot[1]) / max(_area(document, scale), 1.0)
    # The flow never breaks across pages; should a page still be added, count it.
    pages = len(document.pages)
    return max(fullness, float(pages)) if pages > 1 else fullness
