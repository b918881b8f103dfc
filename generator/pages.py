"""Render the bank into the Markdown pages MkDocs builds: home, topics, indexes."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .links import markdown_link, relative_url, topic_page
from .model import DIFFICULTIES, Bank, Question
from .templating import render_template

HOME = "index.md"
ALL_QUESTIONS = "questions.md"
TAGS = "tags.md"
PRACTICE = "practice.md"
PROGRESS = "progress.md"
QUESTIONS_JSON = "questions.json"


@dataclass(frozen=True)
class Download:
    title: str
    filename: str
    description: str


# config.extra key naming the downloads a full build delivers into the site
# after MkDocs has run (build.py); the hooks list them as placeholders until then.
PENDING_DOWNLOADS = "question_bank_pending_downloads"

DOWNLOADS = (
    Download(
        "Cheat sheet", "ml-interview-cheatsheet.pdf", "Every question with its one-line answer, for the night before."
    ),
    Download("Study guide", "ml-interview-study-guide.pdf", "The whole bank as a book, every answer in full."),
    Download("Self-quiz", "ml-interview-quiz.pdf", "Numbered questions with room to think and an answer key."),
    Download("Anki deck", "ml-interview.apkg", "One card per question, a sub-deck per topic; re-import to update."),
    Download("Spreadsheet", "ml-interview.csv", "Id, topic, difficulty, question and short answer, one row each."),
)


def _linker(bank: Bank, page: str):
    def link(qid: str) -> str:
        return markdown_link(page, bank.by_id[qid])

    return link


def _context(bank: Bank, page: str) -> dict:
    return {
        "bank": bank,
        "difficulties": DIFFICULTIES,
        "link": _linker(bank, page),
        "question": bank.by_id.__getitem__,
        "topic_page": topic_page,
        "tag_url": lambda tag: relative_url(page, TAGS, f"tag:{tag}"),
    }


def topic_markdown(bank: Bank, topic_id: str) -> str:
    topic = next(t for t in bank.topics if t.id == topic_id)
    page = topic_page(topic_id)
    return render_template("topic.md.j2", topic=topic, page=page, **_context(bank, page))


def question_body_markdown(bank: Bank, question: Question) -> str:
    """Markdown of a question below its heading, converted on its own (page_bodies.py).

    MkDocs never sees this Markdown, so its links are the final relative URLs.
    """
    page = topic_page(question.topic_id)
    context = _context(bank, page)
    context["link"] = lambda qid: relative_url(page, topic_page(bank.by_id[qid].topic_id), qid)
    return render_template("question-body.md.j2", q=question, **context)


def home_markdown(bank: Bank, available_downloads: list[Download]) -> str:
    return render_template("home.md.j2", downloads=available_downloads, all_downloads=DOWNLOADS, **_context(bank, HOME))


def questions_markdown(bank: Bank) -> str:
    return render_template("questions.md.j2", **_context(bank, ALL_QUESTIONS))


def tags_markdown(bank: Bank) -> str:
    return render_template("tags.md.j2", **_context(bank, TAGS))


def _questions_json_url(page: str) -> str:
    """URL of questions.json relative to a generated page's directory URL."""
    folder = page.removesuffix(".md")
    return posixpath.relpath(QUESTIONS_JSON, folder)


def practice_markdown(bank: Bank) -> str:
    return render_template("practice.md.j2", questions_json=_questions_json_url(PRACTICE), **_context(bank, PRACTICE))


def progress_markdown(bank: Bank) -> str:
    return render_template("progress.md.j2", questions_json=_questions_json_url(PROGRESS), **_context(bank, PROGRESS))
