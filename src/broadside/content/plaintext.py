"""Markdown → plain text, as an e-mail's text part is read: wrapped, lists numbered, links as
their addresses, footnotes as [1] with the notes at the end. Nothing is dropped but markup.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it.token import Token

from broadside.content.markdown import is_safe_link, parser

WIDTH = 72  # a line of a plain-text e-mail, with room for a reply's "> "


def plain_text(text: str, *, lang: str, width: int = WIDTH) -> str:
    """A block of Markdown (a body, a closing) as wrapped paragraphs."""
    state = _State(width)
    for token in parser(lang).parse(text, {}):
        state.take(token)
    return state.text()


def inline_text(text: str, *, lang: str) -> str:
    """A one-line field (a demand, a title) with its typography, links as addresses."""
    return _inline(parser(lang).parseInline(text, {})[0].children or [])


@dataclass
class _State:
    width: int
    # Each block and its kind: paragraphs are set apart by a blank line; the items of a tight
    # list, and a table's rows, follow each other line by line.
    blocks: list[tuple[str, str]] = field(default_factory=list)
    lists: list[list[int]] = field(default_factory=list)  # [ordered (0/1), next number]
    quotes: int = 0
    marker: str = ""  # a list item's or note's marker, for its first line
    tight: bool = False
    row: list[str] | None = None

    def take(self, token: Token) -> None:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            self.lists.append([kind == "ordered_list_open", int(token.attrGet("start") or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            ordered, number = self.lists[-1]
            self.marker = f"{number}. " if ordered else "- "
            self.lists[-1][1] += 1
        elif kind == "blockquote_open":
            self.quotes += 1
        elif kind == "blockquote_close":
            self.quotes -= 1
        elif kind == "footnote_open":
            self.marker = f"[{token.meta['id'] + 1}] "
        elif kind == "paragraph_open":
            self.tight = token.hidden  # a tight list's items follow each other line by line
        elif kind == "tr_open":
            self.row = []
        elif kind == "tr_close" and self.row is not None:
            self._add(" | ".join(self.row), keep_lines=True, kind="row")
            self.row = None
        elif kind == "inline":
            text = _inline(token.children or [])
            if self.row is not None:
                self.row.append(" ".join(text.split()))
            else:
                self._add(text)
        elif kind in ("fence", "code_block"):
            self._add(textwrap.indent(token.content.rstrip("\n"), "    "), keep_lines=True)
        elif kind == "hr":
            self._add("* * *")

    def _add(self, text: str, keep_lines: bool = False, kind: str = "paragraph") -> None:
        depth = max(len(self.lists) - 1, 0)
        first = "  " * depth + self.marker
        rest = " " * len(first) if self.marker else "  " * len(self.lists)
        quote = "> " * self.quotes
        lines: list[str] = []
        for number, part in enumerate(text.split("\n")):
            lead = first if number == 0 else rest
            if keep_lines:
                lines.append(quote + lead + part)
                continue
            lines += textwrap.wrap(
                part,
                self.width,
                initial_indent=quote + lead,
                subsequent_indent=quote + rest,
                break_long_words=False,  # an address stays whole, to be followed
                break_on_hyphens=False,
            ) or [quote + lead]
        if self.tight and self.lists:
            kind = "item"
        self.blocks.append(("\n".join(lines), kind))
        self.marker, self.tight = "", False

    def text(self) -> str:
        out, previous = "", ""
        for text, kind in self.blocks:
            if out:
                out += "\n" if kind == previous and kind in ("item", "row") else "\n\n"
            out, previous = out + text, kind
        return out


def _inline(children: Sequence[Token]) -> str:
    parts: list[str] = []
    links: list[tuple[int, str]] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "link_open":
            links.append((len(parts), str(child.attrGet("href") or "")))
        elif child.type == "link_close" and links:
            start, href = links.pop()
            label = "".join(parts[start:]).strip()
            shown = href.removeprefix("mailto:").removeprefix("tel:")
            if is_safe_link(href) and not href.startswith("#") and label != shown:
                parts.append(f" ({href.removeprefix('mailto:')})")
        elif child.type == "image":
            parts.append(f"[{''.join(c.content for c in child.children or [])}]")
        elif child.type == "footnote_ref":
            parts.append(f"[{child.meta['id'] + 1}]")
    return "".join(parts).strip()
