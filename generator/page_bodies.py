"""Question bodies of the topic pages: converted ahead of MkDocs, placed into its HTML.

Everything of a question below its heading (tags, answer, related questions)
is nearly all of a topic page's Markdown, and MkDocs converts a page on one
core. So the bodies go through convert.py, in parallel and cached by content,
and a topic page's Markdown carries one marker per question, which the
on_page_content hook replaces by the body's HTML. The headings stay in the
page's Markdown: MkDocs still makes the table of contents, the permalinks and
the search sections from them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from .convert import Converted, MarkdownCache, convert_all
from .model import Bank
from .pages import question_body_markdown

# topic.md.j2 writes the marker; Python-Markdown passes an HTML comment through as it is.
MARKER = re.compile(r"<!-- qb-body ([a-z0-9-]+) -->")
# pymdownx.highlight numbers code blocks from 0 in each conversion; in a page
# they are numbered on through it, so these ids stay unique.
_CODE_BLOCK_ID = re.compile(r'<span id="__span-(\d+)-')


def convert_bodies(bank: Bank, cache_file: Path | None) -> dict[str, Converted]:
    """Every question's body as HTML (math still as arithmatex markup), by question id."""
    texts = [question_body_markdown(bank, q) for q in bank.questions]
    cache = MarkdownCache(cache_file)
    results = convert_all(texts, cache)
    cache.save()
    return {q.id: result for q, result in zip(bank.questions, results, strict=True)}


class MissingBody(KeyError):
    """A marker names a question that has no converted body."""


def place_bodies(html: str, bodies: Mapping[str, str]) -> str:
    """The page's HTML with every marker replaced by its question's body."""
    blocks = 0

    def place(match: re.Match[str]) -> str:
        nonlocal blocks
        qid = match.group(1)
        if qid not in bodies:
            raise MissingBody(qid)
        body = bodies[qid]
        numbers = [int(n) for n in _CODE_BLOCK_ID.findall(body)]
        if not numbers:
            return body
        offset = blocks
        blocks += max(numbers) + 1
        return _CODE_BLOCK_ID.sub(lambda m: f'<span id="__span-{int(m.group(1)) + offset}-', body)

    return MARKER.sub(place, html)
