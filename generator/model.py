"""The question bank as data classes: what every later stage works on."""

from __future__ import annotations

from dataclasses import dataclass, field

DIFFICULTIES = ("basic", "intermediate", "advanced")
# Questions with this tag are system-design case studies: they carry a rubric and follow-ups.
CASE_STUDY_TAG = "case-study"
# A case study's ten sections: its rubric's keys and its answer's bold run-in labels, in order.
CASE_SECTIONS = (
    ("clarify", "Clarify and requirements"),
    ("capacity", "Capacity estimate"),
    ("data", "Data and labels"),
    ("features", "Features"),
    ("models", "Model ladder"),
    ("metrics", "Offline and online metrics"),
    ("serving", "Serving and latency budget"),
    ("monitoring", "Monitoring"),
    ("failures", "Failure modes"),
    ("tradeoffs", "Trade-offs"),
)
RED_FLAGS = ("red-flags", "Red flags")
# The heading the follow-ups keep from the box they replaced.
FOLLOWUPS_TITLE = "Follow-ups to expect"
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True)
class Location:
    """Where a value stands in its source file (1-based line and column)."""

    path: str
    line: int
    column: int


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month, such as the month an answer was last reviewed."""

    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """How a page shows it: "December 2026"."""
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"

    def months_before(self, later: Month) -> int:
        return (later.year - self.year) * 12 + later.month - self.month


@dataclass(frozen=True)
class Source:
    """A primary reference an answer rests on: a paper, official documentation, a regulation."""

    title: str
    url: str


@dataclass(frozen=True)
class RubricSection:
    """One section of a case study's rubric: signals of a strong answer (or, for red flags, of a weak one)."""

    key: str
    title: str
    signals: list[str]


@dataclass(frozen=True)
class FollowUp:
    """A probe an interviewer asks after the design, and a short answer to it."""

    ask: str
    answer: str


@dataclass
class Question:
    id: str
    question: str
    short: str
    answer: str
    difficulty: str
    tags: list[str]
    related: list[str]
    formula: str | None
    topic_id: str
    location: Location
    # Where the answer's text begins, for errors found while rendering it.
    answer_location: Location
    # The month of the last expert review, and the references the answer rests on.
    reviewed: Month | None = None
    sources: list[Source] = field(default_factory=list)
    # Case studies only: the ten sections then the red flags, and the follow-ups.
    rubric: list[RubricSection] = field(default_factory=list)
    followups: list[FollowUp] = field(default_factory=list)
    # Filled in by the link stage.
    backlinks: list[str] = field(default_factory=list)
    number: int = 0

    @property
    def case_study(self) -> bool:
        return CASE_STUDY_TAG in self.tags


@dataclass
class Topic:
    id: str
    title: str
    summary: str
    order: int
    questions: list[Question]
    location: Location

    def count(self, difficulty: str) -> int:
        return sum(1 for q in self.questions if q.difficulty == difficulty)

    @property
    def tags(self) -> list[str]:
        seen: dict[str, None] = {}
        for q in self.questions:
            for tag in q.tags:
                seen.setdefault(tag, None)
        return sorted(seen)


@dataclass
class Bank:
    topics: list[Topic]
    by_id: dict[str, Question] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.topics.sort(key=lambda t: (t.order, t.id))
        self.by_id = {q.id: q for t in self.topics for q in t.questions}

    @property
    def questions(self) -> list[Question]:
        return [q for t in self.topics for q in t.questions]

    def topic_of(self, question: Question) -> Topic:
        return next(t for t in self.topics if t.id == question.topic_id)

    @property
    def tags(self) -> list[str]:
        return sorted({tag for q in self.questions for tag in q.tags})
