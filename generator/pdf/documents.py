"""Build the HTML of every print part from the bank, through Jinja templates."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from pathlib import Path

from .. import outputs
from ..casestudy import CaseStudyHtml
from ..check import CheckedBank
from ..mathsvg import MathRenderer, svg_metrics
from ..model import DIFFICULTIES, FOLLOWUPS_TITLE, RED_FLAGS, Topic
from ..templating import render_template
from .assemble import QUESTION_LINK_BASE, Metadata, OutlineEntry
from .render import PartRequest, RenderedPart

STYLES = Path(__file__).resolve().parent.parent / "print_styles"
AUTHOR = "ML Interview Guide maintainers"


@dataclass(frozen=True)
class DocumentSpec:
    filename: str
    metadata: Metadata


CHEATSHEET = DocumentSpec(
    outputs.CHEATSHEET.filename,
    Metadata("ML Interview Cheat Sheet", AUTHOR, "Every question with its one-line answer"),
)
STUDY_GUIDE = DocumentSpec(
    outputs.STUDY_GUIDE.filename,
    Metadata("ML Interview Study Guide", AUTHOR, "Machine-learning interview questions with full answers"),
)
QUIZ = DocumentSpec(
    outputs.QUIZ.filename,
    Metadata("ML Interview Self-Quiz", AUTHOR, "Numbered questions with an answer key"),
)


def topic_metadata(topic: Topic, site_url: str) -> Metadata:
    """A topic's own PDF: its links to other topics point at the site (or stay as text)."""
    return Metadata(
        f"ML Interview Study Guide: {topic.title}",
        AUTHOR,
        topic.summary,
        links_outside=f"{site_url.rstrip('/')}/" if site_url else "",
    )


def stylesheets(document: str, paper: str) -> tuple[str, ...]:
    names = ("common.css", "pygments.css", f"{document}.css", f"paper-{paper}.css")
    return tuple(str(STYLES / name) for name in names)


def question_link(qid: str) -> str:
    return QUESTION_LINK_BASE + qid


class PrintContext:
    """What every print template needs: the bank, its rendered answers, numbering."""

    def __init__(self, checked: CheckedBank, math: MathRenderer) -> None:
        self.bank = checked.bank
        self.answers = checked.answers
        self.math = math
        self.chapter = {t.id: n for n, t in enumerate(self.bank.topics, start=1)}
        self.local_number = {q.id: i for t in self.bank.topics for i, q in enumerate(t.questions, start=1)}

    def label(self, qid: str) -> str:
        """Chapter.question number used in the study guide, e.g. 3.12."""
        q = self.bank.by_id[qid]
        return f"{self.chapter[q.topic_id]}.{self.local_number[qid]}"

    def answer_html(self, qid: str) -> str:
        return _plain_code(self.math.replace_in_html(self.answers[qid].markdown_html, wrap=_math_image))

    def case_html(self, qid: str) -> CaseStudyHtml | None:
        """A case study's follow-ups and rubric with math placed for print; None for other questions."""
        case = self.answers[qid].case
        if case is None:
            return None
        return case.map(lambda markup: _plain_code(self.math.replace_in_html(markup, wrap=_math_image)), sections=False)

    def short_html(self, qid: str) -> str:
        return self.math.replace_in_html(self.answers[qid].short_html, wrap=_math_image)

    def formula_html(self, qid: str) -> str | None:
        q = self.bank.by_id[qid]
        return _math_image(q.formula, self.math.render(q.formula, display=False), False) if q.formula else None

    def common(self, spec: DocumentSpec) -> dict:
        return {
            "bank": self.bank,
            "meta": spec.metadata,
            "difficulties": DIFFICULTIES,
            "answer_html": self.answer_html,
            "short_html": self.short_html,
            "case_html": self.case_html,
            "followups_title": FOLLOWUPS_TITLE,
            "red_flags_key": RED_FLAGS[0],
            "qlink": question_link,
            "label": self.label,
            "chapter": self.chapter,
            "formula_html": self.formula_html,
            "question": self.bank.by_id.__getitem__,
        }


# Pygments puts every token of a code block in a span, and pymdownx every
# line in one more (with an id for the site's line links). WeasyPrint makes a
# box of each, and most style nothing in print: names and punctuation have no
# rule in pygments.css. Without them the coding chapter, nearly all code, lays
# out in a third less time; what is printed is the same.
_STYLED_TOKENS = frozenset(re.findall(r"\.highlight \.([\w-]+)", (STYLES / "pygments.css").read_text("utf-8")))
_PRE = re.compile(r"<pre\b.*?</pre>", re.S)
_SPAN = re.compile(r"<span\b([^>]*)>|</span>")
_BARE = re.compile(r'(?: id="__span-[\d-]+"| class="([\w-]+)")?')


def _plain_code(markup: str) -> str:
    """Code blocks without the spans that style nothing in print (bare, line and unstyled token spans)."""

    def block(pre: re.Match[str]) -> str:
        kept: list[bool] = []

        def tag(match: re.Match[str]) -> str:
            if match.group(1) is None:  # a closing tag: it goes if its opening tag went
                return match.group(0) if kept.pop() else ""
            bare = _BARE.fullmatch(match.group(1))
            keep = bare is None or (bare.group(1) is not None and bare.group(1) in _STYLED_TOKENS)
            kept.append(keep)
            return match.group(0) if keep else ""

        return _SPAN.sub(tag, pre.group(0))

    return _PRE.sub(block, markup)


def _math_image(tex: str, svg: str, display: bool) -> str:
    # An <img> rather than inline SVG: WeasyPrint then parses the formula with
    # its XML parser instead of the HTML5 one and styles no SVG nodes, which
    # cuts a math-heavy chapter's render time by about a fifth.
    width, height, shift = svg_metrics(svg)
    src = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
    return render_template(
        "math-img.html.j2", src=src, tex=tex, display=display, width=width, height=height, shift=shift
    )


def topic_groups(topics: list[Topic], groups: int) -> list[list[Topic]]:
    """Split topics, in order, into about `groups` runs of similar question counts.

    The cheat sheet renders one part per run: an edit re-renders only its run,
    at the cost of at most one part-filled page per run.
    """
    total = sum(len(t.questions) for t in topics) or 1
    runs: list[list[Topic]] = [[]]
    done = 0
    for topic in topics:
        if runs[-1] and done >= total * len(runs) / groups:
            runs.append([])
        runs[-1].append(topic)
        done += len(topic.questions)
    return runs


def cheatsheet_parts(ctx: PrintContext, paper: str, groups: int = 4) -> list[PartRequest]:
    parts = []
    for index, topics in enumerate(topic_groups(ctx.bank.topics, groups)):
        html = render_template("print/cheatsheet.html.j2", topics=topics, first=index == 0, **ctx.common(CHEATSHEET))
        parts.append(PartRequest(f"cheatsheet-{index + 1}", html, stylesheets("cheatsheet", paper), str(STYLES)))
    return parts


def quiz_parts(ctx: PrintContext, paper: str) -> list[PartRequest]:
    """One part per topic (each starts a page, as a quiz section should), then the key."""
    sheets = stylesheets("quiz", paper)
    parts = [
        PartRequest(
            f"quiz-{topic.id}",
            render_template("print/quiz.html.j2", topic=topic, first=index == 0, **ctx.common(QUIZ)),
            sheets,
            str(STYLES),
        )
        for index, topic in enumerate(ctx.bank.topics)
    ]
    key = render_template("print/quiz-key.html.j2", **ctx.common(QUIZ))
    parts.append(PartRequest("quiz-key", key, sheets, str(STYLES)))
    return parts


def chapter_part(ctx: PrintContext, topic: Topic, paper: str) -> PartRequest:
    html = render_template(
        "print/chapter.html.j2", topic=topic, number=ctx.chapter[topic.id], **ctx.common(STUDY_GUIDE)
    )
    return PartRequest(f"guide-{topic.id}", html, stylesheets("guide", paper), str(STYLES))


def front_part(ctx: PrintContext, chapters: dict[str, RenderedPart], paper: str) -> PartRequest:
    """Cover and contents; page labels come from where the chapters put each anchor."""

    def page_label(topic_id: str, anchor: str) -> str:
        part = chapters[topic_id]
        page = part.anchors[anchor][0] + 1
        return f"{ctx.chapter[topic_id]}-{page}"

    html = render_template("print/front.html.j2", page_label=page_label, **ctx.common(STUDY_GUIDE))
    return PartRequest("guide-front", html, stylesheets("guide", paper), str(STYLES))


def topic_outline(ctx: PrintContext, *, questions: bool) -> list[OutlineEntry]:
    entries = []
    for topic in ctx.bank.topics:
        children = [OutlineEntry(f"{ctx.label(q.id)} {q.question}", q.id) for q in topic.questions] if questions else []
        title = f"{ctx.chapter[topic.id]}. {topic.title}"
        entries.append(OutlineEntry(title, f"topic-{topic.id}", children))
    return entries
