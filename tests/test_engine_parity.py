"""The Zensical build shows what the MkDocs build shows, page by page.

Both engines build the fixture bank (site, PDFs, exports). On every page of
each site every `img`, `a`, `script` and stylesheet reference must resolve to
a file of that site (and an anchor to an id on its page), and the answers'
visible text, the links inside them and the downloads must be the same in
both. The theme's chrome (header, navigation, footer) may differ.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import FIXTURE_SITE_URL
from tests.htmlsite import Site

REFERENCES = (("img", "src"), ("a", "href"), ("script", "src"), ("link", "href"), ("source", "src"))
# Links a site may hold that are not files of it.
_NOT_FILES = ("mailto:", "javascript:", "data:", "blob:")


@pytest.fixture(scope="module")
def sites(fixture_build: Path, zensical_fixture_build: Path) -> dict[str, Site]:
    base = urlsplit(FIXTURE_SITE_URL).path
    return {"mkdocs": Site(fixture_build, base), "zensical": Site(zensical_fixture_build, base)}


def _broken(site: Site, url: str) -> list[str]:
    """Every reference on a page that does not resolve to a file (or an anchor) of the site."""
    broken = []
    for tag, attribute in REFERENCES:
        for element in site.page(url).find_all(tag):
            value = element.get(attribute)
            if not value or value.startswith(_NOT_FILES):
                continue
            target = site.resolve(url, value)
            if target is None:
                continue  # another host: the CSP and the browser tests keep those out
            path, fragment = target
            if path.startswith("../") or not site.exists(path, fragment if tag == "a" else ""):
                broken.append(f"<{tag} {attribute}={value!r}>")
    return broken


def _answers(site: Site, url: str) -> list[str]:
    """The visible text of each answer on a page, whitespace folded."""
    return [" ".join(body.get_text(" ").split()) for body in site.page(url).select(".qb-body")]


def _content_links(site: Site, url: str) -> list[tuple[str, str] | str]:
    """Where each link and picture in the page's article leads, resolved against the site."""
    article = site.page(url).select_one("article")
    found = []
    for tag, attribute in (("a", "href"), ("img", "src")):
        for element in article.find_all(tag) if article else []:
            value = element.get(attribute)
            if value is None:
                continue  # a bare anchor (Zensical's skip target)
            if value.startswith("#") and element.get("class") == ["headerlink"]:
                continue  # the permalink marks differ in form between the themes
            found.append(site.resolve(url, value) or value)
    return found


def test_both_engines_build_the_same_pages(sites: dict[str, Site]) -> None:
    pages = {engine: set(site.html_pages()) for engine, site in sites.items()}
    assert {"questions/alpha-one/", "topics/beta/", "practice/", "mock/", "progress/"} <= pages["mkdocs"]
    assert pages["mkdocs"] == pages["zensical"]


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_every_reference_on_every_page_resolves_to_a_file_of_the_site(sites: dict[str, Site], engine: str) -> None:
    site = sites[engine]
    broken = {url: found for url in site.html_pages() if (found := _broken(site, url))}
    assert broken == {}
    # The test sees what a reader would miss: formulas and diagrams are files it checked.
    question = site.page("questions/alpha-one/")
    assert question.select(".qb-body .qb-math img") and question.select(".qb-body details.answer[open]")


def test_every_page_shows_the_same_answers_links_and_downloads(sites: dict[str, Site]) -> None:
    mkdocs, zensical = sites["mkdocs"], sites["zensical"]
    answered = 0
    for url in mkdocs.html_pages():
        answers = _answers(mkdocs, url)
        assert answers == _answers(zensical, url), url
        assert _content_links(mkdocs, url) == _content_links(zensical, url), url
        answered += bool(answers)
    assert answered >= 5  # three question pages, two topic pages
    downloads = [link for link in _content_links(mkdocs, "") if isinstance(link, tuple) and link[0].endswith(".pdf")]
    assert len(downloads) >= 3  # the three PDFs and one per topic, linked from the home page
    assert all(zensical.exists(path) for path, _ in downloads)
