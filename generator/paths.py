"""Where the bank, caches and build outputs live.

Defaults are the project's folders; environment variables point a build at
another bank (tests build small banks in temporary folders this way).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).resolve() if value else default


def content_dir() -> Path:
    return _env_path("QUESTION_BANK_CONTENT", ROOT / "content")


def build_dir() -> Path:
    """PDFs and other artefacts made before `mkdocs build` picks them up."""
    return _env_path("QUESTION_BANK_BUILD", ROOT / "build")


def downloads_dir() -> Path:
    return build_dir() / "downloads"


def cache_dir() -> Path:
    return _env_path("QUESTION_BANK_CACHE", ROOT / ".cache")


def display_root() -> Path:
    """Paths in error messages are shown relative to this folder."""
    return content_dir().parent


def tree_dir() -> Path:
    """The generated docs tree (Markdown pages, assets, mkdocs.yml) a site engine builds."""
    return build_dir() / "site-src"


def site_config() -> Path:
    """The project's site settings, shared by every engine."""
    return _env_path("QUESTION_BANK_SITE_CONFIG", ROOT / "mkdocs.yml")


def authored_docs() -> Path:
    """Hand-written pages copied into the tree as they are."""
    return ROOT / "docs"
