"""Every page of the docs tree as Markdown, from the Jinja templates.

The pages carry the bank already converted to HTML (question bodies, short
answers), so a site engine only lays them out: no project hooks, no custom
Markdown. Contributor text that stays in Markdown (headings, link labels,
front matter) goes through `md_text` or `tojson` in the templates.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from . import outputs
from .casestudy import CaseStudyHtml
from .links import (
    page_url,
    question_page,
    relative_url,
    topic_page,
)
from .model import CASE_SECTIONS, DIFFICULTIES, FOLLOWUPS_TITLE, RED_FLAGS, Bank, Question, Topic
from .templating import render_template

HOME = "index.md"
ALL_QUESTIONS = "questions.md"
TAGS = "tags.md"
PRACTICE = "practice.md"
PROGRESS = "progress.md"
MOCK = "mock.md"
# The design round: two folders deep like a question page, so the case
# studies' sections (formula images included) link from it as they do there.
DESIGN = "mock/design.md"
QUESTIONS_JSON = "questions.json"
# What the study pages load first: no answers (export.deck_json).
DECK_JSON = "deck.json"
# Topic and question pages stand two folders deep (topics/x/, questions/x/):
# links from a body made for a neutral page at that depth serve both.
BODY_PAGE = "_/_.md"
# The site root from such a page, for files the engine does not rewrite.
_BODY_ROOT = "../.."
# Where a question's body goes in a page's Markdown. A page's bodies are one
# theme template (overrides/qb-bodies/<name>.html, named by the page's
# `qb_bodies`), the bodies in page order with the marker between them;
# partials/content.html puts each at its marker. The engine never parses their
# HTML as Markdown, which was most of a large build, and never rewrites their
# links (Zensical would: see markdown_href).
BODY_MARKER = "<!-- qb-body -->"
BODY_TEMPLATES = "qb-bodies"


def body_template(page: str) -> str:
    """The name of a page's bodies template (under BODY_TEMPLATES, without .html)."""
    return page.removesuffix(".md")


@dataclass(frozen=True)
class Grade:
    """One answer grade: its name in the schedule (schedule.js RATINGS), key and help text."""

    name: str
    label: str
    key: str
    effect: str


# The drill's four grades, for its buttons and its help table alike; the
# buttons show the interval each gives, computed by FSRS in the browser.
GRADES = (
    Grade("again", "Again", "1", "You did not know it. The card comes back in this session and soon after."),
    Grade("hard", "Hard", "2", "You got there with effort. A short interval, and the card counts as harder."),
    Grade("good", "Good", "3", "You knew it. The interval grows by how well FSRS expects you to remember."),
    Grade("easy", "Easy", "4", "You knew it at once. A longer interval than Good, and the card counts as easier."),
)


@dataclass(frozen=True)
class MockRating:
    """A mock interview self-rating and the drill grade it feeds into the schedule."""

    name: str
    label: str
    key: str
    grade: str


MOCK_RATINGS = (
    MockRating("known", "Know it", "1", "good"),
    MockRating("partly", "Partly", "2", "hard"),
    MockRating("unknown", "Don't know", "3", "again"),
)
MOCK_LENGTHS = (30, 45, 60)
# Minutes a mock interview allows for one question of each level.
MOCK_MINUTES = {"basic": 4, "intermediate": 6, "advanced": 8}


@dataclass(frozen=True)
class DesignPhase:
    """One phase of the design round: its minutes, its prompt, the rubric sections it is graded on."""

    key: str
    title: str
    minutes: int
    sections: tuple[str, ...]
    prompt: str


# The framework's 45-minute split (ml-system-design-framework): its steps 5-6,
# 8-9 and 10 plus follow-ups are one phase each here, so 8 phases cover the
# ten rubric sections.
DESIGN_PHASES = (
    DesignPhase(
        "clarify",
        "Clarify",
        5,
        ("clarify",),
        "Ask what the product is for and who uses it. Write down the goal and the one metric it implies, the scale "
        "(users, requests, catalogue), the latency, freshness and availability targets, and any constraints.",
    ),
    DesignPhase(
        "estimate",
        "Estimate",
        3,
        ("capacity",),
        "Turn the numbers into average and peak QPS, bytes logged a day, index or feature-store memory and model "
        "scorings a second. Say what each number rules in or out.",
    ),
    DesignPhase(
        "data",
        "Data and labels",
        5,
        ("data",),
        "Name the sources and the exact label, when labels arrive, and the biases: position, selection, and the "
        "current system shaping its own data.",
    ),
    DesignPhase(
        "features",
        "Features",
        4,
        ("features",),
        "List the feature groups (user, item, context, cross, real-time) and where each is computed: batch, stream "
        "or at request time.",
    ),
    DesignPhase(
        "models",
        "Models and metrics",
        12,
        ("models", "metrics"),
        "Climb a model ladder from a baseline to what you would ship, with cold start. Then give an offline metric "
        "per stage, the online metric that decides, its guardrails, and how the test is read.",
    ),
    DesignPhase(
        "serving",
        "Serving",
        6,
        ("serving",),
        "Split batch from online work, place caches, indexes and the feature store, and give a latency budget per "
        "stage that sums to the target, with a fallback for each slow stage.",
    ),
    DesignPhase(
        "monitoring",
        "Monitoring and failure modes",
        6,
        ("monitoring", "failures"),
        "Say which data, model and system signals you watch and which of them page someone. Then walk through "
        "failures (outages, feedback loops, drift, abuse, cold start), each with its fallback.",
    ),
    DesignPhase(
        "wrap-up",
        "Wrap-up",
        4,
        ("tradeoffs",),
        "Sum up the design in three sentences, name the two or three main trade-offs and what each costs, and say "
        "what you would build next.",
    ),
)


@dataclass(frozen=True)
class DesignGrade:
    """A band of rubric scores and the drill grade it feeds into the case's schedule (grading.js)."""

    grade: str
    below: float | None  # the band's upper end as a share of signals met; None for the top band
    meaning: str


# FSRS grades recall: how well the design came back under the clock. Under
# half of the signals would not pass the round, so it is a lapse (Again) and
# the case returns soon; passing with clear gaps is Hard (a short interval);
# a solid design Good; nearly every signal Easy. Each red flag raised lowers
# the grade one band (grading.js), since interviewers weigh a red flag above a
# missing detail.
DESIGN_GRADES = (
    DesignGrade("again", 0.5, "Under half the signals: the design would not pass, so the case comes back soon."),
    DesignGrade("hard", 0.7, "Passed with clear gaps: a short interval."),
    DesignGrade("good", 0.9, "A solid design: the interval grows as FSRS expects."),
    DesignGrade("easy", None, "Nearly every signal: a long interval."),
)


@dataclass(frozen=True)
class RenderedText:
    """A question's converted pieces: HTML with math already placed, and plain text."""

    answer_html: str
    short_html: str
    short_text: str
    # A case study's follow-ups, rubric and sections, math placed as on the page.
    case: CaseStudyHtml | None = None


@dataclass(frozen=True)
class Repository:
    """Where the bank's source lives, for edit and report links (mkdocs.yml repo_url)."""

    url: str
    branch: str = "main"

    def edit_url(self, question: Question) -> str:
        return f"{self.url.rstrip('/')}/blob/{self.branch}/{question.location.path}#L{question.location.line}"

    def report_url(self, question: Question) -> str:
        where = f"{question.location.path}:{question.location.line}"
        body = f"Question id: `{question.id}`\nFile: {where}\n\nWhat is wrong:\n"
        query = urlencode({"title": f"Problem in question {question.id}", "body": body})
        return f"{self.url.rstrip('/')}/issues/new?{query}"


def site_url(from_page: str, to_path: str) -> str:
    """A URL relative to a page, for a file the site engine does not rewrite (raw HTML)."""
    here = page_url(from_page) or "."
    return posixpath.relpath(to_path, here) if to_path else "./"


def markdown_href(engine: str, from_page: str, to_url: str, anchor: str = "") -> str:
    """An `href` or `src` in a page's Markdown, to a site URL (a page's ends in "/").

    MkDocs leaves raw HTML alone, so the URL is relative to the built page.
    Zensical resolves every relative `href` and `src` in the Markdown against
    the source file, as it does a Markdown link, and rewrites it for the built
    page: there the URL is relative to the source file's folder. (`data-`
    attributes are left alone by both, so they stay relative to the page.)
    """
    here = (posixpath.dirname(from_page) if engine == "zensical" else page_url(from_page)) or "."
    url = posixpath.relpath(to_url or ".", here)
    url = "./" if url == "." else url + ("/" if to_url.endswith("/") and not url.endswith("/") else "")
    return f"{url}#{anchor}" if anchor else url


def _context(bank: Bank, page: str) -> dict:
    return {
        "bank": bank,
        "difficulties": DIFFICULTIES,
        "question": bank.by_id.__getitem__,
        "topic_page": lambda tid: posixpath.relpath(topic_page(tid), posixpath.dirname(page) or "."),
        "question_page": lambda qid: posixpath.relpath(question_page(qid), posixpath.dirname(page) or "."),
        "question_url": lambda qid: relative_url(page, question_page(qid)),
        "site_topic_url": lambda tid: relative_url(page, topic_page(tid)),
        "tag_url": lambda tag: relative_url(page, TAGS, f"tag:{tag}"),
        "followups_title": FOLLOWUPS_TITLE,
        "red_flags_key": RED_FLAGS[0],
    }


@dataclass(frozen=True)
class RenderedExercise:
    """A question's coding exercise, its Markdown and code already HTML."""

    kind: str
    statement_html: str
    starter_html: str
    solution_html: str
    hints_html: list[str]
    bugs_html: list[str]
    # The exercise's JSON (starter and tests), relative to the site root.
    data_path: str


def question_body(
    bank: Bank, q: Question, text: RenderedText, *, open_answer: bool, exercise: RenderedExercise | None = None
) -> str:
    """A question's body as HTML: tags, study buttons, the exercise if any, the answer, related links.

    The question's own page (open_answer) has the whole exercise and keeps the
    answer folded, so the reader tries first; the topic page has a stub that
    fetches it from there on request (many exercises would make it too heavy).
    """
    return render_template(
        "question-body.html.j2",
        q=q,
        open=open_answer and exercise is None,
        open_page=open_answer,
        short_html=text.short_html,
        answer_html=text.answer_html,
        case=text.case,
        exercise=exercise,
        exercise_data=posixpath.join(_BODY_ROOT, exercise.data_path) if exercise else None,
        **_context(bank, BODY_PAGE),
    )


def topic_markdown(bank: Bank, topic: Topic, pdf: str | None, *, engine: str = "mkdocs") -> str:
    """A topic page's Markdown, with a marker where each question's body goes."""
    page = topic_page(topic.id)
    return render_template(
        "topic.md.j2",
        topic=topic,
        body_template=body_template(page),
        body_marker=BODY_MARKER,
        pdf_url=markdown_href(engine, page, pdf) if pdf else None,
        **_context(bank, page),
    )


def question_markdown(bank: Bank, q: Question, text: RenderedText) -> str:
    """A question page's Markdown: front matter, heading, and the marker where its body goes."""
    return render_template(
        "question.md.j2",
        q=q,
        body_template=body_template(question_page(q.id)),
        body_marker=BODY_MARKER,
        short_text=text.short_text,
    )


def question_page_body(
    bank: Bank,
    topic: Topic,
    index: int,
    text: RenderedText,
    repository: Repository | None,
    exercise: RenderedExercise | None = None,
) -> str:
    """Everything of a question's own page below its heading, as HTML: the body with the answer open, the pager.

    The question is topic.questions[index].
    """
    q = topic.questions[index]
    page = question_page(q.id)
    return render_template(
        "question-page.html.j2",
        q=q,
        topic=topic,
        position=index + 1,
        previous=topic.questions[index - 1] if index > 0 else None,
        next=topic.questions[index + 1] if index + 1 < len(topic.questions) else None,
        topic_url=relative_url(page, topic_page(topic.id)),
        body=question_body(bank, q, text, open_answer=True, exercise=exercise),
        edit_url=repository.edit_url(q) if repository else None,
        report_url=repository.report_url(q) if repository else None,
        **_context(bank, page),
    )


def home_markdown(bank: Bank, downloads: list[outputs.Download], topic_pdfs: Mapping[str, str]) -> str:
    def download_url(download: outputs.Download) -> str:
        return site_url(HOME, f"{outputs.SITE_FOLDER}/{download.filename}")

    return render_template(
        "home.md.j2",
        downloads=downloads,
        download_url=download_url,
        topic_pdfs=[(t, site_url(HOME, topic_pdfs[t.id])) for t in bank.topics if t.id in topic_pdfs],
        **_context(bank, HOME),
    )


def _deck_url(page: str) -> str:
    return site_url(page, DECK_JSON)


# Minutes a mock interview's coding round allows for one exercise of each level.
MOCK_CODING_MINUTES = {"basic": 10, "intermediate": 15, "advanced": 20}
MOCK_CODING_COUNTS = (1, 2, 3)


def simple_pages(bank: Bank, exercise_index: str | None = None, engine: str = "mkdocs") -> dict[str, str]:
    """The pages that list the bank without its answers.

    exercise_index: the exercise index's path in the site, when the bank has exercises.
    """
    pages = {
        ALL_QUESTIONS: render_template(
            "questions.md.j2",
            question_href=lambda qid: markdown_href(engine, ALL_QUESTIONS, page_url(question_page(qid))),
            **_context(bank, ALL_QUESTIONS),
        ),
        TAGS: render_template("tags.md.j2", **_context(bank, TAGS)),
    }
    for page, template in ((PRACTICE, "practice.md.j2"), (PROGRESS, "progress.md.j2"), (MOCK, "mock.md.j2")):
        pages[page] = render_template(
            template,
            deck=_deck_url(page),
            exercises_json=site_url(page, exercise_index) if exercise_index else None,
            coding_minutes=MOCK_CODING_MINUTES,
            coding_counts=MOCK_CODING_COUNTS,
            grades=GRADES,
            mock_ratings=MOCK_RATINGS,
            mock_lengths=MOCK_LENGTHS,
            mock_minutes=MOCK_MINUTES,
            **_context(bank, page),
        )
    return pages


def design_body(bank: Bank, texts: Mapping[str, RenderedText]) -> str:
    """The design round's body: the tool, and every case study's sections and rubric as inert templates."""
    cases = [(q, texts[q.id].case) for q in bank.questions if q.case_study and texts[q.id].case]
    return render_template(
        "design-round.html.j2",
        cases=cases,
        phases=DESIGN_PHASES,
        phases_data=[asdict(phase) for phase in DESIGN_PHASES],
        grades_data=[asdict(grade) for grade in DESIGN_GRADES],
        **_context(bank, BODY_PAGE),
    )


def design_markdown(bank: Bank) -> str:
    """The design round page's Markdown, with the marker where its body goes."""
    return render_template(
        "design.md.j2",
        body_template=body_template(DESIGN),
        body_marker=BODY_MARKER,
        phases=DESIGN_PHASES,
        grades=DESIGN_GRADES,
        section_titles=dict(CASE_SECTIONS),
        cases=[q for q in bank.questions if q.case_study],
        **_context(bank, DESIGN),
    )


def nav(bank: Bank) -> list[dict]:
    """The navigation: question pages stay out of it, each is reached from its topic."""
    return [
        {"Home": HOME},
        {"How to study": "how-to-use.md"},
        {"Topics": [{t.title: topic_page(t.id)} for t in bank.topics]},
        {"Practice": PRACTICE},
        {"Mock interview": MOCK},
        {"Design round": DESIGN},
        {"Progress": PROGRESS},
        {"All questions": ALL_QUESTIONS},
        {"Tags": TAGS},
    ]
