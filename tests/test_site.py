"""The built site, parsed as HTML: structure, links, math, exports, offline."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tests.conftest import FIXTURE_BANK, FIXTURE_REPO_URL, FIXTURE_SITE_URL, run_generator, write_bank
from tests.htmlsite import Site


@pytest.fixture(scope="module")
def site(fixture_build: Path) -> Site:
    return Site(fixture_build, urlsplit(FIXTURE_SITE_URL).path)


def fixture_questions() -> dict[str, dict]:
    found = {}
    for path in sorted(FIXTURE_BANK.glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        for q in data["questions"]:
            found[q["id"]] = {**q, "topic": data["topic"]["id"]}
    return found


def test_each_question_is_a_heading_with_a_stable_anchor(site: Site) -> None:
    for qid, q in fixture_questions().items():
        heading = site.page(f"topics/{q['topic']}/").find(id=qid)
        assert heading is not None and heading.name == "h2", qid
        assert q["question"] in heading.get_text()
        assert heading["data-difficulty"] == q["difficulty"]


def test_table_of_contents_lists_bare_questions(site: Site) -> None:
    toc = site.page("topics/alpha/").select("nav.md-nav--secondary a.md-nav__link")
    labels = [a.get_text(" ", strip=True) for a in toc]
    assert "What is the first alpha question?" in labels


def test_questions_keep_bank_order(site: Site) -> None:
    ids = [h["id"] for h in site.page("topics/alpha/").select("h2.qb-question")]
    assert ids == ["alpha-one", "alpha-two"]


def test_answers_are_collapsed_details_blocks(site: Site) -> None:
    page = site.page("topics/alpha/")
    blocks = page.select("details.answer")
    assert len(blocks) == 2
    for block in blocks:
        assert not block.has_attr("open")
        assert block.find("summary").get_text(strip=True) == "Answer"
    # Folded on the topic page: the short answer and the way to the rest (topic-answers.js brings it in).
    assert "The first one: it has math and code." in blocks[0].select_one(".qb-short").get_text()
    assert "The first answer has inline math" not in blocks[0].get_text()
    more = blocks[0].select_one(".qb-answer-more a")
    assert site.resolve("topics/alpha/", more["href"])[0] == "questions/alpha-one/"
    assert site.resolve("topics/alpha/", blocks[0]["data-page"])[0] == "questions/alpha-one/"
    assert blocks[0]["data-qid"] == "alpha-one"
    # The whole answer is on the question's own page, where the script looks for it.
    own = site.page("questions/alpha-one/").select_one('.qb-body[data-qid="alpha-one"] details.answer')
    assert "The first answer has inline math" in own.get_text()


def test_difficulty_badge_and_tags_under_each_question(site: Site) -> None:
    heading = site.page("topics/alpha/").find(id="alpha-one")
    assert heading.select_one(".qb-difficulty--basic").get_text(strip=True) == "Basic"
    meta = heading.find_next_sibling(class_="qb-body").select_one(".qb-meta")
    assert [a.get_text(strip=True) for a in meta.select("a.qb-tag")] == ["#fundamentals", "#metrics"]


def test_related_links_and_backlinks_resolve(site: Site) -> None:
    checked = 0
    for qid, q in fixture_questions().items():
        page_url = f"questions/{qid}/"
        block = site.page(page_url).select_one(f'.qb-body[data-qid="{qid}"] details.answer')
        related = [site.resolve(page_url, a["href"]) for a in block.select(".qb-related a")]
        # Related questions link to their own pages.
        assert [url for url, _frag in related] == [f"questions/{rid}/" for rid in q["related"]]
        for url, fragment in related + [site.resolve(page_url, a["href"]) for a in block.select(".qb-backlinks a")]:
            assert site.exists(url, fragment), (qid, url, fragment)
            checked += 1
    assert checked >= 6


def test_backlinks_are_computed_from_the_rest_of_the_bank(site: Site) -> None:
    block = site.page("questions/alpha-one/").select_one('.qb-body[data-qid="alpha-one"] details.answer')
    backlinks = [a["href"] for a in block.select(".qb-backlinks a")]
    assert backlinks == ["../../questions/alpha-two/", "../../questions/beta-one/"]


def test_every_internal_link_in_the_site_resolves(site: Site) -> None:
    broken = []
    for page_url in site.html_pages():
        for a in site.page(page_url).select("a[href]"):
            target = site.resolve(page_url, a["href"])
            if target is None:
                continue
            url, fragment = target
            if not site.exists(url, fragment):
                broken.append((page_url, a["href"]))
    assert broken == []


def test_ids_are_unique_on_every_page_and_every_body_was_placed(site: Site) -> None:
    # Bodies are converted apart from their page: code-line ids must still be
    # numbered on through a topic page, and every question has its body.
    for page_url in site.html_pages():
        ids = [element["id"] for element in site.page(page_url).select("[id]")]
        assert len(ids) == len(set(ids)), (page_url, sorted({i for i in ids if ids.count(i) > 1}))
    for qid, q in fixture_questions().items():
        for page_url in (f"topics/{q['topic']}/", f"questions/{qid}/"):
            body = site.page(page_url).select_one(f'.qb-body[data-qid="{qid}"] details.answer')
            assert body is not None and len(body.get_text()) > 50, (page_url, qid)


def test_math_is_typeset_and_no_raw_tex_is_visible(site: Site) -> None:
    page = site.page("questions/alpha-one/")
    images = page.select(".qb-math img.qb-math__img")
    assert len(images) == 2
    display = page.select_one(".qb-math--display img")
    assert display["alt"] == "F_1 = \\frac{2PR}{P + R}"
    for image in images:
        # Each formula is an SVG file of the site, sized in ex to sit on the text baseline.
        url, _ = site.resolve("questions/alpha-one/", image["src"])
        svg = (site.root / url).read_text()
        assert svg.startswith("<svg") and 'xmlns="http://www.w3.org/2000/svg"' in svg
        assert "ex;" in image["style"] and "vertical-align" in image["style"]
    text = page.select_one("article").get_text(" ")
    for raw in ("\\frac", "$$", "\\(", "\\[", "$a^2"):
        assert raw not in text


def test_code_is_highlighted(site: Site) -> None:
    block = site.page("questions/alpha-one/").select_one("div.highlight code")
    assert block is not None and block.find("span")  # Pygments spans, not plain text


def test_diagram_is_inline_svg(site: Site) -> None:
    figure = site.page("questions/beta-one/").select_one("figure.qb-diagram svg")
    assert figure is not None
    assert "model" in figure.get_text()


def test_home_page_cards_and_downloads(site: Site) -> None:
    home = site.page("")
    cards = home.select(".qb-topics li")
    assert len(cards) == 2
    assert "2 questions · 1 basic · 1 intermediate · 0 advanced" in cards[0].get_text(" ", strip=True)
    downloads = [a["href"] for a in home.select(".qb-downloads:not(.qb-downloads--topics) a[href^='downloads/']")]
    assert downloads == [
        "downloads/ml-interview-cheatsheet.pdf",
        "downloads/ml-interview-study-guide.pdf",
        "downloads/ml-interview-quiz.pdf",
        "downloads/ml-interview.apkg",
        "downloads/ml-interview.csv",
    ]
    for href in downloads:
        assert (site.root / href).stat().st_size > 300


def test_all_questions_index_lists_every_question(site: Site) -> None:
    page = site.page("questions/")
    links = {site.resolve("questions/", a["href"])[0] for a in page.select("table a")}
    assert links == {f"questions/{qid}/" for qid in fixture_questions()}


def test_tags_index_has_an_anchor_per_tag(site: Site) -> None:
    page = site.page("tags/")
    for tag in ("fundamentals", "metrics", "system-design"):
        assert page.find(id=f"tag:{tag}") is not None, tag


def test_questions_json_export(site: Site) -> None:
    data = json.loads((site.root / "questions.json").read_text())
    records = {r["id"]: r for r in data["questions"]}
    assert set(records) == set(fixture_questions())
    one = records["alpha-one"]
    assert one["topic"] == "alpha" and one["difficulty"] == "basic"
    assert one["related"] == ["alpha-two", "beta-one"]
    assert one["referenced_by"] == ["alpha-two", "beta-one"]
    assert one["url"] == "questions/alpha-one/"
    assert one["short_text"] and "*" not in one["short_text"]
    for record in records.values():
        assert site.exists(record["url"], "")


def test_study_pages_load_a_deck_without_answers(site: Site) -> None:
    deck = json.loads((site.root / "deck.json").read_text())["questions"]
    full = json.loads((site.root / "questions.json").read_text())["questions"]
    assert [q["id"] for q in deck] == [q["id"] for q in full]
    assert set(deck[0]) == {"id", "topic", "topic_title", "question", "difficulty", "tags", "url"}
    assert (site.root / "deck.json").stat().st_size * 3 < (site.root / "questions.json").stat().st_size
    for page in ("practice/", "mock/", "progress/"):
        assert site.page(page).select_one("[data-questions]")["data-questions"] == "../deck.json", page


def test_search_index_is_built_ahead_one_document_per_question_in_shards(site: Site) -> None:
    stub = json.loads((site.root / "search" / "search_index.json").read_text())
    # Material fetches this file with every page: the plugin's config only, no documents.
    assert stub["docs"] == [] and stub["config"]["lang"] == ["en"]
    folder = site.root / "search" / "qb"
    meta = json.loads((folder / "meta.json").read_text())
    docs = {doc[0]: doc for doc in meta["docs"]}
    _, title, qid, exercise = docs["questions/alpha-one/"]
    assert "first alpha question" in title and qid == "alpha-one" and exercise == 0
    assert len([d for d in docs if d.startswith("questions/")]) == len(fixture_questions())
    # Topic pages and the tag and index pages would crowd the questions out.
    for excluded in ("topics/alpha/", "tags/", "questions/"):
        assert not any(d.split("#")[0] == excluded for d in docs), excluded
    # The fields the search worker weighs apart: the question, its id, tags, short answer and body.
    assert list(meta["fieldIds"]) == ["title", "id", "tags", "short", "body"]
    n = list(docs).index("questions/alpha-one/")
    entries = {term: fields for shard in folder.glob("t*.json") for term, fields in json.loads(shard.read_text())}
    # "first" in the question text, "alpha-one" in the id, "fundamentals" as a tag, "answer" in the body, stemmed.
    assert str(n) in entries["first"][str(meta["fieldIds"]["title"])]
    joined = entries.get("alphaon") or entries["alphaone"]
    assert str(n) in joined[str(meta["fieldIds"]["id"])]
    assert str(n) in entries["fundament"][str(meta["fieldIds"]["tags"])]
    assert str(n) in entries["answer"][str(meta["fieldIds"]["body"])]
    # Every term lives in the shard its first two letters name.
    starts = meta["shards"]
    for number, start in enumerate(starts):
        terms = [t for t, _ in json.loads((folder / f"t{number}.json").read_text())]
        end = starts[number + 1] if number + 1 < len(starts) else None
        assert all(start <= t[:2] and (end is None or t[:2] < end) for t in terms), number
    text, tags = json.loads((folder / "d0.json").read_text())[n]
    assert set(tags) == {"fundamentals", "metrics"} and text


def test_question_page_has_everything_a_reader_needs(site: Site) -> None:
    page = site.page("questions/alpha-two/")
    q = fixture_questions()["alpha-two"]
    assert page.select_one("h1").get_text(strip=True).startswith(q["question"])
    assert page.title.get_text() == f"{q['question']} - ML Interview Study Guide"
    description = page.select_one('meta[name="description"]')["content"]
    shown = " ".join(page.select_one(".qb-short").get_text().split())
    assert description and "*" not in description and description in shown
    assert page.select_one(".qb-difficulty").get_text(strip=True) == q["difficulty"].capitalize()
    assert [a.get_text(strip=True) for a in page.select(".qb-meta a.qb-tag")] == [f"#{t}" for t in q["tags"]]
    assert page.select_one(".qb-body details.answer").has_attr("open")
    assert page.select_one(".qb-actions[data-qid='alpha-two'] [data-action='known']") is not None
    assert [a.get_text(strip=True) for a in page.select(".qb-related a")]
    assert page.select_one(".qb-backlinks a") is not None
    pager = {a["rel"][0] if a.get("rel") else "topic": a["href"] for a in page.select("nav.qb-pager a")}
    assert pager == {"prev": "../alpha-one/", "topic": "../../topics/alpha/"}
    assert page.select_one("a.qb-topic-link")["href"] == "../../topics/alpha/"
    # Every question page is in the sitemap.
    sitemap = (site.root / "sitemap.xml").read_text()
    for qid in fixture_questions():
        assert f"<loc>{FIXTURE_SITE_URL}questions/{qid}/</loc>" in sitemap
    # Each page is its own canonical address; topic pages say so of themselves.
    assert page.select_one('link[rel="canonical"]')["href"] == f"{FIXTURE_SITE_URL}questions/alpha-two/"
    topic = site.page("topics/alpha/")
    assert topic.select_one('link[rel="canonical"]')["href"] == f"{FIXTURE_SITE_URL}topics/alpha/"


def test_question_page_links_to_its_source_and_a_prefilled_report(site: Site) -> None:
    from urllib.parse import parse_qs, urlsplit

    page = site.page("questions/alpha-two/")
    edit = page.find("a", string="Edit this question")["href"]
    source = (FIXTURE_BANK / "alpha.yaml").read_text().splitlines()
    assert edit.startswith(f"{FIXTURE_REPO_URL}/blob/main/")
    path, _, line = edit.removeprefix(f"{FIXTURE_REPO_URL}/blob/main/").partition("#L")
    assert path.endswith("alpha.yaml") and "id: alpha-two" in source[int(line) - 1]
    report = urlsplit(page.find("a", string="Report a problem")["href"])
    assert report.path.endswith("/issues/new")
    query = parse_qs(report.query)
    assert "alpha-two" in query["title"][0] and "alpha-two" in query["body"][0]


def test_topic_headings_link_to_question_pages(site: Site) -> None:
    heading = site.page("topics/alpha/").find(id="alpha-one")
    assert heading.select_one("a[href]")["href"] == "../../questions/alpha-one/"


def test_no_request_leaves_the_site(site: Site) -> None:
    """Fonts, scripts, styles and images all come from the site itself."""
    for page_url in site.html_pages():
        page = site.page(page_url)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in page.find_all(tag):
                value = element.get(attr)
                if value is None or (tag == "link" and "stylesheet" not in element.get("rel", [])):
                    continue
                assert site.resolve(page_url, value) is not None, (page_url, value)
    css = "\n".join(p.read_text() for p in site.root.rglob("*.css"))
    assert "fonts.googleapis" not in css and "fonts.gstatic" not in css


def test_pages_use_relative_links_so_a_sub_path_works(site: Site) -> None:
    page = site.page("topics/alpha/")
    hrefs = [a["href"] for a in page.select("a[href]")] + [s["src"] for s in page.select("script[src]")]
    absolute = [h for h in hrefs if h.startswith("/")]
    assert absolute == []


def _tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_failed_build_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    good = (FIXTURE_BANK / "alpha.yaml").read_text()
    content = write_bank(
        tmp_path, {"alpha.yaml": good.replace("related: [alpha-two, beta-one]", "related: [alpha-two]")}
    )
    site_dir = tmp_path / "site"
    first = run_generator("build", "--site-only", "--site-dir", str(site_dir), content=content, work=tmp_path)
    assert first.returncode == 0, first.stderr
    before = _tree_digest(site_dir)

    (content / "alpha.yaml").write_text(good.replace("difficulty: basic", "difficulty: trivial"))
    second = run_generator("build", "--site-only", "--site-dir", str(site_dir), content=content, work=tmp_path)
    assert second.returncode == 1
    assert "difficulty 'trivial'" in second.stderr
    assert "previous site was left as it was" in second.stderr
    assert _tree_digest(site_dir) == before
    assert not list(tmp_path.glob(".site.new-*"))


def test_mkdocs_failure_also_keeps_the_previous_site(tmp_path: Path) -> None:
    """A failure inside MkDocs itself (not caught by validation) must not touch site/ either."""
    content = write_bank(
        tmp_path,
        {
            "alpha.yaml": (FIXTURE_BANK / "alpha.yaml")
            .read_text()
            .replace("related: [alpha-two, beta-one]", "related: [alpha-two]")
        },
    )
    site_dir = tmp_path / "site"
    assert (
        run_generator("build", "--site-only", "--site-dir", str(site_dir), content=content, work=tmp_path).returncode
        == 0
    )
    before = _tree_digest(site_dir)
    # A Markdown link to a page that does not exist fails `mkdocs build --strict`.
    broken = (
        (content / "alpha.yaml")
        .read_text()
        .replace("The second answer, with a table.", "The second answer links to [nowhere](missing-page.md).")
    )
    (content / "alpha.yaml").write_text(broken)
    run = run_generator("build", "--site-only", "--site-dir", str(site_dir), content=content, work=tmp_path)
    assert run.returncode == 1
    assert "missing-page.md" in run.stderr
    assert "Traceback" not in run.stderr
    assert _tree_digest(site_dir) == before


def test_no_build_timestamps_leak_into_pages(site: Site) -> None:
    html = site.file_for("topics/alpha/").read_text()
    assert not re.search(r"20\d\d-\d\d-\d\dT\d\d:\d\d", html)


def test_site_only_build_names_the_line_of_broken_math(tmp_path: Path) -> None:
    """A site-only build leaves rendering to MkDocs; its hook still reports file and line."""
    alpha = (FIXTURE_BANK / "alpha.yaml").read_text().replace("$a^2 + b^2 = c^2$", "$\\frac{a}{$")
    content = write_bank(tmp_path, {"alpha.yaml": alpha, "beta.yaml": (FIXTURE_BANK / "beta.yaml").read_text()})
    run = run_generator("build", "--site-only", "--site-dir", str(tmp_path / "site"), content=content, work=tmp_path)
    assert run.returncode == 1
    assert "content/alpha.yaml:12:1: alpha-one: LaTeX error in '\\\\frac{a}{': Missing close brace" in run.stderr
    assert "Traceback" not in run.stderr and not (tmp_path / "site").exists()


def test_site_only_build_names_the_line_of_a_missing_snippet(tmp_path: Path) -> None:
    """Bodies are converted before MkDocs renders a page; a failure there is located too."""
    alpha = (FIXTURE_BANK / "alpha.yaml").read_text().replace('print("hello")', '--8<-- "code_examples/gone.py"')
    content = write_bank(tmp_path, {"alpha.yaml": alpha, "beta.yaml": (FIXTURE_BANK / "beta.yaml").read_text()})
    run = run_generator("build", "--site-only", "--site-dir", str(tmp_path / "site"), content=content, work=tmp_path)
    assert run.returncode == 1
    assert re.search(r"content/alpha\.yaml:19:1: alpha-one: cannot render Markdown: .*gone\.py", run.stderr), run.stderr
    assert "Traceback" not in run.stderr and not (tmp_path / "site").exists()


def test_site_downloads_are_the_files_the_build_made(fixture_build: Path) -> None:
    # MkDocs runs while the PDFs render and writes placeholders for them; the
    # real files must have replaced every one before the site went live.
    made = fixture_build.parent / "build" / "downloads"
    for name in ("ml-interview-cheatsheet.pdf", "ml-interview-study-guide.pdf", "ml-interview-quiz.pdf"):
        served = fixture_build / "downloads" / name
        assert served.read_bytes() == (made / name).read_bytes(), name
        assert served.read_bytes().startswith(b"%PDF-")
    for name in ("ml-interview.apkg", "ml-interview.csv"):
        assert (fixture_build / "downloads" / name).read_bytes() == (made / name).read_bytes()


def test_pdf_failure_during_the_site_build_keeps_the_previous_site(tmp_path: Path) -> None:
    site_dir = tmp_path / "site"
    first = run_generator("build", "--site-dir", str(site_dir), content=FIXTURE_BANK, work=tmp_path)
    assert first.returncode == 0, first.stderr
    before = _tree_digest(site_dir)
    # The PDF cache folder becomes a file: every part fails to render, after MkDocs has started.
    shutil.rmtree(tmp_path / "cache" / "pdf")
    (tmp_path / "cache" / "pdf").write_text("not a folder")
    second = run_generator("build", "--site-dir", str(site_dir), content=FIXTURE_BANK, work=tmp_path)
    assert second.returncode == 1
    assert "PDF rendering failed" in second.stderr
    assert "previous site was left as it was" in second.stderr
    assert "Traceback" not in second.stderr
    assert _tree_digest(site_dir) == before
    assert not list(tmp_path.glob(".site.new-*"))
