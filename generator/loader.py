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


# libyaml's C parser when present (several times faster on a large bank).
_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()


def _refuse(message: str, mark: yaml.Mark) -> yaml.composer.ComposerError:
    return yaml.composer.ComposerError(None, None, message, mark)


def _compose(text: str) -> yaml.Node | None:
    """Build the node tree from parser events, without recursion.

    Doing it here instead of in PyYAML's composer lets us refuse aliases
    (an alias bomb never expands) and deep nesting (no RecursionError) while
    still using the fast C parser.
    """
    root: yaml.Node | None = None
    stack: list[yaml.Node] = []
    pending_keys: list[yaml.Node | None] = []
    documents = 0

    def attach(node: yaml.Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if isinstance(parent, yaml.SequenceNode):
            parent.value.append(node)
        elif pending_keys[-1] is None:
            pending_keys[-1] = node
        else:
            parent.value.append((pending_keys[-1], node))
            pending_keys[-1] = None

    for event in yaml.parse(text, Loader=_PARSER):
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _refuse("a content file holds one YAML document, found a second", event.start_mark)
        elif isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _refuse("anchors and aliases are not allowed in the bank", event.start_mark)
        elif isinstance(event, yaml.ScalarEvent):
            tag = event.tag
            if tag is None or tag == "!":
                tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
            attach(yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style))
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if len(stack) >= MAX_DEPTH:
                raise _refuse(f"nested deeper than {MAX_DEPTH} levels", event.start_mark)
            sequence = isinstance(event, yaml.SequenceStartEvent)
            kind, default = (yaml.SequenceNode, "seq") if sequence else (yaml.MappingNode, "map")
            tag = event.tag if event.tag not in (None, "!") else f"tag:yaml.org,2002:{default}"
            node = kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
            attach(node)
            stack.append(node)
            pending_keys.append(None)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            stack.pop().end_mark = event.end_mark
            pending_keys.pop()
    return root


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
        node = _compose(text)
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
