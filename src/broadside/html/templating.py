"""One Jinja environment: sandboxed, autoescaped, strict. Content is data, never a template."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from broadside.content.characters import for_metadata
from broadside.content.markdown import plain_inline, render_inline
from broadside.content.models import Update
from broadside.content.typography import keep_together
from broadside.html.direction import direction
from broadside.html.templatecache import compiled_templates
from broadside.resources import TEMPLATES

# Filters read the document's language and labels from the template context, so every
# template renders with `lang` (a language tag) and `labels` (a broadside.labels.Labels).


@pass_context
def _inline(
    context: Context, text: str, lang: str | None = None, *, headline: bool = False
) -> Markup:
    """`{{ x | inline }}` in the document's language, `{{ x | inline(letter.lang) }}` in another
    (then marked with that `lang`, so a screen reader switches voice and the PDF says so);
    `{{ x | inline(headline=True) }}` never ends on one short word."""
    rendered = render_inline(text, lang=lang or context["lang"], headline=headline)
    if lang and lang != context["lang"]:
        if direction(lang) != direction(context["lang"]):  # laid out in its own direction too
            return Markup('<span lang="{}" dir="{}">{}</span>').format(
                lang, direction(lang), rendered
            )
        return Markup('<span lang="{}">{}</span>').format(lang, rendered)
    return rendered


@pass_context
def _headline(context: Context, text: str, lang: str | None = None, room: int = 20) -> Markup:
    """`{{ x | headline }}`: as `inline`, and never ending on one short word; `room` is how
    many letters the last two words may take together (more for a smaller headline)."""
    return render_inline(text, lang=lang or context["lang"], headline=True, room=room)


def _web_address(url: str) -> str:
    """An address as people read it aloud: no "https://", no lone trailing slash."""
    shown = url.removeprefix("https://")
    return shown.removesuffix("/") if shown.count("/") == 1 else shown


def _wrapped_address(url: str) -> str:
    """`web_address` set to wrap as a reader retypes it: a line may end after a slash (a
    zero-width space), never at the address's own hyphens (a word joiner after each), so
    no line end looks like a word broken by the typesetter."""
    shown = _web_address(url).replace("-", "-\u2060")
    return re.sub(r"/(?=.)", "/\u200b", shown)


@pass_context
def _plain(context: Context, text: str, lang: str | None = None) -> str:
    return plain_inline(text, lang=lang or context["lang"])


@pass_context
def _metadata(context: Context, text: str, lang: str | None = None) -> str:
    """A field as a bookmark or PDF metadata shows it: plain, one line, no invisible marks."""
    return for_metadata(plain_inline(text, lang=lang or context["lang"]))


@pass_context
def _long_date(context: Context, value: date) -> str:
    # Broadside's own dates are kept on one line like the content's.
    return keep_together(context["labels"].date(value), context["lang"])


@pass_context
def _update_stamp(context: Context, update: Update) -> str:
    return keep_together(context["labels"].update_stamp(update), context["lang"])


@cache
def environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader(TEMPLATES),
        bytecode_cache=compiled_templates(),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        inline=_inline,
        headline=_headline,
        plain=_plain,
        metadata=_metadata,
        long_date=_long_date,
        update_stamp=_update_stamp,
        web_address=_web_address,
        wrapped_address=_wrapped_address,
        direction=direction,
    )
    return env


def render(template: str, context: dict[str, Any]) -> str:
    return environment().get_template(template).render(context)
