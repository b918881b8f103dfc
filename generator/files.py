"""Writing cache and output files so that no reader ever sees half of one."""

from __future__ import annotations

import os
import threading
from pathlib import Path


def write_text_atomic(path: Path, text: str) -> None:
    """Write to a temporary sibling, then rename over `path`.

    The temporary name is unique to the process and thread: a full build
    writes caches from its PDF thread and from MkDocs' hooks at once.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
