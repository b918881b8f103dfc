"""Synthetic banks for benchmarks and tests: never part of the shipped site.

Questions are copies of the shipped bank's questions under new ids, so the
Markdown, math, code and diagrams have the real mix, only more of it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .validate import content_files

# Questions a synthetic file holds at most: the longest answers stay far below the 5 MB file limit.
PER_FILE = 300


class _PlainDumper(yaml.SafeDumper):
    """The bank refuses anchors and aliases, so never write any."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def synthesize(source: Path, target: Path, count: int) -> int:
    """Write a bank of `count` questions to target (one file per source topic); return the count."""
    topics = []
    for path in content_files(source):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        topics.append((path.name, data["topic"], data["questions"]))
    originals = [(name, q) for name, _topic, questions in topics for q in questions]
    if not originals:
        raise ValueError(f"no questions in {source}")
    known = {q["id"] for _name, q in originals}
    per_file: dict[str, list[dict]] = {name: [] for name, _topic, _questions in topics}
    for index in range(count):
        replica, position = divmod(index, len(originals))
        name, question = originals[position]
        copy = dict(question)
        copy["id"] = f"{question['id']}-s{replica}"
        # Replica 0 is complete whenever count >= the bank, so point related ids there.
        complete = count >= len(originals)
        copy["related"] = [f"{rid}-s0" for rid in question["related"] if rid in known and complete]
        per_file[name].append(copy)
    target.mkdir(parents=True, exist_ok=True)
    for name, topic, _questions in topics:
        questions = per_file[name]
        # Content files are limited to 5 MB: a large bank splits each topic into
        # parts, each a topic of its own, in the original topic's place.
        for part, start in enumerate(range(0, len(questions), PER_FILE)):
            own = dict(topic)
            if part:
                own.update(id=f"{topic['id']}-part{part}", title=f"{topic['title']} ({part + 1})")
            own["order"] = topic["order"] * 1000 + part
            text = yaml.dump(
                {"topic": own, "questions": questions[start : start + PER_FILE]},
                Dumper=_PlainDumper,
                sort_keys=False,
                allow_unicode=True,
            )
            (target / f"{own['id']}.yaml").write_text(text, encoding="utf-8")
    return count
