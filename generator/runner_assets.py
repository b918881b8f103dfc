"""What the exercise runner ships: Pyodide, the harness, the editor bundle, each exercise's tests.

Pyodide comes from node_modules (package-lock.json pins it) and is copied
as it is; the editor is CodeMirror 6 bundled by esbuild (also pinned) into
one ES module, cached by the content of its sources. Nothing is fetched from
another host, at build or when a page is viewed. Only pages with an exercise
ask for any of it: the page script imports the exercise module on demand,
the editor when the exercise mounts, Pyodide on the first Run.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Mapping
from pathlib import Path

from . import paths
from .cache import content_key
from .exercises import Exercise
from .files import write_bytes_atomic

RUNNER_DIR = "assets/runner"
PYODIDE_DIR = f"{RUNNER_DIR}/pyodide"
HARNESS = f"{RUNNER_DIR}/harness.py"
EDITOR = "assets/javascripts/vendor/editor.js"
EXERCISES_DIR = "assets/exercises"
EXERCISE_INDEX = f"{EXERCISES_DIR}/index.json"
# The files Pyodide loads at start-up (pyodide.mjs asks for the rest by these names).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
EDITOR_SOURCE = Path(__file__).with_name("bundles") / "editor.js"
HARNESS_SOURCE = Path(__file__).with_name("harness.py")


def exercise_data(exercise: Exercise) -> str:
    """One exercise's JSON for the page: starter, entry, tolerance, examples and hidden tests.

    The tests are JSON text inside the JSON: the page hands them to Python
    as they are, so a float such as 2.0 is not turned into 2 by JavaScript.
    """
    data = exercise.runner_data()
    # Submit runs the examples and the hidden tests together.
    data["submit"] = data["examples"] + data["tests"]
    for key in ("examples", "tests", "submit"):
        data[key] = json.dumps(data[key])
    return json.dumps({**data, "kind": exercise.kind, "starter": exercise.starter})


def exercise_url(question_id: str) -> str:
    return f"{EXERCISES_DIR}/{question_id}.json"


def runner_files(node_modules: Path | None = None) -> dict[str, bytes]:
    """{path in the site: content} of Pyodide, the harness and the editor bundle."""
    modules = node_modules or paths.ROOT / "node_modules"
    files: dict[str, bytes] = {}
    for name in PYODIDE_FILES:
        source = modules / "pyodide" / name
        if not source.is_file():
            raise FileNotFoundError(f"{source} is missing: run `npm ci` (package-lock.json pins pyodide)")
        data = source.read_bytes()
        if name.endswith(".mjs"):
            # Source maps are not shipped; a dangling reference only makes browsers ask for one.
            data = b"\n".join(line for line in data.split(b"\n") if not line.startswith(b"//# sourceMappingURL="))
        files[f"{PYODIDE_DIR}/{name}"] = data
    files[HARNESS] = HARNESS_SOURCE.read_bytes()
    files[EDITOR] = editor_bundle(modules)
    return files


def editor_bundle(node_modules: Path) -> bytes:
    """CodeMirror and its Python mode as one minified ES module, made once per version of the sources."""
    lock = paths.ROOT / "package-lock.json"
    key = content_key(EDITOR_SOURCE.read_bytes(), lock.read_bytes() if lock.exists() else b"")
    cached = paths.cache_dir() / "editor" / f"{key}.js"
    if cached.is_file():
        return cached.read_bytes()
    esbuild = node_modules / ".bin" / "esbuild"
    if not esbuild.exists():
        raise FileNotFoundError(f"{esbuild} is missing: run `npm ci` (package-lock.json pins esbuild)")
    done = subprocess.run(
        [
            str(esbuild),
            str(EDITOR_SOURCE),
            "--bundle",
            "--format=esm",
            "--minify",
            "--target=es2020",
            "--legal-comments=none",
            "--log-level=error",
        ],
        cwd=paths.ROOT,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"esbuild could not bundle the editor: {done.stderr.decode(errors='replace')[-2000:]}")
    write_bytes_atomic(cached, done.stdout)
    return done.stdout


def exercise_index(exercises: Mapping[str, Exercise], topic_of: Mapping[str, str]) -> str:
    """Which questions have an exercise, for the progress page and the mock's coding round."""
    entries = [
        {"id": qid, "topic": topic_of[qid], "kind": exercise.kind, "url": exercise_url(qid)}
        for qid, exercise in sorted(exercises.items())
    ]
    return json.dumps({"exercises": entries})
