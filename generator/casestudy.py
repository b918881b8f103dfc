"""A case study's rendered pieces: its answer split by section, its rubric and its follow-ups.

The answer's ten sections open with bold run-in labels (validate.py checks
them); their converted paragraphs start with the same label in <strong>, so
the split happens on the converted HTML, once, in the generator. The design
round shows a reader's notes beside these sections without parsing HTML in
the browser.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .model import CASE_SECTIONS


@dataclass(frozen=True)
class Section:
    """One labelled section of a case study's answer, as HTML (label included)."""

    key: str
    title: str
    html: str


@dataclass(frozen=True)
class RubricPart:
    """One rubric section: its key, title and signals as inline HTML."""

    key: str
    title: str
    signals: list[str]


@dataclass(frozen=True)
class FollowUpHtml:
    """A follow-up's question as inline HTML and its answer as block HTML."""

    ask: str
    answer: str


@dataclass
class CaseStudyHtml:
    """A case study's extra pieces; math still as placeholders, like RenderedAnswer.markdown_html."""

    sections: list[Section] = field(default_factory=list)
    rubric: list[RubricPart] = field(default_factory=list)
    followups: list[FollowUpHtml] = field(default_factory=list)

    def map(self, place: Callable[[str], str], *, sections: bool = True) -> CaseStudyHtml:
        """The same pieces with `place` applied to every piece of HTML (math placed for an output).

        Only the design round shows the sections; an output without them skips their work.
        """
        return CaseStudyHtml(
            [Section(s.key, s.title, place(s.html)) for s in self.sections] if sections else [],
            [RubricPart(r.key, r.title, [place(x) for x in r.signals]) for r in self.rubric],
            [FollowUpHtml(place(f.ask), place(f.answer)) for f in self.followups],
        )


def _label_start(title: str) -> re.Pattern[str]:
    return re.compile(rf"<p><strong>{re.escape(title)}\.</strong>")


def split_sections(html: str) -> list[Section]:
    """The answer's HTML cut at each section label, in order; [] if a label is missing.

    What precedes the first label (the opening paragraph and the diagram) is
    in no section: the round shows the diagram with the whole answer.
    """
    starts = []
    for key, title in CASE_SECTIONS:
        match = _label_start(title).search(html)
        if match is None:
            return []
        starts.append((match.start(), key, title))
    if [s for s, _, _ in starts] != sorted(s for s, _, _ in starts):
        return []
    ends = [s for s, _, _ in starts[1:]] + [len(html)]
    return [Section(key, title, html[start:end].strip()) for (start, key, title), end in zip(starts, ends, strict=True)]
