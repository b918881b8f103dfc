"""The search index the site ships: built at build time, sharded, loaded by the worker on demand.

MkDocs' search plugin indexes pages section by section, so a topic page that
carries every question's tags outranks the questions themselves. Here each
question is one document with its text, tags, short answer and body as
separate fields, which the site's search worker (MiniSearch) weighs in that
order; the other pages keep the entries the plugin made for them.

generator/search_build.js (Node, with the same term rules as the worker,
overrides/assets/javascripts/search-terms.js) makes the index into the
files of search/qb/: a meta file and shards a query fetches by its words.
Material fetches search/search_index.json with every page, so that file
keeps only the plugin's config (the on-page highlighter reads it).
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

from . import paths
from .answers import RenderedAnswer, plain_text
from .files import write_bytes_atomic
from .links import QUESTION_DIR, TOPIC_DIR, question_url
from .model import Bank

INDEX = Path("search") / "search_index.json"
# The index the worker loads, one folder of files.
SHARDS = Path("search") / "qb"
BUILDER = Path(__file__).with_name("search_build.js")
# Pages whose entries would crowd the questions out, or duplicate them.
_LEFT_OUT = (f"{QUESTION_DIR}/", f"{TOPIC_DIR}/", "tags/")


def _followups_html(rendered: RenderedAnswer) -> str:
    """A case study's follow-ups, searched as part of its body (they were in the answer once)."""
    if rendered.case is None:
        return ""
    return "".join(f" {f.ask} {f.answer}" for f in rendered.case.followups)


def question_documents(bank: Bank, answers: Mapping[str, RenderedAnswer]) -> list[dict]:
    documents = []
    for q in bank.questions:
        rendered = answers[q.id]
        topic = bank.topic_of(q)
        documents.append(
            {
                "location": question_url(q),
                "id": q.id,
                # Material shows title and text as HTML: the bank's text is escaped.
                "title": html.escape(q.question),
                "text": html.escape(f"{topic.title} · {q.difficulty.capitalize()} · {rendered.short_text}"),
                "tags": q.tags,
                "short": rendered.short_text,
                "body": plain_text(rendered.markdown_html + _followups_html(rendered)),
                # A from-scratch exercise ranks just below the concept it implements.
                "exercise": q.id.startswith("implement-"),
            }
        )
    return documents


class IndexBuild:
    """search_build.js, started before the engine: it indexes the questions while the engine builds the pages.

    finish() adds the pages the engine made and writes search/qb/ into the
    site; cancel() stops it when the build fails before that.
    """

    def __init__(self, bank: Bank, answers: Mapping[str, RenderedAnswer]) -> None:
        node = shutil.which("node")
        if node is None:
            raise FileNotFoundError("node is not installed: the search index is built with Node.js")
        self.questions = question_documents(bank, answers)
        self._run = subprocess.Popen(
            [node, str(BUILDER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=paths.ROOT,
        )
        self._send(self.questions)

    def _send(self, documents: list[dict]) -> None:
        # One line of JSON a batch (json.dumps escapes newlines inside strings).
        self._run.stdin.write(json.dumps({"docs": documents}, ensure_ascii=False).encode("utf-8") + b"\n")
        self._run.stdin.flush()

    def finish(self, site_dir: Path, bank: Bank, engine: str = "mkdocs") -> int:
        """Write search/qb/ (one document per question, then the engine's other pages); its size in bytes."""
        path = site_dir / INDEX
        others: list[dict] = []
        if engine == "zensical":
            others = rewrite_zensical_items(site_dir, bank, self.questions)
        elif path.is_file():
            index = json.loads(path.read_text(encoding="utf-8"))
            others = [doc for doc in index["docs"] if not doc["location"].startswith(_LEFT_OUT)]
            stub = {"config": index.get("config", {}), "docs": []}
            write_bytes_atomic(path, json.dumps(stub, separators=(",", ":")).encode("utf-8"))
        try:
            self._send(others)
        except BrokenPipeError:
            pass  # the builder stopped early: its exit status and message follow
        stdout, stderr = self._run.communicate()
        if self._run.returncode != 0:
            raise RuntimeError(f"{BUILDER.name} failed: {stderr.decode('utf-8', 'replace')[-2000:]}")
        files = {name: text.encode("utf-8") for name, text in json.loads(stdout)["files"].items()}
        for name, data in files.items():
            write_bytes_atomic(site_dir / SHARDS / name, data)
        return sum(len(data) for data in files.values())

    def cancel(self) -> None:
        """Stop the builder if it still runs (a failed build); nothing once finish() has read it."""
        if self._run.poll() is None:
            self._run.kill()
            self._run.communicate()


ZENSICAL_ITEMS = Path("search.json")


def rewrite_zensical_items(site_dir: Path, bank: Bank, questions: list[dict]) -> list[dict]:
    """Zensical's search.json with one item per question; the other pages' sections, as documents.

    Zensical's search box loads search.json with every page, hands its items
    to the worker the page's config names (search-zensical.js, which passes
    the queries on to the site's search worker) and shows each result from
    its item: so one short item per question, just what a result shows, and
    the other pages' sections as Zensical made them. The worker finds the
    same sections in its own index.
    """
    path = site_dir / ZENSICAL_ITEMS
    index = json.loads(path.read_text(encoding="utf-8"))
    kept = [item for item in index["items"] if not item["location"].startswith(_LEFT_OUT)]
    topics = {q.id: bank.topic_of(q).title for q in bank.questions}
    # No tags on the items: Zensical would offer a tag filter, which the worker does not take.
    shown = [
        {"location": d["location"], "title": d["title"], "text": d["text"], "path": [topics[d["id"]]], "tags": []}
        for d in questions
    ]
    index["items"] = shown + kept
    write_bytes_atomic(path, json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return [{"location": item["location"], "title": item["title"], "text": item["text"]} for item in kept]
