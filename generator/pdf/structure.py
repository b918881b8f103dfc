"""Join the structure trees (tags) of the parts into one tagged PDF.

WeasyPrint tags each part it lays out (`pdf_tags=True`): a StructTreeRoot with
one Document element, and a ParentTree that maps each page's marked content
(by the page's /StructParents key) and each link annotation (by its
/StructParent key) back to its structure element. Copying pages does not copy
structure, so the parts' trees are copied here under one Document element and
the keys renumbered: pages first, in document order, then annotations.
"""

from __future__ import annotations

from pikepdf import Array, Dictionary, Name, Object, Pdf


class StructureMerger:
    """Collects each appended part's tags; `finish` writes the joined tree."""

    def __init__(self, pdf: Pdf) -> None:
        self.pdf = pdf
        self.document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
        # page (objgen) -> its structure elements, by marked-content id
        self.page_elements: dict[tuple[int, int], Object] = {}
        # slot -> [(annotation, its structure element)], [top-level elements]
        self.annotations: dict[int, list[tuple[Object, Object]]] = {}
        self.children: dict[int, list[Object]] = {}

    def add(self, part: Pdf, first_page: int, slot: int) -> None:
        """Take the tags of `part`, whose pages were just placed from index `first_page` on.

        qpdf remembers what it copied from `part`, so the structure elements
        copied now point at the pages and annotations placed before.
        """
        if Name.StructTreeRoot not in part.Root:
            raise ValueError("a PDF part has no structure tree (render it with pdf_tags=True)")
        root = part.Root.StructTreeRoot
        # One copy of the whole tree (the ParentTree reaches every element);
        # what is read from it below already lives in the joined PDF.
        entries = _number_tree(self.pdf.copy_foreign(root.ParentTree))
        kids = root.K if isinstance(root.K, Array) else [root.K]
        documents = [self.pdf.copy_foreign(kid) for kid in kids]
        annotations = self.annotations.setdefault(slot, [])
        for local in range(len(part.pages)):
            page = self.pdf.pages[first_page + local].obj
            self.page_elements[page.objgen] = entries.get(local, Array())
            for annot in page.get(Name.Annots, Array()):
                key = annot.get(Name.StructParent)
                if key is not None and int(key) in entries:
                    annotations.append((annot, entries[int(key)]))
        self.children[slot] = [child for document in documents for child in document.get(Name.K, Array())]

    def finish(self) -> None:
        """Number pages and annotations in document order and hang the tree on the catalog."""
        nums: list[object] = []
        for key, page in enumerate(self.pdf.pages):
            page.obj.StructParents = key
            nums += [key, self.pdf.make_indirect(self.page_elements[page.obj.objgen])]
        key = len(self.pdf.pages)
        for slot in sorted(self.annotations):
            for annot, element in self.annotations[slot]:
                annot.StructParent = key
                nums += [key, element]
                key += 1
        for slot in sorted(self.children):
            for child in self.children[slot]:
                child.P = self.document
                self.document.K.append(child)
        tree_root = self.pdf.make_indirect(
            Dictionary(
                Type=Name.StructTreeRoot,
                K=Array([self.document]),
                ParentTree=self.pdf.make_indirect(Dictionary(Nums=Array(nums))),
                ParentTreeNextKey=key,
            )
        )
        self.document.P = tree_root
        self.pdf.Root.StructTreeRoot = tree_root
        self.pdf.Root.MarkInfo = Dictionary(Marked=True)


def _number_tree(node: Object) -> dict[int, Object]:
    """The entries of a PDF number tree, flat or with /Kids."""
    entries: dict[int, Object] = {}
    stack = [node]
    while stack:
        current = stack.pop()
        nums = current.get(Name.Nums, Array())
        for index in range(0, len(nums) - 1, 2):
            entries[int(nums[index])] = nums[index + 1]
        stack.extend(current.get(Name.Kids, Array()))
    return entries
