"""The full build: check, PDFs, then MkDocs into a fresh folder swapped in at the end.

A failed build must never destroy the last good site, so MkDocs writes into a
temporary sibling of site/ and the folders are exchanged only on success.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import paths


class BuildFailed(Exception):
    """A stage failed; the message says which and why."""


def run_mkdocs(site_dir: Path, *, config_file: Path | None = None) -> None:
    config_file = config_file or paths.ROOT / "mkdocs.yml"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # Not --quiet: it hides warnings from the counter that makes --strict fail.
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        cwd=paths.ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        lines = (result.stdout + result.stderr).splitlines()
        problems = [line for line in lines if not line.startswith("INFO")]
        raise BuildFailed("mkdocs build failed:\n" + "\n".join(problems).strip())


def swap_in(new_site: Path, site_dir: Path) -> None:
    """Replace site_dir by new_site with two renames, so a reader never sees half a site."""
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
        site_dir.rename(old)
    new_site.rename(site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_site(site_dir: Path) -> None:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    try:
        run_mkdocs(staging)
        swap_in(staging, site_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
