"""Read content files into plain data, keeping the line of every value.

Only plain data is accepted: standard scalar tags, lists and mappings. Any
other tag (``!!python/object`` and friends) is reported, never constructed;
anchors and aliases are refused so an alias bomb cannot expand; a key
repeated inside one mapping is an error instead of silently keeping the last
value (which would drop a question without a word).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64

_PLAIN_TAGS = {"tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "seq", "map")}

# Path of a value inside a document: keys and list indexes from the root.
ValuePath = tuple[str | int, ...]


@dataclass
class SourceFile:
    path: str
    data: Any
    marks: dict[ValuePath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[ValuePath, tuple[int, int]] = field(default_factory=dict)

    def where(self, value_path: ValuePath, *, key: bool = False) -> tuple[int, int]:
        """Line and column of a value (or its key), falling back to the nearest parent."""
        table = self.key_marks if key else self.marks
        probe = value_path
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.marks:
                return self.marks[probe]
            probe = probe[:-1]
        return self.marks.get((), (1, 1))


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and deep nesting while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases are not allowed in the bank", event.start_mark
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"nested deeper than {MAX_DEPTH} levels", self.peek_event().start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _pos(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


class _Builder:
    """Turns a composed node tree into Python values and records positions."""

    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self._constructor = yaml.constructor.SafeConstructor()

    def problem(self, mark: yaml.Mark, message: str) -> None:
        line, column = _pos(mark)
        self.problems.append(Problem(self.source.path, line, column, message))

    def build(self, node: yaml.Node, path: ValuePath) -> Any:
        self.source.marks[path] = _pos(node.start_mark)
        if node.tag not in _PLAIN_TAGS:
            self.problem(node.start_mark, f"tag {node.tag!r} is not allowed: the bank holds plain data only")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        try:
            return self._constructor.construct_object(node)
        except yaml.constructor.ConstructorError as exc:
            self.problem(node.start_mark, f"bad value: {exc.problem}")
            return None

    def _mapping(self, node: yaml.MappingNode, path: ValuePath) -> dict:
        result: dict = {}
        first_seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                self.problem(key_node.start_mark, "mapping keys must be plain text")
                continue
            key = self._constructor.construct_object(key_node)
            if not isinstance(key, str):
                key = str(key)
            if key in first_seen:
                self.problem(
                    key_node.start_mark,
                    f"duplicate key {key!r} (first on line {first_seen[key]}); "
                    "YAML would silently keep only the last one",
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1
            self.source.key_marks[path + (key,)] = _pos(key_node.start_mark)
            result[key] = self.build(value_node, path + (key,))
        return result


def _decode(raw: bytes, display: str) -> tuple[str | None, list[Problem]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [Problem(display, line, column, f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})")]
    return text.removeprefix("\ufeff"), []


def load_file(path: Path, display: str | None = None) -> tuple[SourceFile | None, list[Problem]]:
    """Load one content file; return its data (or None) and every problem found."""
    display = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(display, 1, 1, f"cannot read file: {exc.strerror}")]
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            Problem(display, 1, 1, f"file is {len(raw) / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB")
        ]
    text, problems = _decode(raw, display)
    if text is None:
        return None, problems
    try:
        node = _Loader(text).get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _pos(mark) if mark else (1, 1)
        message = " ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        return None, [Problem(display, line, column, f"YAML syntax error: {message}")]
    except yaml.YAMLError as exc:
        return None, [Problem(display, 1, 1, f"YAML error: {exc}")]
    if node is None:
        return None, [Problem(display, 1, 1, "file is empty")]
    source = SourceFile(display, None)
    builder = _Builder(source)
    source.data = builder.build(node, ())
    return source, builder.problems
