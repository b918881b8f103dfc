"""Run an exercise's tests against a reader's code and say, per test, what happened.

One file, standard library only, with no imports from the generator: the
build copies it into the site, where the runner's worker loads it into
Pyodide, and the tests import it under CPython. Both run the same comparison
rules (exercise-format.md): values are compared structurally, never as printed
text; floats within a tolerance; a tuple equals a list; bool is not a number.
"""

from __future__ import annotations

import builtins
import contextlib
import copy
import io
import json
import linecache
import math
import sys
import traceback
from typing import Any

# The reader's code is compiled under this name: tracebacks keep its frames
# (with the reader's line numbers and lines) and drop the harness's.
FILENAME = "solution.py"
DEFAULT_TOLERANCE = 1e-9
# What a result shows of a long value or of printed output.
SHOW_LIMIT = 400
OUTPUT_LIMIT = 4000

# Modules that reach out of the interpreter (into JavaScript, the network or
# the host) and have no place in an exercise. The worker drops them and
# refuses to import them again (lock_down); validation refuses them in the
# bank's code before that.
BLOCKED_MODULES = frozenset(
    {"js", "pyodide", "pyodide_js", "_pyodide", "_pyodide_core", "pyodide_http", "micropip", "ctypes", "_ctypes"}
)


def same(got: Any, expected: Any, tolerance: float = DEFAULT_TOLERANCE) -> bool:
    """True when got matches the expected (YAML/JSON) value under the contract's rules."""
    if isinstance(expected, bool) or expected is None or isinstance(expected, str):
        return type(got) is type(expected) and got == expected
    if isinstance(expected, (int, float)):
        if isinstance(got, bool) or not isinstance(got, (int, float)):
            return False
        return math.isclose(got, expected, rel_tol=tolerance, abs_tol=tolerance)
    if isinstance(expected, (list, tuple)):
        return (
            isinstance(got, (list, tuple))
            and len(got) == len(expected)
            and all(same(g, e, tolerance) for g, e in zip(got, expected, strict=True))
        )
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return False
        # Keys arrive as text (YAML mapping keys, JSON): 0 and "0" are the same key.
        keyed = {str(key): value for key, value in got.items()}
        return (
            len(keyed) == len(got)
            and set(keyed) == {str(key) for key in expected}
            and all(same(keyed[str(key)], value, tolerance) for key, value in expected.items())
        )
    return False


def show(value: Any) -> str:
    """A value as the reader would type it, cut short when long."""
    try:
        text = repr(value)
    except Exception as exc:  # a reader's class with a broken __repr__
        text = f"<unprintable {type(value).__name__}: {exc}>"
    return text if len(text) <= SHOW_LIMIT else text[: SHOW_LIMIT - 3] + "..."


def call_text(entry: str, args: list, kwargs: dict) -> str:
    parts = [show(a) for a in args] + [f"{k}={show(v)}" for k, v in kwargs.items()]
    return f"{entry}({', '.join(parts)})"


def trace(exc: BaseException) -> str:
    """The exception as a traceback of the reader's code only, lines as they numbered them."""
    tb = exc.__traceback__
    # The harness's own frames come first; the reader's start at their file.
    while tb is not None and tb.tb_frame.f_code.co_filename != FILENAME:
        tb = tb.tb_next
    if isinstance(exc, SyntaxError) or tb is None:
        return "".join(traceback.format_exception_only(type(exc), exc)).rstrip()
    report = traceback.TracebackException(type(exc), exc, tb, compact=True)
    # Frames of the harness itself (its import guard, say) are not the reader's business.
    report.stack = traceback.StackSummary.from_list([f for f in report.stack if f.filename != __file__])
    return "".join(report.format(chain=False)).rstrip()


class _Output(io.StringIO):
    """What the reader's print() wrote, kept to a readable length."""

    def write(self, text: str) -> int:
        if self.tell() < OUTPUT_LIMIT:
            super().write(text[: OUTPUT_LIMIT - self.tell()])
        return len(text)


@contextlib.contextmanager
def _captured():
    out = _Output()
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = out
    try:
        yield out
    finally:
        sys.stdout, sys.stderr = saved


def _load(source: str, entry: str) -> tuple[Any, str, str | None]:
    """The reader's entry function, what loading printed, and the error if it could not be had."""
    linecache.cache[FILENAME] = (len(source), None, source.splitlines(True), FILENAME)
    namespace: dict[str, Any] = {"__name__": "solution", "__builtins__": builtins}
    with _captured() as out:
        try:
            exec(compile(source, FILENAME, "exec"), namespace)
        except BaseException as exc:  # SystemExit and KeyboardInterrupt too: the reader's code ends, not the runner
            return None, out.getvalue(), trace(exc)
    function = namespace.get(entry)
    if not callable(function):
        return None, out.getvalue(), f"{FILENAME} defines no function named {entry!r}: the tests call {entry}(...)"
    return function, out.getvalue(), None


def _raised(exc: BaseException, name: str) -> bool:
    """The exception is of the named class or a subclass of it."""
    return any(cls.__name__ == name for cls in type(exc).__mro__)


def run_one(function: Any, entry: str, test: dict, tolerance: float) -> dict:
    """One test's result: name, passed, call, expected, got, error, output."""
    args = copy.deepcopy(list(test.get("args") or []))
    kwargs = copy.deepcopy(dict(test.get("kwargs") or {}))
    result = {
        "name": test.get("name") or "",
        "passed": False,
        "call": call_text(entry, args, kwargs),
        "expected": f"raises {test['raises']}" if "raises" in test else show(test.get("expect")),
        "got": "",
        "error": None,
        "output": "",
    }
    with _captured() as out:
        try:
            value = function(*args, **kwargs)
        except BaseException as exc:
            if "raises" in test and _raised(exc, test["raises"]) and isinstance(exc, Exception):
                result["passed"] = True
                result["got"] = f"raises {type(exc).__name__}"
            else:
                result["got"] = f"raises {type(exc).__name__}"
                result["error"] = trace(exc)
        else:
            result["got"] = show(value)
            if "raises" in test:
                result["got"] = f"returned {show(value)} (no exception)"
            else:
                result["passed"] = same(value, test.get("expect"), tolerance)
    result["output"] = out.getvalue()
    return result


def run(source: str, entry: str, tests: list[dict], tolerance: float | None = None) -> dict:
    """Run the tests against source; {"error", "output", "results": [per test]}.

    A reader's code that does not compile or load gives an error and no results.
    """
    tolerance = DEFAULT_TOLERANCE if tolerance is None else tolerance
    function, output, error = _load(source, entry)
    if error is not None:
        return {"error": error, "output": output, "results": []}
    return {"error": None, "output": output, "results": [run_one(function, entry, t, tolerance) for t in tests]}


def run_json(request: str) -> str:
    """run() with its request and answer as JSON text (the worker's way in and out)."""
    data = json.loads(request)
    tests = data["tests"]
    # Tests may come as their own JSON text, so that 2.0 stays a float on the
    # way through JavaScript (which has one number type) and shows as written.
    if isinstance(tests, str):
        tests = json.loads(tests)
    return json.dumps(run(data["source"], data["entry"], tests, data.get("tolerance")))


class _Refuse:
    """A meta-path finder that refuses the blocked modules."""

    @staticmethod
    def find_spec(name: str, path: Any = None, target: Any = None) -> None:
        if name.split(".")[0] in BLOCKED_MODULES:
            raise ImportError(f"{name} is not available in the exercise runner")
        return None


def lock_down() -> list[str]:
    """Drop the modules that reach outside Python and refuse to import them again; returns the dropped names.

    Called by the worker once Pyodide and this harness are loaded: the
    runtime's JavaScript side keeps its own references, so it still works.
    """
    dropped = sorted(name for name in list(sys.modules) if name.split(".")[0] in BLOCKED_MODULES)
    for name in dropped:
        del sys.modules[name]
    # Pyodide's finder makes `js` importable on demand: it goes, ours refuses in its place.
    sys.meta_path[:] = [
        finder for finder in sys.meta_path if type(finder).__module__.split(".")[0] not in BLOCKED_MODULES
    ]
    if not any(isinstance(finder, _Refuse) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Refuse())
    return dropped
