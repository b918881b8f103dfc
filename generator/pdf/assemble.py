"""Join rendered parts into one PDF: pages, outline, internal links, metadata.

Parts are laid out separately (in parallel, cached), so a link from one
chapter to a question in another cannot be resolved by WeasyPrint. Templates
point such links at QUESTION_LINK_BASE + id; here every one of them becomes
a real in-document destination, using the anchor positions each part reported.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from pikepdf import Array, Dictionary, Name, ObjectStreamMode, OutlineItem, Pdf, String

from ..files import atomic_path, copy_atomic
from .render import RenderedPart
from .structure import StructureMerger

QUESTION_LINK_BASE = "https://question.invalid/"
# Bump when the joining changes what it writes, so cached joins are redone.
JOIN_VERSION = "1"


@dataclass
class OutlineEntry:
    title: str
    anchor: str
    children: list[OutlineEntry] = field(default_factory=list)


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    language: str = "en"
    # For a document that holds part of the bank (a topic's PDF): a link to a
    # question it does not hold goes to this site address + questions/<id>/, or
    # is left as plain text when the address is "". None: such a link is an error.
    links_outside: str | None = None


class MissingAnchor(Exception):
    """A link or outline entry points at an anchor no part contains."""


def _pdf_date() -> str:
    # Reproducible builds: honour SOURCE_DATE_EPOCH when it is set.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


class Assembly:
    """One PDF joined from parts that may arrive in any order.

    Each part has a slot (its place in the document). Parts are copied in a
    fixed join order, whatever order they arrive in: qpdf numbers objects as
    they are copied and packs object streams by those numbers, so only a fixed
    order gives the same bytes every build. A part that arrives early waits
    for those before it in that order; the study guide joins its chapters
    first and its front matter, which is made last, at the end.
    """

    def __init__(self, slots: int, target: Path, join_order: list[int] | None = None) -> None:
        self.target = target
        self.pdf = Pdf.new()
        self.parts: list[RenderedPart | None] = [None] * slots
        self.join_order = list(range(slots)) if join_order is None else join_order
        if sorted(self.join_order) != list(range(slots)):
            raise ValueError(f"{target.name}: join order {join_order} does not name each slot once")
        self._joined = 0
        # Kept open until the save: qpdf reads copied streams lazily.
        self.sources: list[Pdf] = []
        self.structure = StructureMerger(self.pdf)

    def add(self, slot: int, part: RenderedPart) -> None:
        """Hand in a slot's part; it is joined as soon as the parts before it in join order are."""
        if self.parts[slot] is not None:
            raise ValueError(f"{self.target.name}: slot {slot} is filled already")
        self.parts[slot] = part
        while self._joined < len(self.join_order) and self.parts[self.join_order[self._joined]] is not None:
            self._join(self.join_order[self._joined])
            self._joined += 1

    def _join(self, slot: int) -> None:
        part = self.parts[slot]
        assert part is not None
        joined = set(self.join_order[: self._joined])
        position = sum(p.pages for s, p in enumerate(self.parts[:slot]) if s in joined and p is not None)
        source = Pdf.open(part.pdf)
        self.sources.append(source)
        for index, page in enumerate(source.pages):
            self.pdf.pages.insert(position + index, page)
        self.structure.add(source, position, slot)

    def finish(self, outline: list[OutlineEntry], metadata: Metadata) -> None:
        """Resolve links and outline against the parts' anchors, then write the target."""
        pdf, target = self.pdf, self.target
        missing = [slot for slot, part in enumerate(self.parts) if part is None]
        assert missing or self._joined == len(self.join_order)
        if missing:
            raise ValueError(f"{target.name}: no part in slots {missing}")
        anchors: dict[str, tuple[int, float, float]] = {}
        heights: list[float] = []
        for part in self.parts:
            assert part is not None
            offset = len(heights)
            for name, (page, x, y) in part.anchors.items():
                anchors.setdefault(name, (offset + page, x, y))
            heights += [part.page_height_pt] * part.pages

        def position(anchor: str, what: str) -> tuple[int, float, float]:
            if anchor not in anchors:
                raise MissingAnchor(f"{target.name}: {what} {anchor!r}")
            page, x, y = anchors[anchor]
            return page, x, heights[page] - y

        for page in pdf.pages:
            for annot in page.obj.get(Name.Annots, Array()):
                action = annot.get(Name.A)
                if annot.get(Name.Subtype) != Name.Link or not isinstance(action, Dictionary):
                    continue
                uri = str(action.get(Name.URI, ""))
                if uri.startswith(QUESTION_LINK_BASE):
                    anchor = uri.removeprefix(QUESTION_LINK_BASE)
                    if anchor not in anchors and metadata.links_outside is not None:
                        if metadata.links_outside:
                            action.URI = String(f"{metadata.links_outside}questions/{anchor}/")
                        else:
                            del annot[Name.A]
                        continue
                    number, x, y = position(anchor, "nothing has the anchor")
                    del annot[Name.A]
                    annot.Dest = Array([pdf.pages[number].obj, Name.XYZ, x, y, None])

        def add(entries: list[OutlineEntry], into: list[OutlineItem]) -> None:
            for entry in entries:
                page, x, y = position(entry.anchor, f"outline entry {entry.title!r} has no anchor")
                item = OutlineItem(entry.title, page, "XYZ", left=x, top=y)
                add(entry.children, item.children)
                into.append(item)

        with pdf.open_outline() as tree:
            add(outline, tree.root)
        self.structure.finish()
        pdf.Root.PageMode = Name.UseOutlines
        pdf.Root.Lang = String(metadata.language)
        pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        date = _pdf_date()
        pdf.docinfo.update(
            {
                "/Title": metadata.title,
                "/Author": metadata.author,
                "/Subject": metadata.subject,
                "/Creator": "ml-interview-guide generator (WeasyPrint, pikepdf)",
                "/Producer": "WeasyPrint, qpdf",
                "/CreationDate": date,
                "/ModDate": date,
            }
        )
        with atomic_path(target) as tmp:
            # Object streams pack the thousands of small structure elements; a
            # deterministic /ID keeps two builds of the same bank byte-identical.
            pdf.save(tmp, compress_streams=True, object_stream_mode=ObjectStreamMode.generate, deterministic_id=True)
            self.close()

    def close(self) -> None:
        self.pdf.close()
        for source in self.sources:
            source.close()


def join_key(parts: list[RenderedPart], outline: list[OutlineEntry], metadata: Metadata) -> str:
    """What a joined document depends on: its parts (their cache names carry their content), outline and metadata."""
    digest = hashlib.sha256()
    pieces = (JOIN_VERSION, version("pikepdf"), os.environ.get("SOURCE_DATE_EPOCH", ""), repr(outline), repr(metadata))
    for piece in (*pieces, *(part.pdf.name for part in parts)):
        digest.update(piece.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:40]


def assemble(
    parts: list[RenderedPart],
    outline: list[OutlineEntry],
    metadata: Metadata,
    target: Path,
    keep: Path | None = None,
) -> None:
    """Join parts, in order, into target (a picklable call for the worker pool); keep a copy at `keep`."""
    assembly = Assembly(len(parts), target)
    try:
        for slot, part in enumerate(parts):
            assembly.add(slot, part)
        assembly.finish(outline, metadata)
    finally:
        assembly.close()
    if keep is not None:
        copy_atomic(target, keep)
