"""Resolve cross-links: backlinks, numbering and the address of every question."""

from __future__ import annotations

import functools
import posixpath

from .model import Bank, Question

TOPIC_DIR = "topics"
QUESTION_DIR = "questions"


def link_bank(bank: Bank) -> Bank:
    """Fill in backlinks and bank-wide numbers; related ids were checked by validation."""
    for q in bank.questions:
        q.backlinks = []
    for number, q in enumerate(bank.questions, start=1):
        q.number = number
        for rid in q.related:
            target = bank.by_id.get(rid)
            if target is not None and q.id not in target.backlinks:
                target.backlinks.append(q.id)
    return bank


def topic_page(topic_id: str) -> str:
    """Source path (relative to docs) of a topic's generated Markdown page."""
    return f"{TOPIC_DIR}/{topic_id}.md"


def topic_url(topic_id: str) -> str:
    """Site URL (relative to the site root) of a topic page."""
    return f"{TOPIC_DIR}/{topic_id}/"


def question_page(question_id: str) -> str:
    """Source path (relative to docs) of a question's own page."""
    return f"{QUESTION_DIR}/{question_id}.md"


def question_url(question: Question) -> str:
    """Site URL (relative to the site root) of a question's own page."""
    return f"{QUESTION_DIR}/{question.id}/"


def page_url(src_path: str) -> str:
    """Directory-style URL of a generated page (use_directory_urls is on)."""
    stem = src_path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


# Pure, and asked the same few hundred thousand times in a large build.
@functools.lru_cache(maxsize=1 << 16)
def relative_url(from_page: str, to_page: str, anchor: str = "") -> str:
    """Browser-relative URL between two pages, for links MkDocs does not rewrite."""
    here = page_url(from_page) or "."
    there = page_url(to_page) or "."
    relative = posixpath.relpath(there, here)
    if relative == ".":
        relative = ""
    elif not relative.endswith("/"):
        relative += "/"
    return f"{relative}#{anchor}" if anchor else (relative or "./")
