"""The one Jinja environment every stage renders through."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATES = Path(__file__).with_name("templates")


def _md_label(text: str) -> str:
    """Make text safe as a Markdown link label."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _attr_value(text: str) -> str:
    """Make text safe inside a double-quoted attr_list value."""
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("}", "&#125;")


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        # HTML templates escape every value; Markdown templates carry the bank's
        # Markdown on purpose and are escaped where they embed HTML.
        autoescape=select_autoescape(["html", "html.j2", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md_label"] = _md_label
    env.filters["attr_value"] = _attr_value
    return env


def render_template(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
