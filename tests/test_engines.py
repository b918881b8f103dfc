"""The generated docs tree builds with both engines: MkDocs + Material (the default) and Zensical."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.engine import zensical_command
from tests.conftest import FIXTURE_BANK, ROOT, run_generator

RAW = re.compile(r"\$\$|\\frac|\\\(|\*\*\w|^!!! |^\?\?\? |```|--8<--", re.M)


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("index.html")}


def _expected_pages() -> set[str]:
    pages = {"index.html", "practice/index.html", "progress/index.html", "questions/index.html", "tags/index.html"}
    for path in FIXTURE_BANK.glob("*.yaml"):
        data = yaml.safe_load(path.read_text())
        pages.add(f"topics/{data['topic']['id']}/index.html")
        pages.update(f"questions/{q['id']}/index.html" for q in data["questions"])
    return pages


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_each_engine_renders_every_page_with_no_raw_markdown_or_tex(tmp_path: Path, engine: str) -> None:
    if engine == "zensical" and zensical_command() is None:
        pytest.skip("Zensical is not installed (make creates .venv-zensical)")
    site = tmp_path / "site"
    run = run_generator(
        "build", "--site-only", "--engine", engine, "--site-dir", str(site), content=FIXTURE_BANK, work=tmp_path
    )
    assert run.returncode == 0, run.stderr
    assert _expected_pages() <= _pages(site)
    for page in _expected_pages():
        soup = BeautifulSoup((site / page).read_text(), "html.parser")
        article = soup.select_one("article")
        assert article is not None, (engine, page)
        text = article.get_text("\n")
        assert not RAW.search(text), (engine, page, RAW.search(text).group(0))
        assert soup.select_one('meta[http-equiv="Content-Security-Policy"]') is not None, (engine, page)
    question = BeautifulSoup((site / "questions/alpha-one/index.html").read_text(), "html.parser")
    assert question.select_one("h1").get_text(strip=True).startswith("What is the first alpha question?")
    assert question.select(".qb-math img")  # formulas placed as images, not TeX


def test_the_generated_config_has_no_hooks_and_no_python_tags(tmp_path: Path) -> None:
    run = run_generator(
        "build", "--site-only", "--site-dir", str(tmp_path / "site"), content=FIXTURE_BANK, work=tmp_path
    )
    assert run.returncode == 0, run.stderr
    text = (tmp_path / "build" / "site-src" / "mkdocs.yml").read_text()
    assert "!!python" not in text
    config = yaml.safe_load(text)
    assert "hooks" not in config and config["docs_dir"] == "docs"
    assert "!!python" not in (ROOT / "mkdocs.yml").read_text() and "hooks:" not in (ROOT / "mkdocs.yml").read_text()


def test_mkdocs_parses_no_question_body_as_markdown(tmp_path: Path) -> None:
    # The bodies are HTML already; as Markdown the engine would parse them
    # again, which was most of a large build. They are theme templates instead.
    run = run_generator(
        "build", "--site-only", "--site-dir", str(tmp_path / "site"), content=FIXTURE_BANK, work=tmp_path
    )
    assert run.returncode == 0, run.stderr
    tree = tmp_path / "build" / "site-src"
    markdown = [p for p in (tree / "docs").rglob("*.md")]
    assert markdown and not [p for p in markdown if 'class="qb-body"' in p.read_text()]
    question = (tree / "docs" / "questions" / "alpha-one.md").read_text()
    assert yaml.safe_load(question.split("---")[1])["qb_bodies"] == "questions/alpha-one"
    assert "<!-- qb-body -->" in question
    bodies = tree / "overrides" / "qb-bodies" / "questions" / "alpha-one.html"
    assert 'class="qb-body" data-qid="alpha-one"' in bodies.read_text()
    site = BeautifulSoup((tmp_path / "site" / "questions" / "alpha-one" / "index.html").read_text(), "html.parser")
    assert site.select_one('article .qb-body[data-qid="alpha-one"] details.answer[open]') is not None
    assert "qb-body -->" not in str(site.select_one("article"))


def test_reused_question_sidebars_match_those_rendered_for_each_page(tmp_path: Path) -> None:
    run = run_generator(
        "build", "--site-only", "--site-dir", str(tmp_path / "site"), content=FIXTURE_BANK, work=tmp_path
    )
    assert run.returncode == 0, run.stderr
    config_file = tmp_path / "build" / "site-src" / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text())
    assert config["extra"]["qb_sidebars"] == {}
    del config["extra"]["qb_sidebars"]
    plain = config_file.with_name("plain.yml")
    plain.write_text(yaml.safe_dump(config))
    built = {}
    for name, file in (("reused", config_file), ("each", plain)):
        out = tmp_path / name
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(file), "-d", str(out)]
        subprocess.run(command, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True)
        built[name] = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.html")}
    assert built["reused"].keys() == built["each"].keys()
    assert [p for p in built["each"] if p.startswith("questions/")]
    assert [p for p in built["each"] if built["reused"][p] != built["each"][p]] == []
