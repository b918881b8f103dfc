"""Serve a built site on loopback under a sub-path and drive it in headless Chromium."""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
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
