"""One Jinja environment: sandboxed, autoescaped, strict. Content is data, never a template."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from broadside.content.markdown import plain_inline, render_inline
from broadside.content.models import Update
from broadside.resources import TEMPLATES
from broadside.templatecache import compiled_templates

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
    env.filters.update(inline=_inline, plain=_plain, long_date=long_date, update_time=update_time)
    return env


def render(template: str, context: dict[str, Any]) -> str:
    return environment().get_template(template).render(context)
