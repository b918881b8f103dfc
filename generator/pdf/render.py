"""Lay out one HTML part with WeasyPrint, in a worker process, with a disk cache.

A part is a self-contained HTML document (a chapter, the front matter, the
cheat sheet). Parts are independent, so they render in parallel, and a part
whose HTML and styles did not change is read back from the cache.
"""

from __future__ import annotations

import gc
import json
import logging
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from ..cache import FileCache, content_key
from ..files import write_bytes_atomic, write_text_atomic

# Px in WeasyPrint's layout are CSS pixels; PDF user space is in points.
PX_TO_PT = 0.75


@dataclass(frozen=True)
class PartRequest:
    name: str
    html: str
    stylesheets: tuple[str, ...]
    base_url: str


@dataclass
class RenderedPart:
    name: str
    pdf: Path
    pages: int
    # anchor id -> (page index within the part, x in pt, y in pt from the top)
    anchors: dict[str, tuple[int, float, float]]
    page_height_pt: float


class _ErrorLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _install_speedups() -> None:
    from . import flate, svgpaths

    flate.install()
    svgpaths.install()


def warm_up() -> None:
    """Pool initializer: import WeasyPrint and load the fonts while the parent still builds HTML."""
    import weasyprint

    _install_speedups()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    # The hyphenation dictionary too: loading it costs the first part a tenth of a second.
    sample = (
        '<html lang="en"><p style="font-family: Noto Serif; hyphens: auto; width: 3em">hyphenation</p>'
        '<p style="font-family: Noto Sans">b</p><code>c</code></html>'
    )
    weasyprint.HTML(string=sample).render()
    # What is loaded now (modules, fonts, dictionaries) lives as long as the
    # worker: the collections after each part need not walk it.
    gc.freeze()


# Bump when render_part writes other bytes for the same HTML (flate.py's level,
# say), so a warm build never joins parts made both ways.
RENDER_VERSION = "2"


def cache_key(request: PartRequest) -> str:
    # The version from the package metadata: importing WeasyPrint in the parent
    # only to read it would cost more than a warm build's whole cache lookup.
    sheets = [Path(sheet).read_bytes() for sheet in request.stylesheets]
    return content_key(RENDER_VERSION, version("weasyprint"), request.html, *request.stylesheets, *sheets)


def _cache_paths(request: PartRequest, cache_dir: Path) -> tuple[Path, Path]:
    pdf_path = cache_dir / f"{request.name}-{cache_key(request)}.pdf"
    return pdf_path, pdf_path.with_suffix(".json")


def cached_part(request: PartRequest, cache_dir: Path) -> RenderedPart | None:
    """The part as rendered before from the same HTML and styles, or None."""
    return _read_cached(request, *_cache_paths(request, cache_dir))


def _read_cached(request: PartRequest, pdf_path: Path, meta_path: Path) -> RenderedPart | None:
    if not (pdf_path.exists() and meta_path.exists()):
        return None
    # Used by this run: the cache's pruning keeps it (cache.py).
    FileCache(pdf_path.parent).get(pdf_path.name)
    FileCache(meta_path.parent).get(meta_path.name)
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    anchors = {k: tuple(v) for k, v in meta["anchors"].items()}
    return RenderedPart(request.name, pdf_path, meta["pages"], anchors, meta["page_height_pt"])


def render_part(request: PartRequest, cache_dir: Path) -> RenderedPart:
    """Render one part to PDF (or fetch it from the cache)."""
    pdf_path, meta_path = _cache_paths(request, cache_dir)
    cached = _read_cached(request, pdf_path, meta_path)
    if cached is not None:
        return cached
    # WeasyPrint makes millions of objects that live until the part is written,
    # so the cycle collector, run as often as usual, walks them again and again
    # for little: it took a fifth of the study guide's CPU time, and holding it
    # off until the part is written raises the peak memory by 5%.
    gc.disable()
    try:
        pdf_bytes, pages, anchors, height = _lay_out(request)
    finally:
        gc.enable()
        gc.collect()
    # The PDF first, its metadata last: a part counts as cached only once both are whole.
    write_bytes_atomic(pdf_path, pdf_bytes)
    meta = {"pages": pages, "anchors": anchors, "page_height_pt": height}
    write_text_atomic(meta_path, json.dumps(meta))
    return RenderedPart(request.name, pdf_path, pages, anchors, height)


# Parsed stylesheets by path and content: every part of a document uses the
# same four, and parsing them took a tenth of a quiz part's time.
_stylesheets: dict[tuple[str, bytes], object] = {}


def _stylesheet(path: str):
    import weasyprint

    key = (path, Path(path).read_bytes())
    if key not in _stylesheets:
        _stylesheets[key] = weasyprint.CSS(string=key[1].decode("utf-8"), base_url=path)
    return _stylesheets[key]


def _lay_out(request: PartRequest) -> tuple[bytes, int, dict[str, tuple[int, float, float]], float]:
    """The part's PDF, its page count, anchors and page height."""
    import weasyprint

    _install_speedups()
    # WeasyPrint warns about CSS it ignores; the print stylesheets are ours and
    # tested, so keep the build output to what matters. Its errors (an image it
    # cannot read prints the alt text instead) fail the part.
    logger = logging.getLogger("weasyprint")
    logger.setLevel(logging.ERROR)
    errors = _ErrorLog()
    logger.addHandler(errors)
    try:
        stylesheets = [_stylesheet(sheet) for sheet in request.stylesheets]
        document = weasyprint.HTML(string=request.html, base_url=request.base_url).render(stylesheets=stylesheets)
        # Tagged, so screen readers and reflowing viewers get headings, lists and reading order.
        pdf_bytes = document.write_pdf(pdf_tags=True)
    finally:
        logger.removeHandler(errors)
    if errors.messages:
        raise RuntimeError(f"{request.name}: " + "; ".join(sorted(set(errors.messages))[:5]))
    anchors: dict[str, tuple[int, float, float]] = {}
    for index, page in enumerate(document.pages):
        for name, (x0, y0, *_rest) in page.anchors.items():
            anchors.setdefault(name, (index, round(x0 * PX_TO_PT, 2), round(y0 * PX_TO_PT, 2)))
    height = document.pages[0].height * PX_TO_PT if document.pages else 0.0
    return pdf_bytes, len(document.pages), anchors, height
