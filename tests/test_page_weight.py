"""Budgets: what each kind of page costs a reader before they touch it, read from the built files.

The sum of the gzipped bytes of the page and everything it loads before any
interaction (tests/pageweight.py says what counts). The search index, the
engine and the answers wait for the reader, so they are not in it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pageweight import first_question_page, largest_topic_page, page_weight

KB = 1024
BUDGETS = {"question": 150 * KB, "home": 150 * KB, "largest topic": 250 * KB, "study page": 250 * KB}


def _pages(site: Path) -> list[tuple[str, str]]:
    return [
        ("home", "index.html"),
        ("question", first_question_page(site)),
        ("largest topic", largest_topic_page(site)),
        ("study page", "practice/index.html"),
        ("study page", "mock/index.html"),
        ("study page", "progress/index.html"),
    ]


@pytest.mark.parametrize("kind", sorted(BUDGETS))
def test_each_kind_of_page_stays_within_its_budget(shipped_build: Path, kind: str) -> None:
    for page_kind, page in _pages(shipped_build):
        if page_kind != kind:
            continue
        weight = page_weight(shipped_build, page)
        heaviest = sorted(weight.files.items(), key=lambda item: -item[1])[:5]
        assert weight.total <= BUDGETS[kind], (page, weight.total, heaviest)


def test_nothing_of_search_loads_with_a_page(shipped_build: Path) -> None:
    for _, page in _pages(shipped_build):
        files = page_weight(shipped_build, page).files
        assert not [f for f in files if "/qb/" in f or "search-engine" in f or "minisearch" in f], page
        # Material's own fetch of the index brings only the plugin's config.
        assert files.get("search/search_index.json", 0) < 1 * KB


def test_the_measure_counts_what_a_page_loads(shipped_build: Path) -> None:
    weight = page_weight(shipped_build, "practice/index.html")
    # The page, Material's bundle, the module graph of main.js, the worker and the deck.
    for expected in (
        "practice/index.html",
        "assets/javascripts/main.js",
        "assets/javascripts/vendor/ts-fsrs.mjs",
        "assets/javascripts/search-worker.js",
        "deck.json",
    ):
        assert expected in weight.files, expected
    assert any(f.startswith("assets/javascripts/bundle.") for f in weight.files)
    assert weight.total > 50 * KB
