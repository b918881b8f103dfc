"""Read PDFs the way the tests need: text, outline, links, fonts."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import IndirectObject


def compact(text: str) -> str:
    """Letters and digits only, lower case: survives hyphenation and line breaks."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def outline_titles(path: Path) -> list:
    """Nested list of outline titles: [title, [children...]] per entry."""
    reader = PdfReader(path)

    def walk(items: list) -> list:
        result: list = []
        for item in items:
            if isinstance(item, list):
                result[-1][1].extend(walk(item))
            else:
                result.append([item.title, []])
        return result

    return walk(reader.outline)


def link_annotations(path: Path) -> list[dict]:
    reader = PdfReader(path)
    page_ids = {page.indirect_reference.idnum for page in reader.pages}
    links = []
    for number, page in enumerate(reader.pages):
        for ref in page.get("/Annots", []) or []:
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            dest = annot.get("/Dest")
            action = annot.get("/A")
            record = {"page": number, "uri": None, "target_ok": None}
            if dest is not None:
                target = dest[0]
                record["target_ok"] = isinstance(target, IndirectObject) and target.idnum in page_ids
            elif action is not None:
                action = action.get_object()
                record["uri"] = action.get("/URI")
                if action.get("/D") is not None:
                    record["target_ok"] = True
            links.append(record)
    return links


def fonts(path: Path) -> list[dict]:
    reader = PdfReader(path)
    found: dict[int, dict] = {}

    def visit(resources) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            key = ref.idnum if isinstance(ref, IndirectObject) else id(font)
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and font.get("/DescendantFonts"):
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            found[key] = {
                "name": str(font.get("/BaseFont")),
                "subtype": str(font.get("/Subtype")),
                "embedded": any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")),
            }
        for ref in (resources.get("/XObject") or {}).values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return list(found.values())
