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
                "body": plain_text(rendered.markdown_html),
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


ZENSICAL_INDEX = Path("search.json")


def rewrite_zensical_index(site_dir: Path, bank: Bank, answers: Mapping[str, RenderedAnswer]) -> int:
    """The same index for Zensical's search box; the size of what it loads on every page.

    Zensical's box loads search.json with each page, hands its items to the
    worker named in the page's config (search-zensical.js, which passes the
    queries to the site's search worker) and shows the results from those
    items: there, one short item per question, what a result shows. The
    worker's own index is written where MkDocs' is, with the same documents.
    """
    path = site_dir / ZENSICAL_INDEX
    index = json.loads(path.read_text(encoding="utf-8"))
    kept = [item for item in index["items"] if not item["location"].startswith(_LEFT_OUT)]
    documents = question_documents(bank, answers)
    topics = {q.id: bank.topic_of(q).title for q in bank.questions}
    # No tags on the items: Zensical would offer a tag filter, which the worker does not take.
    shown = [
        {"location": d["location"], "title": d["title"], "text": d["text"], "path": [topics[d["id"]]], "tags": []}
        for d in documents
    ]
    index["items"] = shown + kept
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    write_bytes_atomic(path, data)
    own = {"config": index["config"], "docs": documents + [_page_document(item) for item in kept]}
    write_bytes_atomic(site_dir / INDEX, json.dumps(own, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return len(data)


def _page_document(item: dict) -> dict:
    """A section of another page, as MkDocs' search plugin would have listed it."""
    return {"location": item["location"], "title": item["title"], "text": item["text"]}
