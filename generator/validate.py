"""Check loaded files against the bank format and build the model.

Every problem is collected, none stops the others from being found, so a
contributor fixes a file in one pass instead of one error per build.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from . import freshness, safety
from .loader import SourceFile, ValuePath, load_file
from .model import (
    CASE_SECTIONS,
    CASE_STUDY_TAG,
    DIFFICULTIES,
    RED_FLAGS,
    Bank,
    FollowUp,
    Location,
    Month,
    Question,
    RubricSection,
    Source,
    Topic,
)
from .problems import Problem
from .workers import URGENT, Runner

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SHORT_LIMIT = 200

TOPIC_FIELDS = {"id": str, "title": str, "summary": str, "order": int}
QUESTION_REQUIRED = {
    "id": str,
    "question": str,
    "short": str,
    "answer": str,
    "difficulty": str,
    "tags": list,
    "related": list,
}
QUESTION_OPTIONAL = {"formula": str, "reviewed": str, "sources": list, "rubric": dict, "followups": list}
SOURCE_FIELDS = {"title": str, "url": str}
SOURCES_LIMIT = 3
# How many signals each rubric section holds, and how many follow-ups a case study has.
RUBRIC_SIGNALS = (2, 4)
RED_FLAG_SIGNALS = (2, 5)
FOLLOWUP_COUNT = (4, 6)
FOLLOWUP_FIELDS = {"ask": str, "answer": str}
# The box the follow-ups field replaced: a case study's answer no longer holds it.
_OLD_FOLLOWUPS_BOX = re.compile(r'^\s*!!! question "Follow-ups? to expect"', re.M)
ROOT_FIELDS = {"topic": dict, "questions": list}

_TYPE_NAMES = {str: "text", int: "a whole number", list: "a list", dict: "a mapping"}


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    return {bool: "true/false", str: "text", int: "a number", float: "a number", list: "a list", dict: "a mapping"}.get(
        type(value), type(value).__name__
    )


class _FileChecker:
    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def report(self, path: ValuePath, message: str, *, key: bool = False) -> None:
        line, column = self.source.where(path, key=key)
        self.problems.append(Problem(self.source.path, line, column, message))

    def location(self, path: ValuePath) -> Location:
        line, column = self.source.where(path)
        return Location(self.source.path, line, column)

    def fields(self, value: Any, path: ValuePath, required: dict, optional: dict, what: str) -> dict | None:
        """Check a mapping's keys and value types; return it when it is a mapping."""
        if not isinstance(value, dict):
            self.report(path, f"{what} must be a mapping, not {_type_name(value)}")
            return None
        allowed = {**required, **optional}
        for key in value:
            if key not in allowed:
                hint = difflib.get_close_matches(key, allowed, n=1)
                suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
                known = ", ".join(sorted(allowed))
                self.report(
                    path + (key,), f"unknown field {key!r} in {what}{suggestion}; known fields: {known}", key=True
                )
        for key in required:
            if key not in value:
                self.report(path, f"{what} is missing the required field {key!r}")
        for key, expected in allowed.items():
            if key in value and not (isinstance(value[key], expected) and not isinstance(value[key], bool)):
                self.report(
                    path + (key,),
                    f"field {key!r} must be {_TYPE_NAMES[expected]}, not {_type_name(value[key])}",
                )
        return value

    def text(self, data: dict, path: ValuePath, key: str, *, one_line: bool = False, limit: int | None = None) -> str:
        value = data.get(key)
        if not isinstance(value, str):
            return ""
        if not value.strip():
            self.report(path + (key,), f"field {key!r} is empty")
        elif one_line and "\n" in value.strip():
            self.report(path + (key,), f"field {key!r} must be a single line")
        if limit is not None and len(value.strip()) > limit:
            self.report(path + (key,), f"field {key!r} is {len(value.strip())} characters; the limit is {limit}")
        return value.strip() if one_line else value

    def id_list(self, data: dict, path: ValuePath, key: str) -> list[str]:
        value = data.get(key)
        if not isinstance(value, list):
            return []
        result = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not KEBAB.match(item):
                self.report(path + (key, i), f"{key} entry {item!r} must be lowercase kebab-case text")
            elif item in result:
                self.report(path + (key, i), f"{key} lists {item!r} twice")
            else:
                result.append(item)
        return result

    def safety(self, data: dict, path: ValuePath) -> None:
        """Refuse raw HTML, attribute lists, unsafe links and link-making TeX in every text field.

        Every field, not a list of known ones, and the text inside lists and
        mappings too (a rubric's signals, a follow-up's answer): a field added
        to the format later is reader-facing as well. Ids and levels are
        checked by their own patterns; the formula is TeX, checked for its commands.
        """
        for key, value in data.items():
            # Sources are checked where they are read (titles as Markdown, addresses as https).
            if key in ("id", "difficulty", "formula", "sources"):
                continue
            self._safe_value(value, (*path, key))
        formula = data.get("formula")
        if isinstance(formula, str):
            for finding in safety.check_tex_commands(formula):
                self.report((*path, "formula"), finding.message)

    def _safe_value(self, value: Any, path: ValuePath) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                self._safe_value(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self._safe_value(item, (*path, index))
        elif isinstance(value, str):
            line, column = self.source.where(path)
            # A multi-line value is a block scalar: its text starts on the next line.
            block = "\n" in value.strip()
            for finding in safety.check_markdown(value):
                where = line + 1 + finding.line if block else line
                self.problems.append(Problem(self.source.path, where, column if where == line else 1, finding.message))

    def check(self) -> Topic | None:
        root = self.fields(self.source.data, (), ROOT_FIELDS, {}, "a content file")
        if root is None:
            return None
        topic_data = root.get("topic")
        topic = None
        if isinstance(topic_data, dict):
            topic = self._topic(topic_data)
        questions = root.get("questions")
        if isinstance(questions, list):
            if not questions:
                self.report(("questions",), "the topic has no questions")
            parsed = [self._question(q, ("questions", i), topic.id if topic else "") for i, q in enumerate(questions)]
            if topic is not None:
                topic.questions = [q for q in parsed if q is not None]
        return topic

    def _topic(self, data: dict) -> Topic | None:
        path: ValuePath = ("topic",)
        self.fields(data, path, TOPIC_FIELDS, {}, "the topic")
        topic_id = data.get("id") if isinstance(data.get("id"), str) else ""
        if topic_id and not KEBAB.match(topic_id):
            self.report(path + ("id",), f"topic id {topic_id!r} must be lowercase kebab-case")
        stem = Path(self.source.path).stem
        if topic_id and topic_id != stem:
            self.report(path + ("id",), f"topic id {topic_id!r} must match the file name {stem!r}")
        self.safety(data, path)
        title = self.text(data, path, "title", one_line=True)
        summary = self.text(data, path, "summary")
        order = data.get("order")
        if not topic_id or not isinstance(order, int) or isinstance(order, bool):
            return None
        return Topic(topic_id, title, summary.strip(), order, [], self.location(path))

    def _question(self, data: Any, path: ValuePath, topic_id: str) -> Question | None:
        what = f"question {path[-1] + 1}"
        if self.fields(data, path, QUESTION_REQUIRED, QUESTION_OPTIONAL, what) is None:
            return None
        qid = data.get("id") if isinstance(data.get("id"), str) else ""
        if qid and not KEBAB.match(qid):
            self.report(path + ("id",), f"question id {qid!r} must be lowercase kebab-case (a-z, 0-9, single hyphens)")
        question = self.text(data, path, "question", one_line=True)
        short = self.text(data, path, "short", one_line=True, limit=SHORT_LIMIT)
        answer = self.text(data, path, "answer")
        difficulty = data.get("difficulty")
        if isinstance(difficulty, str) and difficulty not in DIFFICULTIES:
            self.report(
                path + ("difficulty",),
                f"difficulty {difficulty!r} is not one of: {', '.join(DIFFICULTIES)}",
            )
        self.safety(data, path)
        tags = self.id_list(data, path, "tags")
        if isinstance(data.get("tags"), list) and not data["tags"]:
            self.report(path + ("tags",), "a question needs at least one tag")
        related = self.id_list(data, path, "related")
        formula = data.get("formula") if isinstance(data.get("formula"), str) else None
        reviewed = self.reviewed(data, path)
        sources = self.sources(data, path)
        rubric, followups = self._case_study(data, path, CASE_STUDY_TAG in tags, answer)
        if not qid:
            return None
        return Question(
            id=qid,
            question=question,
            short=short,
            answer=answer,
            difficulty=difficulty if isinstance(difficulty, str) else "",
            tags=tags,
            related=related,
            formula=formula.strip() if formula else None,
            topic_id=topic_id,
            location=self.location(path),
            answer_location=self.location(path + ("answer",)),
            reviewed=reviewed,
            sources=sources,
            rubric=rubric,
            followups=followups,
        )

    def reviewed(self, data: dict, path: ValuePath) -> Month | None:
        value = data.get("reviewed")
        if not isinstance(value, str):
            return None
        month, problem = freshness.parse_month(value)
        if problem:
            self.report(path + ("reviewed",), problem)
        return month

    def sources(self, data: dict, path: ValuePath) -> list[Source]:
        value = data.get("sources")
        if not isinstance(value, list):
            return []
        if len(value) > SOURCES_LIMIT:
            self.report(path + ("sources",), f"a question lists at most {SOURCES_LIMIT} sources, not {len(value)}")
        found: list[Source] = []
        for i, item in enumerate(value):
            where = (*path, "sources", i)
            if self.fields(item, where, SOURCE_FIELDS, {}, f"source {i + 1}") is None:
                continue
            title = self.text(item, where, "title", one_line=True)
            url = item.get("url") if isinstance(item.get("url"), str) else ""
            for finding in safety.check_markdown(title):
                self.report(where + ("title",), finding.message)
            if url and not safety.is_https_url(url):
                self.report(where + ("url",), f"source url {url!r} must be an https:// address with a host")
            elif any(url == other.url for other in found):
                self.report(where + ("url",), f"source url {url!r} is listed twice")
            elif title and url:
                found.append(Source(title, url))
        return found

    def _case_study(
        self, data: dict, path: ValuePath, case_study: bool, answer: str
    ) -> tuple[list[RubricSection], list[FollowUp]]:
        """A case study's rubric and follow-ups; other questions may have neither."""
        if not case_study:
            for key in ("rubric", "followups"):
                if key in data:
                    self.report(
                        path + (key,), f"{key!r} is allowed only on questions tagged {CASE_STUDY_TAG!r}", key=True
                    )
            return [], []
        for key in ("rubric", "followups"):
            if key not in data:
                self.report(path, f"a case study (tagged {CASE_STUDY_TAG!r}) needs the field {key!r}")
        self._case_answer(answer, path + ("answer",))
        rubric = self._rubric(data.get("rubric"), path + ("rubric",)) if isinstance(data.get("rubric"), dict) else []
        followups = []
        if isinstance(data.get("followups"), list):
            followups = self._followups(data["followups"], path + ("followups",))
        return rubric, followups

    def _case_answer(self, answer: str, path: ValuePath) -> None:
        """The ten bold run-in labels, each opening one paragraph, in order; no follow-ups box."""
        line, _ = self.source.where(path)
        found = []
        for _, label in CASE_SECTIONS:
            starts = [m.start() for m in re.finditer(rf"^\*\*{re.escape(label)}\.\*\*", answer, re.M)]
            if len(starts) != 1:
                self.report(
                    path,
                    f"a case study's answer must open exactly one paragraph with **{label}.** (found {len(starts)})",
                )
            else:
                found.append(starts[0])
        if found != sorted(found):
            labels = ", ".join(f"**{label}.**" for _, label in CASE_SECTIONS)
            self.report(path, f"a case study's sections must come in this order: {labels}")
        box = _OLD_FOLLOWUPS_BOX.search(answer)
        if box:
            where = line + 1 + answer.count("\n", 0, box.start())
            self.problems.append(
                Problem(
                    self.source.path,
                    where,
                    1,
                    "a case study keeps its follow-ups in the 'followups' field, not in a box in the answer",
                )
            )

    def _signals(self, value: Any, path: ValuePath, title: str, limits: tuple[int, int]) -> list[str]:
        low, high = limits
        if not isinstance(value, list):
            self.report(
                path, f"rubric section {title!r} must be a list of {low} to {high} signals, not {_type_name(value)}"
            )
            return []
        if not low <= len(value) <= high:
            self.report(path, f"rubric section {title!r} has {len(value)} signals; it needs {low} to {high}")
        signals = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.report(path + (index,), f"a signal of {title!r} must be non-empty text, not {_type_name(item)}")
            elif "\n" in item.strip():
                self.report(path + (index,), f"a signal of {title!r} must be a single line")
            else:
                signals.append(item.strip())
        return signals

    def _rubric(self, data: dict, path: ValuePath) -> list[RubricSection]:
        sections = [*CASE_SECTIONS, RED_FLAGS]
        keys = [key for key, _ in sections]
        for key in data:
            if key not in keys:
                hint = difflib.get_close_matches(str(key), keys, n=1)
                suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
                self.report(
                    path + (key,),
                    f"unknown rubric section {key!r}{suggestion}; the sections are: {', '.join(keys)}",
                    key=True,
                )
        missing = [key for key in keys if key not in data]
        if missing:
            self.report(
                path,
                f"the rubric is missing the section{'s' if len(missing) > 1 else ''} {', '.join(missing)}",
                key=True,
            )
        present = [key for key in data if key in keys]
        if not missing and present != keys:
            self.report(path, f"the rubric's sections must come in this order: {', '.join(keys)}", key=True)
        result = []
        for key, title in sections:
            if key in data:
                limits = RED_FLAG_SIGNALS if key == RED_FLAGS[0] else RUBRIC_SIGNALS
                result.append(RubricSection(key, title, self._signals(data[key], path + (key,), title, limits)))
        return result

    def _followups(self, items: list, path: ValuePath) -> list[FollowUp]:
        low, high = FOLLOWUP_COUNT
        if not low <= len(items) <= high:
            self.report(path, f"a case study has {low} to {high} follow-ups, not {len(items)}", key=True)
        result = []
        for index, item in enumerate(items):
            where = path + (index,)
            if self.fields(item, where, FOLLOWUP_FIELDS, {}, f"follow-up {index + 1}") is None:
                continue
            ask = self.text(item, where, "ask", one_line=True)
            reply = self.text(item, where, "answer").strip()
            if ask and reply:
                result.append(FollowUp(ask, reply))
        return result


def _check_bank(bank: Bank, sources: dict[str, SourceFile]) -> list[Problem]:
    """Rules that span files: unique ids and orders, related ids that exist."""
    problems: list[Problem] = []
    first: dict[str, Question] = {}
    for q in bank.questions:
        if q.id in first:
            other = first[q.id].location
            problems.append(
                Problem(
                    q.location.path,
                    q.location.line,
                    q.location.column,
                    f"question id {q.id!r} is already used at {other.path}:{other.line}",
                )
            )
        else:
            first[q.id] = q
    orders: dict[int, Topic] = {}
    for topic in bank.topics:
        if topic.order in orders:
            other = orders[topic.order]
            problems.append(
                Problem(
                    topic.location.path,
                    topic.location.line,
                    topic.location.column,
                    f"topic order {topic.order} is already used by {other.location.path}",
                )
            )
        orders.setdefault(topic.order, topic)
    for topic in bank.topics:
        source = sources[topic.location.path]
        for index, q in enumerate(topic.questions):
            for j, rid in enumerate(q.related):
                line, column = source.where(("questions", index, "related", j))
                if rid == q.id:
                    problems.append(Problem(source.path, line, column, f"question {q.id!r} lists itself as related"))
                elif rid not in first:
                    hint = difflib.get_close_matches(rid, first, n=1)
                    suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
                    problems.append(
                        Problem(
                            source.path, line, column, f"related id {rid!r} is not a question in the bank{suggestion}"
                        )
                    )
    return problems


def content_files(content_dir: Path) -> list[Path]:
    return sorted(p for p in content_dir.iterdir() if p.is_file() and p.suffix in {".yaml", ".yml"})


def _load_one(path: Path, display: str) -> tuple[SourceFile | None, Topic | None, list[Problem]]:
    """One content file read and checked on its own (in a worker when there is a pool)."""
    source, problems = load_file(path, display)
    if source is None:
        return None, None, problems
    checker = _FileChecker(source)
    topic = checker.check()
    # The checks across files need only where each value stood, not the values.
    return replace(source, data=None), topic, problems + checker.problems


def load_bank(
    content_dir: Path, *, root: Path | None = None, runner: Runner | None = None
) -> tuple[Bank, list[Problem]]:
    """Load and validate every content file; the bank holds what could be read.

    Files are independent until the checks across them, so the runner's
    workers read and check them side by side.
    """
    root = root or content_dir.parent
    problems: list[Problem] = []
    topics: list[Topic] = []
    sources: dict[str, SourceFile] = {}
    files = content_files(content_dir) if content_dir.is_dir() else []
    if not files:
        problems.append(Problem(str(content_dir), 1, 1, "no content files (*.yaml) found"))
    displays = []
    for path in files:
        try:
            displays.append(str(path.relative_to(root)))
        except ValueError:
            displays.append(str(path))
    jobs = list(zip(files, displays, strict=True))
    if runner is not None and runner.workers > 1 and len(files) > 1:
        futures = [runner.call(_load_one, path, display, priority=URGENT) for path, display in jobs]
        loaded = [future.result() for future in futures]
    else:
        loaded = [_load_one(path, display) for path, display in jobs]
    for display, (source, topic, found) in zip(displays, loaded, strict=True):
        problems += found
        if source is not None:
            sources[display] = source
        if topic is not None:
            topics.append(topic)
    bank = Bank(topics)
    # Questions with the same id would collide in by_id; rebuild from the list.
    problems += _check_bank(bank, sources)
    return bank, sorted(problems)
