"""Draw each distinct SVG path once per worker and replay its PDF operators after that.

MathJax sets every glyph of every formula as its own <path> (fontCache
'none' keeps each SVG self-contained), so a chapter's formulas hold thousands
of paths, most of them the same few hundred glyph outlines. WeasyPrint parses
each path's `d` string in Python every time it draws one: the largest single
cost in drawing the study guide (a cold build of the three PDFs spent 13 of
its 102 CPU seconds there). A path whose `d` holds only plain numbers draws
the same operators wherever it is (the placement is a transform set before
it), so they are recorded the first time and appended as they are after
that: the bytes in the PDF do not change.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pydyf

# Commands, plain numbers and separators: no units or percentages, which
# would make the operators depend on the font size or the SVG's size.
_PLAIN = re.compile(r"[MLHVCSQTAZmlhvcsqtaz0-9.eE+\- ,\t\r\n]*")

_Recorded = tuple[tuple[object, ...], tuple[object, ...]]
_recorded: dict[str, _Recorded] = {}
_original: Callable | None = None


def install() -> None:
    """Put the replaying path drawer in WeasyPrint's SVG tag table (once per process)."""
    global _original
    from weasyprint import svg

    if _original is not None:
        return
    _original = svg.TAGS["path"]
    svg.TAGS["path"] = _path


def _path(svg, node, font_size) -> None:
    assert _original is not None
    d = node.get("d", "")
    if not _PLAIN.fullmatch(d):
        _original(svg, node, font_size)
        return
    recorded = _recorded.get(d)
    if recorded is None:
        stream = svg.stream
        recorder = pydyf.Stream()
        svg.stream = recorder
        before = len(node.vertices)
        try:
            _original(svg, node, font_size)
        finally:
            svg.stream = stream
            # What was drawn before a parsing error still goes in, as it would have.
            stream.stream.extend(recorder.stream)
        recorded = tuple(recorder.stream), tuple(list(node.vertices)[before:])
        _recorded[d] = recorded
        return
    operators, vertices = recorded
    svg.stream.stream.extend(operators)
    node.vertices.extend(vertices)
