"""A reader's first search on a fresh visit, timed in headless Chromium on a slow phone's network.

The site is served gzipped from a sub-path over a Link with Lighthouse's
mobile network (150 ms a response, 1.6 Mbit/s shared) and the browser's CPU
slowed 4x, as Lighthouse's mobile preset does; the cache is empty. Used by
scripts/bench.py.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from tests.browser import CHROMIUM, CHROMIUM_ARGS, MOBILE, Link, SearchBox, serve


def first_search(site: Path, query: str, throttled: bool = True, pause_s: float = 0.0, engine: str = "mkdocs") -> dict:
    """Focus the box on a loaded page, wait pause_s, type query; time to the first result, bytes fetched since focus.

    engine names the theme whose box is driven (tests.browser.SearchBox): "mkdocs" or "zensical".
    """
    from playwright.sync_api import sync_playwright

    link = Link(*MOBILE) if throttled else None
    with serve(site, Path(tempfile.mkdtemp()), compress=True, link=link) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            if throttled:
                page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
            page.goto(base, wait_until="networkidle")
            fetched: dict[str, int] = {}
            recording = False

            def finished(request) -> None:
                if recording:
                    fetched[request.url] = request.sizes()["responseBodySize"]

            page.on("requestfinished", finished)
            box = SearchBox(page, engine)
            recording = True
            focused = time.perf_counter()
            if engine == "zensical":  # its box is a dialog opened by a button
                page.locator(".md-search__button").click()
            box.input.click()
            if pause_s:
                page.wait_for_timeout(pause_s * 1000)  # the reader's reach from the box to the keys
            typed = time.perf_counter()
            box.input.press_sequentially(query)
            box.results.first.wait_for(timeout=120_000)
            done = time.perf_counter()
            page.wait_for_timeout(500)  # result texts still arriving count as the search's bytes
        finally:
            browser.close()
    return {
        "first_result_s": done - typed,
        "ready_s": done - focused,
        "search_kb": sum(fetched.values()) / 1024,
        "search_files": len(fetched),
    }
