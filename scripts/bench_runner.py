"""Benchmark the exercise runner in headless Chromium, on a built site served from a sub-path.

What a reader pays: the bytes an exercise page loads before and on the first
Run, Python's cold start (empty browser cache) and warm start (files in the
cache, a new page), one run's latency once Python is up, the restart after
Stop, and proof that pages without an exercise load none of it. Used by
scripts/bench.py (`make bench`); `python scripts/bench_runner.py SITE [--write]` runs it
alone on a built site (and with --write puts its section into BENCHMARKS.md).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

# The runner's files: scripts, editor, Pyodide, the harness, an exercise's tests. (The
# Progress page reads only the exercise index, a few KB, to count solved exercises.)
RUNNER_PARTS = ("exercise.js", "runner.js", "runner-worker.js", "editor.js", "pyodide", "harness.py")


class _Bytes:
    """Every request a page (and its worker) made, and the bytes of the site's files it asked for."""

    def __init__(self, site: Path, base: str) -> None:
        self.site = site
        self.base = base
        self.urls: list[str] = []

    def __call__(self, request) -> None:
        self.urls.append(request.url)

    @property
    def total(self) -> int:
        # The files' sizes on disk: what an uncompressed server sends for each request.
        size = 0
        for url in self.urls:
            path = url.split("#")[0].split("?")[0].removeprefix(self.base)
            file = self.site / path
            if file.is_dir() or not path or path.endswith("/"):
                file = file / "index.html"
            size += file.stat().st_size if file.is_file() else 0
        return size


def _wait_status(page, text: str, timeout: int = 120_000) -> None:
    page.wait_for_function(
        "t => document.querySelector('.qb-exercise__status').textContent.includes(t)", arg=text, timeout=timeout
    )


def _run_examples(page) -> float:
    started = time.perf_counter()
    page.locator('[data-do="examples"]').first.click()
    _wait_status(page, "pass")
    return time.perf_counter() - started


def bench_runner(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    index = json.loads((site / "assets" / "exercises" / "index.json").read_text())["exercises"]
    questions = json.loads((site / "questions.json").read_text())["questions"]
    with_exercise = {e["id"] for e in index}
    exercise_id = index[0]["id"]
    plain = next(q for q in questions if q["id"] not in with_exercise)
    result: dict = {"exercise": exercise_id, "exercises": len(index)}
    with tempfile.TemporaryDirectory(prefix="qb-runner-bench-") as tmp, serve(site, Path(tmp)) as base:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            # Pages without an exercise: nothing of the runner, not even its scripts.
            leaks = {}
            for path in ("", f"questions/{plain['id']}/", "practice/", "progress/"):
                page = browser.new_page()
                seen = _Bytes(site, base)
                page.on("request", seen)
                page.goto(base + path, wait_until="networkidle")
                leaks[path or "home"] = [u for u in seen.urls if any(p in u for p in RUNNER_PARTS)]
                page.close()
            result["runner_requests_without_exercise"] = sum(len(v) for v in leaks.values())
            result["pages_checked"] = list(leaks)
            # Cold: a new browser profile, nothing cached.
            context = browser.new_context()
            page = context.new_page()
            seen = _Bytes(site, base)
            page.on("request", seen)
            page.goto(base + f"questions/{exercise_id}/", wait_until="networkidle")
            page.locator(".qb-exercise[data-ready]").first.wait_for(timeout=30_000)
            result["page_bytes"] = seen.total
            result["editor_bytes"] = sum(
                (site / "assets" / "javascripts" / name).stat().st_size
                for name in ("exercise.js", "exercise-store.js", "runner.js", "vendor/editor.js")
            )
            before = seen.total
            result["cold_start_s"] = _run_examples(page)
            page.wait_for_load_state("networkidle")
            result["first_run_bytes"] = seen.total - before
            latencies = [_run_examples(page) for _ in range(5)]
            result["run_latency_s"] = statistics.median(latencies)
            # Stop: a fresh worker is started at once; how long until a run answers again.
            page.locator(".qb-exercise .cm-content").first.click()
            page.keyboard.press("Control+End")
            page.keyboard.insert_text("\nwhile True:\n    pass\n")
            page.locator('[data-do="examples"]').first.click()
            _wait_status(page, "Running")
            page.locator('[data-do="stop"]').first.click()
            _wait_status(page, "Stopped")
            page.locator('[data-do="reset"]').first.click()
            result["after_stop_s"] = _run_examples(page)
            # Warm: the same browser (files cached), a new page and a new worker.
            page.close()
            warm_page = context.new_page()
            warm_page.goto(base + f"questions/{exercise_id}/", wait_until="networkidle")
            warm_page.locator(".qb-exercise[data-ready]").first.wait_for(timeout=30_000)
            result["warm_start_s"] = _run_examples(warm_page)
            context.close()
            browser.close()
    return result


def runner_section(result: dict) -> str:
    mb = 1024 * 1024
    rows = [
        ("exercise page before any Run (page, scripts, editor)", f"{result['page_bytes'] / mb:.2f} MB"),
        ("of which the exercise scripts and the CodeMirror bundle", f"{result['editor_bytes'] / 1024:.0f} KB"),
        (
            "downloaded on the first Run (Pyodide, its standard library, harness)",
            f"{result['first_run_bytes'] / mb:.2f} MB",
        ),
        ("cold start: first Run to results, empty browser cache", f"{result['cold_start_s']:.2f} s"),
        ("warm start: first Run on a new page, files in the browser cache", f"{result['warm_start_s']:.2f} s"),
        ("one run once Python is up (median of 5, Run examples)", f"{result['run_latency_s'] * 1000:.0f} ms"),
        ("Stop, then the next run (a fresh worker)", f"{result['after_stop_s']:.2f} s"),
        (
            f"runner requests from pages without an exercise ({', '.join(result['pages_checked'])})",
            str(result["runner_requests_without_exercise"]),
        ),
    ]
    table = "| measure | value |\n| --- | ---: |\n" + "\n".join(f"| {a} | {b} |" for a, b in rows)
    notes = (
        f"Measured in headless Chromium on the shipped bank's site served from a sub-path by Python's "
        f"http.server (no compression), on `{result['exercise']}` ({result['exercises']} exercises in the "
        "bank). Bytes are the sizes of the files the page and its worker asked for (the page's figure "
        "includes the theme's own scripts and styles). Pyodide starts in a Web Worker on the first Run "
        "only; a run is limited to 10 s. Warm start is a new page in the same browser, the files "
        "revalidated from its cache. The start-up times are single runs (compiling Pyodide's WebAssembly "
        "is most of them) and vary by seconds with the machine's load."
    )
    return f"## Exercise runner\n\n{table}\n\n{notes}\n"


def replace_section(report: str, section: str) -> str:
    """The report with its runner section replaced (or added at the end)."""
    start = report.find("## Exercise runner")
    if start < 0:
        return report.rstrip("\n") + "\n\n" + section
    end = report.find("\n## ", start + 1)
    return report[:start] + section + (report[end + 1 :] if end >= 0 else "")


def main() -> int:
    site = Path(sys.argv[1])
    result = bench_runner(site)
    print(json.dumps(result, indent=1))
    section = runner_section(result)
    print(section)
    if "--write" in sys.argv:
        report = ROOT / "BENCHMARKS.md"
        report.write_text(replace_section(report.read_text(encoding="utf-8"), section), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
