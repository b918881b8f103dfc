"""Contributor text must not be able to attack readers.

The bank is Markdown written by contributors and shown on a public site, in
PDFs and in Anki. Raw HTML (which could carry script, event handlers, frames
or styles), links other than plain https: URLs, and images are refused at
validation time, with the file and line, before anything is rendered.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

# Regions whose content is shown as written, never interpreted as HTML.
_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[^\n]*\n.*?^\1\2[ \t]*$", re.S | re.M)
_INLINE_CODE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.S)
_DISPLAY_MATH = re.compile(r"\$\$.*?\$\$", re.S)
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\s)[^$\n]*?(?<![\s\\])\$")

_HTML_ELEMENTS = frozenset(
    """a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite code
    col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure footer form
    frame frameset h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label legend li link main map
    mark math meta meter nav noscript object ol optgroup option output p param picture portal pre progress q rp rt
    ruby s samp script section select slot small source span strong style sub summary sup svg table tbody td
    template textarea tfoot th thead time title tr track u ul var video wbr xml""".split()
)
_TAG = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9:-]*)([^<>]*)>")
_COMMENT = re.compile(r"<!--")
_EVENT_ATTR = re.compile(r"\bon[a-z]+\s*=", re.I)
_INLINE_LINK = re.compile(r"(!?)\[[^\]\n]*\]\(\s*<?([^)\s>]*)")
_REFERENCE = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S*?)>?(?:[ \t]|$)", re.M)
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*)>")
_SAFE_URL = re.compile(r"^https://[^\s<>\"']+$")
_TEX_COMMANDS = re.compile(
    r"\\(href|url|class|cssId|style|data|html|unicode|require|mmlToken|toggle|mathtip|texttip)\b"
)
# Python-Markdown's attribute lists, `{: #id .class key=value }` or `{ key=value }`:
# nothing in the bank uses them, and they set any attribute, handlers included.
_ATTRIBUTE_LIST = re.compile(r"\{:?[ \t]*(?:[#.][\w-]|[\w:-]+[ \t]*=|:)[^}\n]*\}?")
# A tag opening even without its '>': a browser still makes an element of it.
_TAG_START = re.compile(r"<(?:[a-zA-Z!?]|/[a-zA-Z])")


@dataclass(frozen=True)
class Finding:
    line: int  # 0-based line within the text
    message: str


def _blank(match: re.Match[str]) -> str:
    """Replace a region by spaces, keeping newlines so line numbers survive."""
    return re.sub(r"[^\n]", " ", match.group(0))


def mask_literal_regions(text: str) -> str:
    """Text with code blocks, code spans and math blanked out."""
    for pattern in (_FENCE, _INLINE_CODE, _DISPLAY_MATH, _INLINE_MATH):
        text = pattern.sub(_blank, text)
    return text


def is_https_url(url: str) -> bool:
    """A plain https: address with a host: the only kind of link the bank may hold."""
    if not _SAFE_URL.match(url):
        return False
    try:
        return bool(urlsplit(url).hostname)
    except ValueError:  # a bracket that opens no IPv6 host: not an address, reported as such
        return False


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


def check_markdown(text: str) -> Iterator[Finding]:
    """Every unsafe construct in a piece of contributor Markdown."""
    visible = mask_literal_regions(text)
    for match in _TAG.finditer(visible):
        name, attributes = match.group(1).lower(), match.group(2)
        if name in _HTML_ELEMENTS or _EVENT_ATTR.search(attributes) or "javascript:" in attributes.lower():
            yield Finding(
                _line_of(visible, match.start()),
                f"raw HTML <{name}> is not allowed: write Markdown (put markup to show in `code`)",
            )
    tags = {m.start() for m in _TAG.finditer(visible)}
    for match in _TAG_START.finditer(visible):
        if match.start() not in tags and not _AUTOLINK.match(visible, match.start()) and not _COMMENT.match(
            visible, match.start()
        ):
            yield Finding(
                _line_of(visible, match.start()),
                "'<' followed by a letter starts an HTML tag: write 'less than', or put it in `code` or $math$",
            )
    for match in _ATTRIBUTE_LIST.finditer(visible):
        yield Finding(
            _line_of(visible, match.start()),
            f"attribute lists ({match.group(0)[:30]!r}) are not allowed: they set HTML attributes",
        )
    for match in _COMMENT.finditer(visible):
        yield Finding(_line_of(visible, match.start()), "HTML comments are not allowed: they hide text from review")
    for match in _INLINE_LINK.finditer(visible):
        image, target = match.group(1), match.group(2)
        if image:
            yield Finding(_line_of(visible, match.start()), f"images are not allowed in the bank (found {target!r})")
        elif not _SAFE_URL.match(target):
            yield Finding(
                _line_of(visible, match.start()),
                f"links must be plain https: URLs (found {target!r}); link questions with `related`",
            )
    for pattern in (_REFERENCE, _AUTOLINK):
        for match in pattern.finditer(visible):
            if not _SAFE_URL.match(match.group(1)):
                message = f"links must be plain https: URLs (found {match.group(1)!r})"
                yield Finding(_line_of(visible, match.start()), message)
    without_code = _INLINE_CODE.sub(_blank, _FENCE.sub(_blank, text))
    yield from check_tex_commands(without_code)


def check_tex_commands(tex: str) -> Iterator[Finding]:
    """TeX commands that would put links, classes or styles into typeset math."""
    for match in _TEX_COMMANDS.finditer(tex):
        yield Finding(_line_of(tex, match.start()), f"the TeX command \\{match.group(1)} is not allowed in the bank")


# Only real tags count: markup shown as code arrives escaped (&lt;script&gt;).
_UNSAFE_TAG = re.compile(r"<(?:script|iframe|object|embed|style|link|meta|base|form)\b", re.I)
# Attributes are searched for on their own and then placed: a pattern that
# spans the whole tag backtracks through every long SVG path of the math.
_UNSAFE_ATTRIBUTE = re.compile(
    r"\son[a-z]+\s*=|\b(?:href|src|action)\s*=\s*[\"']?\s*(?:javascript|vbscript|data):",
    re.I,
)


def unsafe_markup(html: str) -> str | None:
    """The first executable piece of markup in rendered HTML, or None."""
    found = _UNSAFE_TAG.search(html)
    if found:
        return found.group(0)
    for match in _UNSAFE_ATTRIBUTE.finditer(html):
        start = match.start()
        # Inside a tag: the last '<' before it is not closed yet.
        if html.rfind("<", 0, start) > html.rfind(">", 0, start):
            return html[html.rfind("<", 0, start) : match.end()]
    return None
