"""Render each answer's Markdown to HTML exactly as the site does, math typeset.

Conversion goes through convert.py, with the site's Markdown settings, so the
PDFs and the check stage see the same extensions as the pages. Rendering
every answer is also how `check` finds broken LaTeX, broken diagrams and
missing code snippets before a build gets far.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .casestudy import CaseStudyHtml, FollowUpHtml, RubricPart, split_sections
from .convert import SNIPPET, Converted, MarkdownCache, convert_all
from .mathsvg import INLINE as INLINE_MATH
from .mathsvg import MathError, MathRenderer
from .model import Bank, Question
from .problems import Problem
from .safety import unsafe_markup
from .workers import Runner

_CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.S)
_TAGS = re.compile(r"<[^>]+>")
# TeX that survived Markdown rendering: math the reader would see raw.
_RAW_TEX = re.compile(
    r"\$\$|\\(?:frac|sum|sqrt|mathbb|mathcal|text|left|right|begin|hat|bar|log|exp|alpha|beta|sigma|theta|lambda)\b"
)


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


def _failing_line(text: str, error: str) -> str:
    """The snippet line an error names (a needle for _answer_line), else the whole text."""
    for line in text.splitlines():
        embedded = SNIPPET.search(line)
        if embedded and embedded.group(1) in error:
            return line
    return text


@dataclass
class RenderedAnswer:
    # Math typeset inline as SVG (Anki cards, checks).
    html: str
    # The same before typesetting, math still as arithmatex placeholders, so
    # a consumer can place formulas its own way (the site and the PDFs link
    # them as images).
    markdown_html: str
    # The short answer converted the same way, without its paragraph, so it
    # reads alike in every output; and as plain text (CSV, meta description).
    short_html: str = ""
    short_text: str = ""
    # The short answer with math typeset inline (Anki).
    short_typeset: str = ""
    # A case study's sections, rubric and follow-ups (math as placeholders), and
    # its follow-ups with math typeset inline (Anki); None for other questions.
    case: CaseStudyHtml | None = None
    followups_typeset: list[FollowUpHtml] | None = None


_PARAGRAPH_WRAP = re.compile(r"^<p>(.*)</p>$", re.S)


def _inline(html: str) -> str:
    """A one-paragraph conversion without its <p>."""
    match = _PARAGRAPH_WRAP.match(html.strip())
    return match.group(1) if match else html.strip()


def plain_text(html: str) -> str:
    """What a reader sees of converted HTML, as text; a formula shows as its TeX."""
    import html as html_lib

    with_tex = INLINE_MATH.sub(lambda m: m.group(1), html)
    return " ".join(html_lib.unescape(_TAGS.sub("", with_tex)).split())


class AnswerRenderer:
    """Turns answers (and cheat-sheet formulas) into HTML with math as SVG."""

    def __init__(self, math: MathRenderer, cache: MarkdownCache | None = None, runner: Runner | None = None) -> None:
        self.math = math
        self.cache = cache or MarkdownCache(None)
        self.runner = runner

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
        # Defence in depth behind validation: nothing executable may come out of an
        # answer. Typeset math is checked once, when MathJax makes it (mathsvg.py).
        unsafe = unsafe_markup(html)
        if unsafe:
            on_problem(
                text.strip().splitlines()[0] if text.strip() else "",
                f"rendered answer holds unsafe HTML {unsafe!r}",
            )
        typeset = self.math.replace_in_html(html, on_error=math_error)
        # A formula MathJax rejected stays as TeX; it is reported once, above.
        visible = "" if math_errors else _TAGS.sub(" ", _CODE.sub(" ", typeset))
        for match in _RAW_TEX.finditer(visible):
            context = " ".join(visible[max(0, match.start() - 40) : match.end() + 20].split())
            needle = visible[match.start() : match.end() + 20].split("\n")[0].strip().split(" ")[0]
            on_problem(
                needle if needle != "$$" else text[: text.find("$$") + 2].splitlines()[-1],
                f"math left as raw TeX near {context!r}: put $$ on lines of their own with a blank line "
                "before and after (inside a list item, indent the block with the item)",
            )
            break
        return typeset

    def render_all(self, questions: list[Question], problems: list[Problem]) -> dict[str, RenderedAnswer]:
        """Every answer as HTML with typeset math, in two passes.

        The first converts Markdown and sends each answer's formulas to MathJax
        as the answer arrives, without waiting; the second swaps the finished
        SVG in. Node typesets while the rest is still converting.
        """

        def reporter(question: Question) -> Callable[[str, str], None]:
            def report(needle: str, message: str) -> None:
                line = _answer_line(question, needle)
                problems.append(Problem(question.answer_location.path, line, 1, f"{question.id}: {message}"))

            return report

        converted: list[str | None] = [None] * len(questions)

        def arrived(index: int, result: Converted) -> None:
            q = questions[index]
            report = reporter(q)
            if result.error:
                report(_failing_line(q.answer, result.error), result.error)
            for failure in result.diagram_errors:
                report("```dot", failure)
            converted[index] = result.html
            # MathJax (in Node) typesets these while the rest is still converting.
            if result.html is not None:
                self.math.prefetch_html(result.html)
            if q.formula:
                self.math.prefetch(q.formula, display=False)

        shorts: list[str] = [""] * len(questions)

        def short_arrived(index: int, result: Converted) -> None:
            if index < len(questions):
                arrived(index, result)
                return
            q = questions[index - len(questions)]
            if result.error or result.html is None:
                problems.append(Problem(q.location.path, q.location.line, 1, f"{q.id}: short: {result.error}"))
                return
            unsafe = unsafe_markup(result.html)
            if unsafe:
                message = f"{q.id}: short holds unsafe HTML {unsafe!r}"
                problems.append(Problem(q.location.path, q.location.line, 1, message))
            shorts[index - len(questions)] = _inline(result.html)
            self.math.prefetch_html(result.html)

        # MathJax (Node) typesets in its own process while the workers convert.
        texts = [q.answer for q in questions] + [q.short for q in questions]
        convert_all(texts, self.cache, short_arrived, runner=self.runner)
        cases = self._case_pieces([q for q in questions if q.case_study], problems)
        rendered = {
            q.id: RenderedAnswer(
                self._finish(q.answer, html, reporter(q)),
                html or "",
                short,
                plain_text(short),
                self.math.replace_in_html(short, on_error=lambda exc, q=q: reporter(q)(q.short, f"short: {exc}")),
            )
            for q, html, short in zip(questions, converted, shorts, strict=True)
        }
        for qid, case in cases.items():
            case.sections = split_sections(rendered[qid].markdown_html)
            rendered[qid].case = case
            typeset = self.math.replace_in_html
            rendered[qid].followups_typeset = [FollowUpHtml(typeset(f.ask), typeset(f.answer)) for f in case.followups]
        return rendered

    def _case_pieces(self, questions: list[Question], problems: list[Problem]) -> dict[str, CaseStudyHtml]:
        """Each case study's rubric signals and follow-ups converted, checked like answers.

        Problems name the question and the piece ("follow-up 2", "rubric
        clarify 1") at the question's line: the pieces are short, so that is
        enough to find them.
        """
        texts: list[str] = []
        for q in questions:
            for followup in q.followups:
                texts += [followup.ask, followup.answer]
            texts += [signal for section in q.rubric for signal in section.signals]
        results = iter(convert_all(texts, self.cache, runner=self.runner, pieces_per_worker=256))
        cases: dict[str, CaseStudyHtml] = {}
        for q in questions:

            def piece(name: str, q: Question = q) -> str:
                result = next(results)
                where = (q.location.path, q.location.line, q.location.column)
                if result.error or result.html is None:
                    problems.append(Problem(*where, f"{q.id}: {name}: {result.error}"))
                    return ""
                unsafe = unsafe_markup(result.html)
                if unsafe:
                    problems.append(Problem(*where, f"{q.id}: {name} holds unsafe HTML {unsafe!r}"))
                    return ""
                self.math.replace_in_html(
                    result.html, on_error=lambda exc: problems.append(Problem(*where, f"{q.id}: {name}: {exc}"))
                )
                return result.html

            case = CaseStudyHtml()
            for n, _ in enumerate(q.followups, start=1):
                ask = _inline(piece(f"follow-up {n} ask"))
                case.followups.append(FollowUpHtml(ask, piece(f"follow-up {n} answer")))
            for section in q.rubric:
                signals = [_inline(piece(f"rubric {section.key} {n}")) for n in range(1, len(section.signals) + 1)]
                case.rubric.append(RubricPart(section.key, section.title, signals))
            cases[q.id] = case
        return cases

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
    bank: Bank, math: MathRenderer, cache_file: Path | None = None, runner: Runner | None = None
) -> tuple[dict[str, RenderedAnswer], list[Problem]]:
    cache = MarkdownCache(cache_file)
    renderer = AnswerRenderer(math, cache, runner)
    problems: list[Problem] = []
    rendered = renderer.render_all(bank.questions, problems)
    for q in bank.questions:
        renderer.formula(q, problems)
    cache.save()
    return rendered, sorted(problems)
