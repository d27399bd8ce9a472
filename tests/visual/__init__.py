"""Visual regression: every page of the corpus, rendered and compared with a reference image.

Pages are rendered with pypdfium2 at `DPI` in colour; references are stored as 256-colour
PNGs (a few kilobytes a page) under `references/<campaign>/<paper>-<document>-<page>.png`.
A page matches when at most `Tolerance.fraction` of its pixels differ from the reference by
more than `Tolerance.pixel` levels in any channel: palette rounding, and anti-aliasing
that moves by a fraction of a pixel, stay below that; a moved margin, a new font size or
another colour do not.

A mismatch writes the page as rendered, the reference and a diff (changed pixels in red
over a pale copy of the reference) to `output/<campaign>/` (not committed).

Update the references after a deliberate change: `make visual-update`
(`.venv/bin/python -m tests.visual update [CAMPAIGN ...]`).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageOps

HERE = Path(__file__).resolve().parent
REFERENCES = HERE / "references"
OUTPUT = HERE / "output"
DPI = 45


@dataclass(frozen=True)
class Tolerance:
    pixel: int = 48  # levels (0–255) a channel may move before the pixel counts as changed
    fraction: float = 0.001  # of the page's pixels that may change before the page does


@dataclass(frozen=True)
class PageDifference:
    """One page that does not match its reference, with the evidence written for a person."""

    campaign: str
    paper: str
    document: str
    page: int  # 1-based
    changed: float  # fraction of pixels changed; 1.0 when the page is new or resized
    reason: str
    files: tuple[Path, ...]

    def __str__(self) -> str:
        where = f"{self.campaign}: {self.document}.pdf page {self.page} on {self.paper}"
        written = ", ".join(_shown(path) for path in self.files)
        return f"{where}: {self.reason}" + (f" (see {written})" if written else "")


def _shown(path: Path) -> str:
    """A path as a person at the repository's root would type it."""
    return (
        str(path.relative_to(HERE.parents[1]))
        if path.is_relative_to(HERE.parents[1])
        else str(path)
    )


def render(pdf: Path, dpi: float = DPI) -> list[Image.Image]:
    """Every page of `pdf` as an RGB image at `dpi`; none when the build did not make it (a
    handout that does not fit is not made, and that is recorded as no reference pages)."""
    if not pdf.exists():
        return []
    document = pdfium.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in document]
    finally:
        document.close()


def reference_name(paper: str, document: str, page: int) -> str:
    return f"{paper}-{document}-{page:02d}.png"


def reference_paths(campaign: str, paper: str, document: str) -> list[Path]:
    return _pages_of(REFERENCES / campaign, paper, document)


def _pages_of(folder: Path, paper: str, document: str, kind: str = "") -> list[Path]:
    """The PNGs of one document's pages in `folder`, in page order. Matched whole: the
    flyer's pages are not flyer-2up's."""
    name = re.compile(rf"{re.escape(f'{paper}-{document}')}-\d+{re.escape(kind)}\.png")
    return sorted(path for path in folder.glob("*.png") if name.fullmatch(path.name))


def save_reference(image: Image.Image, path: Path) -> None:
    """A 256-colour PNG: small to commit, close enough to compare (see Tolerance)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    palette = image.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    palette.save(path, "PNG", optimize=True)


def write_references(campaign: str, paper: str, document: str, pdf: Path) -> int:
    """Replace the references of one document with its pages as rendered now."""
    for old in reference_paths(campaign, paper, document):
        old.unlink()
    pages = render(pdf)
    for number, image in enumerate(pages, start=1):
        save_reference(image, REFERENCES / campaign / reference_name(paper, document, number))
    return len(pages)


def changed_fraction(actual: Image.Image, expected: Image.Image, tolerance: Tolerance) -> float:
    """The share of pixels that differ by more than `tolerance.pixel` in any channel."""
    if actual.size != expected.size:
        return 1.0
    mask = _changed_mask(actual, expected, tolerance)
    return mask.histogram()[255] / (actual.width * actual.height)


def diff_image(actual: Image.Image, expected: Image.Image, tolerance: Tolerance) -> Image.Image:
    """Changed pixels in red over a pale copy of the reference."""
    if actual.size != expected.size:
        return actual
    pale = ImageOps.grayscale(expected).point(lambda v: 180 + v * 75 // 255).convert("RGB")
    red = Image.new("RGB", actual.size, (220, 0, 0))
    return Image.composite(red, pale, _changed_mask(actual, expected, tolerance))


def _changed_mask(actual: Image.Image, expected: Image.Image, tolerance: Tolerance) -> Image.Image:
    red, green, blue = ImageChops.difference(actual, expected).split()
    largest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    return largest.point(lambda v: 255 if v > tolerance.pixel else 0)


def compare_document(
    campaign: str,
    paper: str,
    document: str,
    pdf: Path,
    tolerance: Tolerance | None = None,
    output: Path = OUTPUT,
) -> list[PageDifference]:
    """Every page of `pdf` that differs from its reference, evidence written to `output`.

    A page count that differs is reported as the pages missing or added.
    """
    tolerance = tolerance or Tolerance()
    references = reference_paths(campaign, paper, document)
    pages = render(pdf)
    counts = (
        f"the document has {len(pages)} pages, the references {len(references)}"
        if pdf.exists()
        else f"the build did not make {pdf.name}, the references have {len(references)} pages"
    )
    found = []
    for number in range(1, max(len(pages), len(references)) + 1):
        actual = pages[number - 1] if number <= len(pages) else None
        expected = _open(references[number - 1]) if number <= len(references) else None
        evidence: dict[str, Image.Image] = {}
        if actual is None:
            changed, reason = 1.0, f"the page is gone: {counts}"
        elif expected is None:
            changed, reason, evidence = 1.0, f"a new page: {counts}", {"actual": actual}
        else:
            changed = changed_fraction(actual, expected, tolerance)
            if changed <= tolerance.fraction:
                continue
            reason = (
                f"the page is {actual.size} pixels, the reference {expected.size}"
                if actual.size != expected.size
                else f"{changed:.2%} of its pixels changed (tolerance {tolerance.fraction:.2%} "
                f"beyond {tolerance.pixel} levels)"
            )
            diff = diff_image(actual, expected, tolerance)
            evidence = {"actual": actual, "expected": expected, "diff": diff}
        written = _write(output / campaign, f"{paper}-{document}-{number:02d}", **evidence)
        found.append(PageDifference(campaign, paper, document, number, changed, reason, written))
    return found


def _open(path: Path) -> Image.Image:
    with Image.open(path) as stored:
        return stored.convert("RGB")


def _write(folder: Path, stem: str, **images: Image.Image) -> tuple[Path, ...]:
    written = []
    for kind, image in images.items():
        path = folder / f"{stem}-{kind}.png"
        folder.mkdir(parents=True, exist_ok=True)
        image.save(path, "PNG")
        written.append(path)
    return tuple(written)


def clear_output(campaign: str, paper: str, document: str, output: Path = OUTPUT) -> None:
    """Remove the evidence of an earlier run for one document, so what is there is current."""
    for kind in ("-actual", "-expected", "-diff"):
        for path in _pages_of(output / campaign, paper, document, kind):
            path.unlink()
    if (output / campaign).is_dir() and not any((output / campaign).iterdir()):
        shutil.rmtree(output / campaign)
