"""Build the docs tree into a site with a site engine: MkDocs + Material (the default) or Zensical.

The tree (tree.py) is plain Markdown with a generated mkdocs.yml, so either
engine builds it as it would any project. Warnings fail the build: a broken
link or a missing page must never ship quietly.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import yaml

from . import paths
from .problems import BuildFailed

ENGINES = ("mkdocs", "zensical")


def zensical_command() -> str | None:
    """Zensical lives in its own virtualenv (its pins differ from MkDocs'); `make` creates it."""
    own = paths.ROOT / ".venv-zensical" / "bin" / "zensical"
    return str(own) if own.exists() else shutil.which("zensical")


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings and errors to report them only if the build fails."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname} - {record.getMessage()}")


# Called with each page's path under the site once the engine has written it for good.
PageWatcher = Callable[[str], None]


def run_engine(engine: str, config_file: Path, site_dir: Path, on_page: PageWatcher | None = None) -> None:
    """Build the tree described by config_file into site_dir, or raise BuildFailed.

    With MkDocs, `on_page` hears of every page once it is written, so the
    shipped HTML is scanned while the engine goes on; Zensical runs on its
    own and hands nothing over.
    """
    if engine == "mkdocs":
        _mkdocs(config_file, site_dir, on_page)
    elif engine == "zensical":
        _zensical(config_file, site_dir)
    else:
        raise BuildFailed(f"unknown site engine {engine!r}; use one of {', '.join(ENGINES)}")


def _watcher(on_page: PageWatcher):
    """An MkDocs plugin, added by this driver and not by the tree, that reports each page written.

    MkDocs builds pages one after another, writing each right after its
    post_page event: when the next page's event comes (or the build's end),
    the one before is on disk and done.
    """
    from mkdocs.plugins import BasePlugin, event_priority

    class PageWatch(BasePlugin):
        def __init__(self) -> None:
            self.pending: str | None = None

        def _report(self) -> None:
            if self.pending is not None:
                on_page(self.pending)
                self.pending = None

        @event_priority(-100)
        def on_post_page(self, output: str, /, *, page, config) -> str:
            self._report()
            self.pending = page.file.dest_uri
            return output

        def on_post_build(self, *, config) -> None:
            self._report()

    return PageWatch()


def _mkdocs(config_file: Path, site_dir: Path, on_page: PageWatcher | None) -> None:
    # In this process: MkDocs' start-up (theme, plugins) is most of a warm build otherwise.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    logger.addHandler(collect)
    previous = logger.level
    logger.setLevel(logging.INFO)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        if on_page is not None:
            config.plugins["question-bank/page-watch"] = _watcher(on_page)
        build(config)
    except (MkDocsException, OSError) as exc:
        details = "\n".join(collect.lines) or str(exc)
        raise BuildFailed(f"mkdocs build failed:\n{details}\n{exc}".rstrip()) from None
    finally:
        logger.removeHandler(collect)
        logger.setLevel(previous)


def _zensical(config_file: Path, site_dir: Path) -> None:
    command = zensical_command()
    if command is None:
        raise BuildFailed("Zensical is not installed: run `make build SITE_ENGINE=zensical`, which installs it")
    # Zensical takes the output folder from the config only, and only inside
    # the project: it builds next to the tree, and the result moves into place.
    output = config_file.parent / ".zensical-site"
    shutil.rmtree(output, ignore_errors=True)
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["site_dir"] = str(output)
    own = config_file.with_name(".zensical.yml")
    own.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    done = subprocess.run(
        [command, "build", "--strict", "--config-file", str(own)],
        cwd=config_file.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 or not (output / "index.html").exists():
        said = "\n".join(line for line in (done.stdout + done.stderr).splitlines() if line.strip())
        raise BuildFailed(f"zensical build failed:\n{said[-3000:]}")
    if site_dir.exists():
        site_dir.rmdir()  # the empty staging folder
    shutil.move(output, site_dir)
