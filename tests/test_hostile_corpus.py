"""A hostile-input corpus over every field a contributor writes, in the spirit of OWASP's XSS
filter-evasion cheat sheet: each payload is refused with its file and line, no traceback, exit 1.
Then the last line of defence: what ships is scanned, by the build and by `make check` alike.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from generator import safety
from generator.convert import convert_one
from generator.shipcheck import scan_page
from tests.conftest import ROOT, run_generator, write_bank

BANK = """\
topic:
  id: a
  title: {title}
  summary: {summary}
  order: 1
questions:
  - id: q-one
    question: {question}
    short: {short}
    answer: |
      Fine first line.
      {answer}
    difficulty: basic
    tags: [{tag}]
    related: [{related}]
    formula: {formula}
  - id: q-two
    question: What is q-two?
    short: It is q-two.
    answer: |
      Fine.
    difficulty: basic
    tags: [fundamentals]
    related: [q-one]
"""
SAFE = {
    "title": "Topic a",
    "summary": "A topic.",
    "question": "What is q-one?",
    "short": "It is q-one.",
    "answer": "Nothing else.",
    "tag": "fundamentals",
    "related": "q-two",
    "formula": "'x^2'",
}
# The line each field's value stands on in BANK (the answer's payload line).
LINES = {
    "title": 3,
    "summary": 4,
    "question": 8,
    "short": 9,
    "answer": 12,
    "tag": 14,
    "related": 15,
    "formula": 16,
}


def _q(text: str) -> str:
    """A YAML single-quoted scalar."""
    return "'" + text.replace("'", "''") + "'"


CORPUS = [
    # Attribute lists: the holes found in review.
    ("short", _q('Learning **from data**{: onmouseover="alert(1)" } instead of rules.'), "attribute lists"),
    ("question", _q("What is *this*{: onclick=alert(1) }?"), "attribute lists"),
    ("answer", "A paragraph.\n      { onmouseover=alert(1) }", "attribute lists"),
    ("answer", "## Heading {#x .y onclick=alert(1)}", "attribute lists"),
    ("summary", _q("A topic{: .md-button onclick=alert(1) }"), "attribute lists"),
    # Tags that never close, in the fields written into raw HTML.
    ("title", _q("Foundations <input autofocus onfocus=alert(1)"), "starts an HTML tag"),
    ("summary", _q("Summary <img src=x onerror=alert(1)"), "starts an HTML tag"),
    ("question", _q("What <svg onload=alert(1)"), "starts an HTML tag"),
    # Raw HTML, mixed case and odd spacing.
    ("answer", "<ScRiPt>alert(1)</sCrIpT>", "raw HTML <script>"),
    ("answer", "<IMG SRC=x ONERROR=alert(1)>", "raw HTML <img>"),
    ("answer", '<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>', "raw HTML <svg>"),
    ("answer", '<svg><set attributeName="onmouseover" to="alert(1)"/></svg>', "raw HTML <svg>"),
    ("answer", '<div style="position:fixed;inset:0;background:red">overlay</div>', "raw HTML <div>"),
    ("answer", "<details open ontoggle=alert(1)>", "raw HTML <details>"),
    ("answer", "<x onclick=alert(1)>custom element</x>", "raw HTML <x>"),
    ("summary", _q("<b>bold</b> summary"), "raw HTML <b>"),
    ("short", _q("Short <iframe src=https://evil.example>"), "raw HTML <iframe>"),
    ("answer", "<!--><script>alert(1)</script>-->", "HTML comments"),
    # URLs: schemes, entity encoding, whitespace, data: documents.
    ("answer", "[x](javascript:alert(1))", "links must be plain https: URLs"),
    ("answer", "[x](&#106;avascript:alert(1))", "links must be plain https: URLs"),
    ("answer", "[x](JaVaScRiPt:alert(1))", "links must be plain https: URLs"),
    ("answer", "[x]( javascript:alert(1))", "links must be plain https: URLs"),
    ("answer", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "links must be plain https: URLs"),
    ("answer", "[x](vbscript:msgbox(1))", "links must be plain https: URLs"),
    ("answer", "<javascript:alert(1)>", "links must be plain https: URLs"),
    ("short", _q("See [this](javascript:alert(1))."), "links must be plain https: URLs"),
    ("answer", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", "images are not allowed"),
    # MathJax commands that make links, classes, styles or raw characters.
    ("answer", "$\\href{javascript:alert(1)}{x}$", "\\href is not allowed"),
    ("answer", "$\\class{md-button}{x}$", "\\class is not allowed"),
    ("answer", "$\\style{position:fixed}{x}$", "\\style is not allowed"),
    ("answer", "$\\unicode{x3C}script$", "\\unicode is not allowed"),
    ("formula", _q("\\href{javascript:alert(1)}{x}"), "\\href is not allowed"),
    ("formula", _q("\\cssId{x}{y}"), "\\cssId is not allowed"),
    # Lists of ids.
    ("tag", "'x onmouseover=alert(1)'", "must be lowercase kebab-case"),
    ("related", "'q-two\"><script>'", "must be lowercase kebab-case"),
]


def _bank(field: str, payload: str) -> str:
    values = dict(SAFE)
    values[field] = payload
    return BANK.format(**values)


@pytest.mark.parametrize(
    ("field", "payload", "message"), CORPUS, ids=[f"{f}-{i}" for i, (f, _p, _m) in enumerate(CORPUS)]
)
def test_every_payload_is_refused_at_its_line(tmp_path: Path, field: str, payload: str, message: str) -> None:
    content = write_bank(tmp_path, {"a.yaml": _bank(field, payload)})
    run = run_generator("check", "--fast", content=content, work=tmp_path)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    line = LINES[field] + payload.count("\n")  # a payload's second line stands one line further down
    hits = [text for text in run.stderr.splitlines() if text.startswith(f"content/a.yaml:{line}:")]
    assert any(message in line for line in hits), run.stderr


def test_the_corpus_is_large_and_covers_every_field() -> None:
    assert len(CORPUS) >= 30
    assert {field for field, _p, _m in CORPUS} == set(LINES)


def test_graphviz_links_are_refused_when_rendered(tmp_path: Path) -> None:
    for attribute in ('URL="javascript:alert(1)"', 'href="https://evil.example"'):
        payload = f"```dot\n      digraph {{ a [{attribute}]; a -> b }}\n      ```"
        content = write_bank(tmp_path / attribute[:3], {"a.yaml": _bank("answer", payload)})
        run = run_generator("check", content=content, work=tmp_path / attribute[:3])
        assert run.returncode == 1 and "Traceback" not in run.stderr
        assert "content/a.yaml:" in run.stderr and "links in diagrams" in run.stderr


def test_a_hostile_site_setting_is_caught_in_the_shipped_html_by_build_and_check(tmp_path: Path) -> None:
    """Validation never sees mkdocs.yml; the scan of what ships does, in `build` and in `check`."""
    config = (ROOT / "mkdocs.yml").read_text()
    hostile = tmp_path / "mkdocs.yml"
    # Material writes the copyright line into every footer as it is.
    hostile.write_text(re.sub(r"^copyright: .*$", "copyright: '<img src=x onerror=alert(1)>'", config, flags=re.M))
    content = write_bank(tmp_path, {"a.yaml": _bank("answer", "Nothing else.")})
    env = {"QUESTION_BANK_SITE_CONFIG": str(hostile)}
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site")
    build = run_generator(
        "build", "--site-only", "--site-dir", str(site), content=content, work=tmp_path, extra_env=env
    )
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert "event-handler attribute onerror" in build.stderr and "index.html" in build.stderr
    assert "previous site was left as it was" in build.stderr
    assert (site / "index.html").read_text() == "previous site"
    check = run_generator("check", content=content, work=tmp_path, extra_env=env)
    assert check.returncode == 1 and "event-handler attribute onerror" in check.stderr
    shutil.rmtree(tmp_path / "build", ignore_errors=True)


# ------------------------------------------------------------------ property-based

FRAGMENTS = st.sampled_from(
    [
        "plain words",
        "**bold**",
        "*em*",
        "`code`",
        "[link](https://example.org/)",
        "$x^2$",
        "- item",
        "> quote",
        "{: ",
        "{ ",
        "}",
        "<",
        ">",
        "=",
        '"',
        "onmouseover",
        "onerror=alert(1)",
        " onclick=",
        "javascript:",
        "<img",
        "<a href=",
        "&#106;",
        "\n",
        "\n\n",
        "#",
        "[",
        "](",
        ")",
        "!",
        "```\n",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FRAGMENTS, min_size=1, max_size=12).map("".join))
def test_text_the_validator_accepts_never_ships_a_handler(text: str) -> None:
    if list(safety.check_markdown(text)):
        return  # refused with a message: nothing ships
    converted = convert_one(text)
    if converted.html is None:
        return
    page = f"<html><body><article>{converted.html}</article></body></html>"
    document = lxml_html.document_fromstring(page)
    assert list(scan_page("x.html", document)) == [], (text, converted.html)
    for element in document.iter():
        if isinstance(element.tag, str):
            assert not [a for a in element.attrib if a.lower().startswith("on")], (text, converted.html)
