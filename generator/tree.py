"""Write the docs tree: every page, formula and asset a site engine needs, and its mkdocs.yml.

The tree is complete and plain: Markdown pages whose bank content is already
HTML, formula SVGs as files, and a generated mkdocs.yml with no hooks and no
Python tags, so MkDocs or Zensical builds it as any other docs folder. Files
are rewritten only when their bytes change and files no page needs any more
are removed, so an engine's own change detection (and `mkdocs serve`) sees
just what an edit touched.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import outputs, pages, paths, runner_assets
from .answers import RenderedAnswer
from .convert import convert_one
from .exercises import Exercise
from .export import deck_json, questions_json
from .files import write_bytes_atomic
from .links import question_page, topic_page
from .mathsvg import MathRenderer, svg_metrics
from .model import Bank
from .templating import environment

MATH_DIR = "assets/math"
# The theme overrides folder in the tree, beside docs/.
THEME_DIR = "overrides"
# Browser libraries from node_modules (package-lock.json pins them), bundled
# into the site: nothing is fetched from another host when a page is viewed.
VENDORED = {
    "minisearch/dist/umd/index.js": "assets/javascripts/vendor/minisearch.js",
    # ts-fsrs ships an ES module with no imports of its own; the study scripts import it by relative path.
    "ts-fsrs/dist/index.mjs": "assets/javascripts/vendor/ts-fsrs.mjs",
    # Porter2 (Snowball English), CommonJS: wrapped below into a classic script for the search worker.
    "wink-porter2-stemmer/src/wink-porter2-stemmer.js": "assets/javascripts/vendor/porter2.js",
}
# The script the theme's search box starts as its worker, per engine: ours
# speaks Material's messages; under Zensical an adapter translates its own.
SEARCH_WORKERS = {
    "mkdocs": "assets/javascripts/search-worker.js",
    "zensical": "assets/javascripts/search-zensical.js",
}
# CommonJS files the search worker loads with importScripts: run with a module
# object of their own, their export becomes a global of the worker.
_AS_GLOBAL = {"assets/javascripts/vendor/porter2.js": "porter2"}
SEARCH_ENGINE = "assets/javascripts/vendor/search-engine.js"
_SEARCH_ENGINE_PARTS = ("assets/javascripts/vendor/minisearch.js", "assets/javascripts/vendor/porter2.js")
# The worker's terms (overrides/, shared with the build's indexer), last in that file.
_SEARCH_TERMS = "assets/javascripts/search-terms.js"
ZENSICAL_CSS = "assets/stylesheets/zensical.css"
# The page a body is written for (both kinds of question page are two folders deep).
_BODY_DEPTH_PREFIX = "../../"


@dataclass
class Tree:
    """The docs tree in memory: {path under docs/: content}, the theme overrides and the engine config."""

    files: dict[str, bytes] = field(default_factory=dict)
    # {path under overrides/: content}: the project's overrides and the question bodies.
    theme: dict[str, bytes] = field(default_factory=dict)
    config: dict = field(default_factory=dict)

    def add(self, path: str, content: str | bytes) -> None:
        self.files[path] = _bytes(content)

    def add_bodies(self, page: str, bodies: list[str]) -> None:
        """A page's question bodies, in order, as the theme template its Markdown names."""
        # A marker inside a body would shift the rest; as an empty comment it shows the same.
        joined = pages.BODY_MARKER.join(body.replace(pages.BODY_MARKER, "<!---->") for body in bodies)
        # Contributor text must not act as template code: in a raw block only
        # "{%" can end it, and "&#123;%" shows the same in HTML.
        inert = joined.replace("{%", "&#123;%")
        name = f"{pages.BODY_TEMPLATES}/{pages.body_template(page)}.html"
        self.theme[name] = _bytes("{% raw %}" + inert + "{% endraw %}")


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def site_config(config_file: Path | None = None) -> dict:
    """The project's mkdocs.yml: plain YAML, the settings every engine shares.

    SITE_URL and REPO_URL in the environment override site_url and repo_url,
    so a deploy (or a test) sets the real addresses without editing the file.
    """
    config_file = config_file or paths.site_config()
    with config_file.open(encoding="utf-8") as stream:
        config = yaml.safe_load(stream) or {}
    for key in ("site_url", "repo_url"):
        value = os.environ.get(key.upper())
        if value:
            config[key] = value
    return config


def repository(config: Mapping) -> pages.Repository | None:
    url = config.get("repo_url")
    return pages.Repository(url, config.get("extra", {}).get("repo_branch", "main")) if url else None


class _MathFiles:
    """Formulas placed as image files, one per distinct SVG, shared by every page."""

    def __init__(self, math: MathRenderer) -> None:
        self.math = math
        self.files: dict[str, str] = {}
        self.images: dict[tuple[str, str, bool], str] = {}
        self.template = environment().get_template("math-img.html.j2")

    def place(self, markup: str) -> str:
        def as_image(tex: str, svg: str, display: bool) -> str:
            # A formula recurs across answers: its markup is made once.
            key = (tex, svg, display)
            if key not in self.images:
                name = f"{MATH_DIR}/{hashlib.sha256(svg.encode()).hexdigest()[:20]}.svg"
                self.files[name] = svg
                width, height, shift = svg_metrics(svg)
                self.images[key] = self.template.render(
                    src=_BODY_DEPTH_PREFIX + name, tex=tex, display=display, width=width, height=height, shift=shift
                )
            return self.images[key]

        return self.math.replace_in_html(markup, wrap=as_image)


def make_tree(
    bank: Bank,
    answers: Mapping[str, RenderedAnswer],
    math: MathRenderer,
    *,
    downloads: list[outputs.Download],
    topic_pdfs: Mapping[str, str],
    engine: str = "mkdocs",
    exercises: Mapping[str, Exercise] | None = None,
) -> Tree:
    """Every page of the site, built from the checked bank."""
    exercises = exercises or {}
    tree = Tree()
    config = site_config()
    repo = repository(config)
    formulas = _MathFiles(math)
    texts = {
        q.id: pages.RenderedText(
            formulas.place(answers[q.id].markdown_html),
            formulas.place(answers[q.id].short_html),
            answers[q.id].short_text,
            answers[q.id].case.map(formulas.place) if answers[q.id].case else None,
        )
        for q in bank.questions
    }
    # Both engines ship our own search index, one document per question
    # (search_index.py), so neither needs the bodies in the Markdown: they are
    # theme templates, never parsed as Markdown, and their links (written for
    # the page, not for the Markdown source) stay as written.
    rendered = {qid: _render_exercise(exercise, formulas) for qid, exercise in exercises.items()}
    for topic in bank.topics:
        bodies = {}
        for index, q in enumerate(topic.questions):
            text = texts[q.id]
            exercise = rendered.get(q.id)
            bodies[q.id] = pages.question_body(bank, q, text, open_answer=False, exercise=exercise)
            page_body = pages.question_page_body(bank, topic, index, text, repo, exercise)
            tree.add_bodies(question_page(q.id), [page_body])
            tree.add(question_page(q.id), pages.question_markdown(bank, q, text))
        pdf = topic_pdfs.get(topic.id)
        tree.add_bodies(topic_page(topic.id), list(bodies.values()))
        tree.add(topic_page(topic.id), pages.topic_markdown(bank, topic, pdf, engine=engine))
    tree.add_bodies(pages.DESIGN, [pages.design_body(bank, texts)])
    tree.add(pages.DESIGN, pages.design_markdown(bank))
    tree.add(pages.HOME, pages.home_markdown(bank, downloads, topic_pdfs))
    index = runner_assets.EXERCISE_INDEX if exercises else None
    for path, text in pages.simple_pages(bank, index, engine).items():
        tree.add(path, text)
    tree.add(pages.QUESTIONS_JSON, questions_json(bank, {qid: t.short_text for qid, t in texts.items()}))
    tree.add(pages.DECK_JSON, deck_json(bank))
    for name, svg in formulas.files.items():
        tree.add(name, svg)
    for source in sorted(paths.authored_docs().rglob("*")):
        if source.is_file():
            tree.add(source.relative_to(paths.authored_docs()).as_posix(), source.read_bytes())
    add_vendored_scripts(tree)
    if exercises:
        add_exercises(tree, bank, exercises)
    overrides = paths.ROOT / config.get("theme", {}).get("custom_dir", "overrides")
    for source in sorted(overrides.rglob("*")):
        if source.is_file():
            tree.theme[source.relative_to(overrides).as_posix()] = source.read_bytes()
    add_search_engine(tree)
    tree.config = engine_config(config, bank, engine)
    return tree


def add_vendored_scripts(tree: Tree, node_modules: Path | None = None) -> None:
    """Copy the npm packages the site's scripts use into the tree (nothing from a CDN)."""
    for package_file, target in VENDORED.items():
        source = (node_modules or paths.ROOT / "node_modules") / package_file
        if not source.is_file():
            raise FileNotFoundError(f"{source} is missing: run `npm ci` (package-lock.json pins it)")
        text = source.read_text(encoding="utf-8")
        # Source maps are not shipped; a dangling reference only makes browsers ask for one.
        text = "\n".join(line for line in text.splitlines() if not line.startswith("//# sourceMappingURL=")) + "\n"
        if target in _AS_GLOBAL:
            text = (
                f"self.{_AS_GLOBAL[target]} = (function () {{\n"
                "var module = { exports: {} }, exports = module.exports;\n"
                f"{text}return module.exports;\n}})();\n"
            )
        tree.add(target, text)


def add_search_engine(tree: Tree) -> None:
    """The search worker's engine and its terms in one file: one request when the reader reaches for search."""
    parts = [tree.files[part] for part in _SEARCH_ENGINE_PARTS] + [tree.theme[_SEARCH_TERMS]]
    tree.add(SEARCH_ENGINE, b"".join(parts))


def add_exercises(tree: Tree, bank: Bank, exercises: Mapping[str, Exercise]) -> None:
    """The runner (Pyodide, harness, editor) and each exercise's JSON; only pages with an exercise ask for them."""
    for path, content in runner_assets.runner_files().items():
        tree.add(path, content)
    for qid, exercise in exercises.items():
        tree.add(runner_assets.exercise_url(qid), runner_assets.exercise_data(exercise))
    topic_of = {qid: bank.by_id[qid].topic_id for qid in exercises}
    tree.add(runner_assets.EXERCISE_INDEX, runner_assets.exercise_index(exercises, topic_of))


# Code shown in an exercise sits in a body beside the answer's code blocks: no line ids of its own.
_LINE_IDS = re.compile(r' id="__span-[\d-]+"')


def _render_exercise(exercise: Exercise, formulas: _MathFiles) -> pages.RenderedExercise:
    """An exercise's Markdown and code as HTML (math placed as images, code highlighted)."""

    def markdown(text: str) -> str:
        return formulas.place(convert_one(text).html or "")

    def code(text: str) -> str:
        return _LINE_IDS.sub("", convert_one(f"```python\n{text.rstrip()}\n```\n").html or "")

    return pages.RenderedExercise(
        kind=exercise.kind,
        statement_html=markdown(exercise.statement),
        starter_html=code(exercise.starter),
        solution_html=code(exercise.solution),
        hints_html=[markdown(h) for h in exercise.hints],
        bugs_html=[markdown(b) for b in exercise.bugs],
        data_path=runner_assets.exercise_url(exercise.question),
    )




def engine_config(config: Mapping, bank: Bank, engine: str = "mkdocs") -> dict:
    """mkdocs.yml for the tree: the project's settings, the tree's folders and the navigation."""
    generated = dict(config)
    extra = dict(generated.get("extra", {}))
    if engine == "mkdocs":
        # Where overrides/main.html keeps the question pages' sidebars for the build (Jinja only).
        extra["qb_sidebars"] = {}
    # The worker the theme's search box starts (overrides/main.html).
    extra["qb_search_worker"] = SEARCH_WORKERS[engine]
    generated["extra"] = extra
    if engine == "zensical":
        # Where Zensical's theme draws our palette differently from Material's.
        generated["extra_css"] = [*generated.get("extra_css", []), ZENSICAL_CSS]
    generated["docs_dir"] = "docs"
    generated.pop("site_dir", None)
    # The repository feeds our own edit and report links. Material would show
    # it by asking the GitHub API from every reader's browser: no other hosts.
    generated.pop("repo_url", None)
    generated.pop("edit_uri", None)
    theme = dict(generated.get("theme", {}))
    # The project's overrides, copied into the tree beside the question bodies.
    theme["custom_dir"] = THEME_DIR
    generated["theme"] = theme
    generated["nav"] = pages.nav(bank)
    return generated


def write_tree(tree: Tree, folder: Path) -> Path:
    """Bring folder in line with the tree: changed files rewritten, stale ones removed; return the config."""
    docs, theme = folder / "docs", folder / THEME_DIR
    wanted = {docs / path: content for path, content in tree.files.items()}
    wanted.update((theme / path, content) for path, content in tree.theme.items())
    config_file = folder / "mkdocs.yml"
    config_text = "# Generated by `python -m generator build` from ../../mkdocs.yml: edit that one.\n"
    config_text += yaml.safe_dump(tree.config, sort_keys=False, allow_unicode=True)
    wanted[config_file] = config_text.encode("utf-8")
    for path, content in wanted.items():
        try:
            if path.read_bytes() == content:
                continue
        except OSError:
            pass
        write_bytes_atomic(path, content)
    for top in (docs, theme):
        for path in sorted(top.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    for stray in folder.iterdir():
        # Dot folders are the engines' own caches.
        if stray in (docs, theme, config_file) or stray.name.startswith("."):
            continue
        if stray.is_dir():
            shutil.rmtree(stray)
        else:
            stray.unlink()
    return config_file
