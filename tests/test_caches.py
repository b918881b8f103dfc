"""Content caches must never serve stale output."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import paths
from generator.convert import MarkdownCache


def test_markdown_cache_key_follows_the_answer_and_its_snippets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    (tmp_path / "code.py").write_text("print(1)\n")
    cache = MarkdownCache(tmp_path / "answers.json")
    text = 'Code:\n\n```python\n--8<-- "code.py"\n```\n'
    first = cache.key(text)
    assert cache.key(text) == first
    assert cache.key(text + "More.") != first
    (tmp_path / "code.py").write_text("print(2)\n")
    assert cache.key(text) != first  # the embedded file changed, so the page must too
    assert cache.key('--8<-- "missing.py"') is None  # never cached: the real render reports it


def test_markdown_cache_round_trip_keeps_only_what_was_used(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    cache = MarkdownCache(path)
    cache.put("a", "<p>a</p>")
    cache.put("b", "<p>b</p>")
    cache.save()
    again = MarkdownCache(path)
    assert again.get("a") == "<p>a</p>"
    again.save()  # "b" was not used in this run
    assert MarkdownCache(path).get("b") is None
