"""The one Jinja environment every stage renders through."""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

TEMPLATES = Path(__file__).with_name("templates")


# Python-Markdown's backslash escapes: each of these is shown as itself.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()>#+\-.!])")


def md_text(text: str) -> Markup:
    """Contributor text placed in Markdown (a heading, a link label), shown exactly as written.

    HTML is escaped and every Markdown punctuation character backslash-escaped,
    so no emphasis, link, raw tag or attribute list can come out of it.
    """
    return Markup(_MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(text, quote=False)))


def _attr_value(text: str) -> Markup:
    """Make text safe inside a double-quoted attr_list value."""
    return Markup(html.escape(text).replace("{", "&#123;").replace("}", "&#125;"))


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        # Every template escapes every value, Markdown pages included: contributor
        # text can land inside raw HTML anywhere. HTML made from the bank is
        # passed with |safe, in Markdown contexts text goes through |md_text.
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md_text"] = md_text
    env.filters["attr_value"] = _attr_value
    return env


def render_template(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
