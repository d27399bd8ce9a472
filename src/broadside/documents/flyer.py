"""The flyer: a poster of the campaign on one page, in type as large as the page allows.

Read from three metres in two seconds: who the letter is to, the ask as a headline on a
field of the accent colour, the demands, who asks, and where to read more (a QR code with
a call to action and the address). The same flyer is laid out again at each handout
copy's size (documents/handouts.py), so its type is printed at the size it was set.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from broadside import css
from broadside.content.address import LARGEST_PT, SMALLEST_PT, printed_url, url_size
from broadside.content.characters import for_metadata
from broadside.content.markdown import plain_inline
from broadside.content.models import Campaign, LetterMeta
from broadside.documents.document import Artifact, Made, Output, showing
from broadside.errors import BuildError
from broadside.html.brand import LogoPicture, brand_css, logo_picture
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
MAX_LAYOUTS = 6
POSTER_ASK_PT = 40.0  # the headline over many demands, on the whole sheet (flyer.css)

SPREAD_BELOW = 0.85  # at the cap, a page emptier than this spreads out its spare room
PT_PER_MM = 72 / 25.4
MM_PER_PX = 25.4 / 96


@dataclass(frozen=True)
class Geometry:
    """The flyer's fixed measures on one page: what the demands' type size does not scale.

    The flyer itself is the whole sheet; a handout copy is a smaller page, read closer, so
    its margins and call to action shrink with it, but less than in proportion (by the
    square root of the width ratio), and never below what prints and scans well.
    """

    page: PageSize
    margin_mm: float
    qr_mm: float  # the QR code's printed width, without its quiet zone (0: no QR code)
    gap_mm: float  # between the text beside the code and the code
    quiet_mm: float  # the white the code needs all round (4 modules)
    label_pt: float
    url_pt: float | None  # None: no address, or too long for this page even at 9 pt
    url_below: bool = False  # on a line of its own under the code: too long to go beside it
    logo_mm: tuple[float, float] = (0.0, 0.0)  # the logo's width and height (0: none)

    @property
    def reduction(self) -> float:
        return self.page.width_mm / self.page.sheet.size_mm[0]

    @property
    def poster(self) -> bool:
        """The whole sheet, read across a room; a copy is a handbill, read in the hand."""
        return self.page.whole

    @property
    def shrink(self) -> float:
        """How much the fixed part of each type size and measure shrinks on this page."""
        return math.sqrt(self.reduction)

    @property
    def foot_gap_mm(self) -> float:
        return max(FOOT_GAP_MM, self.quiet_mm)

    @property
    def text_mm(self) -> float:
        return self.page.width_mm - 2 * self.margin_mm

    @property
    def line_mm(self) -> float:
        """The address line: the text column beside the QR code."""
        return self.text_mm - self.qr_mm - self.gap_mm

    @property
    def logo_beside(self) -> bool:
        """Whether the logo goes beside who signs (else above them): only where it leaves
        the signature a column a name fits in. A 4-up copy's, beside its QR code, is not."""
        room = self.line_mm - self.logo_mm[0] - LOGO_GAP_MM * self.shrink
        return room >= SIGNATURE_MIN_MM * self.shrink

    @property
    def limits(self) -> fit.Limits:
        cap = max(FLOOR_PT, round(CAP_PT * self.reduction, 1))
        return fit.Limits(floor=FLOOR_PT, cap=cap, max_layouts=MAX_LAYOUTS)

    def custom_properties(self) -> str:
        """The measures as custom properties, each one token (broadside/css.py)."""
        values = {
            "margin": css.length(self.margin_mm, "mm"),
            "shrink": css.number(round(self.shrink, 3)),
            "poster": css.number(1 if self.poster else 0),
            "qr-size": css.length(self.qr_mm, "mm"),
            "foot-gap": css.length(self.foot_gap_mm, "mm"),
            "cta-gap": css.length(self.gap_mm, "mm"),
            "label-size": css.length(self.label_pt, "pt"),
        }
        if self.logo_mm[0]:
            width, height = LOGO_BOX_MM
            values["logo-width"] = css.length(width * self.shrink, "mm")
            values["logo-height"] = css.length(height * self.shrink, "mm")
            values["logo-gap"] = css.length(LOGO_GAP_MM * self.shrink, "mm")
        if self.url_pt:
            values["url-size"] = css.length(self.url_pt, "pt")
        declarations = " ".join(f"--{name}: {value};" for name, value in values.items())
        return f":root {{ {declarations} }}\n"


# On the whole sheet; a copy scales these by the square root of its width over the sheet's.
MARGIN_MM, MIN_MARGIN_MM = 15.0, 7.0
QR_MODULE_MM = 1.2  # a phone reads this from two metres off a poster...
QR_MIN_MM, QR_MAX_MM = 36.0, 40.0  # ...and the code is at least 35 mm across, with 1 to spare
QR_COPY_MIN_MM = 20.0  # a handbill is read in the hand: 20 mm still scans at arm's length
GAP_MM = 7.0
FOOT_GAP_MM = 4.0  # under the rule over the foot; more over a QR code, for its quiet zone
LABEL_PT = 12.0
# The organisation's logo beside who signs, at the foot: the box it is fitted to (width ×
# height) and the room between it and the signature, on the whole sheet.
LOGO_BOX_MM = (55.0, 18.0)
LOGO_GAP_MM = 5.0
SIGNATURE_MIN_MM = 55.0  # the signature's column beside a logo, at least (whole sheet)


def geometry(
    page: PageSize, qr: QrCode | None, url: str | None, logo_ratio: float | None = None
) -> Geometry:
    reduction = page.width_mm / page.sheet.size_mm[0]
    shrink = math.sqrt(reduction)
    margin = max(MIN_MARGIN_MM, MARGIN_MM * reduction)
    qr_mm = 0.0
    if qr is not None:
        qr_mm = min(QR_MAX_MM, max(QR_MIN_MM, qr.modules * QR_MODULE_MM))
        qr_mm = max(QR_COPY_MIN_MM, qr_mm * reduction) if reduction < 1 else qr_mm
    quiet = qr.quiet_mm(qr_mm) if qr else 0.0
    gap = max(quiet, GAP_MM * shrink) if qr else 0.0
    label = max(SMALLEST_PT, round(LABEL_PT * shrink, 1))
    text = page.width_mm - 2 * margin
    largest = max(SMALLEST_PT, round(LARGEST_PT * shrink * 2) / 2)
    url_pt = url_size(url, text - qr_mm - gap, largest) if url else None
    logo = logo_size(logo_ratio, shrink) if logo_ratio else (0.0, 0.0)
    if url and url_pt is None and reduction < 1:
        # A copy's line beside the code is short: the address may still fit the whole width.
        url_pt = url_size(url, text, largest)
        return Geometry(
            page, margin, qr_mm, gap, quiet, label, url_pt, url_below=True, logo_mm=logo
        )
    return Geometry(page, margin, qr_mm, gap, quiet, label, url_pt, logo_mm=logo)


def logo_size(ratio: float, shrink: float) -> tuple[float, float]:
    """The logo's printed width and height (mm): as large as its box allows in its own
    proportions, as tokens.css's .brand-logo draws it."""
    width, height = (side * shrink for side in LOGO_BOX_MM)
    return min(width, height * ratio), min(height, width / ratio)


def flyer_sheets(
    output: Output, campaign: Campaign, shape: Geometry, html: str = ""
) -> tuple[Stylesheet, ...]:
    """The flyer's sheets, with the organisation's accent and the fonts its `html` needs,
    mirrored when the letter's language is written right to left."""
    return sheets_for(
        output.stylesheet,
        shape.page,
        shape.custom_properties(),
        brand_css(campaign.brand),
        text=html,
        lang=campaign.letter.meta.lang,
    )


def campaign_qr(campaign: Campaign) -> QrCode | None:
    url = campaign.letter.meta.url
    return qr_code(url, title=f"QR code for {url}") if url else None


def flyer_date(campaign: Campaign) -> date | None:
    """When the letter was sent, else the campaign's own date."""
    return campaign.letter.meta.date or campaign.created


def flyer_intro(letter: LetterMeta, labels: Labels) -> str:
    """The line over the demands, addressing the target by name when the letter has one
    (and "Our demand", in the singular, over a single demand).

    "We call on you to:" on a poster speaks to whoever reads it; "Jeff Bezos, we call on
    you to:" speaks to the target. An intro that names them already, or opens with a word
    that may not be lowered (a name; a noun in German), is printed as written.
    """
    recipient = letter.recipient
    if letter.demands_intro is None:
        key = "our_demand" if len(letter.demands) == 1 else "our_demands"
        if recipient is None:
            return labels.format(key)
        return labels.format(f"{key}_to", name=recipient.name)
    intro = letter.demands_intro
    if recipient is None:
        return intro
    words = {word.casefold() for word in re.findall(r"\w+", intro)}
    names = {part.casefold() for part in re.findall(r"\w{3,}", recipient.name)}
    first = re.match(r"\w+", intro)
    if words & names or not first:
        return intro
    if first.group().casefold() not in labels.lowercase_after_name.split():
        return intro
    return f"{recipient.name}, {intro[0].lower()}{intro[1:]}"


def flyer_html(
    output: Output,
    campaign: Campaign,
    shape: Geometry,
    qr: QrCode | None,
    logo: LogoPicture | None = None,
) -> str:
    letter = campaign.letter.meta
    lang = letter.lang
    labels = Labels(lang)
    ask = letter.ask or letter.title
    when = flyer_date(campaign)
    signed_by = labels.join(letter.signature)

    def text(markdown: str) -> str:
        return for_metadata(plain_inline(markdown, lang=lang))

    context: dict[str, Any] = {
        "lang": lang,
        "paper": shape.page,
        "inline_styles": (),
        "meta": {
            "title": text(ask),
            "author": text(signed_by),
            "subject": text(letter.title),
            "keywords": [text(keyword) for keyword in campaign.article.meta.keywords],
            "created": w3c_date(when) if when else None,
            "modified": w3c_date(when) if when else None,
        },
        "letter": letter,
        "ask": ask,
        "demands_intro": flyer_intro(letter, labels),
        "labels": labels,
        "signed_by": signed_by,
        "signed_by_count": signed_by_count(campaign),
        "date": when,
        "url": letter.url,
        "url_text": printed_url(letter.url) if letter.url and shape.url_pt else None,
        "url_below": shape.url_below,
        "url_label": letter.url_label or labels.scan_to_read,
        "qr": qr.sized(shape.qr_mm) if qr else None,
        "logo": logo,
        "logo_beside": shape.logo_beside,
    }
    return render(output.template, context)


def signed_by_count(campaign: Campaign) -> str | None:
    """ "Signed by 10,000 people", under the signature, when the letter has signatories."""
    signed = campaign.signatories
    if signed is None:
        return None
    labels = Labels(campaign.letter.meta.lang)
    return labels.signed_by(len(signed.organisations), len(signed.people))


@dataclass(frozen=True)
class TextModel:
    """A rough guess of how full the page is at a size, from text lengths alone.

    It only aims the search (its first size, and the shape of the curve between
    measurements); every decision is taken on measured layouts. Proportions mirror
    flyer.css: the headline is 1.45 × size + 10 pt on the accent field (see `ask_pt`),
    and so on.
    """

    width_pt: float  # the text column
    height_pt: float  # the page, less the margin under the foot
    margin_pt: float
    ask_chars: int
    intro_chars: int
    demand_chars: tuple[int, ...]
    signature_chars: int
    kicker_chars: int  # 0: no recipient, no kicker
    dated: bool
    qr_pt: float  # the QR code's width, or 0
    cta_pt: float  # the call to action's height beside the code (label and address)
    below_pt: float  # the address's line under the code, when it goes there
    logo_pt: tuple[float, float]  # the logo's width and height at the foot, or 0
    foot_gap_pt: float
    shrink: float
    poster: bool = True  # the whole sheet (a copy's headline has no poster minimum)
    logo_beside: bool = True  # beside the signature, else above it
    count_chars: int = 0  # "Signed by 10,000 people" under the signature, or 0

    def __call__(self, size: float) -> float:
        width, shrink = self.width_pt, self.shrink
        kicker = max(9.0, 0.45 * size + 8 * shrink)
        ask = ask_pt(size, shrink, self.poster)
        intro = max(9.0, 0.3 * size + 8 * shrink)
        signature = min(0.45 * size + 11 * shrink, 26 * shrink)
        date_pt = max(9.0, 0.25 * size + 9 * shrink)
        # The accent field: the margin above, the kicker, the headline, room under it.
        height = self.margin_pt + 0.5 * ask
        if self.kicker_chars:
            height += _lines(self.kicker_chars, kicker, width, 0.52) * kicker * 1.25 + 0.5 * kicker
        height += _lines(self.ask_chars, ask, width, 0.5) * ask * 1.05
        height += 0.9 * size + _lines(self.intro_chars, intro, width, 0.5) * intro * 1.2
        height += 0.5 * intro
        single = len(self.demand_chars) == 1
        text_width = width if single else width - 1.55 * size  # less the numerals' column
        height += sum(_lines(n, size, text_width, 0.47) * size * 1.2 for n in self.demand_chars)
        height += 0.45 * size * (len(self.demand_chars) - 1)
        height += size  # the room kept over the foot
        from_width = width - (self.qr_pt + 20 if self.qr_pt else 0)
        logo_width, logo_height = self.logo_pt
        logo_gap = LOGO_GAP_MM * PT_PER_MM * shrink
        if logo_width and self.logo_beside:
            from_width -= logo_width + logo_gap
        from_block = _lines(self.signature_chars, signature, from_width, 0.5) * signature * 1.15
        if self.count_chars:  # set as the date is, on its own line(s)
            from_block += _lines(self.count_chars, date_pt, from_width, 0.5) * date_pt * 1.3
        from_block += date_pt * 1.5 if self.dated else 0.0
        if self.logo_beside:
            from_block = max(from_block, logo_height)
        elif logo_height:
            from_block += logo_height + logo_gap
        if self.qr_pt:
            from_block = max(from_block + self.cta_pt + 6, self.qr_pt) + self.below_pt
        height += self.foot_gap_pt + 2 + from_block  # the rule, and the room under it
        return height / self.height_pt


def ask_pt(size: float, shrink: float, poster: bool) -> float:
    """The headline's size over demands set at `size`, as flyer.css's --ask-size sets it.

    Half as large again as the demands and 10 pt more (the fixed part shrinking on a copy);
    over many demands, on the whole sheet, at least 2.4 times their size up to 40 pt, so the
    ask still reads from three metres when the demands are small; on a copy, never less than
    1.4 times the demands, so it stays the largest type there too.
    """
    least = min(2.4 * size, POSTER_ASK_PT) if poster else 1.4 * size
    return max((1.45 * size + 10) * shrink, least)


def _lines(chars: int, size: float, width: float, advance: float) -> float:
    """Expected line count: the text's length over the line, plus half a ragged last line.

    `advance` is the average character width in ems (IBM Plex Sans: 0.45 regular, 0.47
    bold), a little more to allow for words that wrap early.
    """
    return max(1.0, chars * advance * size / max(width, size) + 0.5)


def text_model(campaign: Campaign, shape: Geometry) -> TextModel:
    letter = campaign.letter.meta
    lang = letter.lang
    recipient = letter.recipient
    kicker = 0
    if recipient is not None:
        parts = (recipient.name, recipient.role or "", recipient.organisation or "")
        kicker = len(Labels(lang).open_letter_to) + sum(len(part) + 4 for part in parts)
    url_line = shape.url_pt * 1.3 if shape.url_pt else 0.0
    cta = shape.label_pt * 1.3 + (0.0 if shape.url_below else url_line)
    return TextModel(
        width_pt=shape.text_mm * PT_PER_MM,
        height_pt=(shape.page.height_mm - shape.margin_mm) * PT_PER_MM,
        margin_pt=shape.margin_mm * PT_PER_MM,
        ask_chars=len(plain_inline(letter.ask or letter.title, lang=lang)),
        intro_chars=len(plain_inline(flyer_intro(letter, Labels(lang)), lang=lang)),
        demand_chars=tuple(len(plain_inline(d, lang=lang)) for d in letter.demands),
        signature_chars=len(plain_inline(Labels(lang).join(letter.signature), lang=lang)),
        kicker_chars=kicker,
        dated=flyer_date(campaign) is not None,
        qr_pt=shape.qr_mm * PT_PER_MM,
        cta_pt=cta if shape.qr_mm else 0.0,
        below_pt=url_line + 2 * PT_PER_MM if shape.url_below else 0.0,
        logo_pt=(shape.logo_mm[0] * PT_PER_MM, shape.logo_mm[1] * PT_PER_MM),
        foot_gap_pt=shape.foot_gap_mm * PT_PER_MM,
        shrink=shape.shrink,
        poster=shape.poster,
        logo_beside=shape.logo_beside,
        count_chars=len(signed_by_count(campaign) or ""),
    )


# The flyer's scale: every type size in flyer.css follows --demand-size (and the room the
# demands move down by, when few of them leave the page half empty).
# {size} and {spare} are filled in by the engine, as css.length values.
SCALE_SHEET = ":root {{ --demand-size: {size}; --spare: {spare}; }}\n"
FLOW, FOOT = "flyer-main", "flyer-foot"  # ids in flyer.html.j2: the flow and the pinned foot


def flyer_job(
    output: Output,
    campaign: Campaign,
    page: PageSize,
    settings: PdfSettings,
    *,
    with_logo: bool = True,
) -> tuple[PrintJob, Geometry]:
    """The flyer laid out on `page` at the largest demand size that fits (never below the
    floor), and the measures it was laid out with; with the organisation's logo at the
    foot, if it has one, unless `with_logo` is false."""
    qr = campaign_qr(campaign)
    logo = logo_picture(campaign.brand, campaign.letter.meta.lang) if with_logo else None
    ratio = campaign.brand.logo.ratio if logo and campaign.brand and campaign.brand.logo else None
    shape = geometry(page, qr, campaign.letter.meta.url, ratio)
    html = flyer_html(output, campaign, shape, qr, logo)
    layout = Layout(html, flyer_sheets(output, campaign, shape, html))
    scale = Scale(
        limits=shape.limits,
        model=fit.Curve.sample(text_model(campaign, shape), shape.limits),
        sheet=SCALE_SHEET,
        flow=FLOW,
        foot=FOOT,
        spread_below=SPREAD_BELOW,
    )
    job = PrintJob(output.name, campaign.root, settings, (layout,), scale=scale)
    return showing(replace(job, languages=(campaign.letter.meta.lang,)), logo), shape


def jobs(
    output: Output, campaign: Campaign, options: BuildOptions, settings: PdfSettings
) -> tuple[PrintJob, ...]:
    """One job: the flyer on its page (the whole sheet)."""
    job, _ = flyer_job(output, campaign, output.page_size(options), settings)
    return (job,)


def finish(
    output: Output, campaign: Campaign, options: BuildOptions, printed: Sequence[Printed]
) -> Made:
    (flyer,) = printed
    scaled = flyer.scaled
    assert scaled is not None
    details = fit_details(output, scaled)
    if flyer.pdf is None or scaled.size is None:
        page = output.page_size(options)
        raise BuildError(f"{overflow_message(output, campaign, page, scaled)} Nothing was written.")
    return Made(
        (Artifact(output.name, flyer.pdf, flyer.pages),),
        warnings=tuple(f"{output.name}: {message}" for message in flyer.warnings),
        details=tuple(f"{output.name}: {detail}" for detail in details),
    )


def fit_details(output: Output, scaled: Scaled) -> list[str]:
    """What the fit search tried and chose, for --verbose."""
    details = [
        f"layout {number} at {trial.size:g} pt: {trial.fullness:.0%} of the page"
        + ("" if trial.fits else " (overflows)")
        for number, trial in enumerate(scaled.trials, start=1)
    ]
    if scaled.size is None:
        return details
    layouts = len(scaled.trials)
    if scaled.spread_fullness is not None:
        layouts += 1
        details.append(
            f"layout {layouts} at {scaled.size:g} pt with the demands "
            f"{scaled.spread_px * MM_PER_PX:.0f} mm lower: {scaled.spread_fullness:.0%} of the page"
        )
    details.append(
        f"demands set at {scaled.size:g} pt (floor {FLOOR_PT:g}): "
        f"{_count(layouts, 'layout')} in {scaled.milliseconds:.0f} ms"
    )
    return details


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def overflow_message(output: Output, campaign: Campaign, page: PageSize, scaled: Scaled) -> str:
    """Say how far the flyer overflows at the floor, and what would make it fit."""
    letter = campaign.letter.meta
    at_floor = scaled.at(FLOOR_PT)
    fullness = at_floor.fullness if at_floor else float("nan")
    shape_margin = max(MIN_MARGIN_MM, MARGIN_MM * page.width_mm / page.sheet.size_mm[0])
    over_mm = (fullness - 1) * (page.height_mm - shape_margin)
    count = len(letter.demands)
    lengths = sorted(
        (-len(plain_inline(demand, lang=letter.lang)), number)
        for number, demand in enumerate(letter.demands, start=1)
    )
    longest = "; ".join(f"demand {number}: {-chars:,} characters" for chars, number in lengths[:2])
    advice = f"Shorten the longest demands ({longest}), or have fewer of them"
    if letter.ask and len(letter.ask) > -lengths[0][0]:
        advice += f", or the headline (ask: {len(letter.ask):,} characters)"
    taller = Paper.A4.size_mm[1] - page.height_mm
    if page.whole and taller > 0 and over_mm < taller:
        advice += f"; or build with --paper a4 ({Paper.A4.label} is {taller:.1f} mm taller)"
    subject = "the demand does" if count == 1 else f"the {count} demands do"
    where = f"one {page.label} page" if page.whole else f"a {page.label}"
    return (
        f"{output.name}: {subject} not fit on {where} even at the {FLOOR_PT:g} pt floor: the "
        f"flyer needs {fullness:.2f} pages ({over_mm:.0f} mm more than the page holds). "
        f"{advice}."
    )
