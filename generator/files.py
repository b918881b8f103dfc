"""Writing cache and output files so that no reader ever sees half of one."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _temporary(path: Path) -> Path:
    # Unique to the process and thread: a full build writes caches from its PDF
    # thread, its worker processes and MkDocs' hooks at once.
    return path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary sibling, then rename over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary(path)
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def copy_atomic(source: Path, target: Path) -> None:
    """Copy to a temporary sibling of target, then rename over it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary(target)
    try:
        shutil.copyfile(source, tmp)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)


def place_atomic(source: Path, target: Path) -> None:
    """Put source's bytes at target: a hard link where it can be (no copying), else a copy.

    Safe because every writer here replaces a file by renaming a new one over
    it, so the content a link points at never changes afterwards.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary(target)
    try:
        try:
            os.link(source, tmp)
        except OSError:
            shutil.copyfile(source, tmp)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path for a writer that wants a file name; renamed over target if the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary(target)
    try:
        yield tmp
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)


def discard(folder: Path) -> None:
    """Delete a folder without waiting for it: a large site takes seconds to delete.

    A detached `rm` does it, so the build is done once the new site is in
    place; a folder it leaves (the machine stopped) is discarded by the next
    build. Where there is no `rm`, this waits.
    """
    rm = shutil.which("rm")
    if rm is None:
        shutil.rmtree(folder, ignore_errors=True)
        return
    devnull = subprocess.DEVNULL
    subprocess.Popen(
        [rm, "-rf", "--", str(folder)], stdin=devnull, stdout=devnull, stderr=devnull, start_new_session=True
    )
