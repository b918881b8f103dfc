"""Hostile content: nothing a contributor writes may run script in a reader's browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.templating import environment
from tests.conftest import run_generator, write_bank

HEAD = """\
topic:
  id: a
  title: Topic a
  summary: A topic.
  order: 1
questions:
  - id: q-one
    question: What is q-one?
    short: It is q-one.
    answer: |
      Fine first line.
      {payload}
    difficulty: basic
    tags: [fundamentals]
    related: [q-two]
  - id: q-two
    question: What is q-two?
    short: It is q-two.
    answer: |
      Fine.
    difficulty: basic
    tags: [fundamentals]
    related: [q-one]
"""


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("<script>alert(1)</script>", "raw HTML <script> is not allowed"),
        ("<img src=x onerror=alert(1)>", "raw HTML <img> is not allowed"),
        ('<iframe src="https://evil.example"></iframe>', "raw HTML <iframe> is not allowed"),
        ("<object data=x></object>", "raw HTML <object> is not allowed"),
        ("<style>body { display: none }</style>", "raw HTML <style> is not allowed"),
        ('<blink onclick="alert(1)">x</blink>', "raw HTML <blink> is not allowed"),
        ("[click me](javascript:alert(1))", "links must be plain https: URLs (found 'javascript:alert(1"),
        ("[plain](http://example.com/)", "links must be plain https: URLs (found 'http://example.com/')"),
        ("[data](data:text/html;base64,PHNjcmlwdD4=)", "links must be plain https: URLs"),
        ("<javascript:alert(1)>", "links must be plain https: URLs"),
        ("![pixel](https://tracker.example/p.gif)", "images are not allowed"),
        ("<!-- hidden from review -->", "HTML comments are not allowed"),
        ("Inline $\\href{javascript:alert(1)}{x}$ math.", "the TeX command \\href is not allowed"),
    ],
)
def test_unsafe_answer_content_is_rejected_with_its_line(tmp_path: Path, payload: str, message: str) -> None:
    content = write_bank(tmp_path, {"a.yaml": HEAD.replace("{payload}", payload)})
    run = run_generator("check", "--fast", content=content, work=tmp_path)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert any(line.startswith("content/a.yaml:12:") and message in line for line in run.stderr.splitlines()), (
        run.stderr
    )


def test_reference_style_link_is_checked(tmp_path: Path) -> None:
    text = HEAD.replace("{payload}", "[go][evil]\n\n      [evil]: javascript:alert(1)")
    run = run_generator("check", "--fast", content=write_bank(tmp_path, {"a.yaml": text}), work=tmp_path)
    assert "content/a.yaml:14:1: links must be plain https: URLs (found 'javascript:alert(1)')" in run.stderr


def test_unsafe_question_and_title_are_rejected(tmp_path: Path) -> None:
    text = HEAD.replace("question: What is q-one?", 'question: "What is <b onmouseover=alert(1)>this</b>?"').replace(
        "title: Topic a", "title: Topic <script>x</script>"
    )
    run = run_generator(
        "check", "--fast", content=write_bank(tmp_path, {"a.yaml": text.replace("{payload}", "")}), work=tmp_path
    )
    assert "content/a.yaml:3:10: raw HTML <script> is not allowed" in run.stderr
    assert "content/a.yaml:8:15: raw HTML <b> is not allowed" in run.stderr


def test_links_inside_diagrams_are_rejected(tmp_path: Path) -> None:
    payload = '```dot\n      digraph { a [URL="javascript:alert(1)"]; a -> b }\n      ```'
    content = write_bank(tmp_path, {"a.yaml": HEAD.replace("{payload}", payload)})
    run = run_generator("check", content=content, work=tmp_path)
    assert run.returncode == 1
    assert "links in diagrams (URL or href attributes) are not allowed" in run.stderr


def test_formula_field_cannot_carry_links(tmp_path: Path) -> None:
    text = HEAD.replace("{payload}", "").replace(
        "    related: [q-two]\n", "    related: [q-two]\n    formula: '\\href{javascript:alert(1)}{x}'\n", 1
    )
    run = run_generator("check", "--fast", content=write_bank(tmp_path, {"a.yaml": text}), work=tmp_path)
    assert "content/a.yaml:16:14: the TeX command \\href is not allowed in the bank" in run.stderr


SHOWN_NOT_RUN = """\
Markup shown as code is fine: `<script>alert(1)</script>` and `<img onerror=x>`.

      ```html
      <script>alert("in a code block")</script>
      <a href="javascript:alert(1)">x</a>
      ```

      Comparisons in math are fine too: $a < b$ and $$x<y$$ and escaped text &lt;script&gt;.
      A real link: [the paper](https://arxiv.org/abs/1706.03762).
"""


def test_a_bank_full_of_markup_shown_as_text_builds_without_executable_script(tmp_path: Path) -> None:
    content = write_bank(tmp_path, {"a.yaml": HEAD.replace("{payload}", SHOWN_NOT_RUN)})
    site = tmp_path / "site"
    run = run_generator("build", "--site-only", "--site-dir", str(site), content=content, work=tmp_path)
    assert run.returncode == 0, run.stderr
    # The answer is on the question's page; the topic page shows its short form and brings the rest from there.
    for path in ("questions/q-one/index.html", "topics/a/index.html"):
        page = BeautifulSoup((site / path).read_text(), "html.parser")
        article = page.select_one("article")
        for script in page.find_all("script"):
            # Only the theme's own scripts: from its assets folder or its fixed inline set-up code.
            assert script.find_parent("article") is None
            assert script.get("src", "../../assets/javascripts/").startswith("../../assets/javascripts/"), script
            assert "alert" not in script.get_text()
        assert article.find_all(["script", "iframe", "object", "embed", "style"]) == []
        for element in page.find_all(True):
            assert not [name for name in element.attrs if name.lower().startswith("on")], element.name
        hrefs = [a["href"] for a in article.find_all("a", href=True)]
        assert not [h for h in hrefs if h.lower().startswith(("javascript:", "data:", "vbscript:"))]
        if path.startswith("questions/"):
            assert "https://arxiv.org/abs/1706.03762" in hrefs
            assert "<script>alert(1)</script>" in article.get_text()  # shown, as text


def test_jinja_autoescapes_every_template() -> None:
    # Markdown templates too: contributor text can land inside raw HTML in any of them.
    env = environment()
    names = env.list_templates(extensions=["j2"])
    assert len(names) >= 15
    assert env.autoescape is True
    rendered = env.get_template("print/base.html.j2").render(
        meta=type("M", (), {"language": "en", "title": "<script>x</script>", "author": "a", "subject": "s"})()
    )
    assert "<script>x</script>" not in rendered and "&lt;script&gt;x&lt;/script&gt;" in rendered


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ('<p>a</p><img src="x" onerror="alert(1)">', '<img src="x" onerror='),
        ('<a href=" javascript:alert(1)">x</a>', '<a href=" javascript:'),
        ("<p>x</p><SCRIPT>alert(1)</SCRIPT>", "<SCRIPT"),
        ('<svg><path d="M0 0"></path></svg><iframe src="https://a.example">', "<iframe"),
        # Text that reads like an attribute is not one.
        ("<p>set onload=1 and href=javascript: in prose</p>", None),
        ("<code>&lt;script&gt; onclick=&quot;x&quot;</code>", None),
        ('<svg><path d="' + "M1 2Q3 4 5 6" * 5000 + '"></path></svg>', None),
    ],
)
def test_rendered_output_scan_finds_executable_markup_only_inside_tags(html: str, found: str | None) -> None:
    from generator.safety import unsafe_markup

    assert unsafe_markup(html) == found


# Template syntax Jinja (MkDocs) and MiniJinja (Zensical) would run (validation
# refuses "{#", as an attribute list), with what would end a raw block early.

TEMPLATE_SYNTAX = "{{ 7*7 }} {% endraw %}{{ config.site_name }}{% raw %} {%- endraw -%} {%+ endraw %}"


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_template_syntax_in_an_answer_shows_as_written(tmp_path: Path, engine: str) -> None:
    from generator.engine import zensical_command

    if engine == "zensical" and zensical_command() is None:
        pytest.skip("Zensical is not installed (make creates .venv-zensical)")
    payload = f"Plain: {TEMPLATE_SYNTAX}\n\n      Code: `{TEMPLATE_SYNTAX}`"
    bank = HEAD.replace("{payload}", payload).replace("short: It is q-one.", f"short: 'It is q-one: {TEMPLATE_SYNTAX}'")
    content = write_bank(tmp_path, {"a.yaml": bank})
    site = tmp_path / "site"
    args = ("build", "--site-only", "--engine", engine, "--site-dir", str(site))
    run = run_generator(*args, content=content, work=tmp_path)
    assert run.returncode == 0, run.stderr
    # The short answer carries it too, so the topic page (which folds the answer to it) shows it as written.
    for page, count in (("questions/q-one/index.html", 3), ("topics/a/index.html", 1)):
        body = BeautifulSoup((site / page).read_text(), "html.parser").select_one('.qb-body[data-qid="q-one"]')
        assert body is not None, page
        text = body.get_text()
        assert text.count(TEMPLATE_SYNTAX) == count, (page, text)
        assert "49" not in text and "Study Guide" not in text, page
