"""The Content-Security-Policy every page carries: the site works under it, and injected script does not run."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.browser import CHROMIUM, serve

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")

# Reported by the page itself, so the test sees every violation, not just console text.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));
"""


def test_every_page_has_a_strict_policy(fixture_build: Path) -> None:
    pages = sorted(fixture_build.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        soup = BeautifulSoup(path.read_text(), "html.parser")
        meta = soup.select_one('meta[http-equiv="Content-Security-Policy"]')
        assert meta is not None, path
        policy = meta["content"]
        script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
        assert "'unsafe-inline'" not in script_src and "'self'" in script_src
        assert "object-src 'none'" in policy and "base-uri 'self'" in policy
        # It comes before any script it governs.
        first_script = soup.find("script")
        assert first_script is None or meta.sourceline < first_script.sourceline


def test_search_palette_navigation_and_study_pages_work_under_the_policy(
    browser, fixture_build: Path, tmp_path: Path
) -> None:
    with serve(fixture_build, tmp_path) as base:
        page = browser.new_page()
        page.add_init_script(LISTEN)
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base)
        # Search: the worker loads and answers.
        page.locator("input.md-search__input").click()
        page.locator(".md-search-result__meta", has_text="Type to start searching").wait_for(timeout=15_000)
        page.locator("input.md-search__input").press_sequentially("alpha")
        page.locator("a.md-search-result__link").first.wait_for(timeout=10_000)
        page.keyboard.press("Escape")
        # Palette toggle.
        scheme = page.locator("body").get_attribute("data-md-color-scheme")
        page.locator("label.md-header__button[for^='__palette']:visible").first.click()
        assert page.locator("body").get_attribute("data-md-color-scheme") != scheme
        # Instant navigation to a topic, then the study buttons there.
        page.locator(".qb-topics a", has_text="Alpha topic").first.click()
        page.wait_for_url("**/topics/alpha/")
        known = page.locator('.qb-actions[data-qid="alpha-one"] [data-action="known"]')
        known.click()
        assert known.get_attribute("aria-pressed") == "true"
        # Practice and progress load their data and render.
        page.goto(base + "practice/")
        # The form is on the page from the start; its line fills in once the deck is in.
        page.locator(".qb-practice__available", has_text=re.compile(r"\w")).wait_for(timeout=10_000)
        page.goto(base + "progress/")
        # A locator waits without evaluating strings, which the policy forbids (its tool loads as the page mounts).
        page.locator(
            ".qb-progress-page:not(.qb-loading) .qb-progress-page__summary", has_text=re.compile(r"\w")
        ).wait_for(timeout=10_000)
        assert page.evaluate("window.__violations") == []
        assert [e for e in errors if "Content Security Policy" in e] == []
        page.close()


def test_an_inline_handler_slipped_into_a_built_page_is_blocked(browser, fixture_build: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(fixture_build, site)
    target = site / "topics" / "alpha" / "index.html"
    html = target.read_text()
    # As if a template or the engine had let markup through the scan.
    html = html.replace(
        "</article>",
        '<img src="missing.png" onerror="window.__ran = true"><script>window.__ran = true</script></article>',
        1,
    )
    target.write_text(html)
    with serve(site, tmp_path / "www") as base:
        page = browser.new_page()
        page.add_init_script(LISTEN)
        page.goto(base + "topics/alpha/")
        page.wait_for_function("window.__violations.length >= 2", timeout=5_000)
        assert page.evaluate("window.__ran === undefined")
        assert set(page.evaluate("window.__violations")) <= {"script-src-attr", "script-src-elem", "script-src"}
        page.close()
