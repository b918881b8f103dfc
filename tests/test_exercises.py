"""Coding exercises: the format is enforced, and every solution passes while every starter fails.

The proof runs twice with the same harness (generator/harness.py): under
CPython here, and under Pyodide in Node with the browser's own boot code
(python-boot.js), over every file in content/exercises/ and the fixture
bank's, so new exercises are covered without touching this file.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import harness
from generator.exercises import Exercise, load_exercises
from generator.validate import load_bank
from tests.conftest import ROOT, run_generator, write_bank

FIXTURE_EXERCISE_BANK = ROOT / "tests" / "fixtures" / "exercise-bank"
BANKS = [ROOT / "content", FIXTURE_EXERCISE_BANK]
PYODIDE = ROOT / "node_modules" / "pyodide" / "pyodide.mjs"


def _all() -> tuple[list[tuple[str, Exercise]], list[str]]:
    """Every valid exercise of every bank, and the problems of the others (a test reports them)."""
    found, problems = [], []
    for content in BANKS:
        bank, _ = load_bank(content)
        exercises, trouble = load_exercises(content, bank)
        found += [(f"{content.name}/{qid}", exercise) for qid, exercise in exercises.items()]
        problems += [str(p) for p in trouble]
    return found, problems


EXERCISES, PROBLEMS = _all()


def _tests(exercise: Exercise) -> list[dict]:
    return [case.as_data() for case in exercise.examples + exercise.tests]


def _failures(result: dict) -> list[str]:
    if result["error"]:
        return [result["error"]]
    return [
        f"{r['name'] or r['call']}: expected {r['expected']}, got {r['got']} {r['error'] or ''}"
        for r in result["results"]
        if not r["passed"]
    ]


def test_every_exercise_file_is_valid_and_loaded() -> None:
    assert PROBLEMS == []
    files = sorted((ROOT / "content" / "exercises").glob("*.yaml")) + sorted(
        (FIXTURE_EXERCISE_BANK / "exercises").glob("*.yaml")
    )
    assert len(EXERCISES) == len(files) >= 3


@pytest.mark.parametrize(("key", "exercise"), EXERCISES, ids=[key for key, _ in EXERCISES])
def test_solution_passes_and_starter_fails_under_cpython(key: str, exercise: Exercise) -> None:
    solved = harness.run(exercise.solution, exercise.entry, _tests(exercise), exercise.tolerance)
    assert _failures(solved) == []
    assert len(solved["results"]) == len(exercise.examples) + len(exercise.tests)
    started = harness.run(exercise.starter, exercise.entry, _tests(exercise), exercise.tolerance)
    assert _failures(started), f"{key}: the starter passes every test"


# Run in Pyodide with the page's boot code: it must not reach JavaScript or the runtime.
ESCAPES = {
    "import-js": "import js\ndef f():\n    return 1\n",
    "from-pyodide": "def f():\n    from pyodide.code import run_js\n    return run_js('1')\n",
    "dunder-import": "def f():\n    return __builtins__.__import__('pyodide_js')\n",
    "modules": "import sys\ndef f():\n    return sorted(m for m in sys.modules if 'pyodide' in m or m == 'js')\n",
    "finder-removed": "import sys\ndef f():\n    sys.meta_path.pop(0)\n    import js\n    return 1\n",
}


@pytest.mark.skipif(shutil.which("node") is None or not PYODIDE.exists(), reason="needs node and node_modules")
def test_same_proof_under_pyodide_in_node_and_no_way_out(tmp_path: Path) -> None:
    requests = []
    for key, exercise in EXERCISES:
        for role in ("solution", "starter"):
            source = getattr(exercise, role)
            requests.append(
                {
                    "key": f"{key}:{role}",
                    "source": source,
                    "entry": exercise.entry,
                    "tests": _tests(exercise),
                    "tolerance": exercise.tolerance,
                }
            )
    for name, source in ESCAPES.items():
        tests = [{"args": [], "expect": []}]
        requests.append({"key": f"escape:{name}", "source": source, "entry": "f", "tests": tests})
    file = tmp_path / "requests.json"
    file.write_text(json.dumps(requests))
    run = subprocess.run(
        ["node", "--disable-warning=MODULE_TYPELESS_PACKAGE_JSON", "scripts/pyodide-exercises.mjs", str(file)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    answer = json.loads(run.stdout)
    assert answer["version"].startswith("314.0.")
    assert "pyodide" in answer["dropped"] and "_pyodide_core" in answer["dropped"]
    results = answer["results"]
    for key, exercise in EXERCISES:
        assert _failures(results[f"{key}:solution"]) == [], key
        assert _failures(results[f"{key}:starter"]), f"{key}: the starter passes every test under Pyodide"
        # Identical verdicts in both interpreters.
        here = harness.run(exercise.starter, exercise.entry, _tests(exercise), exercise.tolerance)
        assert [r["passed"] for r in results[f"{key}:starter"]["results"]] == [r["passed"] for r in here["results"]]
    assert "ImportError: js is not available" in results["escape:import-js"]["error"]
    # The reader's own line, not the harness's frames.
    assert 'File "solution.py", line 1' in results["escape:import-js"]["error"]
    assert "harness.py" not in results["escape:import-js"]["error"]
    for name in ("from-pyodide", "dunder-import", "finder-removed"):
        case = results[f"escape:{name}"]["results"][0]
        assert not case["passed"] and "Error" in case["got"], (name, case)
        assert "ModuleNotFoundError" in case["error"] or "ImportError" in case["error"], (name, case)
    assert results["escape:modules"]["results"][0]["passed"], results["escape:modules"]


# -- the comparison rules of exercise-format.md --------------------------------------------


@pytest.mark.parametrize(
    ("got", "expected", "equal"),
    [
        (1, 1.0, True),
        (0.1 + 0.2, 0.3, True),
        (True, 1.0, False),
        (1, True, False),
        (True, True, True),
        ((1, 2), [1, 2], True),
        ([1, 2], [1, 2, 3], False),
        ({0: 1.0, 1: 2}, {"0": 1, "1": 2}, True),
        ({"a": 1}, {"a": 1, "b": 2}, False),
        ("1", 1, False),
        (None, None, True),
        (0, None, False),
        ("a", "a", True),
        ([[1.0000000001]], [[1]], True),
        (float("nan"), 0.0, False),
        ({1, 2}, [1, 2], False),
    ],
)
def test_structural_comparison(got, expected, equal: bool) -> None:
    assert harness.same(got, expected) is equal


def test_tolerance_is_both_relative_and_absolute() -> None:
    assert harness.same(1.0005, 1.0, 1e-3) and not harness.same(1.01, 1.0, 1e-3)
    assert harness.same(1e-10, 0.0, 1e-9) and not harness.same(1e-6, 0.0, 1e-9)


def test_results_name_the_call_expected_got_and_the_readers_line() -> None:
    source = "def f(xs):\n    xs.append(1)\n    print('seen', len(xs))\n    return 1 / (len(xs) - 2)\n"
    tests = [
        {"name": "ok", "args": [[0, 0]], "expect": 1},
        {"name": "mutates", "args": [[0]], "expect": 1.0},
        {"name": "must raise", "args": [[0]], "raises": "ValueError"},
    ]
    result = harness.run(source, "f", tests, 1e-6)
    first, second, third = result["results"]
    assert first["passed"] and first["call"] == "f([0, 0])" and first["output"] == "seen 3\n"
    assert not second["passed"] and second["expected"] == "1.0" and second["got"] == "raises ZeroDivisionError"
    assert 'File "solution.py", line 4, in f' in second["error"] and "harness" not in second["error"]
    assert third["got"] == "raises ZeroDivisionError" and not third["passed"]
    # Arguments are copied per test: the first call's append did not reach the second.
    assert second["call"] == "f([0])"


def test_code_that_does_not_load_reports_its_line() -> None:
    result = harness.run("def f(:\n    pass\n", "f", [{"args": [], "expect": 1}])
    assert result["results"] == [] and 'solution.py", line 1' in result["error"] and "SyntaxError" in result["error"]
    missing = harness.run("def g():\n    return 1\n", "f", [{"args": [], "expect": 1}])
    assert "no function named 'f'" in missing["error"]
    ended = harness.run("raise SystemExit(3)\n", "f", [{"args": [], "expect": 1}])
    assert "SystemExit" in ended["error"]


# -- validation: the build refuses what the format forbids, all of it at once -------------


TOPIC = """\
topic:
  id: t
  title: T
  summary: A topic.
  order: 1
questions:
  - id: q-one
    question: What is q-one?
    short: It is q-one.
    answer: |
      An answer.
    difficulty: basic
    tags: [coding]
    related: []
"""

EXERCISE = """\
question: q-one
kind: implement
numpy: ask
statement: |
  Write `f(x)`.
entry: f
starter: |
  def f(x):
      raise NotImplementedError
solution: |
  def f(x):
      return x
examples:
  - args: [1]
    expect: 1
tests:
  - {args: [2], expect: 2}
  - {args: [3], expect: 3}
  - {args: [4], expect: 4}
  - {args: [5], expect: 5}
hints:
  - One.
  - Two.
"""


def _check(tmp_path: Path, exercise: str, name: str = "q-one.yaml", *args: str):
    (tmp_path / "content" / "exercises").mkdir(parents=True, exist_ok=True)
    content = write_bank(tmp_path, {"t.yaml": TOPIC, f"exercises/{name}": exercise})
    return run_generator(*(args or ("check", "--fast")), content=content, work=tmp_path)


def test_a_valid_exercise_passes(tmp_path: Path) -> None:
    run = _check(tmp_path, EXERCISE)
    assert run.returncode == 0, run.stderr


def test_an_exercise_that_imports_js_is_refused_at_build(tmp_path: Path) -> None:
    bad = EXERCISE.replace("  def f(x):\n      return x\n", "  import js\n  def f(x):\n      return js.eval(x)\n")
    run = _check(tmp_path, bad, "q-one.yaml", "build", "--site-only", "--site-dir", str(tmp_path / "site"))
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert "content/exercises/q-one.yaml:11:1: solution: import js is not allowed in exercise code" in run.stderr
    assert not (tmp_path / "site").exists()


def test_every_problem_in_one_run_with_its_line(tmp_path: Path) -> None:
    bad = (
        EXERCISE.replace("question: q-one", "question: q-two")
        .replace("kind: implement", "kind: sketch")
        .replace("entry: f", "entry: g")
        .replace("      return x\n", "      eval('1')\n      open('x')\n      return getattr(x, '__import__')\n")
        .replace("  - {args: [5], expect: 5}\n", "  - {args: [5], expect: .inf}\n  - {args: [6]}\n")
        .replace("  Write `f(x)`.\n", "  Write `f(x)` <script>x</script>.\n")
        .replace("  - Two.\n", "  - Two.\n  - Three.\n  - Four.\n")
    )
    run = _check(tmp_path, bad)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    expected = [
        "content/exercises/q-one.yaml:1:11: question 'q-two' must match the file name 'q-one'",
        "content/exercises/q-one.yaml:1:11: question 'q-two' is not a question in the bank (did you mean 'q-one'?)",
        "content/exercises/q-one.yaml:2:7: kind 'sketch' is not one of: implement, review",
        "content/exercises/q-one.yaml:5:1: raw HTML <script> is not allowed",
        "content/exercises/q-one.yaml:7:10: starter must define the function 'g'",
        "content/exercises/q-one.yaml:12:1: solution: eval(...) is not allowed in exercise code",
        "content/exercises/q-one.yaml:13:1: solution: open(...) is not allowed in exercise code",
        "content/exercises/q-one.yaml:14:1: solution: the text '__import__' is not allowed in exercise code",
        "expect must be plain values (numbers, text, lists, mappings; no inf or nan)",
        "needs exactly one of expect (the return value) and raises",
        "content/exercises/q-one.yaml:25:3: hints holds 4 entries; an exercise has 2 to 3",
    ]
    for fragment in expected:
        assert fragment in run.stderr, f"{fragment!r} not in:\n{run.stderr}"


def test_review_exercises_need_the_tag_and_bugs(tmp_path: Path) -> None:
    run = _check(tmp_path, EXERCISE.replace("kind: implement", "kind: review"))
    assert "a review exercise's question carries the tag 'ai-review'" in run.stderr
    assert "q-one.yaml:1:1: a review exercise names its bugs (bugs: 1 to 3 entries)" in run.stderr


def test_syntax_errors_and_forbidden_imports_in_the_starter(tmp_path: Path) -> None:
    bad = EXERCISE.replace("  def f(x):\n      raise NotImplementedError\n", "  def f(x)\n      import subprocess\n")
    run = _check(tmp_path, bad)
    assert "content/exercises/q-one.yaml:8:1: starter is not valid Python" in run.stderr
    body = "      import importlib\n      from sys import modules\n      return __import__\n"
    bad = EXERCISE.replace("      raise NotImplementedError\n", body)
    run = _check(tmp_path, bad)
    assert "q-one.yaml:9:1: starter: import importlib is not allowed" in run.stderr
    assert "q-one.yaml:10:1: starter: from sys import modules is not allowed" in run.stderr
    assert "q-one.yaml:11:1: starter: __import__ is not allowed" in run.stderr


def test_schema_agrees_with_the_validator_and_every_file_names_it() -> None:
    from generator.exercises import KINDS, NUMPY_CHOICES, OPTIONAL, REQUIRED, TEST_FIELDS

    schema = json.loads((ROOT / "schema" / "exercise.schema.json").read_text())
    assert set(schema["required"]) == set(REQUIRED)
    assert set(schema["properties"]) == set(REQUIRED) | set(OPTIONAL)
    assert schema["properties"]["kind"]["enum"] == list(KINDS)
    assert schema["properties"]["numpy"]["enum"] == list(NUMPY_CHOICES)
    assert set(schema["definitions"]["test"]["properties"]) == TEST_FIELDS
    for folder, prefix in (
        (ROOT / "content" / "exercises", "../.."),
        (FIXTURE_EXERCISE_BANK / "exercises", "../../../.."),
    ):
        for path in sorted(folder.glob("*.yaml")):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema={prefix}/schema/exercise.schema.json", path.name
