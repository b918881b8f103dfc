"""Serve a built site on loopback under a sub-path and drive it in headless Chromium."""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
# Without these flags Chromium phones home at start-up; the tests count requests.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path, tmp: Path, sub_path: str = "guide") -> Iterator[str]:
    """Serve site at http://127.0.0.1:PORT/<sub_path>/, like a GitHub project page."""
    root = tmp / "www"
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(site, root / sub_path, dirs_exist_ok=True)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{sub_path}/"
    finally:
        server.shutdown()
        server.server_close()


class RequestLog:
    """Every URL the page asked for, to prove nothing leaves the machine."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def __call__(self, request) -> None:
        self.urls.append(request.url)

    def foreign(self) -> list[str]:
        return [u for u in self.urls if urlsplit(u).hostname not in ("127.0.0.1", None) and not u.startswith("data:")]


def served(site: Path, tmp: Path) -> Iterator[str]:
    """Generator body for a function-scoped fixture that serves a site."""
    with serve(site, tmp) as url:
        yield url


def engine_of(site: Path) -> str:
    """Which engine built a site: only Zensical's search box loads search.json."""
    return "zensical" if (site / "search.json").exists() else "mkdocs"


class SearchBox:
    """The theme's search box in a page, as a reader uses it: Material's or Zensical's.

    Zensical's box lives in a shadow root; Playwright's locators reach into it.
    """

    _SELECTORS: ClassVar[dict[str, dict[str, str]]] = {
        "mkdocs": {"input": "input.md-search__input", "result": "a.md-search-result__link"},
        "zensical": {
            "input": "dialog[aria-label='Search'] input[role='combobox']",
            "result": "dialog[aria-label='Search'] ol[role='listbox'] a[role='option']",
        },
    }

    def __init__(self, page, engine: str) -> None:
        self.page = page
        self.engine = engine
        self.input = page.locator(self._SELECTORS[engine]["input"])
        self.results = page.locator(self._SELECTORS[engine]["result"])

    def open(self, timeout: float = 20_000) -> None:
        """Open the box and wait until its worker has the index: a query typed before is dropped."""
        if self.engine == "mkdocs":
            self.input.click()
            self.page.wait_for_function("document.querySelector('#__search').checked")
            self.page.locator(".md-search-result__meta", has_text="Type to start searching").wait_for(timeout=timeout)
            return
        self.page.locator(".md-search__button").click()
        self.input.wait_for(timeout=timeout)
        status = self.page.locator("dialog[aria-label='Search'] [role='status']")
        deadline = timeout / 50
        while "Loading" in status.inner_text() and deadline > 0:
            self.page.wait_for_timeout(50)
            deadline -= 1
        said = status.inner_text()
        assert "Loading" not in said and "unavailable" not in said, said

    def type(self, query: str) -> None:
        # Key by key: the themes react to key events, not to a value set at once.
        self.input.fill("")
        self.input.press_sequentially(query)

    def hrefs(self) -> list[str]:
        return self.results.evaluate_all("links => links.map(a => a.href)")
