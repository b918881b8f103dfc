"""The build, start to finish, in one function: read `build()` top to bottom.

load -> validate -> link -> render (check.py), write the docs tree (tree.py),
then the site engine builds the tree while the workers lay out the PDFs and
the deck, the shipped HTML is scanned, and the new site is swapped in. A
failed build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import outputs, paths
from .check import CheckedBank, check_bank
from .engine import run_engine
from .files import discard, place_atomic
from .flashcards import write_apkg, write_csv
from .links import topic_url
from .mathsvg import MathRenderer
from .model import Bank
from .problems import BankError, BuildFailed, Problem
from .search_index import IndexBuild
from .shipcheck import Hit, SiteScan
from .tree import make_tree, site_config, write_tree
from .workers import FILLER, start_workers


@dataclass(frozen=True)
class BuildOptions:
    site_dir: Path
    paper: str = "a4"
    engine: str = "mkdocs"
    with_pdfs: bool = True
    # The Content-Security-Policy on every page (off only for `make serve`'s live reload).
    policy: bool = True


@dataclass
class BuildResult:
    checked: CheckedBank
    site_dir: Path
    downloads: list[Path] = field(default_factory=list)


def build(options: BuildOptions) -> BuildResult:
    """Check the bank, write the docs tree, build the site and its downloads, swap it in."""
    with start_workers(for_pdfs=options.with_pdfs) as workers:
        # 1-4. load, validate, link and render every answer (Markdown in the workers).
        checked = check_bank(runner=workers)
        if checked.problems:
            raise BankError(checked.problems)
        downloads = list(outputs.DOWNLOADS if options.with_pdfs else ())
        # 5. PDF parts and the deck go to the workers first, so they are made while the site builds.
        if options.with_pdfs:
            from .pdf import start_pdfs

            deck = workers.call(write_apkg, checked, paths.downloads_dir() / outputs.DECK.filename, priority=FILLER)
            pdfs = start_pdfs(
                checked,
                paths.downloads_dir(),
                paper=options.paper,
                only=None,
                runner=workers,
                topic_pdfs=True,
                site_url=site_config().get("site_url") or "",
            )
        # 6. write the docs tree: every page, formula and asset, and its mkdocs.yml.
        config_file = write_docs_tree(checked, downloads, options.engine, topic_pdfs=options.with_pdfs)
        with staging(options.site_dir) as staged, ThreadPoolExecutor(1, thread_name_prefix="pdf-join") as thread:
            joined = thread.submit(pdfs.finish) if options.with_pdfs else None
            # 7. the engine builds the tree here while the workers lay out PDFs
            # and scan each page the engine writes.
            scan = SiteScan(workers, staged, policy=options.policy)
            # The question-first index the search worker loads, under either
            # engine: its questions are indexed while the engine runs.
            index = IndexBuild(checked.bank, checked.answers)
            try:
                run_engine(options.engine, config_file, staged, on_page=scan.written)
                index.finish(staged, checked.bank, options.engine)
            finally:
                index.cancel()
            # 8. exports and downloads into the staged site.
            written = _deliver(checked, deck, joined, staged / outputs.SITE_FOLDER) if options.with_pdfs else []
            # 9. the last check, on the HTML that ships; then the policy on every page.
            hits = scan.finish()
            if hits:
                raise BankError(_located(checked.bank, hits))
            # 10. the swap (on leaving the block).
        return BuildResult(checked, options.site_dir, written)


def write_docs_tree(
    checked: CheckedBank, downloads: list[outputs.Download], engine: str, *, topic_pdfs: bool = False
) -> Path:
    """The docs tree for the checked bank, written to build/site-src; returns its mkdocs.yml."""
    pdfs = {t.id: f"{outputs.SITE_FOLDER}/{outputs.topic_pdf(t.id)}" for t in checked.bank.topics} if topic_pdfs else {}
    math = MathRenderer(paths.cache_dir() / "math.json")
    try:
        tree = make_tree(
            checked.bank,
            checked.answers,
            math,
            downloads=downloads,
            topic_pdfs=pdfs,
            engine=engine,
            exercises=checked.exercises,
        )
    finally:
        math.close()
    return write_tree(tree, paths.tree_dir())


def _deliver(checked: CheckedBank, deck: Future, joined: Future, target: Path) -> list[Path]:
    """The CSV made, the deck and the PDFs awaited, and all of them placed in the staged site."""
    made = paths.downloads_dir()
    write_csv(checked, made / outputs.SPREADSHEET.filename)
    deck.result()
    joined.result()  # raises the PDF stage's BuildFailed
    names = [d.filename for d in outputs.DOWNLOADS] + [outputs.topic_pdf(t.id) for t in checked.bank.topics]
    for name in names:
        place_atomic(made / name, target / name)
    return [target / name for name in names]


@contextmanager
def staging(site_dir: Path) -> Iterator[Path]:
    """A fresh sibling of site_dir, swapped in if the block succeeds and removed if not."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # Old sites an earlier build could not finish deleting.
    for leftover in site_dir.parent.glob(f".{site_dir.name}.old-*"):
        discard(leftover.rename(leftover.with_name(f"{leftover.name}.{os.getpid()}")))
    staged = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    try:
        yield staged
        swap_in(staged, site_dir)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise


def swap_in(new_site: Path, site_dir: Path) -> None:
    """Replace site_dir by new_site with two renames, so a reader never sees half a site."""
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
        site_dir.rename(old)
    new_site.rename(site_dir)
    if old is not None:
        discard(old)


def _located(bank: Bank, hits: list[Hit]) -> list[Problem]:
    """Each hit in the shipped HTML as a problem at the question's file and line."""
    problems = []
    for hit in hits:
        question = bank.by_id.get(hit.question or "")
        topic = next((t for t in bank.topics if hit.page.startswith(topic_url(t.id))), None)
        where = question.location if question else topic.location if topic else None
        message = f"the built page {hit.page} (line {hit.line}) holds executable markup: {hit.what}"
        if where is None:
            problems.append(Problem(hit.page, hit.line, 1, message))
        else:
            prefix = f"{question.id}: " if question else ""
            problems.append(Problem(where.path, where.line, where.column, prefix + message))
    return problems


def check_shipped(options: BuildOptions) -> list[Problem]:
    """`make check`'s last stage: the site built into a scratch folder and scanned as the build does."""
    with start_workers(for_pdfs=False) as workers:
        checked = check_bank(runner=workers)
        if checked.problems:
            return checked.problems
        config_file = write_docs_tree(checked, [], options.engine)
        scratch = Path(tempfile.mkdtemp(prefix="qb-check-"))
        try:
            scan = SiteScan(workers, scratch / "site", policy=False)
            run_engine(options.engine, config_file, scratch / "site", on_page=scan.written)
            return _located(checked.bank, scan.finish())
        except BuildFailed as exc:
            return [Problem(str(paths.tree_dir() / "mkdocs.yml"), 1, 1, str(exc))]
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
