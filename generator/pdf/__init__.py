"""Printable PDFs: a cheat sheet, the full study guide and a self-quiz.

Each document is made of parts laid out by WeasyPrint in worker processes
(the study guide one part per chapter), cached by content, then joined with
pikepdf (qpdf), structure tags included. Editing one answer lays out its
chapter again (and the contents, if page numbers moved); every other part
comes from the cache.
"""

from __future__ import annotations

from pathlib import Path

from .. import outputs, paths
from ..cache import FileCache, now
from ..check import CheckedBank
from ..files import copy_atomic
from ..mathsvg import MathRenderer
from ..problems import BuildFailed
from ..workers import Runner
from .assemble import MissingAnchor, OutlineEntry
from .documents import (
    CHEATSHEET,
    QUIZ,
    STUDY_GUIDE,
    PrintContext,
    chapter_part,
    cheatsheet_parts,
    front_part,
    quiz_parts,
    topic_metadata,
    topic_outline,
)
from .render import PartRequest, RenderedPart
from .schedule import DocumentRenderer, JoinedDocument, StudyGuide

PAPERS = ("a4", "letter")


def build_pdfs(
    checked: CheckedBank, out_dir: Path, *, paper: str, runner: Runner, only: frozenset[str] | None = None
) -> list[Path]:
    """The three PDFs (or those named in `only`) rendered into out_dir by the runner's workers; their paths."""
    return start_pdfs(checked, out_dir, paper=paper, only=only, runner=runner).finish()


class PdfBuild:
    """PDFs whose parts are in the workers' hands; `finish` joins them and returns the paths."""

    def __init__(
        self, renderer: DocumentRenderer, cache_dir: Path, targets: list[Path], complete: bool, started: float
    ) -> None:
        self.renderer = renderer
        self.cache_dir = cache_dir
        self.targets = targets
        self.complete = complete
        self.started = started

    def finish(self) -> list[Path]:
        try:
            self.renderer.finish()
        except MissingAnchor as exc:
            raise BuildFailed(f"PDF assembly failed: {exc}") from exc
        except Exception as exc:
            raise BuildFailed(f"PDF rendering failed: {exc}") from exc
        if self.complete:
            FileCache(self.cache_dir).prune(self.started)
        return self.targets


def start_pdfs(
    checked: CheckedBank,
    out_dir: Path,
    *,
    paper: str,
    only: frozenset[str] | None,
    runner: Runner,
    topic_pdfs: bool = False,
    site_url: str = "",
) -> PdfBuild:
    """Build every part's HTML and hand the parts to the workers; join them with `.finish()`.

    With `topic_pdfs`, each topic's chapter is also joined on its own into
    out_dir/topics/<id>.pdf: the same part as in the study guide, laid out once.
    Its links to other topics go to their pages at site_url (or stay as text).
    """
    started = now()
    if paper not in PAPERS:
        raise BuildFailed(f"unknown paper size {paper!r}; use one of {', '.join(PAPERS)}")
    specs = [spec for spec in (CHEATSHEET, STUDY_GUIDE, QUIZ) if only is None or spec.filename in only]
    wanted = {spec.filename for spec in specs}
    cache_dir = paths.cache_dir() / "pdf" / paper
    math = MathRenderer(paths.cache_dir() / "math.json")
    ctx = PrintContext(checked, math)
    try:
        # Templates typeset formulas while they render, so build all HTML first.
        cheatsheet = cheatsheet_parts(ctx, paper) if CHEATSHEET.filename in wanted else []
        quiz = quiz_parts(ctx, paper) if QUIZ.filename in wanted else []
        chapters = (
            {t.id: chapter_part(ctx, t, paper) for t in ctx.bank.topics} if STUDY_GUIDE.filename in wanted else {}
        )
    finally:
        math.close()

    out_dir.mkdir(parents=True, exist_ok=True)
    targets = {spec.filename: out_dir / spec.filename for spec in specs}
    others = []
    if cheatsheet:
        outline = topic_outline(ctx, questions=False)
        others.append(JoinedDocument(cheatsheet, outline, CHEATSHEET.metadata, targets[CHEATSHEET.filename]))
    if quiz:
        outline = [*topic_outline(ctx, questions=False), OutlineEntry("Answer key", "answer-key")]
        others.append(JoinedDocument(quiz, outline, QUIZ.metadata, targets[QUIZ.filename]))
    if topic_pdfs and chapters:
        for topic in ctx.bank.topics:
            target = out_dir / outputs.topic_pdf(topic.id)
            target.parent.mkdir(parents=True, exist_ok=True)
            targets[target.name] = target
            metadata = topic_metadata(topic, site_url)
            [entry] = [e for e in topic_outline(ctx, questions=True) if e.anchor == f"topic-{topic.id}"]
            others.append(JoinedDocument([chapters[topic.id]], [entry], metadata, target))
    guide = None
    if chapters:

        def front(rendered: list[RenderedPart]) -> PartRequest:
            return front_part(ctx, dict(zip(chapters, rendered, strict=True)), paper)

        outline = [OutlineEntry("Contents", "contents"), *topic_outline(ctx, questions=True)]
        guide = StudyGuide(list(chapters.values()), front, outline, STUDY_GUIDE.metadata, targets[STUDY_GUIDE.filename])
    renderer = DocumentRenderer(runner, cache_dir, guide, others)
    renderer.start()
    # Only a build of everything knows which cached parts are still needed.
    complete = only is None and topic_pdfs
    return PdfBuild(renderer, cache_dir, list(targets.values()), complete, started)


def copy_into_site(written: list[Path], site_dir: Path) -> None:
    """`make pdf` alone: refresh the downloads of an existing site."""
    if not site_dir.is_dir():
        return
    downloads = site_dir / "downloads"
    downloads.mkdir(exist_ok=True)
    for path in written:
        copy_atomic(path, downloads / path.name)
