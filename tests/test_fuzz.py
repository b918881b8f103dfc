"""Property-based tests: whatever a content file holds, the outcome is a bank or clean errors."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.problems import Problem
from generator.validate import load_bank
from tests.conftest import ROOT, run_generator

REAL = sorted((ROOT / "content").glob("*.yaml"))
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def load_text(data: bytes) -> list[Problem]:
    """Load one file holding data; any exception here is a bug."""
    folder = Path(tempfile.mkdtemp())
    try:
        (folder / "fuzz.yaml").write_bytes(data)
        bank, problems = load_bank(folder)
        for problem in problems:
            assert problem.line >= 1 and problem.column >= 1
            assert problem.path.endswith("fuzz.yaml")
            assert problem.message
        if not problems:
            assert bank.questions  # a clean load is a usable bank
        return problems
    finally:
        shutil.rmtree(folder)


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    load_text(data)


@FUZZ
@given(st.text(alphabet=st.sampled_from(list("abc:-[]{}#&*!|>'\"\n  \t?,.%@`0123456789")), max_size=400))
def test_random_yaml_punctuation(text: str) -> None:
    load_text(text.encode())


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=30,
)


@FUZZ
@given(json_values)
def test_random_documents(value: object) -> None:
    load_text(yaml.safe_dump(value).encode())


@FUZZ
@given(
    file=st.sampled_from(REAL),
    edits=st.lists(
        st.tuples(
            st.sampled_from(["delete", "duplicate", "swap", "byte", "truncate", "indent"]), st.integers(0, 10**6)
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_mutations_of_real_content(file: Path, edits: list[tuple[str, int]]) -> None:
    lines = file.read_bytes().split(b"\n")
    for kind, seed in edits:
        at = seed % len(lines)
        if kind == "delete":
            del lines[at]
        elif kind == "duplicate":
            lines.insert(at, lines[at])
        elif kind == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        elif kind == "byte" and lines[at]:
            column = seed % len(lines[at])
            lines[at] = lines[at][:column] + bytes([seed % 256]) + lines[at][column + 1 :]
        elif kind == "truncate":
            lines = lines[: at + 1]
        elif kind == "indent":
            lines[at] = b" " * (seed % 5) + lines[at]
        if not lines:
            lines = [b""]
    load_text(b"\n".join(lines))


def _timed_check(tmp_path: Path, data: bytes) -> tuple[float, str]:
    content = tmp_path / "content"
    content.mkdir()
    (content / "huge.yaml").write_bytes(data)
    started = time.perf_counter()
    run = run_generator("check", "--fast", content=content, work=tmp_path)
    elapsed = time.perf_counter() - started
    assert run.returncode == 1 and "Traceback" not in run.stderr
    return elapsed, run.stderr


def test_a_50_mb_file_is_refused_quickly(tmp_path: Path) -> None:
    elapsed, stderr = _timed_check(tmp_path, b"# filler\n" * (50 * 1024 * 1024 // 9))
    assert "content/huge.yaml:1:1: file is 52.4 MB; the limit is 5 MB" in stderr
    assert elapsed < 10


def test_deep_nesting_is_refused_quickly(tmp_path: Path) -> None:
    elapsed, stderr = _timed_check(tmp_path, b"[" * 10_000 + b"]" * 10_000)
    assert "nested deeper than 64 levels" in stderr
    assert elapsed < 10


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    elapsed, stderr = _timed_check(tmp_path, "\n".join(bomb).encode())
    assert "anchors and aliases are not allowed in the bank" in stderr
    assert elapsed < 10
