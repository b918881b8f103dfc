"""The site in headless Chromium, as built by each engine: expand, follow, search, all offline and from a sub-path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, RequestLog, SearchBox, engine_of, served

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
    answer.locator("summary").click()
    assert answer.get_attribute("open") is not None
    assert answer.locator("text=The first answer has inline math").is_visible()
    formula = answer.locator(".qb-math img").first
    formula.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=formula.element_handle())
    assert formula.is_visible()

    answer.locator(".qb-related a", has_text="What does the beta diagram show?").click()
    page.wait_for_url("**/guide/questions/beta-one/")
    assert page.locator("h1", has_text="What does the beta diagram show?").is_visible()
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


def test_theme_toggle_and_code_copy_button(browser, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url + "topics/alpha/")
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert page.locator("body").get_attribute("data-md-color-scheme") != scheme
    page.locator(".qb-body[data-qid=\"alpha-one\"] details.answer summary").first.click()
    copy = page.locator("button.md-code__button[data-md-type='copy']").first
    page.locator(".qb-body[data-qid=\"alpha-one\"] details.answer pre").first.hover()
    assert copy.is_visible()
    assert copy.get_attribute("title") == "Copy to clipboard"
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
