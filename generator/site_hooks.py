"""MkDocs hooks: the bank becomes pages inside the MkDocs build itself.

Running inside MkDocs (instead of writing Markdown files beforehand) means
`mkdocs serve` rebuilds when a YAML file changes and nothing generated ever
lands in the source tree.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from generator import diagrams, pages, paths
from generator.export import questions_json
from generator.links import TOPIC_DIR, link_bank, topic_page
from generator.mathsvg import MathError, MathRenderer, svg_metrics
from generator.model import Bank
from generator.page_bodies import MissingBody, convert_bodies, place_bodies
from generator.problems import BankError
from generator.templating import environment
from generator.validate import load_bank_cached

log = logging.getLogger("mkdocs.hooks.question_bank")

ROOT = paths.ROOT
MATH_DIR = "assets/math"

_math: MathRenderer | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    snippets = config.mdx_configs.setdefault("pymdownx.snippets", {})
    # Snippet paths are relative to the project, wherever mkdocs runs from.
    snippets["base_path"] = [str(ROOT)]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    bank, problems = load_bank_cached(paths.content_dir(), root=paths.display_root())
    if problems:
        raise PluginError("the question bank has problems:\n" + BankError(problems).report())
    link_bank(bank)
    _convert_bodies(bank)

    def add(src_uri: str, content: str | bytes) -> None:
        files.append(File.generated(config, src_uri, content=content))

    downloads = paths.downloads_dir()
    # A full build makes the downloads while MkDocs runs and puts them into the
    # site before it goes live; until then they stand here as empty files, so
    # the home page lists them and links to them validate.
    pending = set(config.extra.get(pages.PENDING_DOWNLOADS, ()))
    available = [d for d in pages.DOWNLOADS if d.filename in pending or (downloads / d.filename).exists()]
    for d in available:
        uri = f"downloads/{d.filename}"
        if d.filename in pending:
            files.append(File.generated(config, uri, content=b""))
        else:
            files.append(File.generated(config, uri, abs_src_path=str(downloads / d.filename)))
    add(pages.HOME, pages.home_markdown(bank, available))
    add(pages.ALL_QUESTIONS, pages.questions_markdown(bank))
    add(pages.TAGS, pages.tags_markdown(bank))
    add(pages.QUESTIONS_JSON, questions_json(bank))
    add(pages.PRACTICE, pages.practice_markdown(bank))
    add(pages.PROGRESS, pages.progress_markdown(bank))
    for topic in bank.topics:
        add(topic_page(topic.id), pages.topic_markdown(bank, topic.id))

    config.nav = [
        {"Home": pages.HOME},
        {"How to study": "how-to-use.md"},
        {"Topics": [{t.title: topic_page(t.id)} for t in bank.topics]},
        {"Practice": pages.PRACTICE},
        {"Progress": pages.PROGRESS},
        {"All questions": pages.ALL_QUESTIONS},
        {"Tags": pages.TAGS},
    ]
    return files


# Each question's body as HTML, placed into its topic page (page_bodies.py).
_bodies: dict[str, str] = {}


def _convert_bodies(bank: Bank) -> None:
    converted = convert_bodies(bank, paths.cache_dir() / "site-bodies.json")
    if not all(result.ok for result in converted.values()):
        _raise_located([e for r in converted.values() for e in [r.error, *r.diagram_errors] if e], "the question bank")
    _bodies.clear()
    _bodies.update({qid: result.html for qid, result in converted.items()})


def _raise_located(errors: list[str], where: str) -> None:
    """Rare path: run the full check, which renders every answer on its own and
    so can name the file and line of each broken formula, diagram or snippet."""
    from generator.check import check_bank

    located = check_bank().problems
    report = BankError(located).report() if located else "; ".join(errors)
    raise PluginError(f"{where} has problems:\n{report}")


# Formula SVGs written as files at the end of the build: {site path: svg}.
_math_files: dict[str, str] = {}


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    global _math
    if _math is None:
        _math = MathRenderer(paths.cache_dir() / "math.json")
    errors: list[str] = [str(failure) for failure in diagrams.drain_failures()]

    def on_error(exc: MathError) -> None:
        errors.append(str(exc))

    # Fetched once a page: a math-heavy page places thousands of formulas.
    template = environment().get_template("math-img.html.j2")

    def as_image(tex: str, svg: str, display: bool) -> str:
        # One file per formula keeps math-heavy pages small (inline SVG made
        # them over a megabyte); the browser caches formulas shared by pages.
        name = f"{MATH_DIR}/{hashlib.sha256(svg.encode()).hexdigest()[:20]}.svg"
        _math_files[name] = svg
        width, height, shift = svg_metrics(svg)
        return template.render(
            src=get_relative_url(name, page.url),
            tex=tex,
            display=display,
            width=width,
            height=height,
            shift=shift,
        )

    if page.file.src_uri.startswith(f"{TOPIC_DIR}/"):
        try:
            html = place_bodies(html, _bodies)
        except MissingBody as exc:
            raise PluginError(f"{page.file.src_uri}: no converted body for question {exc}") from None
    html = _math.replace_in_html(html, on_error=on_error, wrap=as_image)
    if errors:
        _raise_located(errors, f"{page.file.src_uri}: the question bank")
    return html


def on_post_build(config: MkDocsConfig) -> None:
    global _math
    if config is not None and _math_files:
        folder = Path(config.site_dir) / MATH_DIR
        folder.mkdir(parents=True, exist_ok=True)
        for name, svg in _math_files.items():
            (Path(config.site_dir) / name).write_text(svg, encoding="utf-8")
        _math_files.clear()
    if _math is not None:
        _math.close()
        _math = None


def on_build_error(error: Exception) -> None:
    on_post_build(None)  # type: ignore[arg-type]


def on_serve(server, config: MkDocsConfig, builder):
    for path in (paths.content_dir(), ROOT / "generator" / "templates", ROOT / "code_examples"):
        if path.exists():
            server.watch(str(path))
    return server
