"""Two builds of the same bank are byte-identical; every link in the shipped site resolves."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.conftest import FIXTURE_BANK, run_generator
from tests.htmlsite import Site


def _digests(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    sites = []
    for name in ("first", "second"):
        work = tmp_path / name
        site = work / "site"
        run = run_generator(
            "build",
            "--site-dir",
            str(site),
            content=FIXTURE_BANK,
            work=work,
            extra_env={"SOURCE_DATE_EPOCH": "1700000000"},
        )
        assert run.returncode == 0, run.stderr
        sites.append(_digests(site))
    first, second = sites
    assert set(first) == set(second)
    differing = sorted(name for name in first if first[name] != second[name])
    assert differing == []
    assert any(name.endswith(".pdf") for name in first) and any(name.endswith(".apkg") for name in first)


def test_every_internal_link_and_anchor_of_the_shipped_site_resolves(shipped_build: Path) -> None:
    site = Site(shipped_build)
    broken, checked = [], 0
    for page_url in site.html_pages():
        page = site.page(page_url)
        for element, attribute in [(a, "href") for a in page.select("a[href]")] + [
            (img, "src") for img in page.select("img[src]")
        ]:
            target = site.resolve(page_url, element[attribute])
            if target is None:
                continue
            checked += 1
            if not site.exists(*target):
                broken.append((page_url, element[attribute]))
    assert broken == []
    assert checked > 5000
    downloads = {p.name for p in (shipped_build / "downloads").iterdir()}
    assert downloads == {
        "ml-interview-cheatsheet.pdf",
        "ml-interview-study-guide.pdf",
        "ml-interview-quiz.pdf",
        "ml-interview.apkg",
        "ml-interview.csv",
        "topics",
    }


def test_ids_on_the_shipped_topic_pages_are_unique(shipped_build: Path) -> None:
    site = Site(shipped_build)
    for page_url in [p for p in site.html_pages() if p.startswith("topics/")]:
        ids = [element["id"] for element in site.page(page_url).select("[id]")]
        assert len(ids) == len(set(ids)), page_url
    # A topic page folds each answer to its short form (the rest comes from the
    # question's page on request), so it holds none of the answers' code blocks.
    coding = site.page("topics/coding/")
    assert len(coding.select("details.answer[data-qb-answer]")) == len(coding.select("h2.qb-question")) >= 50
    assert coding.select("div.highlight") == []


def test_shipped_pages_stay_small(shipped_build: Path) -> None:
    index = sum(f.stat().st_size for f in (shipped_build / "search" / "qb").iterdir())
    questions = len(json.loads((shipped_build / "questions.json").read_text())["questions"])
    # The index carries each answer's terms, so it grows with the bank (about 3 KB a
    # question); a search fetches only the shards of the words it asks for.
    assert index < 4_500 * questions
    # What Material fetches with every page is only the plugin's config.
    assert (shipped_build / "search" / "search_index.json").stat().st_size < 1_000
    for page in (shipped_build / "topics").glob("*/index.html"):
        # Short answers only (the rest comes from the question's page on request):
        # the coding topic, the largest, was 1.06 MB whole and is 166 KB so (December 2026).
        assert page.stat().st_size < 300_000, page


def test_every_formula_image_of_the_shipped_site_is_well_formed_svg(shipped_build: Path) -> None:
    # Browsers parse an <img>'s SVG as XML and show only the alt text when it is not.
    import xml.etree.ElementTree as ET

    files = sorted((shipped_build / "assets" / "math").glob("*.svg"))
    assert len(files) > 1000
    broken = []
    for path in files:
        try:
            ET.parse(path)
        except ET.ParseError as exc:
            broken.append(f"{path.name}: {exc}")
    assert broken == []
