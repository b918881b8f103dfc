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

from .assemble import Assembly, Metadata, OutlineEntry, assemble
from .render import PartRequest, RenderedPart, render_part
from .runner import FILLER, URGENT, Runner


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


def render_documents(runner: Runner, cache_dir: Path, guide: StudyGuide | None, others: list[JoinedDocument]) -> None:
    """Render and join the study guide and the other documents; raise the first failure."""
    role: dict[Future, tuple[str, int]] = {}
    if guide is not None:
        # Longest chapters first, so no long one starts last and leaves a core idle.
        by_size = sorted(range(len(guide.chapters)), key=lambda i: len(guide.chapters[i].html), reverse=True)
        for index in by_size:
            role[runner.call(render_part, guide.chapters[index], cache_dir)] = ("chapter", index)
    for number, document in enumerate(others):
        document.futures = [runner.call(render_part, part, cache_dir, priority=FILLER) for part in document.parts]
        for future in document.futures:
            role[future] = ("part", number)

    assembly = None
    if guide is not None:
        slots = 1 + len(guide.chapters)
        assembly = Assembly(slots, guide.target, join_order=[*range(1, slots), 0])
    chapters: dict[int, RenderedPart] = {}
    joins: list[Future[None]] = []
    joined: set[int] = set()
    pending = set(role)
    try:
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: role[f]):
                kind, index = role[future]
                part = future.result()
                if kind == "chapter":
                    assert guide is not None and assembly is not None
                    assembly.add(1 + index, part)
                    chapters[index] = part
                    if len(chapters) == len(guide.chapters):
                        request = guide.front([chapters[i] for i in range(len(chapters))])
                        front = runner.call(render_part, request, cache_dir, priority=URGENT)
                        role[front] = ("front", 0)
                        pending.add(front)
                elif kind == "front":
                    assert guide is not None and assembly is not None
                    assembly.add(0, part)
                    assembly.finish(guide.outline, guide.metadata)
                elif kind == "part" and index not in joined:
                    document = others[index]
                    if all(f.done() for f in document.futures):
                        joined.add(index)
                        parts = [f.result() for f in document.futures]
                        joins.append(runner.call(assemble, parts, document.outline, document.metadata, document.target))
                        role[joins[-1]] = ("joined", index)
                        pending.add(joins[-1])
    finally:
        if assembly is not None:
            assembly.close()
