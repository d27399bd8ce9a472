"""Markdown as data: rendered to escaped HTML, never to a template.

Raw HTML in content is off (it prints as text). Typography is on: curly quotes in the
content's language, and dashes and ellipses; the rarer "(c) → ©" style replacements are
off because they change words people wrote, e.g. a list marked (a), (b), (c).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup
from mdit_py_plugins.footnote import footnote_plugin

from broadside.content.typography import bind_last_words, curl_leftovers, keep_together

# Quote marks per primary language subtag; anything unlisted gets English quotes.
QUOTES = {
    "en": "“”‘’",
    "de": "„“‚‘",
    "fr": ["«\u202f", "\u202f»", "‹\u202f", "\u202f›"],
    "es": "«»“”",
    "it": "«»“”",
    "pt": "«»“”",
    "nl": "“”‘’",
    "pl": "„”‚’",
    "cs": "„“‚‘",
    "ru": "«»„“",
    "uk": "«»„“",
    "el": "«»“”",
    "da": "»«›‹",
    "sv": "””’’",
    "no": "«»‘’",
    "fi": "””’’",
    # Right to left (CLDR's marks, in logical order: the first opens a quotation).
    "ar": "”“’‘",
    "ur": "”“’‘",
    "fa": "«»“”",
    "he": "””’’",
}

LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")

_EM_DASH = re.compile(r"(^|[^-])---(?=[^-]|$)", flags=re.MULTILINE)
_EN_DASH = re.compile(r"(^|\s)--(?=\s|$)", flags=re.MULTILINE)
_EN_DASH_BETWEEN = re.compile(r"(^|[^-\s])--(?=[^-\s]|$)", flags=re.MULTILINE)
_ELLIPSIS = re.compile(r"(?<!\.)\.\.\.(?!\.)")


def _dashes_and_ellipses(state: StateCore) -> None:
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        inside_autolink = 0
        for token in block.children:
            if token.type == "link_open" and token.info == "auto":
                inside_autolink += 1
            elif token.type == "link_close" and token.info == "auto":
                inside_autolink -= 1
            elif token.type == "text" and not inside_autolink:
                text = _EM_DASH.sub("\\1\u2014", token.content)
                text = _EN_DASH.sub("\\1\u2013", text)
                text = _EN_DASH_BETWEEN.sub("\\1\u2013", text)
                token.content = _ELLIPSIS.sub("\u2026", text)


def _curl_leftovers(state: StateCore) -> None:
    """Quotes the typographer left straight (it pairs what it can), curled by context."""
    quotes = state.md.options["quotes"]
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        before = ""
        for token in block.children:
            if token.type == "text":
                token.content = curl_leftovers(token.content, before, quotes)
                before = token.content[-1:] or before
            elif token.type in ("softbreak", "hardbreak"):
                before = " "
            elif token.type == "code_inline":
                before = token.content[-1:] or before


def _keep_together(
    tokens: list[Token], lang: str, *, headline: bool = False, room: int = 20
) -> None:
    """Spaces that must not break (content/typography.py), in the text as printed."""
    for block in tokens:
        children = block.children if block.type == "inline" else None
        if not children:
            continue
        inside_autolink = 0
        last_text = None
        for token in children:
            if token.type == "link_open" and token.info == "auto":
                inside_autolink += 1
            elif token.type == "link_close" and token.info == "auto":
                inside_autolink -= 1
            elif token.type == "text" and not inside_autolink:
                token.content = keep_together(token.content, lang)
                last_text = token
        if headline and last_text is not None:
            last_text.content = bind_last_words(last_text.content, room)


def _footnote_number(renderer: object, tokens: list[Token], idx: int, *args: object) -> str:
    meta = tokens[idx].meta
    number = meta["id"] + 1
    return f"{number}:{meta['subId']}" if meta.get("subId", 0) > 0 else str(number)


def _primary_language(lang: str) -> str:
    return lang.split("-")[0].lower()


@cache
def parser(lang: str = "en") -> MarkdownIt:
    """One configured parser per language (quotes differ); built once, reused."""
    md = MarkdownIt(
        "commonmark",
        {
            "html": False,
            "typographer": True,
            "quotes": QUOTES.get(_primary_language(lang), QUOTES["en"]),
        },
    )
    md.enable(["smartquotes", "table", "strikethrough"])
    md.disable("replacements")
    md.core.ruler.after("inline", "broadside_dashes", _dashes_and_ellipses)
    md.core.ruler.after("smartquotes", "broadside_quotes", _curl_leftovers)
    md.use(footnote_plugin)
    # Print has no "back" button: drop the ↩ back-links, and number notes without brackets.
    md.add_render_rule("footnote_anchor", lambda *args: "")
    md.add_render_rule("footnote_caption", _footnote_number)
    # Let every link through to the token stream so `findings()` can report the bad ones
    # with a line number; `_drop_unsafe_links` keeps them out of the HTML regardless.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def is_safe_link(href: str) -> bool:
    return href.startswith("#") or href.lower().startswith(LINK_SCHEMES)


def _drop_unsafe_links(tokens: list[Token]) -> None:
    for token in _walk(tokens):
        if token.type == "link_open" and not is_safe_link(str(token.attrGet("href") or "")):
            token.attrs.pop("href", None)


def _pictures_as_text(tokens: list[Token]) -> None:
    for token in _walk(tokens):
        if token.type == "image":
            alt = "".join(child.content for child in token.children or [])
            token.type, token.tag, token.attrs, token.children = "text", "", {}, None
            token.content = f"[{alt}]"


LONG_WORD = 64  # characters: a longer run without a space is broken, never hyphenated
_LONG_RUN = re.compile(rf"\S{{{LONG_WORD + 1},}}")


def _mark_long_words(tokens: list[Token]) -> None:
    """Each run of more than LONG_WORD characters without a space goes into
    <span class="long-word">, which tokens.css never hyphenates (it breaks where the line
    ends instead). The renderer lays the line out again for every place it could hyphenate a
    word, so a word's cost grows with the cube of its length: 5,000 letters took 47 s."""
    for token in tokens:
        if token.children:
            token.children = list(_with_long_words_marked(token.children))
        if token.type == "code_inline" and _LONG_RUN.search(token.content):
            token.attrJoin("class", "long-word")


def _with_long_words_marked(children: list[Token]) -> Iterator[Token]:
    for token in children:
        if token.type != "text" or not _LONG_RUN.search(token.content):
            if token.children:
                _mark_long_words([token])
            elif token.type == "code_inline" and _LONG_RUN.search(token.content):
                token.attrJoin("class", "long-word")
            yield token
            continue
        start = 0
        for run in _LONG_RUN.finditer(token.content):
            if run.start() > start:
                yield _text(token.content[start : run.start()])
            yield Token("long_word_open", "span", 1, attrs={"class": "long-word"})
            yield _text(run.group())
            yield Token("long_word_close", "span", -1)
            start = run.end()
        if start < len(token.content):
            yield _text(token.content[start:])


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def _shift_headings(tokens: list[Token], offset: int) -> None:
    """The body's top heading level goes just under the section's, and no level is skipped
    on the way down (h2 then h4 becomes h2 then h3): screen readers navigate by level, and
    PDF/UA checkers reject skipped levels. Looks do not change (body headings share a size)."""
    ranks = {
        level: rank
        for rank, level in enumerate(sorted({t.tag for t in tokens if t.type == "heading_open"}))
    }
    previous = offset
    for token in tokens:
        if token.type == "heading_open":
            previous = min(offset + 1 + ranks[token.tag], previous + 1, 6)
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{previous}"


@dataclass(frozen=True)
class Heading:
    """One of a body's top-level headings: its id in the HTML and its text as printed."""

    id: str
    text: str


def _name_headings(tokens: list[Token], doc_id: str) -> tuple[Heading, ...]:
    """Give the body's top-level headings ids (`article-section-1`, …), so a contents page
    can link to them; nothing else in the body is named."""
    levels = [token.tag for token in tokens if token.type == "heading_open"]
    found: list[Heading] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == min(levels):
            heading_id = f"{doc_id}-section-{len(found) + 1}"
            token.attrSet("id", heading_id)
            words = [
                t.content
                for t in _walk(tokens[index + 1].children or [])
                if t.type in ("text", "code_inline")
            ]
            found.append(Heading(heading_id, " ".join("".join(words).split())))
    return tuple(found)


def headings(text: str, *, lang: str, doc_id: str) -> tuple[Heading, ...]:
    """The top-level headings `render_block` names in `text`, in order."""
    return _rendered(text, lang, doc_id, 1)[1]


def render_block(
    text: str, *, lang: str, doc_id: str, heading_offset: int = 1, pictures: bool = True
) -> Markup:
    """Body Markdown → HTML. Headings move down `heading_offset` levels under the section's own.

    Without `pictures` (an e-mail, which must load nothing), each picture is its alt text.
    """
    return _rendered(text, lang, doc_id, heading_offset, pictures)[0]


@lru_cache(maxsize=16)  # a document laid out several ways (the brief's covers) renders once
def _rendered(
    text: str, lang: str, doc_id: str, heading_offset: int, pictures: bool = True
) -> tuple[Markup, tuple[Heading, ...]]:
    md = parser(lang)
    env: dict[str, object] = {"docId": doc_id}
    tokens = md.parse(text, env)
    _shift_headings(tokens, heading_offset)
    named = _name_headings(tokens, doc_id)
    _drop_unsafe_links(tokens)
    if not pictures:
        _pictures_as_text(tokens)
    _keep_together(tokens, lang)
    _mark_long_words(tokens)
    html = Markup(md.renderer.render(tokens, md.options, env))  # noqa: S704 - escaped by markdown-it
    return html, named


def render_inline(
    text: str, *, lang: str, headline: bool = False, room: int = 20, pictures: bool = True
) -> Markup:
    """A one-line field (title, demand, caption) → inline HTML; a `headline` never ends on
    one short word (its last two words bound when they take at most `room` letters).
    Without `pictures`, each picture is its alt text."""
    md = parser(lang)
    env: dict[str, object] = {}
    tokens = md.parseInline(text, env)
    _drop_unsafe_links(tokens)
    if not pictures:
        _pictures_as_text(tokens)
    _keep_together(tokens, lang, headline=headline, room=room)
    _mark_long_words(tokens)
    return Markup(md.renderer.render(tokens, md.options, env))  # noqa: S704 - escaped by markdown-it


def plain_inline(text: str, *, lang: str) -> str:
    """A one-line field as plain text with its typography (for PDF metadata and bookmarks)."""
    md = parser(lang)
    tokens = md.parseInline(text, {})
    parts: list[str] = []
    for token in _walk(tokens):
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


@dataclass(frozen=True)
class Reference:
    """A link or image found in Markdown, with the 0-based line it is written on."""

    kind: str  # "link" or "image"
    target: str
    alt: str
    line: int


@dataclass(frozen=True)
class Scan:
    """What a piece of Markdown holds, measured before anything renders it.

    Lines are 0-based within the text. The counts are what typesetting time grows with.
    """

    references: list[Reference]
    blocks: int  # paragraphs, headings, list items, quotes, table rows and cells, notes
    table_cells: int
    footnote_refs: int
    depth: int  # deepest nesting of blocks and inline markup (emphasis inside emphasis…)
    depth_line: int
    longest: int  # characters in the longest paragraph, heading or table cell
    longest_line: int
    # `[^label]` with no `[^label]: …` note (printed as written), and notes never referred
    # to (left out of the brief): label and line of each.
    undefined_notes: tuple[tuple[str, int], ...] = ()
    unused_notes: tuple[tuple[str, int], ...] = ()


# A footnote reference as it stays in the text when no note of that label exists; a
# backslash before it (`\[^1]`) means the brackets are meant literally.
_NOTE_REFERENCE = re.compile(r"(?<!\\)\[\^([^\]\s]+)\]")
_NOTE_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")


def scan(text: str, *, lang: str = "en", inline: bool = False) -> Scan:
    """Links, pictures and sizes in `text`, for validation before anything is rendered.

    `inline` reads `text` as a one-line field is rendered (`render_inline`), not as a body.
    """
    md = parser(lang)
    found: list[Reference] = []
    blocks = cells = footnote_refs = depth = depth_line = longest = longest_line = 0
    undefined: list[tuple[str, int]] = []
    line = 0
    env: dict[str, Any] = {}
    tokens = md.parseInline(text, env) if inline else md.parse(text, env)
    raw_lines = text.split("\n")
    for token in tokens:
        line = token.map[0] if token.map else line
        if token.nesting == 1:
            blocks += 1
            cells += token.type in ("td_open", "th_open")
            if token.level + 1 > depth:
                depth, depth_line = token.level + 1, line
        if token.type != "inline":
            continue
        if len(token.content) > longest:
            longest, longest_line = len(token.content), line
        for child in _walk(token.children or []):
            if child.type in ("softbreak", "hardbreak"):
                line += 1  # a link's own line, not its paragraph's first
            elif child.type == "link_open":
                found.append(Reference("link", str(child.attrGet("href") or ""), "", line))
            elif child.type == "image":
                alt = "".join(c.content for c in child.children or [])
                found.append(Reference("image", str(child.attrGet("src") or ""), alt, line))
            elif child.type == "footnote_ref":
                footnote_refs += 1
            elif child.type == "text" and not inline and "[^" in child.content:
                written = raw_lines[line] if line < len(raw_lines) else ""
                meant = set(_NOTE_REFERENCE.findall(written))
                undefined += [
                    (label, line)
                    for label in _NOTE_REFERENCE.findall(child.content)
                    if label in meant
                ]
            if child.nesting == 1 and token.level + child.level + 2 > depth:
                depth, depth_line = token.level + child.level + 2, line
    return Scan(
        found,
        blocks,
        cells,
        footnote_refs,
        depth,
        depth_line,
        longest,
        longest_line,
        undefined_notes=tuple(undefined),
        unused_notes=_unused_notes(env, raw_lines),
    )


def _unused_notes(env: dict[str, Any], lines: list[str]) -> tuple[tuple[str, int], ...]:
    """Notes defined but never referred to: markdown-it leaves them out of the output."""
    refs = env.get("footnotes", {}).get("refs", {})
    unused = {label.removeprefix(":") for label, number in refs.items() if number == -1}
    found = []
    for number, line in enumerate(lines):
        match = _NOTE_DEFINITION.match(line)
        if match and match.group(1) in unused:
            found.append((match.group(1), number))
            unused.discard(match.group(1))
    return tuple(found)
