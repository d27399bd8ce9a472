"""A contact sheet of the corpus: every page of every campaign, A4 and Letter, for a person.

`make contact-sheet` writes `tests/visual/output/contact-sheet/`: one PNG per campaign (a
row per paper: the brief's pages, the flyer, then the handouts of the campaigns built with
them), the PDFs themselves, and `index.html` showing every sheet with what the campaign
stresses and links to each PDF.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from tests.corpus import PAPERS, description, documents_of
from tests.visual import render

SHEET_DPI = 50
GAP = 16
LABEL = 22
BACKGROUND = (228, 226, 222)
INK = (40, 40, 40)


def campaign_sheet(campaign: str, builds: dict[str, Path]) -> Image.Image:
    """One campaign's pages, a row per paper, each page labelled."""
    font = ImageFont.load_default(size=15)
    title_font = ImageFont.load_default(size=20)
    rows: list[tuple[str, list[tuple[str, Image.Image]]]] = []
    for paper in PAPERS:
        pages: list[tuple[str, Image.Image]] = []
        for document in documents_of(campaign):
            rendered = render(builds[paper] / f"{document}.pdf", SHEET_DPI)
            for number, image in enumerate(rendered, start=1):
                pages.append((f"{document} {number}/{len(rendered)}", image))
        rows.append((paper, pages))
    width = max(sum(image.width + GAP for _, image in pages) for _, pages in rows) + 90
    heights = [max(image.height for _, image in pages) + LABEL + GAP for _, pages in rows]
    sheet = Image.new("RGB", (width + GAP, sum(heights) + 60), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    draw.text((GAP, 12), f"{campaign}: {description(campaign)}", font=title_font, fill=INK)
    y = 50
    for (paper, pages), height in zip(rows, heights, strict=True):
        draw.text((GAP, y + 4), "Letter" if paper == "letter" else "A4", font=title_font, fill=INK)
        x = 90
        for label, image in pages:
            sheet.paste(image, (x, y))
            draw.rectangle([x - 1, y - 1, x + image.width, y + image.height], outline=(150,) * 3)
            draw.text((x, y + image.height + 4), label, font=font, fill=INK)
            x += image.width + GAP
        y += height
    return sheet


def write_contact_sheet(builds: dict[str, dict[str, Path]], folder: Path) -> Path:
    """Write the sheets, copies of the PDFs and index.html into `folder`; the index's path."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    sections = []
    for campaign, by_paper in sorted(builds.items()):
        campaign_sheet(campaign, by_paper).save(folder / f"{campaign}.png", optimize=True)
        links = []
        for paper in PAPERS:
            for document in documents_of(campaign):
                made = by_paper[paper] / f"{document}.pdf"
                if not made.exists():
                    links.append(f"{document} ({paper}): not made")
                    continue
                name = f"{campaign}-{paper}-{document}.pdf"
                shutil.copy2(made, folder / name)
                links.append(f'<a href="{name}">{document} ({paper})</a>')
        sections.append(
            f'<section id="{campaign}"><h2>{html.escape(campaign)}</h2>'
            f"<p>{html.escape(description(campaign))}</p><p>{' · '.join(links)}</p>"
            f'<a href="{campaign}.png"><img src="{campaign}.png" alt="Every page of '
            f'{html.escape(campaign)}, A4 and Letter"></a></section>'
        )
    contents = " · ".join(f'<a href="#{name}">{name}</a>' for name in sorted(builds))
    index = folder / "index.html"
    index.write_text(
        "<!doctype html><meta charset=utf-8><title>Broadside corpus: contact sheet</title>"
        "<style>body{font-family:sans-serif;margin:2em;background:#f4f3f0}"
        "img{max-width:100%;border:1px solid #ccc}section{margin-bottom:3em}</style>"
        "<h1>Broadside corpus: every page, A4 and Letter</h1>"
        f"<p>{contents}</p>{''.join(sections)}",
        encoding="utf-8",
    )
    return index
