"""One Jinja environment: sandboxed, autoescaped, strict. Content is data, never a template."""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime
from functools import cache
from hashlib import sha256
from typing import Any

import jinja2
from jinja2 import FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context
from jinja2.bccache import Bucket
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from broadside.cache import cache_root
from broadside.content.markdown import plain_inline, render_inline
from broadside.content.models import Update
from broadside.resources import TEMPLATES

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def long_date(value: datetime) -> str:
    return f"{MONTHS[value.month - 1]} {value.day}, {value.year}"


def clock_time(value: datetime) -> str:
    """7:20 a.m., the newsroom way."""
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d} {'a.m.' if value.hour < 12 else 'p.m.'}"


def update_time(update: Update) -> str:
    """ "June 22 at 7:20 a.m. PT", as news sites print an update stamp."""
    stamp = f"{MONTHS[update.at.month - 1]} {update.at.day} at {clock_time(update.at)}"
    return f"{stamp} {update.zone}" if update.zone else stamp


@pass_context
def _inline(context: Context, text: str) -> Markup:
    return render_inline(text, lang=context["lang"])


@pass_context
def _plain(context: Context, text: str) -> str:
    return plain_inline(text, lang=context["lang"])


def style_text(css: str) -> Markup:
    """Our own CSS, inlined in a <style> element: not HTML-escaped (quotes must stay quotes),
    and unable to close the element early."""
    return Markup(css.replace("</", "<\\/"))  # noqa: S704 - Broadside's sheets, not content


class _CompiledTemplates(FileSystemBytecodeCache):
    """Compiled templates kept between runs (compiling them is most of a cold render, ~40 ms).

    Entries are keyed by each template's source, so an edited template is compiled afresh.
    A cache that cannot be written is skipped, never an error.
    """

    def dump_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError):
            super().dump_bytecode(bucket)


def _compiled_templates(env: SandboxedEnvironment) -> _CompiledTemplates | None:
    # Compiled code depends on the environment's syntax options and Jinja's version: each
    # combination gets its own folder, so a change to either never serves stale code.
    options = (
        jinja2.__version__,
        type(env).__name__,
        env.trim_blocks,
        env.lstrip_blocks,
        env.keep_trailing_newline,
        env.newline_sequence,
        env.optimized,
        sorted(env.extensions),
    )
    folder = cache_root() / "templates" / sha256(repr(options).encode()).hexdigest()[:12]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _CompiledTemplates(str(folder))


@cache
def environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(inline=_inline, plain=_plain, long_date=long_date, update_time=update_time)
    env.filters["style_text"] = style_text
    env.bytecode_cache = _compiled_templates(env)
    return env


def render(template: str, context: dict[str, Any]) -> str:
    return environment().get_template(template).render(context)
