"""Render each answer's Markdown to HTML exactly as the site does.

The site's Markdown configuration is read from mkdocs.yml, so the PDFs and the
check stage see the same extensions (math, code, diagrams, snippets) as the
pages. Rendering every answer is also how `check` finds broken LaTeX, broken
diagrams and missing code snippets before a build gets far.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import markdown
import pygments
import pymdownx
from mkdocs.config import load_config

from . import diagrams
from .files import write_text_atomic
from .mathsvg import MathError, MathRenderer
from .model import Bank, Question
from .problems import Problem

ROOT = Path(__file__).resolve().parent.parent
_CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.S)
_TAGS = re.compile(r"<[^>]+>")
# Only real tags count: markup shown as code arrives escaped (&lt;script&gt;).
_UNSAFE_TAG = re.compile(r"<(?:script|iframe|object|embed|style|link|meta|base|form)\b", re.I)
# Attributes are searched for on their own and then placed: a pattern that
# spans the whole tag backtracks through every long SVG path of the math.
_UNSAFE_ATTRIBUTE = re.compile(
    r"\son[a-z]+\s*=|\b(?:href|src|action)\s*=\s*[\"']?\s*(?:javascript|vbscript|data):",
    re.I,
)


def _unsafe_output(html: str) -> str | None:
    """The first executable piece of markup in rendered HTML, or None."""
    found = _UNSAFE_TAG.search(html)
    if found:
        return found.group(0)
    for match in _UNSAFE_ATTRIBUTE.finditer(html):
        start = match.start()
        # Inside a tag: the last '<' before it is not closed yet.
        if html.rfind("<", 0, start) > html.rfind(">", 0, start):
            return html[html.rfind("<", 0, start) : match.end()]
    return None


# TeX that survived Markdown rendering: math the reader would see raw.
_RAW_TEX = re.compile(
    r"\$\$|\\(?:frac|sum|sqrt|mathbb|mathcal|text|left|right|begin|hat|bar|log|exp|alpha|beta|sigma|theta|lambda)\b"
)


@functools.cache
def markdown_settings(config_file: Path = ROOT / "mkdocs.yml") -> tuple[list, dict]:
    """The Markdown extensions and their options, as mkdocs.yml sets them."""
    config = load_config(str(config_file))
    configs = {name: dict(options) for name, options in config.mdx_configs.items()}
    snippets = configs.setdefault("pymdownx.snippets", {})
    # Snippet paths are relative to the project, wherever the build runs from.
    snippets["base_path"] = [str(config_file.parent)]
    return list(config.markdown_extensions), configs


def _answer_line(question: Question, needle: str) -> int:
    """Line in the YAML file of the first answer line containing needle."""
    first = needle.strip().splitlines()[0] if needle.strip() else ""
    for offset, line in enumerate(question.answer.splitlines()):
        if first and first in line:
            return question.answer_location.line + 1 + offset
    return question.answer_location.line


# Python-Markdown starts a list only after a blank line (and ends an item's
# indented paragraph the same way); without one, "- item" stays inside the
# paragraph as text, a bullet the reader sees as a stray dash.
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(\S.*)$")


def _stray_list_items(html: str) -> list[str]:
    """Text of each list item that Markdown left inside a paragraph."""
    items = []
    for paragraph in _PARAGRAPH.finditer(html):
        for line in paragraph.group(1).split("\n")[1:]:
            match = _LIST_MARKER.match(line)
            if match:
                items.append(" ".join(_TAGS.sub("", match.group(1)).split()))
    return items


def _list_line(text: str, item: str) -> str:
    """The source line of a stray list item (a needle for _answer_line)."""
    start = item[:15]
    for line in text.splitlines():
        if _LIST_MARKER.match(line) and start in re.sub(r"[*_`]", "", line):
            return line.strip()
    return ""


@dataclass
class RenderedAnswer:
    question: Question
    # Math typeset inline as SVG (Anki cards, checks).
    html: str
    # The same before typesetting, math still as arithmatex placeholders, so
    # a consumer can place formulas its own way (the PDFs link them as images).
    markdown_html: str


_SNIPPET = re.compile(r"--8<--\s*[\"']([^\"']+)[\"']")
CACHE_VERSION = "1"


class MarkdownCache:
    """Markdown-to-HTML results by content, so an unchanged answer is not rendered again.

    The key covers the answer, every file it embeds with a snippet line, the
    Markdown settings in mkdocs.yml and the library versions; math is swapped in
    afterwards from the math cache, so the stored HTML stays small.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._entries: dict[str, str] = {}
        self._used: set[str] = set()
        self._dirty = False
        if path and path.exists():
            try:
                self._entries = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._entries = {}
        config = (ROOT / "mkdocs.yml").read_bytes()
        self._salt = hashlib.sha256(
            config + f"|{CACHE_VERSION}|{markdown.__version__}|{pymdownx.__version__}|{pygments.__version__}".encode()
        ).hexdigest()

    def key(self, text: str) -> str | None:
        digest = hashlib.sha256((self._salt + text).encode())
        for name in _SNIPPET.findall(text):
            try:
                digest.update((ROOT / name).read_bytes())
            except OSError:
                return None  # a missing snippet must be reported by a real render
        return digest.hexdigest()[:32]

    def get(self, key: str | None) -> str | None:
        if key is None or key not in self._entries:
            return None
        self._used.add(key)
        return self._entries[key]

    def put(self, key: str | None, html: str) -> None:
        if key is not None:
            self._entries[key] = html
            self._used.add(key)
            self._dirty = True

    def save(self) -> None:
        if not self.path or not (self._dirty or set(self._entries) - self._used):
            return
        kept = {k: v for k, v in self._entries.items() if k in self._used}
        write_text_atomic(self.path, json.dumps(kept, sort_keys=True))


class AnswerRenderer:
    """Turns answers (and cheat-sheet formulas) into HTML with math as SVG."""

    def __init__(self, math: MathRenderer, cache: MarkdownCache | None = None) -> None:
        extensions, configs = markdown_settings()
        self._md = markdown.Markdown(extensions=extensions, extension_configs=configs)
        self.math = math
        self.cache = cache or MarkdownCache(None)

    def _convert(self, text: str, on_problem) -> str | None:
        key = self.cache.key(text)
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        self._md.reset()
        try:
            html = self._md.convert(text)
        except Exception as exc:  # a snippet that is missing, or an extension failing on input
            on_problem(text, f"cannot render Markdown: {exc}")
            return None
        failures = diagrams.drain_failures()
        for failure in failures:
            on_problem("```dot", str(failure))
        if not failures:
            self.cache.put(key, html)
        return html

    def _finish(self, text: str, html: str | None, on_problem) -> str:
        """Swap typeset math into converted Markdown and check what a reader would see."""
        if html is None:
            return ""
        math_errors: list[str] = []

        def math_error(exc: MathError) -> None:
            math_errors.append(exc.tex)
            on_problem(exc.tex, str(exc))

        for item in _stray_list_items(html):
            line = _list_line(text, item)
            on_problem(
                line,
                f"list item {(line or item)[:40]!r} runs on inside the paragraph above it: put a blank line before it",
            )
        html = self.math.replace_in_html(html, on_error=math_error)
        # Defence in depth behind validation: nothing executable may come out of an answer.
        unsafe = _unsafe_output(html)
        if unsafe:
            on_problem(
                text.strip().splitlines()[0] if text.strip() else "",
                f"rendered answer holds unsafe HTML {unsafe!r}",
            )
        # A formula MathJax rejected stays as TeX; it is reported once, above.
        visible = "" if math_errors else _TAGS.sub(" ", _CODE.sub(" ", html))
        for match in _RAW_TEX.finditer(visible):
            context = " ".join(visible[max(0, match.start() - 40) : match.end() + 20].split())
            needle = visible[match.start() : match.end() + 20].split("\n")[0].strip().split(" ")[0]
            on_problem(
                needle if needle != "$$" else text[: text.find("$$") + 2].splitlines()[-1],
                f"math left as raw TeX near {context!r}: put $$ on lines of their own with a blank line "
                "before and after (inside a list item, indent the block with the item)",
            )
            break
        return html

    def render_all(self, questions: list[Question], problems: list[Problem]) -> dict[str, RenderedAnswer]:
        """Every answer as HTML with typeset math, in two passes.

        The first converts Markdown and sends each answer's formulas to MathJax
        without waiting; the second swaps the finished SVG in. Node typesets on
        one core while Python converts Markdown on the other.
        """

        def reporter(question: Question) -> Callable[[str, str], None]:
            def report(needle: str, message: str) -> None:
                line = _answer_line(question, needle)
                problems.append(Problem(question.answer_location.path, line, 1, f"{question.id}: {message}"))

            return report

        converted: dict[str, str | None] = {}
        for q in questions:
            html = converted[q.id] = self._convert(q.answer, reporter(q))
            if html is not None:
                self.math.prefetch_html(html)
            if q.formula:
                self.math.prefetch(q.formula, display=False)
        return {
            q.id: RenderedAnswer(q, self._finish(q.answer, converted[q.id], reporter(q)), converted[q.id] or "")
            for q in questions
        }

    def formula(self, question: Question, problems: list[Problem]) -> str | None:
        """The cheat-sheet formula as display SVG, or None."""
        if not question.formula:
            return None
        try:
            return self.math.render(question.formula, display=False)
        except MathError as exc:
            loc = question.location
            problems.append(Problem(loc.path, loc.line, loc.column, f"{question.id}: formula: {exc}"))
            return None


def render_answers(
    bank: Bank, math: MathRenderer, cache_file: Path | None = None
) -> tuple[dict[str, RenderedAnswer], list[Problem]]:
    cache = MarkdownCache(cache_file)
    renderer = AnswerRenderer(math, cache)
    problems: list[Problem] = []
    rendered = renderer.render_all(bank.questions, problems)
    for q in bank.questions:
        renderer.formula(q, problems)
    cache.save()
    return rendered, sorted(problems)
