"""The last check: every page of the built site, as it will ship, scanned for executable markup.

Validation refuses unsafe Markdown before anything is rendered; this scan
reads the HTML the site engine actually wrote, so nothing a template, an
extension or the engine did afterwards can slip past. Then each page gets a
Content-Security-Policy naming the hashes of the theme's own inline scripts,
so even markup that got through would not run.

The bank's text lands in the page's <article>; around it is the theme's
own markup (its scripts, the search and palette forms, its
`javascript:void(0)` buttons), which Material's templates escape everything
into. So inside the article nothing executable is allowed at all, and
everywhere in the page no event-handler attribute, no unsafe URL but the
theme's `javascript:void(0)`, and no frame, object or embed.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from .files import write_bytes_atomic
from .links import QUESTION_DIR
from .workers import URGENT, Runner

# Parsed as HTML does: a tab, newline or control character inside the scheme is ignored.
_SCHEME_NOISE = re.compile(r"[\x00-\x20]+")
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "srcset"}
_FORBIDDEN_ELEMENTS = {"iframe", "frame", "object", "embed", "applet", "base", "portal"}
# The theme's buttons; allowed outside the article only.
_THEME_URL = "javascript:void(0)"
_SCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}
# The policy goes first in <head> (after the charset), before any script it governs.
_HEAD = re.compile(rb"<head[^>]*>\s*(?:<meta charset=[^>]*>)?", re.I)

POLICY = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)

# The exercise runner's worker (runner-worker.js) is governed by the policy of
# its own response, not by the page's <meta> policy: Chromium applies the
# HTML standard's rule for workers loaded from a URL (tests/test_runner_browser.py
# shows both). Pyodide compiles WebAssembly, which needs 'wasm-unsafe-eval'
# (never 'unsafe-eval'); the pages themselves compile none and do not get it.
# A host that sends headers sends this one with the worker (README.md).
WORKER_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'"
)


@dataclass(frozen=True)
class Hit:
    page: str  # path under the site folder
    line: int  # line in the page's HTML
    what: str
    question: str | None  # the question whose text it came from, when known


def _localname(element: etree._Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1].lower()


def _attribute_name(name: str) -> str:
    """The attribute's local name: xlink:href counts as href."""
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _bad_url(value: str) -> bool:
    cleaned = _SCHEME_NOISE.sub("", value).lower()
    return any(cleaned.startswith(scheme) or f",{scheme}" in cleaned for scheme in _BAD_SCHEMES)


def _in_article(element: etree._Element) -> bool:
    return any(_localname(a) == "article" for a in element.iterancestors())


def _executable(element: etree._Element) -> bool:
    return (element.get("type") or "").strip().lower() in _SCRIPT_TYPES


def _question_of(element: etree._Element, page_question: str | None) -> str | None:
    for ancestor in element.iterancestors():
        qid = ancestor.get("data-qid")
        if qid:
            return qid
    # On a topic page, the question heading before the hit.
    for previous in element.itersiblings(preceding=True):
        if _localname(previous) == "h2" and previous.get("id"):
            return previous.get("id")
    return page_question


# Each query finds the few candidates in C; Python looks only at those.
_FORBIDDEN = etree.XPath("|".join(f"//{name}" for name in sorted(_FORBIDDEN_ELEMENTS)))
_CONTENT_CODE = etree.XPath("//article//script|//article//style|//article//form[@action]")
_SCRIPT_SOURCES = etree.XPath("//script[@src]")
_REFRESH = etree.XPath("//meta[@http-equiv]")
_ANIMATIONS = etree.XPath("//animate|//set|//animatemotion|//animatetransform")
_HANDLERS = etree.XPath("//*[@*[starts-with(name(), 'on')]]")
_URLS = etree.XPath("|".join(f"//@{name}" for name in sorted(_URL_ATTRIBUTES)) + "|//@*[name()='xlink:href']")


def scan_page(page: str, document: etree._Element, page_question: str | None = None) -> Iterator[Hit]:
    """Every piece of executable markup in one parsed page."""

    def hit(element: etree._Element, what: str) -> Hit:
        return Hit(page, element.sourceline or 0, what, _question_of(element, page_question))

    for element in _FORBIDDEN(document):
        yield hit(element, f"<{_localname(element)}> element")
    for element in _CONTENT_CODE(document):
        yield hit(element, f"<{_localname(element)}> element in the page's content")
    for element in _SCRIPT_SOURCES(document):
        if _bad_url(element.get("src", "")):
            yield hit(element, f"script with src {element.get('src')!r}")
    for element in _REFRESH(document):
        if (element.get("http-equiv") or "").lower() == "refresh":
            yield hit(element, "meta refresh")
    for element in _ANIMATIONS(document):
        target = (element.get("attributeName") or element.get("attributename") or "").lower()
        values = (element.get(a) or "" for a in ("to", "values", "from"))
        if target in ("href", "xlink:href") or any(_bad_url(v) for v in values):
            yield hit(element, f"SVG <{_localname(element)}> that changes a link")
    for element in _HANDLERS(document):
        for name, value in element.attrib.items():
            if _attribute_name(name).startswith("on"):
                yield hit(element, f"event-handler attribute {name}={value[:40]!r} on <{_localname(element)}>")
    for value in _URLS(document):
        if ":" not in value or not _bad_url(value):
            continue
        element = value.getparent()
        if value.strip() == _THEME_URL and not _in_article(element):
            continue
        yield hit(element, f"{value.attrname}={value[:40]!r} on <{_localname(element)}>")


def inline_script_hashes(document: etree._Element) -> list[str]:
    """CSP source expressions for the page's own inline scripts."""
    found = []
    for element in document.iter("script"):
        if element.get("src") or not _executable(element) or _in_article(element):
            continue
        digest = hashlib.sha256((element.text or "").encode("utf-8")).digest()
        found.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(set(found))


def policy_for(hashes: list[str]) -> str:
    return POLICY.format(hashes="".join(f" {h}" for h in hashes))


def _parse(data: bytes) -> etree._Element:
    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True)
    return lxml_html.document_fromstring(data, parser=parser)


def _page_question(page: str) -> str | None:
    """The question a page shows on its own (questions/<id>/index.html)."""
    parts = page.split("/")
    return parts[1] if len(parts) == 3 and parts[0] == QUESTION_DIR and parts[2] == "index.html" else None


def secure_pages(site_dir: Path, pages: list[str], policy: bool) -> list[Hit]:
    """Scan these pages as they are on disk; give each clean one its policy (a worker's share).

    A page with a hit keeps no policy, and any hit fails the build, which
    discards the whole staged site, so writing the others at once is safe.
    """
    hits: list[Hit] = []
    for page in pages:
        path = site_dir / page
        try:
            data = path.read_bytes()
        except FileNotFoundError:  # the engine writes no file for an empty page
            continue
        if not data.strip():
            continue
        document = _parse(data)
        found = list(scan_page(page, document, _page_question(page)))
        hits.extend(found)
        if policy and not found:
            _write_policy(path, data, policy_for(inline_script_hashes(document)))
    return hits


def _write_policy(path: Path, data: bytes, csp: str) -> None:
    """The policy as the first thing in the page's <head>."""
    head = _HEAD.search(data)
    if head is None:
        return
    meta = f'<meta http-equiv="Content-Security-Policy" content="{csp}">'.encode()
    write_bytes_atomic(path, data[: head.end()] + meta + data[head.end() :])


class SiteScan:
    """The scan of the site as it ships, fed each page once the engine has written it.

    With MkDocs one worker at a time scans (and secures) the pages written so
    far while the engine goes on building (engine.py) on the other core;
    `finish` shares out what is left, with the pages the engine did not hand
    over (404.html, all of Zensical's), and collects the hits.
    """

    BATCH = 32

    def __init__(self, runner: Runner, site_dir: Path, *, policy: bool = True) -> None:
        self.runner = runner
        self.site_dir = site_dir
        self.policy = policy
        self.seen: set[str] = set()
        self._waiting: list[str] = []
        self._scans: list[Future[list[Hit]]] = []

    def written(self, page: str) -> None:
        """A page (its path under the site folder) that the engine has written and will not touch again."""
        self.seen.add(page)
        self._waiting.append(page)
        # One scan in flight at most: the engine keeps a core of its own.
        if len(self._waiting) >= self.BATCH and (not self._scans or self._scans[-1].done()):
            self._submit(self._waiting)
            self._waiting = []

    def _submit(self, pages: list[str]) -> None:
        self._scans.append(self.runner.call(secure_pages, self.site_dir, pages, self.policy, priority=URGENT))

    def finish(self) -> list[Hit]:
        """Every page scanned (and, if none has a hit, secured); the hits."""
        rest = self._waiting + sorted(
            page
            for page in (p.relative_to(self.site_dir).as_posix() for p in self.site_dir.rglob("*.html"))
            if page not in self.seen
        )
        self._waiting = []
        shares = self.runner.workers * 4
        for chunk in (rest[i::shares] for i in range(shares)):
            if chunk:
                self._submit(chunk)
        hits = [hit for future in self._scans for hit in future.result()]
        return sorted(hits, key=lambda h: (h.page, h.line))


def secure_site(site_dir: Path, runner: Runner, *, policy: bool = True) -> list[Hit]:
    """Scan every page of a built site from disk; give each clean page its policy. Returns the hits."""
    return SiteScan(runner, site_dir, policy=policy).finish()
