"""What a built page costs a reader before they touch it: the gzipped bytes of everything it loads.

Read from the built files, not timed in a browser: the page's HTML, the
scripts, stylesheets, icons and eager images it names, the ES modules those
scripts import statically (dynamic `import()` waits for use, except a
study page's own tool, which main.js imports as the page mounts), the search
worker Material starts with every page, what that worker loads at start-up,
the search index stub Material fetches and the sitemap instant navigation
fetches, and the deck a study page fetches as it mounts.
Shared by tests/test_page_weight.py (the budgets) and scripts/bench.py.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

# Static imports and re-exports; `import("...")` (dynamic) is left out on purpose.
_STATIC_IMPORT = re.compile(r"""(?:^|[;\s})])(?:import|export)\s*(?:[\w*{}\s,$]+\s*from\s*)?["']([^"']+)["']""")
# main.js's page tools: ["[data-qb-practice]", () => import("./practice.js"), ...], loaded as the page mounts.
_PAGE_TOOL = re.compile(r"""\[\s*"\[(data-[\w-]+)\]"\s*,\s*\(\)\s*=>\s*import\(\s*"([^"]+)"\s*\)""")
_IMPORT_SCRIPTS = re.compile(r"""^importScripts\(\s*["']([^"']+)["']""", re.MULTILINE)


@dataclass
class Weight:
    page: str
    files: dict[str, int] = field(default_factory=dict)  # site path: gzipped bytes

    @property
    def total(self) -> int:
        return sum(self.files.values())


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[str, bool]] = []  # (src, is a module)
        self.links: list[str] = []
        self.config: str | None = None
        self.search_form = False
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "script" and a.get("src"):
            self.scripts.append((a["src"], a.get("type") == "module"))
        elif tag == "script" and a.get("id") == "__config":
            self._in_config = True
        elif tag == "link" and ({"stylesheet", "icon", "modulepreload", "preload"} & set(a.get("rel", "").split())):
            self.links.append(a["href"])
        elif tag == "img" and a.get("src") and a.get("loading") != "lazy":
            self.links.append(a["src"])
        if a.get("data-questions"):  # the deck a study page fetches as it mounts
            self.links.append(a["data-questions"])
        if tag == "form" and a.get("name") == "search":
            self.search_form = True

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config = (self.config or "") + data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_config = False


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def _local(site: Path, base: str, ref: str) -> str | None:
    """The site path a reference on the page at `base` (a site path) points to, or None if it leaves the site."""
    if ref.startswith(("data:", "http:", "https:", "//")):
        return None
    resolved = urlsplit(urljoin("/" + base, ref)).path.lstrip("/")
    if resolved.endswith("/") or resolved == "":
        resolved += "index.html"
    return resolved if (site / resolved).is_file() else None


def page_weight(site: Path, page: str) -> Weight:
    """Everything `page` (a path under site/, such as "index.html") loads before any interaction."""
    weight = Weight(page)
    html = (site / page).read_text(encoding="utf-8")
    weight.files[page] = gzipped(html.encode("utf-8"))
    refs = _Refs()
    refs.feed(html)

    def add(path: str | None) -> bool:
        if path is None or path in weight.files:
            return False
        weight.files[path] = gzipped((site / path).read_bytes())
        return True

    def add_module(path: str | None) -> None:
        if add(path):
            text = (site / path).read_text(encoding="utf-8")
            for ref in _STATIC_IMPORT.findall(text):
                if ref.startswith("."):
                    add_module(_local(site, path, ref))
            for attribute, ref in _PAGE_TOOL.findall(text):
                if re.search(rf"\s{attribute}[\s=>]", html):
                    add_module(_local(site, path, ref))

    for src, module in refs.scripts:
        path = _local(site, page, src)
        if module:
            add_module(path)
        else:
            add(path)
    for href in refs.links:
        add(_local(site, page, href))
    config = json.loads(refs.config) if refs.config else {}
    base = config.get("base", ".")
    if refs.search_form and config.get("search"):
        worker = _local(site, page, config["search"])
        if add(worker):
            for ref in _IMPORT_SCRIPTS.findall((site / worker).read_text(encoding="utf-8")):
                add(_local(site, worker, ref))
        add(_local(site, page, base.rstrip("/") + "/search/search_index.json"))
    if "navigation.instant" in config.get("features", []):
        add(_local(site, page, base.rstrip("/") + "/sitemap.xml"))
    return weight


def largest_topic_page(site: Path) -> str:
    pages = sorted((site / "topics").glob("*/index.html"), key=lambda p: p.stat().st_size)
    return pages[-1].relative_to(site).as_posix()


def first_question_page(site: Path) -> str:
    return sorted((site / "questions").glob("*/index.html"))[0].relative_to(site).as_posix()
