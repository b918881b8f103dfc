"""The site in headless Chromium, as built by each engine: expand, follow, search, all offline and from a sub-path."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, RequestLog, SearchBox, engine_of, serve, served

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")


@pytest.fixture()
def base_url(engine_build: Path, tmp_path: Path):
    yield from served(engine_build, tmp_path)


def test_expand_follow_and_search_with_no_foreign_requests(browser, base_url: str, engine_build: Path) -> None:
    log = RequestLog()
    page = browser.new_page()
    page.on("request", log)
    page.goto(base_url + "topics/alpha/")

    answer = page.locator(".qb-body[data-qid=\"alpha-one\"] details.answer").first
    assert answer.get_attribute("open") is None
    assert not answer.locator("text=The first answer has inline math").is_visible()
    # Folded, the topic page carries the short answer only; opening brings the rest from the question's page.
    assert answer.locator(".qb-answer-more a").get_attribute("href").endswith("questions/alpha-one/")
    answer.locator("summary").click()
    assert answer.get_attribute("open") is not None
    answer.locator("text=The first answer has inline math").wait_for(timeout=10_000)
    assert answer.locator(".qb-answer-more").count() == 0
    assert answer.locator(".qb-short").count() == 1
    formula = answer.locator(".qb-math img").first
    formula.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=formula.element_handle())
    assert formula.is_visible()

    answer.locator(".qb-related a", has_text="What does the beta diagram show?").click()
    page.wait_for_url("**/guide/questions/beta-one/")
    # Zensical swaps the page in place: its address changes before its content does.
    page.locator("h1", has_text="What does the beta diagram show?").wait_for(timeout=10_000)
    # The question's own page shows its answer open, with its formulas and diagram.
    assert page.locator(".qb-body details.answer").get_attribute("open") is not None
    # Every picture on a question page loads (under Zensical they once climbed a folder too many).
    page.goto(base_url + "questions/alpha-one/")
    images = page.locator("article img")
    assert images.count() >= 2
    for index in range(images.count()):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())

    # Search from a fresh page load: a late hash change from the instant
    # navigation above would close the search overlay under our feet.
    page.goto(base_url)
    box = SearchBox(page, engine_of(engine_build))
    box.open()
    box.type("diagram")
    # The question is search's unit: its own page is the first result.
    first = box.results.first
    first.wait_for(timeout=10_000)
    for _ in range(100):
        if box.hrefs() and "/questions/beta-one/" in box.hrefs()[0]:
            break
        page.wait_for_timeout(100)
    assert "/questions/beta-one/" in box.hrefs()[0]
    assert "beta diagram" in first.inner_text()

    assert len(log.urls) > 5
    assert log.foreign() == []
    page.close()


def test_a_slow_shard_gets_a_first_answer_from_the_titles_then_the_full_one(
    browser, engine_build: Path, tmp_path: Path
) -> None:
    """The worker answers from the questions' titles while a query's shard is on a slow network."""
    shard = re.compile(r"/search/qb/t\d+\.json$")
    with serve(engine_build, tmp_path, delay=lambda path: 1.5 if shard.search(path) else 0.0) as base:
        page = browser.new_page()
        finished: dict[str, float] = {}
        page.on(
            "requestfinished", lambda request: finished.setdefault(request.url.rsplit("/", 1)[-1], time.monotonic())
        )
        page.goto(base)
        box = SearchBox(page, engine_of(engine_build))
        box.open()
        for _ in range(100):  # the warm-up on focus: the engine and meta.json
            if "meta.json" in finished:
                break
            page.wait_for_timeout(50)
        assert "meta.json" in finished
        box.type("diagram")
        box.results.first.wait_for(timeout=10_000)
        shown = time.monotonic()
        assert "/questions/beta-one/" in box.hrefs()[0]
        assert not [name for name in finished if shard.search("/search/qb/" + name)], "the shard came first"
        # Then the full answer, from the index, once the shard is in.
        page.wait_for_timeout(2500)
        arrived = [at for name, at in finished.items() if shard.search("/search/qb/" + name)]
        assert arrived and min(arrived) > shown
        assert "/questions/beta-one/" in box.hrefs()[0]
        page.close()


def test_theme_toggle_and_code_copy_button(browser, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url + "topics/alpha/")
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert page.locator("body").get_attribute("data-md-color-scheme") != scheme
    page.locator(".qb-body[data-qid=\"alpha-one\"] details.answer summary").first.click()
    # The answer arrives from the question's page; its code gets the theme's copy button all the same.
    code = page.locator(".qb-body[data-qid=\"alpha-one\"] details.answer pre").first
    code.wait_for(timeout=10_000)
    code.hover()
    copy = code.locator("button.md-code__button[data-md-type='copy']")
    assert copy.is_visible()
    assert copy.get_attribute("title") == "Copy to clipboard"
    # The theme's own handler copies the block's text.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    copy.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() and copied.strip() in code.locator("code").inner_text()
    page.close()


def test_a_topic_answer_that_cannot_be_fetched_says_so_and_opens_on_retry(browser, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url + "topics/alpha/")
    page.route("**/questions/alpha-one/", lambda route: route.abort())
    answer = page.locator(".qb-body[data-qid=\"alpha-one\"] details.answer")
    answer.locator("summary").click()
    error = answer.locator(".qb-fetch-error[role=alert]")
    error.wait_for(timeout=10_000)
    assert "Could not load the answer" in error.inner_text()
    assert error.locator("a").get_attribute("href").endswith("/questions/alpha-one/")
    # The short answer and the link stay while the rest cannot come.
    assert answer.locator(".qb-short").is_visible()
    page.unroute("**/questions/alpha-one/")
    answer.locator("summary").click()  # close
    answer.locator("summary").click()  # and open again: a second try
    answer.locator("text=The first answer has inline math").wait_for(timeout=10_000)
    assert answer.locator(".qb-fetch-error").count() == 0
    page.close()


def test_screenshots_for_review(browser, base_url: str, engine_build: Path, tmp_path: Path) -> None:
    """Not an assertion of looks: keeps screenshots a reviewer can open (in .cache/screenshots).

    For each engine: the home page, a topic with an answer open, and a question
    page in the dark scheme and at a phone's width (390 px).
    """
    engine = engine_of(engine_build)
    out = Path(__file__).resolve().parent.parent / ".cache" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url)
    page.screenshot(path=str(out / f"{engine}-home.png"), full_page=True)
    page.goto(base_url + "topics/alpha/")
    page.locator(".qb-body[data-qid=\"alpha-one\"] details.answer summary").first.click()
    page.screenshot(path=str(out / f"{engine}-topic.png"), full_page=True)
    page.close()
    dark = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    dark.goto(base_url + "questions/alpha-one/")
    dark.screenshot(path=str(out / f"{engine}-question-dark.png"), full_page=True)
    dark.close()
    phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    phone.goto(base_url + "questions/alpha-one/")
    phone.screenshot(path=str(out / f"{engine}-question-390.png"), full_page=True)
    phone.close()
    assert (out / f"{engine}-home.png").stat().st_size > 10_000
    shutil.rmtree(tmp_path, ignore_errors=True)
