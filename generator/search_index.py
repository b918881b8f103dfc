"""The search index the site ships: one document per question, with its fields kept apart.

MkDocs' search plugin indexes pages section by section, so a topic page that
carries every question's tags outranks the questions themselves. Here each
question is one document with its text, tags, short answer and body as
separate fields, which the site's search worker (MiniSearch) weighs in that
order; the other pages keep the entries the plugin made for them.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from pathlib import Path

from .answers import RenderedAnswer, plain_text
from .files import write_bytes_atomic
from .links import QUESTION_DIR, TOPIC_DIR, question_url
from .model import Bank

INDEX = Path("search") / "search_index.json"
# Pages whose entries would crowd the questions out, or duplicate them.
_LEFT_OUT = (f"{QUESTION_DIR}/", f"{TOPIC_DIR}/", "tags/")


def _followups_html(rendered: RenderedAnswer) -> str:
    """A case study's follow-ups, searched as part of its body (they were in the answer once)."""
    if rendered.case is None:
        return ""
    return "".join(f" {f.ask} {f.answer}" for f in rendered.case.followups)


def question_documents(bank: Bank, answers: Mapping[str, RenderedAnswer]) -> list[dict]:
    documents = []
    for q in bank.questions:
        rendered = answers[q.id]
        topic = bank.topic_of(q)
        documents.append(
            {
                "location": question_url(q),
                "id": q.id,
                # Material shows title and text as HTML: the bank's text is escaped.
                "title": html.escape(q.question),
                "text": html.escape(f"{topic.title} · {q.difficulty.capitalize()} · {rendered.short_text}"),
                "tags": q.tags,
                "short": rendered.short_text,
                "body": plain_text(rendered.markdown_html + _followups_html(rendered)),
                # A from-scratch exercise ranks just below the concept it implements.
                "exercise": q.id.startswith("implement-"),
            }
        )
    return documents


def rewrite_index(site_dir: Path, bank: Bank, answers: Mapping[str, RenderedAnswer]) -> int:
    """Replace the engine's question, topic and tag entries by one document per question; the index's size."""
    path = site_dir / INDEX
    index = json.loads(path.read_text(encoding="utf-8"))
    kept = [doc for doc in index["docs"] if not doc["location"].startswith(_LEFT_OUT)]
    index["docs"] = question_documents(bank, answers) + kept
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    write_bytes_atomic(path, data)
    return len(data)
