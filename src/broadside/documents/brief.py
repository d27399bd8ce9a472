"""The brief: a campaign-first cover, the article, the letter in full, sources — as print jobs.

A brief of up to seven pages carries "In this brief" on its cover (what is in it, linked to
its pages); a longer one has a contents page instead. The cover lists every demand that
fits on it. Neither is guessed: the brief is laid out, measured, and if need be laid out
again (pdf/jobs.py `Layout.require`), fullest cover first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Any

from broadside import __version__
from broadside.content.characters import for_metadata
from broadside.content.images import pixel_size, resolve_inside
from broadside.content.markdown import headings, plain_inline, render_block
from broadside.content.models import Campaign, LetterMeta
from broadside.documents.document import Artifact, Made, Output, showing
from broadside.fonts import faces as fonts
from broadside.html.brand import LogoPicture, brand_css, logo_picture
from broadside.html.labels import Labels, w3c_date
from broadside.html.stylesheets import Stylesheet, sheets_for
from broadside.html.templating import render
from broadside.options import BuildOptions
from broadside.paper import PageSize
from broadside.pdf.jobs import Anchor, Condition, Layout, PagesFrom, Printed, PrintJob
from broadside.pdf.settings import PdfSettings
from broadside.reproducible import source_date

# Up to seven pages the cover says what is inside; from eight, a contents page does: the
# article and all after it then take at least seven pages (cover + contents + 7 = 9).
GLANCE_MOST_PAGES = 7
# Characters of text (bodies and demands) past which a brief is likely to run past seven
# pages: the seed has 4,500 and takes five; the corpus's ten-page report has 15,000.
LONG_TEXT = 9_000
SIGNATORY_CHARACTERS = 60  # a signatory with role and organisation, in the dense list
# A cover lists at most this many demands: beyond it a list is no longer read at a glance.
COVER_DEMANDS_MOST = 12
# Up to this many signatories, the list is set in two columns, what follows each name in a
# quieter style. Every line and every change of style is a box to lay out and a tagged run
# in the PDF: a longer list runs across the full measure in one style, so 10,000 names build
# in a few seconds and a few hundred kilobytes (bench/signatories.md).
DETAILED_MAX = 1_000
# The demands band moves on to the next page whole, rather than leave its last demand there
# alone, when the band and the letter's end (closing, sign-off, signature) take at most this
# share of a page; a longer band breaks between demands, its last kept with the end.
DEMANDS_WHOLE_SHARE = 0.7


class Form(Enum):
    GLANCE = "glance"  # "In this brief" on the cover, no contents page
    CONTENTS = "contents"  # a contents page after the cover


@dataclass(frozen=True)
class Cover:
    """One way to lay the cover out: which form, how large, how many demands."""

    form: Form
    shown: int  # demands listed on the cover; the rest are linked to
    compact: bool = False  # smaller type and less room around it
    minimal: bool = False  # long fields shortened: only when nothing else fits

    @property
    def name(self) -> str:
        return "minimal" if self.minimal else "compact" if self.compact else "full"

    @property
    def body_pages(self) -> PagesFrom:
        """The pages from the article on, as this form needs them."""
        after = GLANCE_MOST_PAGES - 1  # the cover, then the article and what follows
        if self.form is Form.GLANCE:
            return PagesFrom("article", most=after)
        return PagesFrom("article", least=after + 1)

    @property
    def require(self) -> tuple[Condition, ...]:
        """The cover is one page, and the brief has this form's length."""
        second = "article" if self.form is Form.GLANCE else "contents"
        return (Anchor(second, 2), self.body_pages)

    def worth_trying(self, first: Cover) -> tuple[Condition, ...]:
        """Read from the first cover's layout: the length is the same whatever the cover,
        and a cover can list k demands only if the (k+1)th started on its page there."""
        fewer = self.shown < first.shown and not self.minimal
        listed = (Anchor(f"cover-demand-{self.shown + 1}", 1),) if fewer else ()
        return (self.body_pages, *listed)


def likely_forms(campaign: Campaign) -> tuple[Form, Form]:
    """Both forms, the likelier first, guessed from how much text there is. Only the order
    of the tries depends on it (each form is measured): a long brief tried first with
    "In this brief" would be laid out twice, and at 10,000 signatories that is a minute."""
    letter = campaign.letter
    text = len(campaign.article.body) + len(letter.body)
    text += 2 * sum(len(demand) for demand in letter.meta.demands)  # the cover and the letter
    if campaign.signatories is not None:
        text += SIGNATORY_CHARACTERS * campaign.signatories.count
    return (Form.CONTENTS, Form.GLANCE) if text > LONG_TEXT else (Form.GLANCE, Form.CONTENTS)


def covers(campaign: Campaign) -> tuple[Cover, ...]:
    """Every cover, in the order tried: for each form, the likelier first, the full cover;
    then smaller type with every demand, then with fewer; then, only if nothing fits, long
    fields shortened."""
    most = min(len(campaign.letter.meta.demands), COVER_DEMANDS_MOST)
    return tuple(
        cover
        for form in likely_forms(campaign)
        for cover in (
            Cover(form, most),
            *(Cover(form, shown, compact=True) for shown in range(most, 0, -1)),
            Cover(form, 1, compact=True, minimal=True),
        )
    )


def jobs(
    output: Output, campaign: Campaign, options: BuildOptions, settings: PdfSettings
) -> tuple[PrintJob, ...]:
    """One job: the brief with each cover, tried in order; the first that fits is kept."""
    page = output.page_size(options)
    tried = covers(campaign)
    pages = tuple(brief_html(output, campaign, page, cover) for cover in tried)
    sheets = brief_sheets(output, campaign, page, "".join(pages))
    layouts = tuple(
        Layout(html, sheets, require=cover.require, worth_trying=cover.worth_trying(tried[0]))
        for html, cover in zip(pages, tried, strict=True)
    )
    job = PrintJob(output.name, campaign.root, settings, layouts)
    languages = (campaign.lang, campaign.letter.meta.lang)
    return (showing(replace(job, languages=languages), brief_logo(campaign)),)


def finish(
    output: Output, campaign: Campaign, options: BuildOptions, printed: Sequence[Printed]
) -> Made:
    (brief,) = printed
    assert brief.pdf is not None
    cover = covers(campaign)[brief.layout]
    details = [f"{output.name}: {describe(cover, campaign)}"]
    warnings = [f"{output.name}: {message}" for message in brief.warnings]
    if not brief.met:  # nothing left to drop: say so rather than pretend the cover is one page
        warnings.insert(
            0,
            f"{output.name}: the cover runs onto a second page even at its most compact; "
            "shorten the letter's ask or title, or the signature",
        )
    artifacts = [Artifact(output.name, brief.pdf, brief.pages)]
    if options.html:
        # The HTML carries its styles inline so it opens in a browser on this machine.
        page = output.page_size(options)
        sheets = brief_sheets(output, campaign, page, brief_html(output, campaign, page, cover))
        standalone = brief_html(output, campaign, page, cover, tuple(s.inline() for s in sheets))
        artifacts.append(Artifact(output.name.removesuffix(".pdf") + ".html", standalone.encode()))
    return Made(tuple(artifacts), tuple(warnings), details=tuple(details))


def describe(cover: Cover, campaign: Campaign) -> str:
    """What the layout search chose, for --verbose."""
    total = len(campaign.letter.meta.demands)
    where = (
        "'In this brief' on the cover"
        if cover.form is Form.GLANCE
        else f"a contents page (the brief runs past {GLANCE_MOST_PAGES} pages)"
    )
    listed = (
        "every demand"
        if cover.shown == total
        else f"{cover.shown} of {total} demands (as many as fit)"
    )
    return f"{cover.name} cover listing {listed}, with {where}"


def brief_sheets(
    output: Output, campaign: Campaign, paper: PageSize, html: str = ""
) -> tuple[Stylesheet, ...]:
    """The brief's sheets: the same for every campaign (the running head's words are in the
    HTML; see `running_strings`), with the organisation's accent when it has a brand, and
    the fonts of the scripts its `html` uses; mirrored for a right-to-left language."""
    branded = brand_css(campaign.brand)
    return sheets_for(output.stylesheet, paper, branded=branded, text=html, lang=campaign.lang)


def running_strings(campaign: Campaign) -> dict[str, str]:
    """The footer's words ("Page 3 of 6"), for the cover's data-* attributes.

    brief.css takes them with `string-set: … attr(…)`, as it takes the running head from the
    cover's headline: words reach the margins as text in the HTML, never as CSS.
    """
    before, between, after = re.split(r"\{pages?\}", Labels(campaign.lang).page_of)
    return {"page-before": before, "page-between": between, "page-after": after}


def brief_html(
    output: Output,
    campaign: Campaign,
    paper: PageSize,
    cover: Cover | None = None,
    inline_styles: tuple[str, ...] = (),
) -> str:
    article, letter = campaign.article, campaign.letter
    lang = campaign.lang
    labels = Labels(lang)
    cover = cover or covers(campaign)[0]
    context: dict[str, Any] = {
        "lang": lang,
        "paper": paper,
        "meta": document_metadata(campaign),
        "inline_styles": inline_styles,
        "article": article.meta,
        "letter": letter.meta,
        "created": campaign.created,
        "article_body": render_block(article.body, lang=article.meta.lang, doc_id="article"),
        "article_sections": headings(article.body, lang=article.meta.lang, doc_id="article"),
        "figure_shape": figure_shape(campaign),
        "demands_whole": demands_whole(letter.meta, paper),
        "letter_body": render_block(letter.body, lang=letter.meta.lang, doc_id="letter"),
        "letter_closing": render_block(letter.meta.closing, lang=letter.meta.lang, doc_id="closing")
        if letter.meta.closing
        else None,
        "labels": labels,
        "signed_by": Labels(letter.meta.lang).join(letter.meta.signature),
        **signatories_context(campaign, labels),
        "cover": cover,
        "running": running_strings(campaign),
        "glance": cover.form is Form.GLANCE,
        "cover_demands": letter.meta.demands[: cover.shown],
        "more_demands": len(letter.meta.demands) - cover.shown,
        "fonts": {"serif": fonts.SERIF, "sans": fonts.SANS},
        "version": __version__,
        "logo": brief_logo(campaign),
    }
    return render(output.template, context)


def brief_logo(campaign: Campaign) -> LogoPicture | None:
    """The organisation's logo, on the cover and the sources page, named in the brief's
    language (the cover's and the credits')."""
    return logo_picture(campaign.brand, campaign.lang)


def signatories_context(campaign: Campaign, labels: Labels) -> dict[str, Any]:
    """The signatories section (partials/signatories.html.j2) and the counts on the cover."""
    signed = campaign.signatories
    if signed is None:
        return {
            "signatories": None,
            "signatory_groups": (),
            "signatory_counts": None,
            "signed_by_count": None,
            "detailed": False,
        }
    groups = [
        (labels.organisations, signed.organisations),
        (labels.people, signed.people),
    ]
    return {
        "signatories": signed,
        # Headed by kind only when there are both kinds.
        "signatory_groups": tuple(
            (title if signed.organisations and signed.people else None, names)
            for title, names in groups
            if names
        ),
        "signatory_counts": labels.counts(len(signed.organisations), len(signed.people)),
        "signed_by_count": labels.signed_by(len(signed.organisations), len(signed.people)),
        "detailed": signed.count <= DETAILED_MAX,
    }


def figure_shape(campaign: Campaign) -> str:
    """How the article's figure is set: "landscape" (across the column), "portrait" (two
    thirds of it, caption beside), "missing" (no file: caption and credit alone)."""
    figure = campaign.article.meta.figure
    if figure is None or figure.file is None:
        return "missing"
    path = resolve_inside(campaign.root, figure.file)
    size = pixel_size(path) if isinstance(path, Path) else None
    return "portrait" if size and size[1] > 1.1 * size[0] else "landscape"


def demands_whole(letter: LetterMeta, page: PageSize) -> bool:
    """Whether the demands band moves on whole (see DEMANDS_WHOLE_SHARE): its height and
    the letter end's, estimated from their length before any layout. The band's 13 pt sans
    sets about one letter per 2.3 mm in 6 mm lines; the closing's serif one per 1.8 mm in
    5 mm lines. A wrong guess costs only looks: a band kept whole that then does not fit
    with its end breaks as a long one would."""
    margins, column = (46.0, 118.0) if page.whole else (36.0, page.width_mm - 31.0)
    lang = letter.lang

    def lines(text: str, letter_mm: float) -> int:
        return -(-len(plain_inline(text, lang=lang)) // max(1, int(column / letter_mm)))

    band = 16.0 + (8.0 if letter.demands_intro else 0.0)
    band += sum(6.0 * lines(demand, 2.3) + 3.0 for demand in letter.demands)
    end = 12.0 + 5.0 * lines(letter.closing or "", 1.8) + 8.0 * (1 + len(letter.signature))
    end += 9.0 if letter.url else 0.0
    return band + end <= DEMANDS_WHOLE_SHARE * (page.height_mm - margins)


def document_metadata(campaign: Campaign) -> dict[str, Any]:
    """Title, author, subject, keywords and dates for the PDF's info and XMP, all from content."""
    article, letter = campaign.article.meta, campaign.letter.meta
    lang = campaign.lang
    authors = [article.author.name] if article.author else []
    authors += letter.signature
    # From the content; else SOURCE_DATE_EPOCH (reproducible builds); else no date at all.
    created = campaign.created or source_date()

    def text(markdown: str) -> str:
        return for_metadata(plain_inline(markdown, lang=lang))

    return {
        "title": text(article.title),
        "author": "; ".join(text(name) for name in authors),
        "subject": text(article.subtitle) if article.subtitle else None,
        "keywords": [text(keyword) for keyword in article.keywords],
        "created": w3c_date(created) if created else None,
        "modified": w3c_date(campaign.latest or created) if created else None,
    }
