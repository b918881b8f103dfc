"""Printable PDFs: a cheat sheet, the full study guide and a self-quiz.

Each document is made of parts laid out by WeasyPrint in worker processes
(the study guide one part per chapter), cached by content, then joined with
pypdf. Editing one question re-renders its chapter, the cheat sheet and the
quiz; the other chapters come from the cache.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

from .. import paths
from ..build import BuildFailed
from ..check import CheckedBank
from ..mathsvg import MathRenderer
from .assemble import MissingAnchor, OutlineEntry, assemble
from .documents import (
    CHEATSHEET,
    QUIZ,
    STUDY_GUIDE,
    PrintContext,
    chapter_part,
    cheatsheet_parts,
    front_part,
    quiz_parts,
    topic_outline,
)
from .render import PartRequest, RenderedPart, render_part, warm_up

PAPERS = ("a4", "letter")
T = TypeVar("T")


class _Runner:
    """Runs part renders in a process pool, or inline when only one is needed."""

    def __init__(self, cache_dir: Path, workers: int) -> None:
        self.cache_dir = cache_dir
        self.pool = ProcessPoolExecutor(max_workers=workers, initializer=warm_up) if workers > 1 else None
        if self.pool is not None:
            # Start every worker now, so their start-up overlaps with building the HTML.
            for _ in range(workers):
                self.pool.submit(int)

    def submit(self, request: PartRequest) -> Future[RenderedPart]:
        return self.call(render_part, request, self.cache_dir)

    def call(self, func: Callable[..., T], *args: object) -> Future[T]:
        if self.pool is not None:
            return self.pool.submit(func, *args)
        future: Future[T] = Future()
        try:
            future.set_result(func(*args))
        except Exception as exc:  # handed to the caller like a pool would
            future.set_exception(exc)
        return future

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def build_pdfs(
    checked: CheckedBank, out_dir: Path, *, paper: str = "a4", only: frozenset[str] | None = None
) -> list[Path]:
    """Render the three PDFs (or the ones named in `only`) into out_dir; return their paths."""
    if paper not in PAPERS:
        raise BuildFailed(f"unknown paper size {paper!r}; use one of {', '.join(PAPERS)}")
    specs = [spec for spec in (CHEATSHEET, STUDY_GUIDE, QUIZ) if only is None or spec.filename in only]
    wanted = {spec.filename for spec in specs}
    cache_dir = paths.cache_dir() / "pdf" / paper
    runner = _Runner(cache_dir, max(1, min(os.cpu_count() or 1, 4)))
    math = MathRenderer(paths.cache_dir() / "math.json")
    ctx = PrintContext(checked, math)
    try:
        # Templates typeset formulas while they render, so build all HTML first.
        cheatsheet = cheatsheet_parts(ctx, paper) if CHEATSHEET.filename in wanted else []
        quiz = quiz_parts(ctx, paper) if QUIZ.filename in wanted else []
        chapters = (
            {t.id: chapter_part(ctx, t, paper) for t in ctx.bank.topics} if STUDY_GUIDE.filename in wanted else {}
        )
    except BaseException:
        runner.close()
        raise
    finally:
        math.close()

    out_dir.mkdir(parents=True, exist_ok=True)
    targets = {spec.filename: out_dir / spec.filename for spec in specs}
    try:
        # Chapters first (the contents pages wait for them); the cheat sheet and
        # the quiz are joined in the pool while the chapters still render.
        # Longest chapters first, so no long one starts last and leaves a core idle.
        by_size = sorted(chapters.items(), key=lambda item: len(item[1].html), reverse=True)
        chapter_futures = {tid: runner.submit(req) for tid, req in by_size}
        sheet_futures = [runner.submit(req) for req in cheatsheet]
        quiz_futures = [runner.submit(req) for req in quiz]
        joins = []
        if sheet_futures:
            outline = topic_outline(ctx, questions=False)
            parts = [f.result() for f in sheet_futures]
            joins.append(runner.call(assemble, parts, outline, CHEATSHEET.metadata, targets[CHEATSHEET.filename]))
        if quiz_futures:
            outline = [*topic_outline(ctx, questions=False), OutlineEntry("Answer key", "answer-key")]
            parts = [f.result() for f in quiz_futures]
            joins.append(runner.call(assemble, parts, outline, QUIZ.metadata, targets[QUIZ.filename]))
        if chapter_futures:
            rendered = {tid: chapter_futures[tid].result() for tid in chapters}
            front = runner.submit(front_part(ctx, rendered, paper)).result()
            outline = [OutlineEntry("Contents", "contents"), *topic_outline(ctx, questions=True)]
            assemble([front, *rendered.values()], outline, STUDY_GUIDE.metadata, targets[STUDY_GUIDE.filename])
        for join in joins:
            join.result()
    except MissingAnchor as exc:
        raise BuildFailed(f"PDF assembly failed: {exc}") from exc
    except Exception as exc:
        raise BuildFailed(f"PDF rendering failed: {exc}") from exc
    finally:
        runner.close()
    _prune_cache(cache_dir)
    return list(targets.values())


def _prune_cache(cache_dir: Path, keep: int = 400) -> None:
    """Keep the cache from growing without bound: drop the oldest renders."""
    files = sorted(cache_dir.glob("*.pdf"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in files[keep:]:
        stale.unlink(missing_ok=True)
        stale.with_suffix(".json").unlink(missing_ok=True)


def copy_into_site(written: list[Path], site_dir: Path) -> None:
    """`make pdf` alone: refresh the downloads of an existing site."""
    if not site_dir.is_dir():
        return
    downloads = site_dir / "downloads"
    downloads.mkdir(exist_ok=True)
    for path in written:
        tmp = downloads / f".{path.name}.tmp"
        shutil.copyfile(path, tmp)
        tmp.replace(downloads / path.name)
