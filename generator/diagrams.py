"""Graphviz diagrams in answers: a ```dot fence becomes inline SVG at build time.

Rendering ahead of time (not in the browser) means the PDF gets the same
picture as the site. Output is cached by source, so only edited diagrams
run Graphviz again.
"""

from __future__ import annotations

import re
import shutil
import subprocess

from . import paths
from .cache import FileCache, content_key
from .templating import render_template

_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.S)
_COMMENTS = re.compile(r"<!--.*?-->", re.S)
# Graphviz titles ("%3", node ids) are tooltips nobody needs, and would leak into search.
_TITLES = re.compile(r"<title>.*?</title>", re.S)
_LINKS = re.compile(r"<a\b|\bhref=", re.I)
# Graphviz names every element graph0, node1, edge1, ...: two diagrams on one
# page would repeat those ids. Nothing refers to them unless a gradient does.
_IDS = re.compile(r'\sid="[^"]*"')


def diagram_cache() -> FileCache:
    return FileCache(paths.cache_dir() / "diagrams")


class DiagramError(Exception):
    """Graphviz rejected a diagram."""


# SuperFences swallows exceptions from a fence formatter and shows the source
# as plain code instead, so failures are also recorded on the Markdown
# converter that met them (never in this module: nothing outlives a conversion).
FAILURES = "qb_diagram_failures"


def failures_of(md) -> list[DiagramError]:
    """The diagram errors of the converter's last conversion."""
    return list(getattr(md, FAILURES, []))


def render_svg(source: str) -> str:
    """Lay out Graphviz source and return the bare <svg> element."""
    cache = diagram_cache()
    name = f"{content_key('diagram', source)}.svg"
    cached = cache.get(name)
    if cached is not None:
        return cached.read_text(encoding="utf-8")
    dot = shutil.which("dot")
    if dot is None:
        raise DiagramError("Graphviz (`dot`) is needed to draw diagrams; install the Debian package graphviz")
    result = subprocess.run(
        [dot, "-Tsvg"], input=source, capture_output=True, text=True, encoding="utf-8", timeout=60, check=False
    )
    if result.returncode != 0:
        detail = " ".join(result.stderr.split())[:300] or f"dot exited with {result.returncode}"
        raise DiagramError(f"Graphviz error: {detail}")
    svg = _TITLES.sub("", _COMMENTS.sub("", _PROLOGUE.sub("", result.stdout, count=1))).strip()
    if "url(#" not in svg:
        svg = _IDS.sub("", svg)
    if _LINKS.search(svg):
        # Graphviz turns URL/href attributes into links; in a diagram they could run script.
        raise DiagramError("links in diagrams (URL or href attributes) are not allowed")
    cache.put(name, svg.encode("utf-8"))
    return svg


def fence_format(source: str, language: str, css_class: str, options: dict, md, **kwargs) -> str:
    """pymdownx.superfences custom-fence formatter for ```dot blocks."""
    try:
        svg = render_svg(source)
    except DiagramError as exc:
        getattr(md, FAILURES).append(exc)
        raise
    return render_template("diagram.html.j2", svg=svg, css_class=css_class)
