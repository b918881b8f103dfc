"""`make pdf TOPICS=... DIFFICULTY=... TAGS=...`: the part of the bank a reader chose to print."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .links import link_bank
from .model import DIFFICULTIES, Bank


class SelectionError(ValueError):
    """A filter names something the bank does not have; the message lists what it has."""


@dataclass(frozen=True)
class Selection:
    topics: tuple[str, ...] = ()
    difficulties: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.topics or self.difficulties or self.tags)

    @property
    def slug(self) -> str:
        """A folder name that says what was chosen, e.g. topics-coding_difficulty-basic."""
        parts = [f"{name}-{'-'.join(values)}" for name, values in self._fields() if values]
        return "_".join(parts) or "all"

    def _fields(self) -> list[tuple[str, tuple[str, ...]]]:
        return [("topics", self.topics), ("difficulty", self.difficulties), ("tags", self.tags)]


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in (value or "").split(",") if v.strip()))


def parse_selection(bank: Bank, topics: str | None, difficulty: str | None, tags: str | None) -> Selection:
    """The filters as given on the command line, each checked against the bank; every unknown value at once."""
    selection = Selection(_split(topics), _split(difficulty), _split(tags))
    known = {
        "topic": [t.id for t in bank.topics],
        "difficulty": list(DIFFICULTIES),
        "tag": bank.tags,
    }
    problems = []
    for (name, values), kind in zip(selection._fields(), ("topic", "difficulty", "tag"), strict=True):
        unknown = [v for v in values if v not in known[kind]]
        if unknown:
            problems.append(
                f"unknown {kind} {', '.join(map(repr, unknown))} in {name.upper()}; valid: {', '.join(known[kind])}"
            )
    if problems:
        raise SelectionError("\n".join(problems))
    return selection


def select(bank: Bank, selection: Selection) -> Bank:
    """A bank of just the chosen questions, their links kept only among themselves."""

    def chosen(q) -> bool:
        return (
            (not selection.topics or q.topic_id in selection.topics)
            and (not selection.difficulties or q.difficulty in selection.difficulties)
            and (not selection.tags or any(tag in selection.tags for tag in q.tags))
        )

    kept = {q.id for q in bank.questions if chosen(q)}
    if not kept:
        raise SelectionError("no question matches that choice of topics, difficulty and tags")
    topics = []
    for topic in bank.topics:
        questions = [
            dataclasses.replace(q, related=[r for r in q.related if r in kept], backlinks=[])
            for q in topic.questions
            if q.id in kept
        ]
        if questions:
            topics.append(dataclasses.replace(topic, questions=questions))
    return link_bank(Bank(topics))
