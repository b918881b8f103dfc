"""What keeps the PDFs fast: each keeps the bytes (or the look) of what it speeds up."""

from __future__ import annotations

import base64
import os

import pytest

from generator.pdf import svgpaths

# Glyph-like paths that repeat (as MathJax's do), a relative arc, and one in
# units and percentages, which must not be replayed from another size.
SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="12" viewBox="0 0 {w} 12">
<g transform="scale(1,-1)"><path d="M1 -1Q2 -3 4 -1T8 -1L8 -9H1Z"/></g>
<g transform="translate(9,0)"><path d="M1 -1Q2 -3 4 -1T8 -1L8 -9H1Z"/></g>
<path d="m10 6a2 2 0 1 0 4 0z" fill="red"/>
<path d="M0 0L50% 1em" stroke="blue"/>
</svg>"""


def _document(widths: tuple[int, ...]) -> str:
    images = "".join(
        f'<img alt="f" src="data:image/svg+xml;base64,{base64.b64encode(SVG.format(w=w).encode()).decode()}">'
        for w in widths
    )
    return f'<html lang="en"><p>{images}</p><p>{images}</p></html>'


def _pdf(html: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=html).write_pdf(pdf_tags=True)


def test_replayed_paths_give_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint import svg

    monkeypatch.setenv("SOURCE_DATE_EPOCH", os.environ.get("SOURCE_DATE_EPOCH", "1700000000"))
    svgpaths.install()
    html = _document((20, 40))
    replayed = _pdf(html)
    with monkeypatch.context() as plain:
        plain.setitem(svg.TAGS, "path", svgpaths._original)
        drawn = _pdf(html)
    assert replayed == drawn
    assert "M1 -1Q2 -3 4 -1T8 -1L8 -9H1Z" in svgpaths._recorded


def test_only_plain_number_paths_are_replayed() -> None:
    assert svgpaths._PLAIN.fullmatch("M21 287Q21 301 36 335T84 406ZM1e-3 -2.5L4,5")
    assert not svgpaths._PLAIN.fullmatch("M0 0L50% 1em")


def test_fonts_are_subset_by_harfbuzz() -> None:
    # WeasyPrint falls back to fontTools without it, silently but for a
    # warning, and every part then takes about 0.3 s longer (scripts/system-deps).
    from weasyprint.text.ffi import harfbuzz_subset

    assert harfbuzz_subset is not None


def test_streams_are_deflated_at_the_default_level() -> None:
    import zlib

    import pydyf

    from generator.pdf import flate

    flate.install()
    flate.install()
    data = b"1 0 0 1 722.2 0 cm 84 237 m 84 250 l f Q " * 500
    packed = pydyf.zlib.compressobj(level=9)
    packed = packed.compress(data) + packed.flush()
    default = zlib.compressobj(6)
    assert packed == default.compress(data) + default.flush()
    assert pydyf.zlib.decompress(packed) == data
    # What pydyf writes: the dictionary, then the deflated bytes between the keywords.
    written = pydyf.Stream([data], compress=True).data
    assert zlib.decompress(written.split(b"\nstream\n", 1)[1].rsplit(b"\nendstream", 1)[0]) == data


def test_code_blocks_lose_only_spans_that_style_nothing() -> None:
    import re

    from generator.pdf.documents import _plain_code

    code = (
        '<pre><span></span><code><span id="__span-0-1"><span class="kn">from</span><span class="w"> </span>'
        '<span class="n">a</span><span class="p">.</span><span class="hll">b</span><span class="o">&lt;</span>\n'
        '</span><span id="__span-0-2"><span class="n">c</span>\n</span></code></pre>'
    )
    outside = '<p><span class="n">kept outside code</span></p>'
    plain = _plain_code(outside + code)
    assert plain.startswith(outside)
    assert re.sub(r"<[^>]+>", "", plain) == re.sub(r"<[^>]+>", "", outside + code)
    assert "__span" not in plain and 'class="n"' not in plain.removeprefix(outside)
    for styled in ('<span class="kn">from</span>', '<span class="hll">b</span>', '<span class="o">&lt;</span>'):
        assert styled in plain
    assert plain.count("<span") == plain.count("</span>")


def test_a_part_laid_out_with_reused_stylesheets_is_the_same(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.pdf import render
    from generator.pdf.documents import stylesheets

    monkeypatch.setenv("SOURCE_DATE_EPOCH", os.environ.get("SOURCE_DATE_EPOCH", "1700000000"))
    html = '<html lang="en"><body class="guide chapter"><h1 class="chapter-title">T</h1><pre>x</pre></html>'
    request = render.PartRequest("sheets", html, stylesheets("guide", "a4"), ".")
    render._stylesheets.clear()
    fresh = render.render_part(request, tmp_path / "a")
    assert render._stylesheets
    reused = render.render_part(request, tmp_path / "b")
    assert fresh.pdf.read_bytes() == reused.pdf.read_bytes()
