"""The flyer: the ask and the demands on one page, in type as large as the page allows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from broadside import css
from broadside.content.characters import for_metadata
from broadside.content.markdown import plain_inline
from broadside.content.models import Campaign
from broadside.documents.document import Artifact, Made, Output
from broadside.errors import BuildError
from broadside.html.labels import Labels, w3c_date
from broadside.html.qr import QrCode, qr_code
from broadside.html.stylesheets import Stylesheet, sheets_for
from broadside.html.templating import render
from broadside.options import BuildOptions
from broadside.paper import PageSize, Paper
from broadside.pdf import fit
from broadside.pdf.jobs import Layout, Printed, PrintJob, Scale, Scaled
from broadside.pdf.settings import PdfSettings

FLOOR_PT = 10.0  # the demands are never set smaller: below it a flyer stops being one
CAP_PT = 60.0  # however short the demands, larger than this reads as shouting
LIMITS = fit.Limits(floor=FLOOR_PT, cap=CAP_PT, max_layouts=6)

SPREAD_BELOW = 0.85  # at the cap, a page emptier than this spreads out its spare room
PT_PER_MM = 72 / 25.4
MM_PER_PX = 25.4 / 96
# Lengths in flyer.css the first guess needs (it is only a guess: the fit measures).
MARGINS_MM = (30.0, 29.0)  # left + right, top + bottom
MASTHEAD_PT = 7.2 * PT_PER_MM  # the accent bar and the room under it
FOOT_RULE_PT = 4 * PT_PER_MM + 2  # the rule over the foot and the room under it


def flyer_sheets(output: Output, paper: PageSize, qr: QrCode | None) -> tuple[Stylesheet, ...]:
    qr_size = f":root {{ --qr-size: {css.length(qr.size_mm, 'mm')}; }}\n" if qr else ""
    return sheets_for(output.stylesheet, paper, qr_size)


def campaign_qr(campaign: Campaign) -> QrCode | None:
    url = campaign.letter.meta.url
    return qr_code(url, title=f"QR code for {url}") if url else None


def flyer_date(campaign: Campaign) -> date | None:
    """When the letter was sent, else the campaign's own date."""
    return campaign.letter.meta.date or campaign.created


def flyer_html(output: Output, campaign: Campaign, paper: PageSize, qr: QrCode | None) -> str:
    letter = campaign.letter.meta
    lang = letter.lang
    ask = letter.ask or letter.title
    date = flyer_date(campaign)

    def text(markdown: str) -> str:
        return for_metadata(plain_inline(markdown, lang=lang))

    context: dict[str, Any] = {
        "lang": lang,
        "paper": paper,
        "inline_styles": (),
        "meta": {
            "title": text(ask),
            "author": text(letter.signature),
            "subject": text(letter.title),
            "keywords": [text(keyword) for keyword in campaign.article.meta.keywords],
            "created": w3c_date(date) if date else None,
            "modified": w3c_date(date) if date else None,
        },
        "letter": letter,
        "ask": ask,
        "demands_intro": letter.demands_intro or Labels(lang).our_demands,
        "labels": Labels(lang),
        "date": date,
        "url": letter.url,
        "qr": qr,
    }
    return render(output.template, context)


@dataclass(frozen=True)
class TextModel:
    """A rough guess of how full the page is at a size, from text lengths alone.

    It only aims the search (its first size, and the shape of the curve between
    measurements); every decision is taken on measured layouts. Proportions mirror
    flyer.css loosely: the headline is 1.3 × size + 8 pt, and so on.
    """

    width_pt: float
    height_pt: float
    ask_chars: int
    intro_chars: int
    demand_chars: tuple[int, ...]
    signature_chars: int
    kicker: bool
    qr_pt: float  # the QR code and its caption, or 0

    def __call__(self, size: float) -> float:
        width = self.width_pt
        kicker, ask, intro = 0.3 * size + 7, 1.3 * size + 8, 0.3 * size + 8
        signature, date = 0.45 * size + 11, 0.25 * size + 9
        height = MASTHEAD_PT + (kicker * 1.7 if self.kicker else 0.0)
        height += _lines(self.ask_chars, ask, width, 0.49) * ask * 1.06 + 0.55 * ask
        height += _lines(self.intro_chars, intro, width, 0.48) * intro * 1.2 + 0.5 * intro
        text_width = width - 1.55 * size  # less the numerals' column
        height += sum(_lines(n, size, text_width, 0.47) * size * 1.2 for n in self.demand_chars)
        height += 0.45 * size * (len(self.demand_chars) - 1)
        from_width = width - (self.qr_pt + 23 if self.qr_pt else 0)
        from_block = _lines(self.signature_chars, signature, from_width, 0.49) * signature * 1.15
        from_block += date * 1.45
        height += size + FOOT_RULE_PT + max(from_block, self.qr_pt)
        return height / self.height_pt


def _lines(chars: int, size: float, width: float, advance: float) -> float:
    """Expected line count: the text's length over the line, plus half a ragged last line.

    `advance` is the average character width in ems (IBM Plex Sans: 0.45 regular, 0.47
    bold), a little more to allow for words that wrap early.
    """
    return max(1.0, chars * advance * size / max(width, size) + 0.5)


def text_model(campaign: Campaign, paper: PageSize, qr: QrCode | None) -> TextModel:
    letter = campaign.letter.meta
    lang = letter.lang
    width_mm, height_mm = paper.size_mm
    return TextModel(
        width_pt=(width_mm - MARGINS_MM[0]) * PT_PER_MM,
        height_pt=(height_mm - MARGINS_MM[1]) * PT_PER_MM,
        ask_chars=len(plain_inline(letter.ask or letter.title, lang=lang)),
        intro_chars=len(plain_inline(letter.demands_intro or Labels(lang).our_demands, lang=lang)),
        demand_chars=tuple(len(plain_inline(d, lang=lang)) for d in letter.demands),
        signature_chars=len(plain_inline(letter.signature, lang=lang)),
        kicker=letter.recipient is not None,
        qr_pt=_qr_block_pt(qr, letter.url) if qr and letter.url else 0.0,
    )


def _qr_block_pt(qr: QrCode, url: str) -> float:
    """The code and the address printed under it (8.5 pt, wrapped to the code's width)."""
    width = qr.size_mm * PT_PER_MM
    return width + 1 * PT_PER_MM + _lines(len(url), 8.5, width, 0.5) * 8.5 * 1.25


# The flyer's scale: every type size in flyer.css follows --demand-size (and the room the
# demands move down by, when few of them leave the page half empty).
# {size} and {spare} are filled in by the engine, as css.length values.
SCALE_SHEET = ":root {{ --demand-size: {size}; --spare: {spare}; }}\n"
FLOW, FOOT = "flyer-main", "flyer-foot"  # ids in flyer.html.j2: the flow and the pinned foot


def jobs(
    output: Output, campaign: Campaign, options: BuildOptions, settings: PdfSettings
) -> tuple[PrintJob, ...]:
    """One job: the flyer at the largest demand size that fits one page (never below the floor)."""
    qr = campaign_qr(campaign)
    page = output.page_size(options)
    layout = Layout(flyer_html(output, campaign, page, qr), flyer_sheets(output, page, qr))
    scale = Scale(
        limits=LIMITS,
        model=fit.Curve.sample(text_model(campaign, page, qr), LIMITS),
        sheet=SCALE_SHEET,
        flow=FLOW,
        foot=FOOT,
        spread_below=SPREAD_BELOW,
    )
    job = PrintJob(output.name, campaign.root, settings, (layout,), scale=scale)
    return (replace(job, languages=(campaign.letter.meta.lang,)),)


def finish(
    output: Output, campaign: Campaign, options: BuildOptions, printed: Sequence[Printed]
) -> Made:
    (flyer,) = printed
    scaled = flyer.scaled
    assert scaled is not None
    details = [
        f"layout {number} at {trial.size:g} pt: {trial.fullness:.0%} of the page"
        + ("" if trial.fits else " (overflows)")
        for number, trial in enumerate(scaled.trials, start=1)
    ]
    if flyer.pdf is None or scaled.size is None:
        raise BuildError(overflow_message(output, campaign, options.paper, scaled))
    layouts = len(scaled.trials)
    if scaled.spread_fullness is not None:
        layouts += 1
        details.append(
            f"layout {layouts} at {scaled.size:g} pt with the demands "
            f"{scaled.spread_px * MM_PER_PX:.0f} mm lower: {scaled.spread_fullness:.0%} of the page"
        )
    details.append(
        f"demands set at {scaled.size:g} pt (floor {FLOOR_PT:g}, cap {CAP_PT:g}): "
        f"{_count(layouts, 'layout')} in {scaled.milliseconds:.0f} ms"
    )
    return Made(
        (Artifact(output.name, flyer.pdf, flyer.pages),),
        warnings=tuple(f"{output.name}: {message}" for message in flyer.warnings),
        details=tuple(f"{output.name}: {detail}" for detail in details),
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def overflow_message(output: Output, campaign: Campaign, paper: Paper, scaled: Scaled) -> str:
    """Say how far the flyer overflows at the floor, and what would make it fit."""
    letter = campaign.letter.meta
    at_floor = scaled.at(FLOOR_PT)
    fullness = at_floor.fullness if at_floor else float("nan")
    over_mm = (fullness - 1) * (paper.size_mm[1] - MARGINS_MM[1])
    count = len(letter.demands)
    lengths = sorted(
        (-len(plain_inline(demand, lang=letter.lang)), number)
        for number, demand in enumerate(letter.demands, start=1)
    )
    longest = "; ".join(f"demand {number}: {-chars:,} characters" for chars, number in lengths[:2])
    advice = f"Shorten the longest demands ({longest}), or have fewer of them"
    if letter.ask and len(letter.ask) > -lengths[0][0]:
        advice += f", or the headline (ask: {len(letter.ask):,} characters)"
    taller = Paper.A4.size_mm[1] - paper.size_mm[1]
    if taller > 0 and over_mm < taller:
        advice += f"; or build with --paper a4 ({Paper.A4.label} is {taller:.1f} mm taller)"
    subject = "the demand does" if count == 1 else f"the {count} demands do"
    return (
        f"{output.name}: {subject} not fit on one {paper.label} page even at the {FLOOR_PT:g} pt "
        f"floor: the flyer needs {fullness:.2f} pages ({over_mm:.0f} mm more than the page holds). "
        f"{advice}. Nothing was written."
    )
