"""Markdown to HTML for many pieces at once, with the site's Markdown settings.

Python-Markdown is most of a large build's time and runs on one core, so a
batch is converted in worker processes, one per core; pieces are cached by
content, so after an edit only the edited piece is converted again. The
settings are read from mkdocs.yml: the check, the PDFs and the site pages see
the same extensions (math, code, diagrams, snippets).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import pygments
import pymdownx

from . import diagrams, paths
from .cache import JsonCache, content_key
from .workers import URGENT, Runner

SNIPPET = re.compile(r"--8<--\s*[\"']([^\"']+)[\"']")
# A worker takes about 0.3 s to start; each must have this many pieces to be worth it.
PIECES_PER_WORKER = 32


# The Markdown the bank may use (CONTRIBUTING.md), and nothing more: every
# inline extension is tried on every run of text (caret once turned
# 'sigma^2/tau^2' into a superscript), and attribute lists or Markdown inside
# HTML would let a contributor set attributes. The site engine never sees the
# bank's Markdown; it gets this HTML.
EXTENSIONS = [
    "admonition",
    "tables",
    "pymdownx.arithmatex",
    "pymdownx.betterem",
    "pymdownx.details",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.smartsymbols",
    "pymdownx.snippets",
    "pymdownx.superfences",
]


@functools.cache
def markdown_settings() -> tuple[list, dict]:
    """The bank's Markdown extensions and their options."""
    configs = {
        "pymdownx.arithmatex": {"generic": True},
        "pymdownx.highlight": {"anchor_linenums": False, "line_spans": "__span", "pygments_lang_class": True},
        # Snippet paths are relative to the project, wherever the build runs from.
        "pymdownx.snippets": {"base_path": [str(paths.ROOT)], "check_paths": True, "restrict_base_path": True},
        "pymdownx.superfences": {
            "custom_fences": [{"name": "dot", "class": "diagram", "format": diagrams.fence_format}]
        },
    }
    return list(EXTENSIONS), configs


class MarkdownCache:
    """Markdown-to-HTML results by content, so an unchanged piece is not converted again.

    The key covers the text, every file it embeds with a snippet line, the
    Markdown settings, and the diagram and library versions; math is swapped
    in afterwards from the math cache, so the stored HTML stays small.
    """

    def __init__(self, path: Path | None) -> None:
        self._store = JsonCache(path)
        settings = json.dumps(markdown_settings(), sort_keys=True, default=lambda f: f.__qualname__)
        self._salt = content_key(settings, markdown.__version__, pymdownx.__version__, pygments.__version__)

    def key(self, text: str) -> str | None:
        embedded = []
        for name in SNIPPET.findall(text):
            try:
                embedded.append((paths.ROOT / name).read_bytes())
            except OSError:
                return None  # a missing snippet must be reported by a real conversion
        return content_key(self._salt, text, *embedded)

    def get(self, key: str | None) -> str | None:
        return self._store.get(key)

    def put(self, key: str | None, html: str) -> None:
        self._store.put(key, html)

    def save(self, *, complete: bool = True) -> None:
        self._store.save(complete=complete)


@dataclass
class Converted:
    """One piece's HTML, or why it has none."""

    html: str | None
    error: str | None = None
    # Graphviz failures: SuperFences shows such a diagram as code, so html is set.
    diagram_errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.html is not None and not self.diagram_errors


# One converter a process, reset before every piece: nothing of one conversion reaches the next.
_converter: markdown.Markdown | None = None


def convert_one(text: str) -> Converted:
    """Convert one piece in this process."""
    global _converter
    if _converter is None:
        extensions, configs = markdown_settings()
        _converter = markdown.Markdown(extensions=extensions, extension_configs=configs)
    _converter.reset()
    setattr(_converter, diagrams.FAILURES, [])
    try:
        html = _converter.convert(text)
    except Exception as exc:  # a snippet that is missing, or an extension failing on input
        return Converted(None, f"cannot render Markdown: {exc}")
    return Converted(html, diagram_errors=[str(failure) for failure in diagrams.failures_of(_converter)])


def _convert_chunk(texts: list[str]) -> list[Converted]:
    return [convert_one(text) for text in texts]


def _chunks(items: list[int], count: int) -> list[list[int]]:
    size = max(1, -(-len(items) // count))
    return [items[i : i + size] for i in range(0, len(items), size)]


def convert_all(
    texts: Sequence[str],
    cache: MarkdownCache,
    on_converted: Callable[[int, Converted], None] | None = None,
    *,
    runner: Runner | None = None,
    pieces_per_worker: int = PIECES_PER_WORKER,
) -> list[Converted]:
    """Every text converted, in order; `on_converted(index, result)` is called as each arrives.

    A caller whose other work keeps the cores busy anyway asks for more
    pieces a worker, so that workers start only for a large batch.

    Successful conversions go into the cache (save it afterwards); failures
    never do, so they are reported again on the next run.
    """
    results: list[Converted | None] = [None] * len(texts)
    keys = [cache.key(text) for text in texts]
    missing: list[int] = []
    for index, key in enumerate(keys):
        cached = cache.get(key)
        if cached is None:
            missing.append(index)
        else:
            results[index] = Converted(cached)
            if on_converted:
                on_converted(index, results[index])

    def arrived(index: int, result: Converted) -> None:
        results[index] = result
        if result.ok:
            cache.put(keys[index], result.html)
        if on_converted:
            on_converted(index, result)

    if runner is None or runner.workers < 2 or len(missing) < pieces_per_worker * 2:
        for index in missing:
            arrived(index, convert_one(texts[index]))
    else:
        # Several chunks a worker, so one slow chunk does not leave a core idle.
        chunks = _chunks(missing, runner.workers * 4)
        futures = [runner.call(_convert_chunk, [texts[i] for i in chunk], priority=URGENT) for chunk in chunks]
        for chunk, future in zip(chunks, futures, strict=True):
            for index, result in zip(chunk, future.result(), strict=True):
                arrived(index, result)
    return results  # type: ignore[return-value]
