"""Read a built site the way a browser would: pages, links, anchors."""

from __future__ import annotations

import functools
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


class Site:
    def __init__(self, root: Path, base_path: str = "") -> None:
        self.root = root
        # The path of site_url: the 404 page links from it, as it is served from anywhere.
        self.base_path = base_path

    @functools.cache  # noqa: B019 - one Site per build, kept for the session
    def page(self, url: str) -> BeautifulSoup:
        """Parse the page at a site-relative URL such as 'topics/alpha/'."""
        return BeautifulSoup(self.file_for(url).read_text(encoding="utf-8"), "html.parser")

    def file_for(self, url: str) -> Path:
        path = self.root / unquote(url)
        return path / "index.html" if url.endswith("/") or url == "" else path

    def html_pages(self) -> list[str]:
        return sorted(
            str(p.relative_to(self.root).parent) + "/" if p.name == "index.html" else str(p.relative_to(self.root))
            for p in self.root.rglob("*.html")
        )

    def resolve(self, page_url: str, href: str) -> tuple[str, str] | None:
        """Site-relative target (url, fragment) of a link on a page; None if it leaves the site."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return None
        base = page_url if page_url.endswith("/") or page_url == "" else posixpath.dirname(page_url) + "/"
        if self.base_path and parts.path.startswith(self.base_path):
            base, parts = "", parts._replace(path=parts.path.removeprefix(self.base_path) or ".")
        if not parts.path:
            target = page_url
        else:
            target = posixpath.normpath(posixpath.join(base or ".", parts.path))
            if parts.path.endswith("/") or target == ".":
                target = "" if target == "." else target + "/"
        # From the site root ("/x/", the 404 page's links): the same path. A target
        # that climbs out of the site keeps its "../", so that exists() says no.
        target = target.lstrip("/") if target.startswith("/") else target
        return ("" if target in ("", "./") else target), parts.fragment

    def exists(self, url: str, fragment: str = "") -> bool:
        file = self.file_for(url)
        if file.is_dir():
            file = file / "index.html"
        if not file.exists():
            return False
        if not fragment:
            return True
        if file.suffix != ".html":
            return False
        soup = self.page(url if not self.file_for(url).is_dir() else url.rstrip("/") + "/")
        return soup.find(id=unquote(fragment)) is not None
