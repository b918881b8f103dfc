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

# In the page: when each key reached the box (input events are composed, so
# Zensical's box in its shadow root is heard too) and the first frame that
# shows a result, looked for in the document and the shadow roots it has now.
_WATCH = """selector => {
  const timing = (window.qbTiming = { keys: [] });
  addEventListener("input", () => timing.keys.push(performance.now()), true);
  const roots = [document, ...Array.from(document.querySelectorAll("*"), (e) => e.shadowRoot).filter(Boolean)];
  const look = () => {
    if (roots.some((root) => root.querySelector(selector))) timing.result = performance.now();
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}"""


def first_search(site: Path, query: str, throttled: bool = True, pause_s: float = 0.0, engine: str = "mkdocs") -> dict:
    """Focus the box on a loaded page, wait pause_s, type query; time to the first result, bytes fetched since focus.

    first_result_s runs from the first key to the first frame with a result in
    it (after_last_key_s from the last key), as the page's clock tells it.

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
            page.evaluate(_WATCH, SearchBox.selectors(engine)["result"])
            box.input.press_sequentially(query)
            box.results.first.wait_for(timeout=120_000)
            done = time.perf_counter()
            page.wait_for_function("window.qbTiming.result !== undefined")
            keys, result = page.evaluate("[window.qbTiming.keys, window.qbTiming.result]")
            page.wait_for_timeout(500)  # result texts still arriving count as the search's bytes
        finally:
            browser.close()
    return {
        # In the page's own clock, so the driver's time to send the keys is not counted.
        "first_result_s": (result - keys[0]) / 1000,
        "after_last_key_s": (result - keys[-1]) / 1000,
        "ready_s": done - focused,
        "search_kb": sum(fetched.values()) / 1024,
        "search_files": len(fetched),
    }
