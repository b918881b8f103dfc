"""Read the question bank straight from YAML, for tests that check its facts.

Kept independent of the generator on purpose: a content test must not pass
just because the generator and the test share a bug.
"""

from __future__ import annotations

import functools
import pathlib
import re
from collections.abc import Iterable

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


def python_block(qid: str) -> dict:
    """Run the answer's single Python block (our own bank text) and return the names it defines."""
    blocks = re.findall(r"```python\n(.*?)```", answer(qid), re.S)
    assert len(blocks) == 1, qid
    namespace: dict = {"__name__": qid.replace("-", "_")}
    exec(compile(blocks[0], qid, "exec"), namespace)
    return namespace


HOUSE_PARTS = ("**How it works.**", "**Example.**", "**Trade-offs.**", 'question "Follow-up to expect"')


def house_shape_counts(ids: Iterable[str]) -> dict[str, int]:
    """Check each question has the house shape (short, review month, parts, related, sources); count its levels."""
    counts = {"basic": 0, "intermediate": 0, "advanced": 0}
    for qid in ids:
        q = question(qid)
        text = answer_words(qid)
        counts[q["difficulty"]] += 1
        assert len(q["short"]) <= 200, qid
        assert q.get("reviewed"), qid
        for part in HOUSE_PARTS:
            assert part in text, (qid, part)
        assert 2 <= len(q["related"]) <= 5 and qid not in q["related"], qid
        for src in q.get("sources", []):
            assert src["url"].startswith("https://"), qid
            if "arxiv.org" in src["url"]:
                assert src["url"].startswith("https://arxiv.org/abs/"), qid
    return counts
