"""The MathJax bridge: many formulas in flight at once, answered in order, errors kept apart."""

from __future__ import annotations

import pytest

from generator.mathsvg import MathError, MathRenderer

FORMULAS = [(rf"x_{{{i}}} = \frac{{{i}}}{{{i + 1}}}", i % 2 == 0) for i in range(300)]
BROKEN = r"\frac{1}{2"


def test_prefetched_formulas_match_one_at_a_time_rendering() -> None:
    one_by_one = MathRenderer()
    try:
        expected = [one_by_one.render(tex, display) for tex, display in FORMULAS[:20]]
    finally:
        one_by_one.close()

    pipelined = MathRenderer()
    try:
        # Far more than a pipe buffer's worth of replies, all requested before any is read.
        for tex, display in FORMULAS:
            pipelined.prefetch(tex, display)
        pipelined.prefetch(BROKEN, False)
        got = [pipelined.render(tex, display) for tex, display in reversed(FORMULAS)][::-1]
        with pytest.raises(MathError, match="Missing close brace"):
            pipelined.render(BROKEN, False)
        # A failure in the middle of the stream does not disturb what follows.
        assert pipelined.render(r"\alpha", False).startswith("<svg")
    finally:
        pipelined.close()

    assert got[:20] == expected
    assert all(svg.startswith("<svg") for svg in got)
    assert len(set(got)) == len(got)


def test_prefetch_html_finds_inline_and_display_placeholders(tmp_path) -> None:
    cache = tmp_path / "math.json"
    renderer = MathRenderer(cache)
    markup = '<p><span class="arithmatex">\\(a &lt; b\\)</span></p><div class="arithmatex">\\[\\sum_i x_i\\]</div>'
    try:
        renderer.prefetch_html(markup)
        out = renderer.replace_in_html(markup)
    finally:
        renderer.close()
    assert "arithmatex" not in out
    assert out.count("<svg") == 2
    # Both landed in the disk cache, so a second renderer never starts Node.
    again = MathRenderer(cache)
    assert again.replace_in_html(markup) == out
    assert again._node is None


def test_svg_is_well_formed_xml_even_when_the_tex_holds_markup_characters() -> None:
    # The site serves each formula as an .svg file and the PDFs embed it as an
    # image: both parse it as XML, where a bare '<' or '&' breaks the formula.
    import xml.etree.ElementTree as ET

    renderer = MathRenderer()
    try:
        for tex in (r"p < 0.05 \text{ \& } q > 1", r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}", r'\text{"quoted"}'):
            root = ET.fromstring(renderer.render(tex, display=True))
            assert root.get("aria-label") == tex
    finally:
        renderer.close()


def test_typeset_math_with_executable_markup_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # Validation refuses the TeX commands that make links; this is the net behind it.
    from concurrent.futures import Future

    math = MathRenderer()

    def reply(request: dict) -> Future:
        future: Future = Future()
        future.set_result({"svg": '<svg><a href="javascript:alert(1)"><path d="M0 0"/></a></svg>'})
        return future

    monkeypatch.setattr(math, "_submit", reply)
    with pytest.raises(MathError, match="unsafe markup"):
        math.render("x", display=False)
