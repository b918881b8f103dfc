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


def structure(path: Path) -> dict:
    """The tag tree of a tagged PDF, checked for the links a reader's assistive tool follows.

    Returns the count of each structure type, the pages the elements point
    at that are not pages of the document, the pages whose /StructParents
    has no ParentTree entry, and link annotations with no structure parent.
    """
    reader = PdfReader(path)
    root = reader.trailer["/Root"]
    tree = root["/StructTreeRoot"].get_object()
    page_ids = {page.indirect_reference.idnum for page in reader.pages}
    nums = tree["/ParentTree"].get_object()["/Nums"]
    keys = {int(nums[i]) for i in range(0, len(nums), 2)}
    counts: dict[str, int] = {}
    foreign_pages = 0
    stack = list(tree["/K"])
    seen: set[int] = set()
    while stack:
        ref = stack.pop()
        if not isinstance(ref, IndirectObject) or ref.idnum in seen:
            continue
        seen.add(ref.idnum)
        element = ref.get_object()
        if element.get("/Type") not in (None, "/StructElem"):
            continue
        kind = str(element.get("/S"))
        counts[kind] = counts.get(kind, 0) + 1
        page = element.get("/Pg")
        if page is not None and page.idnum not in page_ids:
            foreign_pages += 1
        kids = element.get("/K", [])
        stack.extend(kids if isinstance(kids, list) else [kids])
    pages_without_entry = [n for n, page in enumerate(reader.pages) if page.get("/StructParents") not in keys]
    links_without_parent = [
        n
        for n, page in enumerate(reader.pages)
        for ref in page.get("/Annots", []) or []
        if ref.get_object().get("/Subtype") == "/Link" and ref.get_object().get("/StructParent") not in keys
    ]
    return {
        "marked": bool(root.get("/MarkInfo", {}).get("/Marked")),
        "counts": counts,
        "foreign_pages": foreign_pages,
        "pages_without_entry": pages_without_entry,
        "links_without_parent": links_without_parent,
    }
