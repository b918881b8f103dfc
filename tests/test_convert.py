"""Markdown converted in batches: worker processes, the cache, and numbering code blocks through a page."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import convert
from generator.convert import Converted, MarkdownCache, convert_all, convert_one
from generator.workers import Runner

TEXTS = [f"Answer {i}: **bold**, `code` and $x_{i}$.\n\n```python\nvalue = {i}\n```\n" for i in range(10)]
MISSING_SNIPPET = '```python\n--8<-- "code_examples/no-such-file.py"\n```\n'


def test_worker_processes_convert_as_this_process_does(tmp_path: Path) -> None:
    texts = [*TEXTS, MISSING_SNIPPET]
    expected = [convert_one(t).html for t in TEXTS]
    arrived: list[int] = []
    with Runner(2) as runner:
        results = convert_all(
            texts,
            MarkdownCache(tmp_path / "c.json"),
            lambda i, _r: arrived.append(i),
            runner=runner,
            pieces_per_worker=1,
        )
    assert [r.html for r in results[:-1]] == expected
    assert "<strong>bold</strong>" in results[3].html and "value" in results[3].html
    assert results[-1].html is None and "no-such-file.py" in results[-1].error
    assert arrived == list(range(len(texts)))


def test_converted_pieces_come_from_the_cache_and_failures_do_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_file = tmp_path / "c.json"
    cache = MarkdownCache(cache_file)
    first = convert_all([*TEXTS[:3], MISSING_SNIPPET], cache)
    cache.save()
    calls: list[str] = []

    def counting(text: str) -> Converted:
        calls.append(text)
        return Converted(None, "converted again")

    monkeypatch.setattr(convert, "convert_one", counting)
    again = convert_all([*TEXTS[:3], MISSING_SNIPPET], MarkdownCache(cache_file))
    assert [r.html for r in again[:3]] == [r.html for r in first[:3]]
    assert calls == [MISSING_SNIPPET]  # a failure is reported again on the next run
