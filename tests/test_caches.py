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


def test_one_pruning_rule_for_file_caches(tmp_path: Path) -> None:
    import os
    import time

    from generator.cache import FileCache, now

    cache = FileCache(tmp_path / "files")
    cache.put("old.svg", b"<svg/>")
    cache.put("kept.svg", b"<svg/>")
    past = time.time() - 3600
    for name in ("old.svg", "kept.svg"):
        os.utime(cache.path(name), (past, past))
    started = now()
    assert cache.get("kept.svg") is not None  # used by this run
    assert cache.get("missing.svg") is None
    cache.prune(started)
    assert not cache.path("old.svg").exists() and cache.path("kept.svg").exists()


def test_a_partial_run_keeps_every_json_entry(tmp_path: Path) -> None:
    from generator.cache import JsonCache

    path = tmp_path / "c.json"
    cache = JsonCache(path)
    cache.put("a", "1")
    cache.put("b", "2")
    cache.save(complete=True)
    partial = JsonCache(path)
    assert partial.get("a") == "1"
    partial.save(complete=False)
    assert JsonCache(path).get("b") == "2"
