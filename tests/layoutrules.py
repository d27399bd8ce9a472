"""The layout rules of issue 9, measured on a PDF: helpers any test can apply to any build.

Each rule is a function from a `Document` (and, where it needs them, what the campaign
says) to a list of `Violation`s, empty when the pages keep the rule. Measurements come
from tests/pagelayout.py: positioned lines, their structure tags, pictures.

    document = Document.read(build / "brief.pdf")
    assert thin_pages(document) == []
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tests.pagelayout import MM, Box, Line, Page, read_pages
from tests.reading import bookmarks


@dataclass(frozen=True)
class Violation:
    rule: str
    page: int
    detail: str

    def __str__(self) -> str:
        return f"page {self.page}: {self.detail}"


@dataclass(frozen=True)
class Section:
    title: str
    first: int  # 1-based pages
    last: int


@dataclass(frozen=True)
class Document:
    path: Path
    pages: tuple[Page, ...]
    sections: tuple[Section, ...]  # from the top-level bookmarks; empty for the flyer

    @classmethod
    def read(cls, path: Path) -> Document:
        pages = read_pages(path)
        marks = [mark for mark in bookmarks(path) if mark.level == 1 and mark.page]
        following = [*marks[1:], None] if marks else []
        sections = tuple(
            Section(mark.title, mark.page, after.page - 1 if after else len(pages))
            for mark, after in zip(marks, following, strict=True)
        )
        return cls(path, pages, tuple(s for s in sections if s.last >= s.first))

    def section_of(self, page: int) -> Section | None:
        return next((s for s in self.sections if s.first <= page <= s.last), None)

    def blocks(self) -> list[list[Line]]:
        """The content lines of each block (paragraph, heading, list item), in order, across
        pages: a paragraph broken over a page is one block."""
        grouped: dict[tuple[int, int], list[Line]] = defaultdict(list)
        for page in self.pages:
            for line in page.content:
                if line.element is not None and line.element.key != (0, 0):
                    grouped[line.element.key].append(line)
        return [
            sorted(lines, key=lambda line: (line.page, line.box.top)) for lines in grouped.values()
        ]


def squash(text: str) -> str:
    """Text compared across typesetting: letters and digits only, quotes straightened."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'")
    return re.sub(r"[^\w']+", "", text).replace("_", "").casefold()


def plain(markdown: str) -> str:
    """Inline Markdown as printed, near enough to find it on a page."""
    text = re.sub(r"\[\^[^\]]+\]", "", markdown)  # footnote references
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links and pictures
    return re.sub(r"[*_`]+", "", text)


def lines_of(page: Page) -> list[Line]:
    """A page's own lines with letters or digits in them (not list markers alone)."""
    return [line for line in page.content if re.search(r"\w\w", line.text)]


# ---------- page fullness ----------


def fullness(page: Page) -> float:
    """How far down the text area the page's content reaches, 0 (empty) to 1 (full)."""
    area = page.text_area()
    content = page.content_box()
    if content is None:
        return 0.0
    return max(0.0, min(1.0, (content.bottom - area.top) / area.height))


def thin_pages(document: Document, least: float = 1 / 3, last_lines: int = 5) -> list[Violation]:
    """No page less than `least` full, except the last page of a section, which still holds
    at least `last_lines` lines of its own text. The cover is a page apart (not measured)."""
    found = []
    for page in document.pages[1:]:
        section = document.section_of(page.number)
        full = fullness(page)
        if section is not None and page.number == section.last:
            count = len(lines_of(page))
            if count < last_lines:
                found.append(
                    Violation(
                        "thin_pages",
                        page.number,
                        f"the last page of “{section.title}” holds {count} lines of its "
                        f"text (at least {last_lines})",
                    )
                )
        elif (section is None or page.number < section.last) and full < least:
            found.append(
                Violation(
                    "thin_pages",
                    page.number,
                    f"{full:.0%} full, and not the end of its section (at least {least:.0%})",
                )
            )
    return found


def _first_block_height(page: Page, kept: Iterable[str] = (), gap: float = 6 * MM) -> float:
    """The height of what opens the page, down to the first blank of `gap` or more, or past
    it when what follows is `kept` with it (texts the templates never part from what comes
    before them, as squashed by `squash`)."""
    boxes = sorted(
        [(line.box, squash(line.text)) for line in page.content]
        + [(box, "") for box in page.pictures],
        key=lambda item: item[0].top,
    )
    if not boxes:
        return 0.0
    kept = [text for text in kept if text]
    top, bottom = boxes[0][0].top, boxes[0][0].bottom
    for box, text in boxes[1:]:
        if box.top - bottom >= gap and not (len(text) > 3 and any(text in k for k in kept)):
            break
        bottom = max(bottom, box.bottom)
    return bottom - top


def letter_end(letter: dict[str, object]) -> list[str]:
    """What the brief keeps with the letter's last demand (its closing, sign-off and
    signature), squashed: for `blocks_pushed_past_room`'s `kept`. `letter` is letter.md's
    front matter."""
    signature = letter.get("signature")
    names = signature if isinstance(signature, list) else [signature]
    texts = [letter.get("closing"), letter.get("sign_off"), *names]
    return [squash(plain(str(text))) for text in texts if text]


def blocks_pushed_past_room(
    document: Document, kept: Iterable[str] = (), slack: float = 16 * MM
) -> list[Violation]:
    """A block moved to the next page (the demands, a figure) never leaves the page before
    it empty when it would have fitted there: the room left at the foot of a page, within a
    section, is smaller than what opens the next page plus `slack`. The room is measured
    down to the folio, which stands about 6 mm under the page area, and a block brings its
    own margin above it (the demands band's 8 mm): the slack covers both. What
    opens a page runs on past a blank into text `kept` with it (see `letter_end`): the
    letter's end travels with its last demand, so a signature never stands alone."""
    found = []
    for page, following in zip(document.pages[1:], document.pages[2:], strict=False):
        section = document.section_of(page.number)
        if section is None or following.number > section.last:
            continue
        content = page.content_box()
        if content is None:
            continue
        room = page.text_area().bottom - content.bottom
        block = _first_block_height(following, kept)
        if block and block + slack <= room:
            found.append(
                Violation(
                    "blocks_pushed_past_room",
                    page.number,
                    f"{room / MM:.0f} mm left empty, while what opens page {following.number} "
                    f"is {block / MM:.0f} mm tall",
                )
            )
    return found


# ---------- the letter's end ----------


def lonely_sign_off(document: Document, letter: dict[str, object]) -> list[Violation]:
    """No page holds only the letter's closing, sign-off and signature: they stay with the
    end of its body (the demands or the last paragraph). `letter` is letter.md's front
    matter."""
    signature = squash(plain(str(letter["signature"])))
    ending = [squash(plain(str(letter.get(field) or ""))) for field in ("sign_off", "closing")]
    letter_title = squash(plain(str(letter["title"])))
    sections = [s for s in document.sections if squash(s.title) == letter_title]
    pages = (
        range(sections[0].first, sections[0].last + 1)
        if sections
        else range(2, len(document.pages) + 1)
    )
    for number in reversed(pages):
        text = squash(" ".join(line.text for line in document.pages[number - 1].content))
        if signature not in text:
            continue
        rest = text.replace(signature, "", 1)
        for part in ending:
            rest = _remove_overlap(rest, part)
        if len(rest) < 20:
            return [
                Violation(
                    "lonely_sign_off",
                    number,
                    "holds only the end of the letter (closing, sign-off, signature), "
                    "apart from the body it closes",
                )
            ]
        return []
    return []


def _remove_overlap(text: str, part: str) -> str:
    """`text` without `part`, or without the longest start or end of `part` it holds (a
    closing broken across two pages)."""
    if not part:
        return text
    if part in text:
        return text.replace(part, "", 1)
    for size in range(len(part) - 1, 15, -1):
        if text.startswith(part[-size:]):
            return text[size:]
        if text.endswith(part[:size]):
            return text[:-size]
    return text


# ---------- the cover ----------


def clamped_cover(
    document: Document, fields: Iterable[str], foot: float = 15 * MM
) -> list[Violation]:
    """The cover never shortens a field with “…” while the page has room: measure, don't
    clamp by count. An ellipsis the content does not have is a clamp (a shortened field,
    or “… and 3 more” demands); it is allowed only when the empty space below the cover's
    content, less a `foot` margin, could not take one more line of that field.
    `fields` is the text of everything the cover may print, to count the content's own “…”."""
    cover = document.pages[0]
    content = cover.content_box()
    clamped = [line for line in cover.content if "\u2026" in line.text]
    own = sum(field.count("\u2026") + field.count("...") for field in fields)
    if content is None or len(clamped) <= own:
        return []
    room = cover.height - foot - content.bottom
    roomy = [line for line in clamped if room >= 1.5 * line.box.height]
    if not roomy:
        return []
    shortened = "; ".join(line.text for line in roomy)
    return [
        Violation(
            "clamped_cover",
            1,
            f"shortened with “…” while {room / MM:.0f} mm are left empty below: {shortened}",
        )
    ]


# ---------- headlines ----------


def headline_widows(document: Document, short: int = 10) -> list[Violation]:
    """Headlines (H1: the cover's, each section's, the flyer's ask) never end on one short
    word: two lines or more, and the last a single word of at most `short` letters."""
    found = []
    for block in document.blocks():
        element = block[0].element
        if element is None or element.tag not in ("H", "H1") or len(block) < 2:
            continue
        last = block[-1]
        words = last.words
        if len(words) == 1 and len(re.sub(r"\W", "", words[0])) <= short:
            found.append(
                Violation(
                    "headline_widows",
                    last.page,
                    f"the headline “{' '.join(line.text for line in block)}” ends on "
                    f"“{words[0]}” alone",
                )
            )
    return found


# ---------- lines that must not break ----------

MONTHS = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
}
_MONTH = "|".join(sorted({m for names in MONTHS.values() for m in names.split()}, key=len)[::-1])
_UNIT = (
    r"(?:°\s?[CF]|%|‰|km/h|km²|km|m²|m³|mm|cm|m|kg|g|t|ha|l|ml|kWh|MW|kW|W|mph|mpg|€|"
    r"a\.m\.|p\.m\.|h|min|s|percent|per\s?cent|Prozent|pour\s?cent|por\s?ciento|Uhr)"
)
# (what ends a line, what starts the next, what the pair is): pairs that must not break.
UNBREAKABLE = [
    (rf"\b(?:{_MONTH})$", r"^\d{1,2}(?:er)?\b", "a date"),
    (r"(?:^|\s)\d{1,2}(?:\.|er)?$", rf"^(?:{_MONTH})\b", "a date"),
    (r"\d$", rf"^{_UNIT}(?=$|[\s.,;:)!?])", "a number and its unit"),
    (r"[£$€]$", r"^\d", "an amount"),
    (r"(?:^|\s)\d{1,3}$", r"^\d{3}\b", "a number"),
    (r"(?:^|[\s(])[A-Z]\.$", r"^[A-Za-z]", "initials"),
]


def broken_pairs(document: Document) -> list[Violation]:
    """Dates ("April 19", "19 April 2018"), a number and its unit, amounts and initials
    never split across lines."""
    found = []
    for block in document.blocks():
        for before, after in itertools.pairwise(block):
            end, start = before.text.rstrip(), after.text.lstrip()
            if end.endswith(("-", "\u2010", "\u00ad", "\x02")):
                continue  # a word broken by hyphenation, not a pair of words
            for ending, opening, what in UNBREAKABLE:
                if re.search(ending, end) and re.search(opening, start):
                    found.append(
                        Violation(
                            "broken_pairs",
                            before.page,
                            f"{what} split across lines: “…{end[-20:]}” / “{start[:20]}…”",
                        )
                    )
    return found


# ---------- quotes ----------

_ADDRESS = re.compile(r"\S*(?:://|www\.|@)\S*")


def straight_quotes(document: Document) -> list[Violation]:
    """Quotes and apostrophes are curly in every position (web addresses aside)."""
    found = []
    for page in document.pages:
        for line in page.content:
            text = _ADDRESS.sub("", line.text)
            if "'" in text or '"' in text:
                found.append(
                    Violation("straight_quotes", page.number, f"a straight quote in “{line.text}”")
                )
    return found


# ---------- pictures ----------


def text_column(document: Document, page: Page) -> Box | None:
    """The reading column on `page`: where lines of body text (the size most of the
    document's text is set in) start and end. Falls back to the section's other pages."""
    sizes = Counter(line.size for p in document.pages for line in p.content if len(line.text) > 30)
    if not sizes:
        return None
    body = sizes.most_common(1)[0][0]
    section = document.section_of(page.number)
    candidates = [page] + [
        p
        for p in document.pages
        if section is not None and section.first <= p.number <= section.last and p is not page
    ]
    for source in candidates:
        lines = [
            line for line in source.content if abs(line.size - body) < 0.3 and len(line.text) > 30
        ]
        if len(lines) >= 3:
            left = Counter(round(line.box.left) for line in lines).most_common(1)[0][0]
            right = max(line.box.right for line in lines)
            return Box(left, 0, right, source.height)
    return None


def pictures_off_the_column(document: Document, tolerance: float = 2.0) -> list[Violation]:
    """A picture spans the text column, or a deliberately wider measure: never inset from
    the column's edges (by a browser's default figure margins, say). A narrower picture
    (a portrait) spans it with its caption: the caption beside it, in the gutter's reach,
    ending inside the column."""
    found = []
    for page in document.pages:
        column = text_column(document, page) if page.pictures else None
        if column is None:
            continue
        for picture in page.pictures:
            inset_left = picture.left - column.left
            inset_right = column.right - picture.right
            if _caption_beside(page, picture, column, tolerance):
                inset_right = 0.0
            if inset_left > tolerance or inset_right > tolerance:
                found.append(
                    Violation(
                        "pictures_off_the_column",
                        page.number,
                        f"a picture {picture.width / MM:.0f} mm wide sits {inset_left / MM:.1f} mm "
                        f"inside the column's left edge and {inset_right / MM:.1f} mm inside its "
                        f"right (column {column.width / MM:.0f} mm)",
                    )
                )
    return found


def _caption_beside(page: Page, picture: Box, column: Box, tolerance: float) -> bool:
    """Whether text stands beside `picture`, from within a gutter (8 mm) of its right edge
    to no further than the column's: a caption set beside a narrower picture. The column's
    right edge is measured on ragged lines, so it may stand a little short of the true one."""
    beside = [
        line.box
        for line in page.content
        if picture.top <= line.box.top
        and line.box.bottom <= picture.bottom + tolerance
        and picture.right < line.box.left <= picture.right + 8 * MM
    ]
    return bool(beside) and max(box.right for box in beside) <= column.right + 4 * MM


def pictures_adrift(document: Document, gap: float = 12 * MM) -> list[Violation]:
    """A picture sits where the text is: never pushed down (below a margin rail, say),
    leaving more than `gap` empty between it and what is above it."""
    found = []
    for page in document.pages:
        area = page.text_area()
        for picture in page.pictures:
            above = [
                line.box.bottom
                for line in page.content
                if line.box.bottom <= picture.top + 1
                and line.box.right > picture.left
                and line.box.left < picture.right
            ]
            edge = max(above, default=area.top)
            if picture.top - edge > gap:
                found.append(
                    Violation(
                        "pictures_adrift",
                        page.number,
                        f"a picture starts {(picture.top - edge) / MM:.0f} mm below the text "
                        f"above it (at most {gap / MM:.0f} mm)",
                    )
                )
    return found


# ---------- hyphenation ----------


def hyphenation(document: Document, share: float = 0.08, run: int = 2) -> list[Violation]:
    """Body text: at most `share` of its lines end hyphenated, never more than `run` in a
    row. Body text is the lines in the size most of the document's text is set in."""
    sizes = Counter(
        line.size for page in document.pages for line in page.content if len(line.text) > 30
    )
    if not sizes:
        return []
    body = sizes.most_common(1)[0][0]
    found = []
    total = hyphenated = 0
    for block in document.blocks():
        lines = [line for line in block if abs(line.size - body) < 0.3]
        streak = 0
        for line in lines[:-1]:
            total += 1
            # pdfium reports a hyphen it takes for a soft one as U+0002
            broken = bool(re.search(r"\w[\u2010\u00ad\x02-]$", line.text))
            hyphenated += broken
            streak = streak + 1 if broken else 0
            if streak == run + 1:
                found.append(
                    Violation(
                        "hyphenation",
                        line.page,
                        f"{streak} hyphenated line ends in a row, the last “{line.text[-25:]}”",
                    )
                )
    if total and hyphenated / total > share:
        found.append(
            Violation(
                "hyphenation",
                0,
                f"{hyphenated} of {total} lines of body text end hyphenated "
                f"({hyphenated / total:.0%}; at most {share:.0%})",
            )
        )
    return found
