"""Coding exercises: `content/exercises/<question-id>.yaml`, loaded and checked against the format.

An exercise belongs to a bank question and is shown on its pages, where the
reader's code runs in the browser (overrides/assets/javascripts/runner.js).
Its code comes from contributors and runs in readers' browsers, so besides the
shape of the file (schema/exercise.schema.json) this refuses, with file and
line, code that reaches out of the interpreter: JavaScript, the network, the
host, the import machinery. Every problem in every file is reported in one run.
"""

from __future__ import annotations

import ast
import difflib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import safety
from .loader import SourceFile, ValuePath, load_file
from .model import Bank
from .problems import Problem

EXERCISES_FOLDER = "exercises"
KINDS = ("implement", "review")
NUMPY_CHOICES = ("allowed", "not-allowed", "ask")
REVIEW_TAG = "ai-review"
DEFAULT_TOLERANCE = 1e-9
EXAMPLES_RANGE = (1, 4)
MIN_TESTS = 4
HINTS_RANGE = (2, 3)
BUGS_RANGE = (1, 3)

REQUIRED = {
    "question": str,
    "kind": str,
    "numpy": str,
    "statement": str,
    "entry": str,
    "starter": str,
    "solution": str,
    "examples": list,
    "tests": list,
    "hints": list,
}
OPTIONAL = {"tolerance": float, "bugs": list}
TEST_FIELDS = {"name", "args", "kwargs", "expect", "raises"}
CODE_FIELDS = ("starter", "solution")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

# Modules whose import is refused: JavaScript and the runtime, the import
# machinery, native code, processes and the network.
FORBIDDEN_MODULES = frozenset(
    {
        "js",
        "pyodide",
        "pyodide_js",
        "_pyodide",
        "micropip",
        "importlib",
        "ctypes",
        "subprocess",
        "socket",
        "urllib",
        "http",
    }
)
# Built-in names whose call (or mere use) is refused: code from text, files, raw imports.
FORBIDDEN_NAMES = frozenset({"__import__", "eval", "exec", "compile", "open", "run_js", "pyodide", "pyodide_js"})
# object.attribute pairs refused wherever they appear.
FORBIDDEN_ATTRIBUTES = frozenset({("sys", "modules"), ("os", "system")})
FORBIDDEN_ATTRIBUTE_NAMES = frozenset({"run_js", "pyodide", "pyodide_js", "__import__"})
# Test data is never run, but it is shown and sent to the runner: no runtime hooks in it either.
_FORBIDDEN_TEXT = re.compile(r"\bimport\s+js\b|\bfrom\s+js\b|pyodide|run_js|__import__")


@dataclass(frozen=True)
class Case:
    """One test: arguments and either the expected value or the exception's class name."""

    name: str
    args: list
    kwargs: dict
    expect: Any = None
    raises: str | None = None

    def as_data(self) -> dict:
        """The test as the harness (and the browser) takes it."""
        data: dict[str, Any] = {"name": self.name, "args": self.args}
        if self.kwargs:
            data["kwargs"] = self.kwargs
        if self.raises is not None:
            data["raises"] = self.raises
        else:
            data["expect"] = self.expect
        return data


@dataclass
class Exercise:
    question: str
    kind: str
    numpy: str
    statement: str
    entry: str
    starter: str
    solution: str
    tolerance: float
    examples: list[Case]
    tests: list[Case]
    hints: list[str]
    bugs: list[str] = field(default_factory=list)
    path: str = ""

    def runner_data(self) -> dict:
        """What the browser's runner needs: the entry, the tolerance and both sets of tests."""
        return {
            "question": self.question,
            "entry": self.entry,
            "tolerance": self.tolerance,
            "examples": [c.as_data() for c in self.examples],
            "tests": [c.as_data() for c in self.tests],
        }


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    names = {bool: "true/false", str: "text", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
    return names.get(type(value), type(value).__name__)


def _plain(value: Any) -> bool:
    """A value the harness can compare and the page can send as JSON: no inf or nan."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(_plain(v) for v in value.values())
    return value is None or isinstance(value, (str, int, bool))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (str(k), *_strings(v))]
    return []


class _Checker:
    def __init__(self, source: SourceFile, lines: list[str], bank: Bank) -> None:
        self.source = source
        self.lines = lines
        self.bank = bank
        self.problems: list[Problem] = []

    def report(self, path: ValuePath, message: str, *, key: bool = False) -> None:
        line, column = self.source.where(path, key=key)
        self.problems.append(Problem(self.source.path, line, column, message))

    def text_line(self, path: ValuePath, offset: int) -> tuple[int, int]:
        """File line and column of line `offset` (0-based) inside a text value."""
        line, column = self.source.where(path)
        raw = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        # A block scalar (| or >) starts on the line after its indicator.
        if raw[column - 1 : column] in ("|", ">"):
            return line + 1 + offset, 1
        return line + offset, column if offset == 0 else 1

    def report_in_text(self, path: ValuePath, offset: int, message: str) -> None:
        line, column = self.text_line(path, offset)
        self.problems.append(Problem(self.source.path, line, column, message))

    def check(self) -> Exercise | None:
        data = self.source.data
        if not isinstance(data, dict):
            self.report((), f"an exercise file must be a mapping, not {_type_name(data)}")
            return None
        self._fields(data)
        question = data.get("question") if isinstance(data.get("question"), str) else ""
        self._question(data, question)
        kind = data.get("kind") if isinstance(data.get("kind"), str) else ""
        if kind and kind not in KINDS:
            self.report(("kind",), f"kind {kind!r} is not one of: {', '.join(KINDS)}")
        numpy = data.get("numpy") if isinstance(data.get("numpy"), str) else ""
        if numpy and numpy not in NUMPY_CHOICES:
            self.report(("numpy",), f"numpy {numpy!r} is not one of: {', '.join(NUMPY_CHOICES)}")
        entry = data.get("entry") if isinstance(data.get("entry"), str) else ""
        if entry and not _IDENTIFIER.match(entry):
            self.report(("entry",), f"entry {entry!r} must be a Python function name")
        for key in CODE_FIELDS:
            if isinstance(data.get(key), str):
                self._code(key, data[key], entry)
        self._markdown(data)
        tolerance = data.get("tolerance", DEFAULT_TOLERANCE)
        if not isinstance(tolerance, (int, float)) or isinstance(tolerance, bool) or not 0 < tolerance <= 1:
            self.report(("tolerance",), f"tolerance must be a number above 0 and at most 1, not {tolerance!r}")
            tolerance = DEFAULT_TOLERANCE
        examples = self._cases(data, "examples", EXAMPLES_RANGE)
        tests = self._cases(data, "tests", (MIN_TESTS, None))
        hints = self._texts(data, "hints", HINTS_RANGE)
        bugs = self._texts(data, "bugs", BUGS_RANGE) if "bugs" in data or kind == "review" else []
        if kind == "review" and "bugs" not in data:
            self.report((), "a review exercise names its bugs (bugs: 1 to 3 entries)")
        if kind == "implement" and "bugs" in data:
            self.report(("bugs",), "bugs belong to review exercises only (kind: review)", key=True)
        if self.problems:
            return None
        return Exercise(
            question=question,
            kind=kind,
            numpy=numpy,
            statement=data["statement"],
            entry=entry,
            starter=data["starter"],
            solution=data["solution"],
            tolerance=float(tolerance),
            examples=examples,
            tests=tests,
            hints=hints,
            bugs=bugs,
            path=self.source.path,
        )

    def _fields(self, data: dict) -> None:
        allowed = {**REQUIRED, **OPTIONAL}
        for key in data:
            if key not in allowed:
                hint = difflib.get_close_matches(key, allowed, n=1)
                suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
                known = ", ".join(sorted(allowed))
                self.report(
                    (key,), f"unknown field {key!r} in an exercise{suggestion}; known fields: {known}", key=True
                )
        for key in REQUIRED:
            if key not in data:
                self.report((), f"an exercise is missing the required field {key!r}")
        for key, expected in allowed.items():
            value = data.get(key)
            # The tolerance has its own check (an int such as 1 is a number too).
            if key != "tolerance" and key in data and (not isinstance(value, expected) or isinstance(value, bool)):
                self.report((key,), f"field {key!r} must be {_type_name(expected())}, not {_type_name(value)}")
        for key in ("statement", "starter", "solution", "entry", "question"):
            if isinstance(data.get(key), str) and not data[key].strip():
                self.report((key,), f"field {key!r} is empty")

    def _question(self, data: dict, question: str) -> None:
        if not question:
            return
        stem = Path(self.source.path).stem
        if question != stem:
            self.report(("question",), f"question {question!r} must match the file name {stem!r}")
        found = self.bank.by_id.get(question)
        if found is None:
            hint = difflib.get_close_matches(question, self.bank.by_id, n=1)
            suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
            self.report(("question",), f"question {question!r} is not a question in the bank{suggestion}")
        elif data.get("kind") == "review" and REVIEW_TAG not in found.tags:
            self.report(
                ("kind",), f"a review exercise's question carries the tag {REVIEW_TAG!r}; {question!r} does not"
            )

    def _code(self, key: str, code: str, entry: str) -> None:
        try:
            tree = ast.parse(code)
        except SyntaxError as exc:
            self.report_in_text((key,), (exc.lineno or 1) - 1, f"{key} is not valid Python: {exc.msg}")
            return
        for node in ast.walk(tree):
            reason = _forbidden(node)
            if reason:
                self.report_in_text((key,), node.lineno - 1, f"{key}: {reason} is not allowed in exercise code")
        defined = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        if entry and entry not in defined:
            self.report((key,), f"{key} must define the function {entry!r} (the entry the tests call) at the top level")

    def _markdown(self, data: dict) -> None:
        """The reader-facing text follows the answers' safety rules."""
        places: list[tuple[ValuePath, str]] = []
        if isinstance(data.get("statement"), str):
            places.append((("statement",), data["statement"]))
        for key in ("hints", "bugs"):
            if isinstance(data.get(key), list):
                places += [((key, i), t) for i, t in enumerate(data[key]) if isinstance(t, str)]
        for path, text in places:
            for finding in safety.check_markdown(text):
                self.report_in_text(path, finding.line, finding.message)

    def _texts(self, data: dict, key: str, limits: tuple[int, int]) -> list[str]:
        value = data.get(key)
        if not isinstance(value, list):
            return []
        low, high = limits
        if not low <= len(value) <= high:
            self.report((key,), f"{key} holds {len(value)} entries; an exercise has {low} to {high}")
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.report((key, i), f"{key} entry {i + 1} must be text, not {_type_name(item)}")
        return [item for item in value if isinstance(item, str)]

    def _cases(self, data: dict, key: str, limits: tuple[int, int | None]) -> list[Case]:
        value = data.get(key)
        if not isinstance(value, list):
            return []
        low, high = limits
        if len(value) < low or (high is not None and len(value) > high):
            wanted = f"{low} to {high}" if high is not None else f"at least {low}"
            self.report((key,), f"{key} holds {len(value)} tests; an exercise has {wanted}")
        cases = []
        for i, item in enumerate(value):
            case = self._case(item, (key, i), f"{key} entry {i + 1}")
            if case is not None:
                cases.append(case)
        return cases

    def _case(self, item: Any, path: ValuePath, what: str) -> Case | None:
        if not isinstance(item, dict):
            self.report(path, f"{what} must be a mapping with args and expect (or raises), not {_type_name(item)}")
            return None
        ok = True
        for key in item:
            if key not in TEST_FIELDS:
                known = ", ".join(sorted(TEST_FIELDS))
                self.report(path + (key,), f"unknown field {key!r} in {what}; known fields: {known}", key=True)
                ok = False
        args, kwargs = item.get("args"), item.get("kwargs", {})
        if not isinstance(args, list):
            self.report(path, f"{what} needs args: a list of positional arguments")
            ok = False
        if not isinstance(kwargs, dict) or any(not _IDENTIFIER.match(str(k)) for k in kwargs):
            self.report(path + ("kwargs",), f"{what}: kwargs must map argument names to values")
            ok = False
        if ("expect" in item) == ("raises" in item):
            self.report(path, f"{what} needs exactly one of expect (the return value) and raises (an exception name)")
            ok = False
        raises = item.get("raises")
        if raises is not None and (not isinstance(raises, str) or not _IDENTIFIER.match(raises)):
            self.report(path + ("raises",), f"{what}: raises must be an exception class name such as ValueError")
            ok = False
        name = item.get("name", "")
        if not isinstance(name, str):
            self.report(path + ("name",), f"{what}: name must be text")
            ok = False
        for part in ("args", "kwargs", "expect"):
            if part in item and not _plain(item[part]):
                self.report(
                    path + (part,),
                    f"{what}: {part} must be plain values (numbers, text, lists, mappings; no inf or nan)",
                )
                ok = False
            for text in _strings(item.get(part)):
                found = _FORBIDDEN_TEXT.search(text)
                if found:
                    self.report(path + (part,), f"{what}: {found.group(0)!r} is not allowed in test data")
                    ok = False
        if not ok:
            return None
        return Case(name or "", args, dict(kwargs), item.get("expect"), raises)


def _forbidden(node: ast.AST) -> str | None:
    """Why this piece of code is refused, or None."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name.split(".")[0] in FORBIDDEN_MODULES:
                return f"import {alias.name}"
    elif isinstance(node, ast.ImportFrom):
        if node.module and node.module.split(".")[0] in FORBIDDEN_MODULES:
            return f"from {node.module} import"
        for alias in node.names:
            if (node.module, alias.name) in FORBIDDEN_ATTRIBUTES:
                return f"from {node.module} import {alias.name}"
    elif isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES:
        return f"{node.id}" + ("(...)" if node.id in {"eval", "exec", "compile", "open"} else "")
    elif isinstance(node, ast.Attribute):
        if node.attr in FORBIDDEN_ATTRIBUTE_NAMES:
            return f".{node.attr}"
        if isinstance(node.value, ast.Name) and (node.value.id, node.attr) in FORBIDDEN_ATTRIBUTES:
            return f"{node.value.id}.{node.attr}"
    elif isinstance(node, ast.Constant) and isinstance(node.value, str):
        # getattr(module, "__imp" "ort__") and friends: the names as text are refused too.
        found = _FORBIDDEN_TEXT.search(node.value)
        if found:
            return f"the text {found.group(0)!r}"
    return None


def exercise_files(content_dir: Path) -> list[Path]:
    folder = content_dir / EXERCISES_FOLDER
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in {".yaml", ".yml"})


def load_exercises(
    content_dir: Path, bank: Bank, *, root: Path | None = None
) -> tuple[dict[str, Exercise], list[Problem]]:
    """Every exercise under content_dir/exercises, by question id, and every problem found."""
    root = root or content_dir.parent
    exercises: dict[str, Exercise] = {}
    problems: list[Problem] = []
    for path in exercise_files(content_dir):
        try:
            display = str(path.relative_to(root))
        except ValueError:
            display = str(path)
        source, found = load_file(path, display)
        problems += found
        if source is None:
            continue
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        checker = _Checker(source, lines, bank)
        exercise = checker.check()
        problems += checker.problems
        if exercise is not None:
            exercises[exercise.question] = exercise
    return exercises, sorted(problems)
