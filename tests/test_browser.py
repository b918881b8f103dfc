"""The site in headless Chromium: expand, follow, search, all offline and from a sub-path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, RequestLog, served

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")


@pytest.fixture()
def base_url(fixture_build: Path, tmp_path: Path):
    yield from served(fixture_build, tmp_path)


def test_expand_follow_and_search_with_no_foreign_requests(browser, base_url: str) -> None:
    log = RequestLog()
    page = browser.new_page()
    page.on("request", log)
    page.goto(base_url + "topics/alpha/")

    answer = page.locator("h2#alpha-one + .qb-body details.answer").first
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
    page.wait_for_url("**/guide/topics/beta/#beta-one")
    assert page.locator("h2#beta-one").is_visible()

    # Search from a fresh page load: a late hash change from the instant
    # navigation above would close the search overlay under our feet.
    page.goto(base_url)
    page.locator("input.md-search__input").click()
    page.wait_for_function("document.querySelector('#__search').checked")
    # The index loads in a web worker; a query typed before it is ready is dropped.
    page.locator(".md-search-result__meta", has_text="Type to start searching").wait_for(timeout=15_000)
    # Typed key by key: Material reacts to key events, not to a value set at once.
    page.locator("input.md-search__input").press_sequentially("diagram")
    # Results re-render on every key, and the question's own section may sit
    # under "N more on this page" (a closed <details>) below its page's entry,
    # depending on scores: open it the way a reader would, then read it.
    page.wait_for_function(
        """() => {
            const link = document.querySelector("a.md-search-result__link[href$='#beta-one']");
            if (!link) return false;
            const more = link.closest("details.md-search-result__more");
            if (more && !more.open) { more.querySelector("summary").click(); }
            return link.checkVisibility();
        }""",
        timeout=10_000,
    )
    result = page.locator("a.md-search-result__link[href$='#beta-one']").first
    # Difficulty and tag show in the result itself.
    assert "beta diagram" in result.inner_text()
    assert "Advanced" in result.inner_text()
    assert "system-design" in result.inner_text()

    assert len(log.urls) > 5
    assert log.foreign() == []
    page.close()


def test_theme_toggle_and_code_copy_button(browser, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url + "topics/alpha/")
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert page.locator("body").get_attribute("data-md-color-scheme") != scheme
    page.locator("h2#alpha-one + .qb-body details.answer summary").first.click()
    copy = page.locator("button.md-code__button[data-md-type='copy']").first
    page.locator("h2#alpha-one + .qb-body details.answer pre").first.hover()
    assert copy.is_visible()
    assert copy.get_attribute("title") == "Copy to clipboard"
    page.close()


def test_screenshots_for_review(browser, base_url: str, tmp_path: Path) -> None:
    """Not an assertion of looks: keeps screenshots a reviewer can open (in .cache/screenshots)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url)
    out = Path(__file__).resolve().parent.parent / ".cache" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out / "home.png"), full_page=True)
    page.goto(base_url + "topics/alpha/")
    page.locator("h2#alpha-one + .qb-body details.answer summary").first.click()
    page.screenshot(path=str(out / "topic.png"), full_page=True)
    assert (out / "home.png").stat().st_size > 10_000
    page.close()
    shutil.rmtree(tmp_path, ignore_errors=True)
