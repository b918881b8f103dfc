"""Render every part and join each document as soon as its parts are ready.

One loop waits on whatever finishes next: a chapter is joined into the study
guide at once (after one edit most come from the cache, so they are joined
while the edited one still renders); once every chapter is laid out the front
matter, whose contents need their page numbers, jumps the queue; the cheat
sheet and the quiz are joined in a worker as soon as their last part is in.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ..cache import FileCache
from ..files import copy_atomic
from ..workers import FILLER, NORMAL, URGENT, Runner
from .assemble import Assembly, Metadata, OutlineEntry, assemble, join_key
from .render import PartRequest, RenderedPart, cache_key, cached_part, render_part

T = TypeVar("T")


@dataclass
class JoinedDocument:
    """A document made of parts rendered in workers and joined by `assemble` in a worker too."""

    parts: list[PartRequest]
    outline: list[OutlineEntry]
    metadata: Metadata
    target: Path
    futures: list[Future[RenderedPart]] = field(default_factory=list)


@dataclass
class StudyGuide:
    """Chapters joined in this process as they arrive; the front matter is made from their layout."""

    chapters: list[PartRequest]
    front: Callable[[list[RenderedPart]], PartRequest]
    outline: list[OutlineEntry]
    metadata: Metadata
    target: Path


class DocumentRenderer:
    """Hands every part to the workers at once (`start`), then joins the documents (`finish`).

    The two halves may run on different threads: a full build starts the
    parts before MkDocs runs and joins them on a thread while it does.
    """

    def __init__(self, runner: Runner, cache_dir: Path, guide: StudyGuide | None, others: list[JoinedDocument]):
        self.runner = runner
        self.cache_dir = cache_dir
        self.guide = guide
        self.others = others
        # What each future is for; a shared part is for more than one document.
        self.role: dict[Future, list[tuple[str, int]]] = {}
        # A part two documents share (a chapter and its topic's own PDF) is laid out once.
        self._started: dict[str, Future[RenderedPart]] = {}

    def _part(self, request: PartRequest, priority: int) -> Future[RenderedPart]:
        key = f"{request.name}-{cache_key(request)}"
        if key in self._started:
            return self._started[key]
        # Cached parts are read here: sending their HTML to a worker only to
        # find the file would queue them ahead of the part that changed.
        cached = cached_part(request, self.cache_dir)
        if cached is None:
            future = self.runner.call(render_part, request, self.cache_dir, priority=priority)
        else:
            future = _done(cached)
        self._started[key] = future
        return future

    def _join(self, document: JoinedDocument, parts: list[RenderedPart]) -> Future[None]:
        # The same parts, outline and metadata join to the same bytes: after an
        # edit elsewhere, the cheat sheet and quiz are copied, not joined again.
        key = join_key(parts, document.outline, document.metadata)
        kept = self.cache_dir / f"joined-{document.target.stem}-{key}.pdf"
        if not kept.exists():
            return self.runner.call(assemble, parts, document.outline, document.metadata, document.target, kept)
        copy_atomic(kept, document.target)
        FileCache(kept.parent).get(kept.name)  # used by this run: pruning keeps it
        return _done(None)

    def start(self) -> None:
        if self.guide is not None:
            chapters = self.guide.chapters
            # Longest chapters first, so no long one starts last and leaves a core idle.
            for index in sorted(range(len(chapters)), key=lambda i: len(chapters[i].html), reverse=True):
                self.role.setdefault(self._part(chapters[index], NORMAL), []).append(("chapter", index))
        for number, document in enumerate(self.others):
            document.futures = [self._part(part, FILLER) for part in document.parts]
            for future in document.futures:
                self.role.setdefault(future, []).append(("part", number))

    def finish(self) -> None:
        """Wait for the parts, joining each document as soon as it can be; raise the first failure."""
        guide, role = self.guide, self.role
        assembly = None
        if guide is not None:
            slots = 1 + len(guide.chapters)
            assembly = Assembly(slots, guide.target, join_order=[*range(1, slots), 0])
        chapters: dict[int, RenderedPart] = {}
        joined: set[int] = set()
        pending = set(role)
        try:
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future, (kind, index) in sorted(((f, r) for f in done for r in role[f]), key=lambda fr: fr[1]):
                    part = future.result()
                    if kind == "chapter":
                        assert guide is not None and assembly is not None
                        chapters[index] = part
                        if len(chapters) == len(guide.chapters):
                            # Sent before this chapter is joined: the chapters after it in
                            # join order are joined here while a worker lays out the front.
                            front = self._part(guide.front([chapters[i] for i in range(len(chapters))]), URGENT)
                            role[front] = [("front", 0)]
                            pending.add(front)
                        assembly.add(1 + index, part)
                    elif kind == "front":
                        assert guide is not None and assembly is not None
                        assembly.add(0, part)
                        assembly.finish(guide.outline, guide.metadata)
                    elif kind == "part" and index not in joined:
                        document = self.others[index]
                        if all(f.done() for f in document.futures):
                            joined.add(index)
                            parts = [f.result() for f in document.futures]
                            join = self._join(document, parts)
                            role[join] = [("joined", index)]
                            pending.add(join)
        finally:
            if assembly is not None:
                assembly.close()


def _done(value: T) -> Future[T]:
    """A future that already holds its result, so cached work waits in the same loop as the rest."""
    future: Future[T] = Future()
    future.set_result(value)
    return future
