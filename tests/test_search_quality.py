"""Search finds the question a reader means: real queries typed into the shipped site's search box."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import searchquality
from tests.bank import question
from tests.browser import CHROMIUM, engine_of

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")


def test_the_query_set_is_large_varied_and_names_real_questions() -> None:
    cases = searchquality.queries()
    assert len(cases) >= 60
    for _query, expected in cases:
        for qid in expected:
            question(qid)  # raises if the id is not in the bank
    texts = [q for q, _ in cases]
    assert any(not q.isascii() for q in texts)  # diacritics
    assert sum(" vs " in q for q in texts) >= 5  # comparisons
    assert {"psi", "kv cache", "knn", "svd"} <= set(texts)  # abbreviations
    assert "recal vs precison" in texts  # misspellings


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_hit_at_1_and_hit_at_3_on_the_shipped_site(engine: str, request: pytest.FixtureRequest, browser) -> None:
    site = request.getfixturevalue("shipped_build" if engine == "mkdocs" else "shipped_zensical_site")
    assert engine_of(site) == engine  # the engine's own search box is the one typed into
    outcomes = searchquality.run(site, browser=browser)
    misses = [(o.query, o.expected, o.found[:3]) for o in outcomes if o.rank != 1]
    assert searchquality.hit_at(outcomes, 1) >= 0.90, misses
    assert searchquality.hit_at(outcomes, 3) >= 0.97, misses
