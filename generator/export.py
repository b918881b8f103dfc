"""Machine-readable exports of the bank for other tools."""

from __future__ import annotations

import json

from .links import question_url
from .model import Bank


def questions_json(bank: Bank, short_text: dict[str, str]) -> str:
    """The whole bank as JSON; urls (each question's own page) are relative to the site root.

    `short` and `answer` are the Markdown as written; `short_text` is the short
    answer as a reader sees it.
    """
    records = [
        {
            "id": q.id,
            "topic": q.topic_id,
            "topic_title": bank.topic_of(q).title,
            "number": q.number,
            "question": q.question,
            "short": q.short,
            "short_text": short_text[q.id],
            "answer": q.answer,
            "difficulty": q.difficulty,
            "tags": q.tags,
            "related": q.related,
            "referenced_by": q.backlinks,
            "formula": q.formula,
            "reviewed": str(q.reviewed) if q.reviewed else None,
            "sources": [{"title": s.title, "url": s.url} for s in q.sources],
            "url": question_url(q),
            # Case studies only: the rubric by section and the follow-ups, as written.
            **(
                {
                    "rubric": {part.key: part.signals for part in q.rubric},
                    "followups": [{"ask": f.ask, "answer": f.answer} for f in q.followups],
                }
                if q.case_study
                else {}
            ),
        }
        for q in bank.questions
    ]
    return json.dumps({"questions": records}, ensure_ascii=False, indent=1) + "\n"


def deck_json(bank: Bank) -> str:
    """The study pages' deck: what a card shows before its answer, for every question.

    Practice, mock and progress load this first (a tenth of questions.json) and
    fetch each answer from its question's page as the card comes up.
    """
    records = [
        {
            "id": q.id,
            "topic": q.topic_id,
            "topic_title": bank.topic_of(q).title,
            "question": q.question,
            "difficulty": q.difficulty,
            "tags": q.tags,
            "url": question_url(q),
        }
        for q in bank.questions
    ]
    return json.dumps({"questions": records}, ensure_ascii=False, separators=(",", ":")) + "\n"
