"""Every cache of the build, keyed by content, with one pruning rule.

A cached value is named by a hash of everything that made it (its input, the
code's VERSION, the libraries' versions), so a stale value is never served:
it is simply never asked for again. The one rule for size: a complete run
(one that used every entry the bank needs) drops whatever it did not use.
Partial runs (a subset of PDFs, `check --fast`) keep everything.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from .files import write_bytes_atomic, write_text_atomic

# Bump when anything cached changes shape; it is part of every key.
VERSION = "5"


def content_key(*parts: str | bytes) -> str:
    """The key of a value made from these parts."""
    digest = hashlib.sha256(VERSION.encode())
    for part in parts:
        digest.update(b"\0")
        digest.update(part.encode() if isinstance(part, str) else part)
    return digest.hexdigest()[:32]


class JsonCache:
    """Small values (HTML, SVG) in one JSON file."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._entries: dict[str, str] = {}
        self._used: set[str] = set()
        self._dirty = False
        if path and path.exists():
            try:
                self._entries = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._entries = {}

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def get(self, key: str | None) -> str | None:
        if key is None or key not in self._entries:
            return None
        self._used.add(key)
        return self._entries[key]

    def put(self, key: str | None, value: str) -> None:
        if key is not None:
            self._entries[key] = value
            self._used.add(key)
            self._dirty = True

    def save(self, *, complete: bool) -> None:
        """Write what changed; a complete run also drops what it did not use."""
        stale = set(self._entries) - self._used if complete else set()
        if not self.path or not (self._dirty or stale):
            return
        kept = {k: v for k, v in self._entries.items() if k not in stale}
        write_text_atomic(self.path, json.dumps(kept, sort_keys=True))
        self._entries, self._dirty = kept, False


class FileCache:
    """Large values (SVG diagrams, PDF parts) as files named by key; a use refreshes the file's time."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, name: str) -> Path:
        return self.folder / name

    def get(self, name: str) -> Path | None:
        path = self.folder / name
        try:
            os.utime(path)
        except OSError:
            return None
        return path

    def put(self, name: str, data: bytes) -> Path:
        path = self.folder / name
        write_bytes_atomic(path, data)
        return path

    def prune(self, started: float) -> None:
        """After a complete run that began at `started`: drop every file it did not use."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            try:
                if path.is_file() and path.stat().st_mtime < started - 1:
                    path.unlink()
            except OSError:
                pass


def now() -> float:
    """When a run starts, for FileCache.prune."""
    return time.time()
