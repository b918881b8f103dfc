"""Serve a built site on loopback under a sub-path and drive it in headless Chromium."""

from __future__ import annotations

import contextlib
import functools
import gzip
import io
import shutil
import threading
import time
from collections.abc import Callable, Iterator
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


class _GzipHandler(_QuietHandler):
    """Text files gzipped when the browser accepts it, as GitHub Pages serves them."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's slash
            path = path / "index.html"
        gzipped = path.suffix in (".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt")
        if not gzipped or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class Link:
    """A slow network shared by every request: a latency per response and one bandwidth for all."""

    def __init__(self, latency_s: float, bytes_per_s: float) -> None:
        self.latency_s, self.bytes_per_s = latency_s, bytes_per_s
        self._lock = threading.Lock()
        self._free = 0.0

    def send(self, stream, data: bytes) -> None:
        for start in range(0, len(data), 8192):
            chunk = data[start : start + 8192]
            with self._lock:
                begin = max(time.monotonic(), self._free)
                self._free = begin + len(chunk) / self.bytes_per_s
                until = self._free
            time.sleep(max(0.0, until - time.monotonic()))
            stream.write(chunk)


# Lighthouse's mobile preset: 150 ms round trip, 1.6 Mbit/s down (its CPU slowdown, 4x, is the browser's).
MOBILE = (0.150, 1.6384e6 / 8)


def _slow(handler: type, link: Link) -> type:
    class Slow(handler):
        def copyfile(self, source, outputfile) -> None:
            link.send(outputfile, source.read())

        def end_headers(self) -> None:
            time.sleep(link.latency_s)
            super().end_headers()

    return Slow


def _delayed(handler: type, delay: Callable[[str], float]) -> type:
    class Delayed(handler):
        def end_headers(self) -> None:
            time.sleep(delay(self.path))
            super().end_headers()

    return Delayed


@contextlib.contextmanager
def serve(
    site: Path,
    tmp: Path,
    sub_path: str = "guide",
    *,
    compress: bool = False,
    link: Link | None = None,
    delay: Callable[[str], float] | None = None,
) -> Iterator[str]:
    """Serve site at http://127.0.0.1:PORT/<sub_path>/, like a GitHub project page (gzipped if compress, over link).

    delay(path) holds back the response to one request path by that many seconds.
    """
    root = tmp / "www"
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(site, root / sub_path, dirs_exist_ok=True)
    handler_class = _GzipHandler if compress else _QuietHandler
    if link is not None:
        handler_class = _slow(handler_class, link)
    if delay is not None:
        handler_class = _delayed(handler_class, delay)
    handler = functools.partial(handler_class, directory=str(root))
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

    @classmethod
    def selectors(cls, engine: str) -> dict[str, str]:
        return cls._SELECTORS[engine]

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
