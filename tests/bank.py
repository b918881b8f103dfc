"""Read the question bank straight from YAML, for tests that check its facts.

Kept independent of the generator on purpose: a content test must not pass
just because the generator and the test share a bug.
"""

from __future__ import annotations

import functools
import pathlib

import yaml

CONTENT = pathlib.Path(__file__).resolve().parent.parent / "content"


@functools.cache
def _questions() -> dict[str, dict]:
    found: dict[str, dict] = {}
    for path in sorted(CONTENT.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for q in data.get("questions", []):
            found[q["id"]] = q
    return found


def question(qid: str) -> dict:
    """The question with this id, as a plain dict."""
    return _questions()[qid]


def answer(qid: str) -> str:
    """The Markdown answer of the question with this id."""
    return question(qid)["answer"]


def answer_words(qid: str) -> str:
    """The answer with whitespace folded, for substring checks across line breaks."""
    return " ".join(answer(qid).split())


def all_questions() -> dict[str, dict]:
    """Every question in the bank keyed by id (a fresh dict, so callers cannot alter the cache)."""
    return dict(_questions())


def followup_words(qid: str) -> str:
    """A case study's follow-ups, asks and answers, with whitespace folded."""
    items = question(qid).get("followups") or []
    return " ".join(" ".join(f"{item['ask']} {item['answer']}" for item in items).split())
