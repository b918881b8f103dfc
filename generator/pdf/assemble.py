"""Join rendered parts into one PDF: pages, outline, internal links, metadata.

Parts are laid out separately (in parallel, cached), so a link from one
chapter to a question in another cannot be resolved by WeasyPrint. Templates
point such links at QUESTION_LINK_BASE + id; here every one of them becomes
a real in-document destination, using the anchor positions each part reported.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    Fit,
    FloatObject,
    NameObject,
    NullObject,
    TextStringObject,
)

from .render import RenderedPart

QUESTION_LINK_BASE = "https://question.invalid/"


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


class MissingAnchor(Exception):
    """A link or outline entry points at an anchor no part contains."""


def _pdf_date() -> str:
    # Reproducible builds: honour SOURCE_DATE_EPOCH when it is set.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


def assemble(parts: list[RenderedPart], outline: list[OutlineEntry], metadata: Metadata, target: Path) -> None:
    writer = PdfWriter()
    anchors: dict[str, tuple[int, float, float]] = {}
    heights: list[float] = []
    for part in parts:
        offset = len(writer.pages)
        writer.append(str(part.pdf), import_outline=False)
        for name, (page, x, y) in part.anchors.items():
            anchors.setdefault(name, (offset + page, x, y))
        heights += [part.page_height_pt] * part.pages

    def destination(anchor: str) -> ArrayObject:
        if anchor not in anchors:
            raise MissingAnchor(f"{target.name}: nothing has the anchor {anchor!r}")
        page, x, y = anchors[anchor]
        return ArrayObject(
            [
                writer.pages[page].indirect_reference,
                NameObject("/XYZ"),
                FloatObject(x),
                FloatObject(heights[page] - y),
                NullObject(),
            ]
        )

    for page in writer.pages:
        for annot_ref in page.get("/Annots", []) or []:
            annot = annot_ref.get_object()
            action = annot.get("/A")
            if not isinstance(action, DictionaryObject):
                continue
            uri = action.get("/URI")
            if isinstance(uri, str) and uri.startswith(QUESTION_LINK_BASE):
                del annot[NameObject("/A")]
                annot[NameObject("/Dest")] = destination(uri.removeprefix(QUESTION_LINK_BASE))

    def add(entries: list[OutlineEntry], parent=None) -> None:
        for entry in entries:
            page, x, y = anchors.get(entry.anchor, (None, 0, 0))
            if page is None:
                raise MissingAnchor(f"{target.name}: outline entry {entry.title!r} has no anchor {entry.anchor!r}")
            item = writer.add_outline_item(entry.title, page, parent=parent, fit=Fit.xyz(x, heights[page] - y, None))
            add(entry.children, item)

    add(outline)
    writer.page_mode = "/UseOutlines"
    date = _pdf_date()
    writer.add_metadata(
        {
            "/Title": metadata.title,
            "/Author": metadata.author,
            "/Subject": metadata.subject,
            "/Creator": "ml-interview-guide generator (WeasyPrint, pypdf)",
            "/CreationDate": date,
            "/ModDate": date,
        }
    )
    writer._root_object[NameObject("/Lang")] = TextStringObject(metadata.language)
    viewer = DictionaryObject({NameObject("/DisplayDocTitle"): BooleanObject(True)})
    writer._root_object[NameObject("/ViewerPreferences")] = viewer
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        writer.write(handle)
    tmp.replace(target)
