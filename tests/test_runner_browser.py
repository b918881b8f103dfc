"""The exercise runner in headless Chromium, on a built site served from a sub-path.

The fixture bank (tests/fixtures/exercise-bank) has three exercises and a
question without one, so these tests do not depend on the bank's exercises.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.shipcheck import WORKER_POLICY
from tests.browser import CHROMIUM, RequestLog, serve
from tests.conftest import ENGINES, ROOT, engine_param, run_generator
from tests.test_accessibility import serious_violations

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")

BANK = ROOT / "tests" / "fixtures" / "exercise-bank"
# What a page may load only when it has an exercise.
RUNNER_PARTS = ("exercise.js", "runner.js", "runner-worker.js", "editor.js", "pyodide", "harness.py", "exercises/")
PROGRESS_KEY = "ml-interview-guide:progress:v1"

SOLUTION = """def mean(values):
    if not values:
        raise ValueError("empty")
    return sum(values) / len(values)
"""
WRONG = """def mean(values):
    return sum(values) // max(len(values), 1)
"""


@pytest.fixture(scope="module", params=ENGINES)
def exercise_site(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """The exercise bank's site, built by each engine in turn."""
    engine = engine_param(request)
    work = tmp_path_factory.mktemp(f"exercise-build-{engine}")
    # Deployed at an address, as a real site is: Zensical's instant navigation needs it.
    run = run_generator(
        "build", "--site-only", "--engine", engine, "--site-dir", str(work / "site"), content=BANK, work=work,
        extra_env={"SITE_URL": "https://guide.example.org/guide/"},
    )
    assert run.returncode == 0, run.stderr
    return work / "site"


@pytest.fixture()
def base(exercise_site: Path, tmp_path: Path) -> Iterator[str]:
    with serve(exercise_site, tmp_path) as url:
        yield url


def open_exercise(browser, url: str, **context):
    page = browser.new_context(**context).new_page()
    page.goto(url)
    page.locator(".qb-exercise[data-ready]").first.wait_for(timeout=20_000)
    return page


def put_code(page, code: str) -> None:
    """Replace the editor's text as a paste would."""
    page.locator(".qb-exercise .cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)


def status(page) -> str:
    return page.locator(".qb-exercise__status").inner_text()


def wait_status(page, text: str, timeout: int = 60_000) -> None:
    page.wait_for_function(
        "t => document.querySelector('.qb-exercise__status').textContent.includes(t)", arg=text, timeout=timeout
    )


def test_correct_solution_typed_in_passes_and_feeds_the_schedule(browser, base: str) -> None:
    log = RequestLog()
    page = open_exercise(browser, base + "questions/drill-mean/")
    page.on("request", log)
    editor = page.locator(".qb-exercise .cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    # Typed key by key: Enter keeps the indentation and adds a level after a colon; Shift+Tab takes one off.
    page.keyboard.type("def mean(values):")
    page.keyboard.press("Enter")
    page.keyboard.type("if not values:")
    page.keyboard.press("Enter")
    page.keyboard.type('raise ValueError("empty")')
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    page.keyboard.type("return sum(values) / len(values)")
    text = page.evaluate("() => document.querySelector('.qb-exercise .cm-content').innerText")
    assert text.replace("\u00a0", " ").strip() == SOLUTION.strip()
    page.locator('[data-do="submit"]').click()
    wait_status(page, "solved")
    results = page.locator(".qb-result")
    assert results.count() == 6
    assert page.locator(".qb-result--fail").count() == 0
    assert "All 6 tests pass" in status(page)
    assert page.locator(".qb-exercise--solved").count() == 1
    saved = json.loads(page.evaluate(f"localStorage.getItem('{PROGRESS_KEY}')"))
    card = saved["cards"]["drill-mean"]
    assert card["reps"] == 1 and card["state"] != 0
    solved = json.loads(page.evaluate("localStorage.getItem('ml-interview-guide:exercises:v1')"))
    assert "drill-mean" in solved["solved"]
    assert log.foreign() == []
    page.context.close()


def test_a_wrong_solution_shows_the_failures_with_expected_and_got(browser, base: str) -> None:
    page = open_exercise(browser, base + "questions/drill-mean/")
    put_code(page, WRONG)
    page.locator('[data-do="submit"]').click()
    wait_status(page, "pass")
    failed = page.locator(".qb-result--fail")
    assert failed.count() >= 2
    thirds = page.locator(".qb-result", has_text="thirds")
    assert "Failed" in thirds.inner_text()
    facts = thirds.locator(".qb-result__facts").inner_text()
    assert "mean([1, 1, 2])" in facts and "1.3333333333333333" in facts and "Got\n1" in facts
    empty = page.locator(".qb-result", has_text="empty").inner_text()
    assert "raises ValueError" in empty and "returned 0" in empty
    # A failed Submit counts as "again" once, however often it is retried.
    page.locator('[data-do="submit"]').click()
    wait_status(page, "pass")
    saved = json.loads(page.evaluate(f"localStorage.getItem('{PROGRESS_KEY}')"))
    assert saved["cards"]["drill-mean"]["reps"] == 1 and saved["cards"]["drill-mean"]["lapses"] == 0
    page.context.close()


def test_errors_point_at_the_readers_lines_and_js_is_out_of_reach(browser, base: str) -> None:
    page = open_exercise(browser, base + "questions/drill-mean/")
    put_code(page, "def mean(values):\n    total = 0\n    return total / 0\n")
    page.locator('[data-do="examples"]').click()
    wait_status(page, "pass")
    error = page.locator(".qb-result__error").first.inner_text()
    assert 'File "solution.py", line 3, in mean' in error and "harness" not in error
    put_code(page, "import js\ndef mean(values):\n    return js.fetch('https://example.org')\n")
    page.locator('[data-do="examples"]').click()
    wait_status(page, "did not run")
    error = page.locator(".qb-result__error").first.inner_text()
    assert 'File "solution.py", line 1' in error and "js is not available" in error
    page.context.close()


def test_an_endless_loop_stops_at_the_limit_the_page_stays_responsive_and_the_next_run_works(
    browser, base: str
) -> None:
    page = open_exercise(browser, base + "questions/drill-mean/")
    # Python warm first, so the limit measures the loop alone.
    page.locator('[data-do="examples"]').click()
    wait_status(page, "pass")
    put_code(page, "def mean(values):\n    while True:\n        pass\n")
    started = time.monotonic()
    page.locator('[data-do="examples"]').click()
    wait_status(page, "Running", timeout=10_000)
    # The page answers while the loop spins: a hint opens and the clock ticks.
    time.sleep(2)
    probe = time.monotonic()
    page.locator('[data-do="hint"]').click()
    assert page.locator(".qb-exercise__hints li:not([hidden])").count() == 1
    assert page.evaluate("() => { const t = performance.now(); return performance.now() - t < 50; }")
    assert time.monotonic() - probe < 2
    assert page.locator('[data-do="stop"]').is_enabled()
    wait_status(page, "ran longer than 10 s", timeout=20_000)
    assert 9.5 < time.monotonic() - started < 20
    put_code(page, SOLUTION)
    page.locator('[data-do="examples"]').click()
    wait_status(page, "2 of 2 examples pass", timeout=60_000)
    page.context.close()


def test_stop_ends_a_run_at_once(browser, base: str) -> None:
    page = open_exercise(browser, base + "questions/drill-mean/")
    put_code(page, "def mean(values):\n    while True:\n        pass\n")
    page.locator('[data-do="examples"]').click()
    wait_status(page, "Running", timeout=60_000)
    page.locator('[data-do="stop"]').click()
    wait_status(page, "Stopped.", timeout=2_000)
    put_code(page, SOLUTION)
    page.locator('[data-do="examples"]').click()
    wait_status(page, "2 of 2 examples pass", timeout=60_000)
    page.context.close()


def test_code_survives_a_reload_and_reset_brings_back_the_starter(browser, base: str) -> None:
    page = open_exercise(browser, base + "questions/drill-normalize/")
    put_code(page, "def normalize(scores, digits=None):\n    return 'mine'\n")
    page.reload()
    page.locator(".qb-exercise[data-ready]").wait_for(timeout=20_000)
    assert "return 'mine'" in page.locator(".qb-exercise .cm-content").inner_text()
    page.locator('[data-do="reset"]').click()
    assert "raise NotImplementedError" in page.locator(".qb-exercise .cm-content").inner_text()
    page.reload()
    page.locator(".qb-exercise[data-ready]").wait_for(timeout=20_000)
    assert "raise NotImplementedError" in page.locator(".qb-exercise .cm-content").inner_text()
    page.context.close()


def test_hints_one_at_a_time_and_the_solution_only_on_request(browser, base: str) -> None:
    page = open_exercise(browser, base + "questions/drill-argmax/")
    section = page.locator('.qb-exercise[data-qid="drill-argmax"]')
    assert section.locator(".qb-exercise__solution").is_hidden()
    assert section.locator(".qb-exercise__hints li:not([hidden])").count() == 0
    hint = section.locator('[data-do="hint"]')
    hint.click()
    assert section.locator(".qb-exercise__hints li:not([hidden])").count() == 1
    hint.click()
    assert section.locator(".qb-exercise__hints li:not([hidden])").count() == 2
    assert hint.is_disabled()
    toggle = section.locator('[data-do="solution"]')
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    solution = section.locator(".qb-exercise__solution")
    assert solution.is_visible() and "Off by one" in solution.inner_text()
    page.context.close()


def test_the_topic_page_brings_an_exercise_in_on_request(browser, base: str) -> None:
    log = RequestLog()
    page = browser.new_context().new_page()
    page.on("request", log)
    page.goto(base + "topics/drills/", wait_until="networkidle")
    stubs = page.locator(".qb-exercise--stub")
    assert stubs.count() == 3
    # Nothing heavy until the reader asks: no editor, no Python, no tests.
    assert not [u for u in log.urls if "editor.js" in u or "pyodide" in u or "/exercises/" in u]
    load = page.locator('.qb-exercise--stub[data-qid="drill-normalize"] [data-do="load"]')
    load.focus()
    page.keyboard.press("Enter")
    section = page.locator('.qb-exercise[data-qid="drill-normalize"][data-ready]')
    section.wait_for(timeout=20_000)
    assert page.evaluate("document.activeElement.id") == "qb-exercise-drill-normalize"
    assert page.locator(".qb-exercise--stub").count() == 2
    section.locator('[data-do="examples"]').click()
    page.wait_for_function(
        "() => document.querySelector('.qb-exercise[data-qid=\"drill-normalize\"] .qb-exercise__status')"
        ".textContent.includes('0 of 1 example')",
        timeout=60_000,
    )
    assert log.foreign() == []
    page.context.close()


def test_an_exercise_reached_by_the_themes_navigation_runs(
    browser, base: str, request: pytest.FixtureRequest
) -> None:
    page = browser.new_context().new_page()
    page.goto(base + "topics/drills/")
    # A mark on the window survives only if the theme swaps pages without reloading.
    page.evaluate("window.qbSamePage = true")
    page.locator("h2#drill-mean a").first.click()
    page.wait_for_url("**/questions/drill-mean/")
    page.locator(".qb-exercise[data-ready]").wait_for(timeout=20_000)
    put_code(page, SOLUTION)
    page.locator('[data-do="submit"]').click()
    wait_status(page, "solved")
    assert "All 6 tests pass" in status(page)
    # Zensical swaps pages in place here; Material (9.x) reloads them when the
    # page is not served from site_url's host, so only Zensical must keep the mark.
    if request.node.callspec.params["exercise_site"] == "zensical":
        assert page.evaluate("window.qbSamePage") is True
    page.context.close()


def test_keyboard_tab_indents_and_escape_then_tab_leaves_the_editor(browser, base: str) -> None:
    page = open_exercise(browser, base + "questions/drill-mean/")
    page.locator(".qb-exercise .cm-content").click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('cm-content')")
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.do") == "examples"
    page.keyboard.press("Enter")
    # While it runs the focus waits on Stop (Run is disabled), then comes back.
    assert page.evaluate("document.activeElement.dataset.do") == "stop"
    wait_status(page, "pass")
    page.wait_for_function("() => document.activeElement.dataset.do === 'examples'", timeout=5_000)
    page.context.close()


def test_no_other_host_and_pages_without_an_exercise_load_none_of_the_runner(browser, base: str) -> None:
    for path in ("", "questions/drill-plain/", "practice/"):
        log = RequestLog()
        page = browser.new_page()
        page.on("request", log)
        page.goto(base + path, wait_until="networkidle")
        loaded = [u for u in log.urls if any(part in u for part in RUNNER_PARTS)]
        assert loaded == [], (path, loaded)
        assert log.foreign() == []
        page.close()
    log = RequestLog()
    page = open_exercise(browser, base + "questions/drill-mean/")
    page.on("request", log)
    page.context.on("request", log)
    # The editor arrived; Python waits for the first run.
    assert not [u for u in log.urls if "pyodide" in u]
    page.locator('[data-do="examples"]').click()
    wait_status(page, "pass")
    assert any(u.endswith("pyodide.asm.wasm") for u in log.urls)
    assert log.foreign() == []
    page.context.close()


def test_the_page_policy_stays_strict_and_works(browser, base: str, exercise_site: Path) -> None:
    html = (exercise_site / "questions" / "drill-mean" / "index.html").read_text()
    policy = html.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
    assert "unsafe-eval" not in policy and "wasm-unsafe-eval" not in policy
    page = open_exercise(browser, base + "questions/drill-mean/")
    page.evaluate("window.__violations = []")
    page.evaluate(
        "document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective))"
    )
    page.locator('[data-do="examples"]').click()
    wait_status(page, "pass")
    assert page.evaluate("window.__violations") == []
    page.context.close()


class _PolicyHandler(http.server.SimpleHTTPRequestHandler):
    """Sends a Content-Security-Policy header with the runner's worker, as a host configured for it would."""

    worker_policy = ""

    def end_headers(self) -> None:
        if self.path.endswith("runner-worker.js") and self.worker_policy:
            self.send_header("Content-Security-Policy", self.worker_policy)
        super().end_headers()

    def log_message(self, format: str, *args) -> None:
        pass


@contextmanager
def serve_with_worker_policy(site: Path, tmp: Path, policy: str) -> Iterator[str]:
    root = tmp / "www"
    (root / "guide").mkdir(parents=True, exist_ok=True)
    import shutil

    shutil.copytree(site, root / "guide", dirs_exist_ok=True)
    handler = type("Handler", (_PolicyHandler,), {"worker_policy": policy})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/guide/"
    finally:
        server.shutdown()
        server.server_close()


def test_the_worker_runs_under_its_own_policy_which_needs_wasm_unsafe_eval(
    browser, exercise_site: Path, tmp_path: Path
) -> None:
    """Chromium gives a dedicated worker the policy of its own response, not the page's meta tag.

    So the page's policy needs no 'wasm-unsafe-eval'; a host that sends
    headers sends WORKER_POLICY with the worker, and without
    'wasm-unsafe-eval' there Pyodide cannot compile its WebAssembly.
    """
    assert "'wasm-unsafe-eval'" in WORKER_POLICY and "'unsafe-eval'" not in WORKER_POLICY.replace("'wasm-", "")
    with serve_with_worker_policy(exercise_site, tmp_path / "with", WORKER_POLICY) as url:
        page = open_exercise(browser, url + "questions/drill-mean/")
        page.locator('[data-do="examples"]').click()
        wait_status(page, "0 of 2 examples pass")
        page.context.close()
    without = WORKER_POLICY.replace(" 'wasm-unsafe-eval'", "")
    with serve_with_worker_policy(exercise_site, tmp_path / "without", without) as url:
        page = open_exercise(browser, url + "questions/drill-mean/")
        page.locator('[data-do="examples"]').click()
        wait_status(page, "The runner failed")
        assert "WebAssembly" in status(page) or "wasm" in status(page).lower()
        page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_axe_violations_with_results_shown(browser, base: str, scheme: str) -> None:
    page = open_exercise(browser, base + "questions/drill-mean/", color_scheme=scheme, bypass_csp=True)
    if scheme == "dark":
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    put_code(page, WRONG)
    page.locator('[data-do="submit"]').click()
    wait_status(page, "pass")
    page.locator('[data-do="hint"]').click()
    page.locator('[data-do="solution"]').click()
    assert serious_violations(page) == []
    out = ROOT / ".cache" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out / f"exercise-{scheme}.png"), full_page=True)
    page.context.close()


def test_usable_at_phone_width(browser, base: str) -> None:
    page = open_exercise(browser, base + "questions/drill-mean/", viewport={"width": 390, "height": 844})
    put_code(page, WRONG)
    page.locator('[data-do="submit"]').click()
    wait_status(page, "pass")
    # Nothing wider than the screen: no sideways scrolling of the page.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for name in ("examples", "submit", "reset"):
        box = page.locator(f'[data-do="{name}"]').bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    out = ROOT / ".cache" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out / "exercise-phone.png"), full_page=True)
    page.context.close()


def test_mock_coding_round_grades_the_schedule_and_progress_counts_solved(browser, base: str) -> None:
    page = browser.new_context().new_page()
    page.goto(base + "mock/")
    setup = page.locator(".qb-mock-coding__setup")
    setup.locator("button[type=submit]").wait_for(state="visible", timeout=10_000)
    setup.locator("input[value='2']").check()
    setup.locator("button[type=submit]").click()
    page.locator(".qb-mock-coding .qb-exercise[data-ready]").wait_for(timeout=20_000)
    assert page.locator(".qb-mock-coding__remaining").inner_text().count(":") == 1
    first = page.locator(".qb-mock-coding .qb-exercise").get_attribute("data-qid")
    # Solve the first with its own reference solution, taken from the page as a reader would copy it.
    page.locator('.qb-mock-coding [data-do="solution"]').click()
    code = page.locator(".qb-mock-coding .qb-exercise__solution pre").inner_text()
    assert "def " in code
    page.locator(".qb-mock-coding .cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)
    page.locator('.qb-mock-coding [data-do="submit"]').click()
    page.wait_for_function(
        "() => document.querySelector('.qb-mock-coding .qb-exercise__status').textContent.includes('solved')",
        timeout=60_000,
    )
    page.locator(".qb-mock-coding__next").click()
    page.locator(".qb-mock-coding .qb-exercise[data-ready]").wait_for(timeout=20_000)
    second = page.locator(".qb-mock-coding .qb-exercise").get_attribute("data-qid")
    assert second != first
    page.locator(".qb-mock-coding__end").click()
    summary = page.locator(".qb-mock-coding__summary")
    summary.wait_for(state="visible")
    assert "1 of 2 exercises solved" in summary.inner_text()
    assert summary.locator(f'tr[data-qid="{second}"]').get_attribute("data-solved") == "false"
    cards = json.loads(page.evaluate(f"localStorage.getItem('{PROGRESS_KEY}')"))["cards"]
    # Solved after seeing the solution: "again", like the never-submitted second one.
    assert cards[first]["reps"] == 1 and cards[second]["reps"] == 1
    page.goto(base + "progress/")
    page.wait_for_function("() => document.querySelector('.qb-exercises-total')", timeout=10_000)
    assert "1 of 3 coding exercises solved" in page.locator(".qb-progress-total").inner_text()
    bar = page.locator('.qb-topic-bars li[data-topic="drills"]').inner_text()
    assert "1 of 3 exercises solved" in bar
    page.context.close()
