"""Search quality as a reader meets it: queries typed into the site's search box in headless Chromium.

Shared by tests/test_search_quality.py (the thresholds) and scripts/bench.py (hit@1 and MRR).
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from tests.browser import CHROMIUM, CHROMIUM_ARGS, SearchBox, engine_of, serve

QUERIES = Path(__file__).with_name("search") / "queries.yaml"
_QUESTION = re.compile(r"/questions/([a-z0-9-]+)/")



@dataclass(frozen=True)
class Outcome:
    query: str
    expected: tuple[str, ...]  # any of these answers the query
    found: list[str]

    @property
    def rank(self) -> int | None:
        ranks = [self.found.index(e) + 1 for e in self.expected if e in self.found]
        return min(ranks) if ranks else None


def queries() -> list[tuple[str, tuple[str, ...]]]:
    data = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    return [
        (item["q"], tuple(item["id"]) if isinstance(item["id"], list) else (item["id"],)) for item in data["queries"]
    ]


def _ids(hrefs: list[str]) -> list[str]:
    found: list[str] = []
    for href in hrefs:
        match = _QUESTION.search(href)
        key = match.group(1) if match else href.split("?")[0]
        if key not in found:
            found.append(key)
    return found


def run(site: Path, cases: list[tuple[str, tuple[str, ...]]] | None = None, browser=None) -> list[Outcome]:
    """Every query typed into the site's search box (Material's or Zensical's, whichever built it);
    in `browser` if given, else in a Chromium of its own."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            own = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return run(site, cases, own)
            finally:
                own.close()
    cases = cases or queries()
    outcomes = []
    with serve(site, Path(tempfile.mkdtemp())) as base:
        page = browser.new_page()
        page.goto(base)
        box = SearchBox(page, engine_of(site))
        box.open()
        for query, expected in cases:
            box.type(query)
            # Results re-render on every key: read them once two readings agree.
            previous, stable = None, 0
            for _ in range(60):
                page.wait_for_timeout(50)
                current = box.hrefs()
                stable = stable + 1 if current == previous else 0
                previous = current
                if stable >= 3:
                    break
            outcomes.append(Outcome(query, expected, _ids(previous or [])))
        page.close()
    return outcomes


def hit_at(outcomes: list[Outcome], k: int) -> float:
    return sum(1 for o in outcomes if o.rank is not None and o.rank <= k) / len(outcomes)


def mrr(outcomes: list[Outcome]) -> float:
    return sum(1 / o.rank for o in outcomes if o.rank) / len(outcomes)
