"""Practice mode and progress tracking, driven in headless Chromium."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, RequestLog, served
from tests.conftest import run_generator, write_bank

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")

KEY = "ml-interview-guide:progress:v1"
DAY_MS = 24 * 60 * 60 * 1000


def _question(qid: str, difficulty: str, related: str) -> str:
    return f"""\
  - id: {qid}
    question: What is {qid}?
    short: It is {qid}.
    answer: |
      The answer about {qid}, with math $x^2$.

      ```python
      print("{qid}")
      ```
    difficulty: {difficulty}
    tags: [fundamentals]
    related: [{related}]
"""


def _topic(tid: str, order: int, questions: list[tuple[str, str, str]]) -> str:
    head = f"topic:\n  id: {tid}\n  title: Topic {tid}\n  summary: Summary of {tid}.\n  order: {order}\nquestions:\n"
    return head + "".join(_question(*q) for q in questions)


@pytest.fixture(scope="module")
def study_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six questions in two topics: enough for a five-card session."""
    work = tmp_path_factory.mktemp("study")
    content = write_bank(
        work,
        {
            "one.yaml": _topic(
                "one", 1, [("q-a", "basic", "q-b"), ("q-b", "intermediate", "q-a"), ("q-c", "advanced", "q-a")]
            ),
            "two.yaml": _topic(
                "two", 2, [("q-d", "basic", "q-a"), ("q-e", "basic", "q-d"), ("q-f", "advanced", "q-e")]
            ),
        },
    )
    run = run_generator("build", "--site-only", "--site-dir", str(work / "site"), content=content, work=work)
    assert run.returncode == 0, run.stderr
    return work / "site"


@pytest.fixture()
def site_url(study_site: Path, tmp_path: Path):
    yield from served(study_site, tmp_path)


@pytest.fixture()
def page(browser, site_url: str):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    log = RequestLog()
    page.on("request", log)
    yield page
    assert log.foreign() == []
    context.close()


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}') || '{{}}'")).get("cards", {})


def test_know_it_mark_and_counts_persist(page, site_url: str) -> None:
    page.goto(site_url + "topics/one/")
    count = page.locator(".qb-counts .qb-progress-count")
    assert count.inner_text() == "0 of 3 known"
    page.locator('.qb-actions[data-qid="q-b"] [data-action="known"]').click()
    assert page.locator("h2#q-b").get_attribute("class").split().count("qb-known") == 1
    assert count.inner_text() == "1 of 3 known"

    page.reload()
    assert "qb-known" in page.locator("h2#q-b").get_attribute("class")
    assert page.locator('.qb-actions[data-qid="q-b"] [data-action="known"]').get_attribute("aria-pressed") == "true"
    assert page.locator(".qb-counts .qb-progress-count").inner_text() == "1 of 3 known"
    assert stored(page)["q-b"]["box"] == 4

    page.locator('.qb-actions[data-qid="q-b"] [data-action="review"]').click()
    assert "qb-review" in page.locator("h2#q-b").get_attribute("class")
    assert stored(page)["q-b"]["box"] == 1

    page.goto(site_url)
    cards = page.locator(".qb-topics .qb-progress-count")
    assert cards.nth(0).inner_text() == "0 of 3 known"


def test_filter_topic_page_by_difficulty_and_unknown(page, site_url: str) -> None:
    page.goto(site_url + "topics/one/")
    page.locator('.qb-filter[data-filter="advanced"]').click()
    assert page.locator("h2#q-c").is_visible()
    assert not page.locator("h2#q-a").is_visible()
    assert not page.locator("h2#q-b").is_visible()
    assert page.locator(".qb-filters__status").inner_text() == "Showing 1 of 3"

    page.locator('.qb-filter[data-filter="all"]').click()
    page.locator('.qb-actions[data-qid="q-a"] [data-action="known"]').click()
    page.locator(".qb-filter-unknown").check()
    assert not page.locator("h2#q-a").is_visible()
    assert page.locator("h2#q-b").is_visible() and page.locator("h2#q-c").is_visible()


def test_practice_session_with_the_keyboard_follows_the_leitner_schedule(page, site_url: str) -> None:
    page.goto(site_url + "practice/")
    form = page.locator(".qb-practice__setup")
    form.locator("select[name=set]").select_option("all")
    form.locator("input[name=size]").fill("5")
    form.locator("button[type=submit]").click()

    # Grades for the five new cards in bank order: again, good, easy, hard, good.
    plan = {"q-a": "1", "q-b": "3", "q-c": "4", "q-d": "2", "q-e": "3"}
    seen = []
    while page.locator(".qb-card").is_visible():
        qid = page.locator(".qb-card__question").get_attribute("data-qid")
        seen.append(qid)
        assert not page.locator(".qb-card__answer").is_visible()
        page.keyboard.press("Space")
        answer = page.locator(".qb-card__answer")
        answer.wait_for(state="visible")
        # The answer is the topic page's, rendered: math as SVG and highlighted code.
        formula = answer.locator(".qb-math img").first
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=formula.element_handle())
        assert answer.locator(".highlight code span").count() >= 1
        key = plan[qid] if seen.count(qid) == 1 else "3"
        page.keyboard.press(key)
        assert len(seen) < 10
    # "Again" brought q-a back once, after three other cards.
    assert seen == ["q-a", "q-b", "q-c", "q-d", "q-a", "q-e"]

    cards = stored(page)
    assert {qid: cards[qid]["box"] for qid in plan} == {"q-a": 2, "q-b": 2, "q-c": 3, "q-d": 1, "q-e": 2}
    assert "q-f" not in cards
    # Box 2 is due again after one day, box 3 after three.
    assert cards["q-b"]["due"] - cards["q-b"]["last"] == DAY_MS
    assert cards["q-c"]["due"] - cards["q-c"]["last"] == 3 * DAY_MS
    assert cards["q-d"]["due"] == cards["q-d"]["last"]

    summary = page.locator(".qb-summary")
    assert summary.is_visible()
    assert "6 answers: 1 again, 1 hard, 3 good, 1 easy." in summary.inner_text()
    moves = summary.locator(".qb-summary__moves li")
    assert moves.count() == 6
    first = moves.nth(0)
    assert (first.get_attribute("data-qid"), first.get_attribute("data-from"), first.get_attribute("data-to")) == (
        "q-a",
        "0",
        "1",
    )

    # A second session starts with what is due (q-d, box 1), then the unseen q-f.
    page.locator(".qb-summary__again").click()
    assert "2 of 6 cards in this set are due or new." in page.locator(".qb-practice__available").inner_text()


def test_export_reset_import_restores_progress(page, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url + "topics/two/")
    page.locator('.qb-actions[data-qid="q-d"] [data-action="known"]').click()
    page.locator('.qb-actions[data-qid="q-e"] [data-action="review"]').click()
    before = stored(page)

    page.goto(site_url + "progress/")
    assert "1 of 6 questions known; 1 due for review." in page.locator(".qb-progress-total").inner_text()
    assert page.locator(".qb-due-list a").inner_text() == "What is q-e?"
    with page.expect_download() as info:
        page.locator(".qb-export").click()
    exported = tmp_path / "progress.json"
    info.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert data["format"] == "ml-interview-guide-progress" and data["cards"] == before

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".qb-reset").click()
    assert stored(page) == {}
    assert "0 of 6 questions known" in page.locator(".qb-progress-total").inner_text()

    page.locator(".qb-import input[type=file]").set_input_files(str(exported))
    page.locator(".qb-progress-page__message", has_text="Imported 2 cards.").wait_for()
    assert stored(page) == before
    page.goto(site_url + "topics/two/")
    assert page.locator(".qb-counts .qb-progress-count").inner_text() == "1 of 3 known"


def test_reset_can_be_cancelled(page, site_url: str) -> None:
    page.goto(site_url + "topics/one/")
    page.locator('.qb-actions[data-qid="q-a"] [data-action="known"]').click()
    page.goto(site_url + "progress/")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator(".qb-reset").click()
    assert stored(page)["q-a"]["box"] == 4


def test_unknown_ids_in_stored_progress_are_ignored(page, site_url: str) -> None:
    page.goto(site_url)
    cards = {"removed-question": {"box": 5, "due": 0, "last": 0}, "q-a": {"box": 4, "due": 0, "last": 0}}
    page.evaluate(f"localStorage.setItem('{KEY}', JSON.stringify({{version: 1, cards: {json.dumps(cards)}}}))")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + "progress/")
    assert "1 of 6 questions known" in page.locator(".qb-progress-total").inner_text()
    page.goto(site_url + "topics/one/")
    assert page.locator(".qb-counts .qb-progress-count").inner_text() == "1 of 3 known"
    assert errors == []


def test_study_tools_survive_instant_navigation(page, site_url: str) -> None:
    page.goto(site_url)
    page.locator(".qb-topics a", has_text="Topic one").click()
    page.wait_for_url("**/topics/one/")
    page.locator('.qb-actions[data-qid="q-c"] [data-action="known"]').click()
    assert page.locator(".qb-counts .qb-progress-count").inner_text() == "1 of 3 known"
    page.locator(".md-sidebar--primary .md-nav__link:visible", has_text="Practice").first.click()
    page.wait_for_url("**/practice/")
    page.locator(".qb-practice__setup").wait_for(state="visible")
    assert "5 of 6 cards" in page.locator(".qb-practice__available").inner_text()
