"""The site build: MkDocs into a fresh folder swapped in at the end.

A failed build must never destroy the last good site, so MkDocs writes into a
temporary sibling of site/ and the folders are exchanged only on success. A
full build renders the PDFs meanwhile and delivers them into that folder
before the swap (see `python -m generator build`).
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from . import paths
from .pages import PENDING_DOWNLOADS


class BuildFailed(Exception):
    """A stage failed; the message says which and why."""


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings and errors to report them only if the build fails."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname} - {record.getMessage()}")


def run_mkdocs(site_dir: Path, *, config_file: Path | None = None, pending_downloads: Sequence[str] = ()) -> None:
    """`mkdocs build --strict` in this process, so the hook reuses the bank already loaded."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config_file = config_file or paths.ROOT / "mkdocs.yml"
    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    logger.addHandler(collect)
    previous = logger.level
    logger.setLevel(logging.INFO)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        config.extra[PENDING_DOWNLOADS] = list(pending_downloads)
        build(config)
    except (MkDocsException, OSError) as exc:
        details = "\n".join(collect.lines) or str(exc)
        raise BuildFailed(f"mkdocs build failed:\n{details}\n{exc}".rstrip()) from None
    finally:
        logger.removeHandler(collect)
        logger.setLevel(previous)


def swap_in(new_site: Path, site_dir: Path) -> None:
    """Replace site_dir by new_site with two renames, so a reader never sees half a site."""
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
        site_dir.rename(old)
    new_site.rename(site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_site(
    site_dir: Path,
    *,
    pending_downloads: Sequence[str] = (),
    deliver: Callable[[Path], None] | None = None,
) -> None:
    """Build into a staging folder and swap it in.

    `pending_downloads` are made while MkDocs runs; `deliver(downloads folder)`
    must put them into the staged site before it goes live, or raise.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    try:
        run_mkdocs(staging, pending_downloads=pending_downloads)
        if deliver is not None:
            deliver(staging / "downloads")
        swap_in(staging, site_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
