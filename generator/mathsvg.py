"""Typeset LaTeX to SVG at build time with MathJax (run by Node).

The site and the PDFs show the same SVG, so a reader never sees raw TeX,
nothing depends on browser JavaScript, and WeasyPrint (which runs no
JavaScript and renders no MathML) gets real vector math. Results are cached
on disk by content, so a warm build never starts Node.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
import shutil
import subprocess
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from . import paths
from .cache import JsonCache, content_key
from .safety import unsafe_markup

SCRIPT = Path(__file__).with_name("tex2svg.js")

# What pymdownx.arithmatex (generic mode) leaves in the HTML.
INLINE = re.compile(r'<span class="arithmatex">\\\((.*?)\\\)</span>', re.S)
BLOCK = re.compile(r'<div class="arithmatex">\\\[(.*?)\\\]</div>', re.S)


class MathError(Exception):
    """A formula MathJax could not typeset."""

    def __init__(self, tex: str, message: str) -> None:
        self.tex = tex
        super().__init__(f"LaTeX error in {tex!r}: {message}")


class _Node:
    """One Node process running tex2svg.js, with any number of requests in flight.

    Replies come back in request order; a reader thread drains them, so the
    build keeps converting Markdown on one core while MathJax typesets on the
    other, and neither pipe can fill up and stall the other side.
    """

    def __init__(self, node: str) -> None:
        self.process = subprocess.Popen(
            [node, str(SCRIPT)],
            cwd=paths.ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.dead = False
        self._pending: deque[Future[dict]] = deque()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def submit(self, request: dict) -> Future[dict]:
        future: Future[dict] = Future()
        with self._lock:
            if self.dead:
                future.set_exception(MathError(request["tex"], "MathJax stopped answering"))
                return future
            # Queued before writing, so the reader always finds the reply's future.
            self._pending.append(future)
            assert self.process.stdin
            try:
                self.process.stdin.write(json.dumps(request) + "\n")
                self.process.stdin.flush()
            except OSError:
                pass  # Node has gone; the reader fails every pending request.
        return future

    def _read(self) -> None:
        assert self.process.stdout
        for line in self.process.stdout:
            with self._lock:
                future = self._pending.popleft()
            future.set_result(json.loads(line))
        stderr = self.process.stderr.read() if self.process.stderr else ""
        hint = "run `npm ci` (make does it for you)" if "Cannot find module" in stderr else stderr.strip()[-300:]
        with self._lock:
            self.dead = True
            while self._pending:
                self._pending.popleft().set_result({"error": f"MathJax did not answer: {hint}"})

    def close(self) -> None:
        if self.process.stdin:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        self.process.wait(timeout=10)
        self._reader.join(timeout=10)


class MathRenderer:
    """Renders TeX to SVG through one long-lived Node process, with a disk cache.

    `prefetch` sends a formula to Node without waiting; `render` returns its
    SVG, waiting only if MathJax has not answered yet.
    """

    def __init__(self, cache_file: Path | None = None) -> None:
        self._cache = JsonCache(cache_file)
        self._node: _Node | None = None
        self._inflight: dict[str, Future[dict]] = {}
        self._lock = threading.Lock()
        # Inline markup per (svg, display): a formula recurs across answers.
        self._inline: dict[tuple[str, bool], str] = {}
        self._keys: dict[tuple[str, bool], str] = {}

    def _key(self, tex: str, display: bool) -> str:
        # Asked for each formula at every step (prefetch, render, swap): hashed once.
        key = self._keys.get((tex, display))
        if key is None:
            key = self._keys[(tex, display)] = content_key("math", str(int(display)), tex)
        return key

    def prefetch(self, tex: str, display: bool) -> None:
        key = self._key(tex, display)
        with self._lock:
            if key not in self._cache and key not in self._inflight:
                self._inflight[key] = self._submit({"tex": tex, "display": display})

    def prefetch_html(self, markup: str) -> None:
        """Start typesetting every formula placeholder in rendered HTML."""
        for pattern, display in ((BLOCK, True), (INLINE, False)):
            for match in pattern.finditer(markup):
                self.prefetch(html.unescape(match.group(1)).strip(), display)

    def render(self, tex: str, display: bool) -> str:
        key = self._key(tex, display)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        with self._lock:
            future = self._inflight.pop(key, None) or self._submit({"tex": tex, "display": display})
        reply = future.result()
        if "error" in reply:
            raise MathError(tex, reply["error"])
        # Checked here, once per formula, rather than in every page that shows it.
        unsafe = unsafe_markup(reply["svg"])
        if unsafe:
            raise MathError(tex, f"typeset formula holds unsafe markup {unsafe!r}")
        with self._lock:
            self._cache.put(key, reply["svg"])
        return reply["svg"]

    def _submit(self, request: dict) -> Future[dict]:
        if self._node is None or self._node.dead:
            node = shutil.which("node")
            if node is None:
                raise MathError(request["tex"], "Node.js is needed to typeset math; run `make build` to set it up")
            self._node = _Node(node)
        return self._node.submit(request)

    def replace_in_html(
        self,
        markup: str,
        on_error: Callable[[MathError], None] | None = None,
        wrap: Callable[[str, str, bool], str] | None = None,
    ) -> str:
        """Swap arithmatex placeholders in rendered HTML for typeset math.

        By default the SVG goes inline (PDF, Anki); `wrap(tex, svg, display)` may
        place it differently (the site links each formula as an image file).
        """
        wrap = wrap or self._inline_markup

        def swap(display: bool) -> Callable[[re.Match[str]], str]:
            def inner(match: re.Match[str]) -> str:
                tex = html.unescape(match.group(1)).strip()
                try:
                    svg = self.render(tex, display)
                except MathError as exc:
                    if on_error is None:
                        raise
                    on_error(exc)
                    return match.group(0)
                return wrap(tex, svg, display)

            return inner

        markup = BLOCK.sub(swap(True), markup)
        return INLINE.sub(swap(False), markup)

    def _inline_markup(self, _tex: str, svg: str, display: bool) -> str:
        key = (svg, display)
        if key not in self._inline:
            self._inline[key] = _wrap(svg, display)
        return self._inline[key]

    def close(self, *, complete: bool = False) -> None:
        """Stop Node and save the cache; a run that typeset the whole bank drops what it did not use."""
        if self._node is not None:
            self._node.close()
            self._node = None
        self._inflight.clear()
        self._cache.save(complete=complete)


def _wrap(svg: str, display: bool) -> str:
    from .templating import render_template

    return render_template("math.html.j2", svg=svg, display=display)


_SIZE = re.compile(r'<svg[^>]*?style="vertical-align: ?([-\d.]+ex);?"[^>]*?width="([\d.]+ex)" height="([\d.]+ex)"')


def svg_metrics(svg: str) -> tuple[str, str, str]:
    """Width, height and baseline shift (ex units) that MathJax put on the root <svg>."""
    match = _SIZE.search(svg)
    if match is None:
        return "auto", "auto", "0ex"
    shift, width, height = match.groups()
    return width, height, shift
