"""Print what you choose: a subset of the bank as the three PDFs, and each topic's own PDF."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import FIXTURE_BANK, run_generator
from tests.pdftools import compact, link_annotations, outline_titles, page_texts

QUESTIONS = {
    "alpha-one": "What is the first alpha question?",
    "alpha-two": "What is the second alpha question?",
    "beta-one": "What does the beta diagram show?",
}


def _text(path: Path) -> str:
    return compact(" ".join(page_texts(path)))


def test_a_subset_prints_exactly_the_chosen_questions(tmp_path: Path) -> None:
    run = run_generator(
        "pdf", "--topics", "alpha,beta", "--difficulty", "basic,advanced", content=FIXTURE_BANK, work=tmp_path
    )
    assert run.returncode == 0, run.stderr
    written = [Path(line.removeprefix("wrote ")) for line in run.stdout.splitlines() if line.startswith("wrote ")]
    assert sorted(p.name for p in written) == [
        "ml-interview-cheatsheet.pdf",
        "ml-interview-quiz.pdf",
        "ml-interview-study-guide.pdf",
    ]
    for path in written:
        assert path.parent.name == "topics-alpha-beta_difficulty-basic-advanced"
        text = _text(path)
        assert compact(QUESTIONS["alpha-one"]) in text and compact(QUESTIONS["beta-one"]) in text, path.name
        assert compact(QUESTIONS["alpha-two"]) not in text, path.name
    # The guide's outline and links know only the chosen questions.
    guide = next(p for p in written if p.name == "ml-interview-study-guide.pdf")
    titles = str(outline_titles(guide))
    assert "first alpha" in titles and "second alpha" not in titles
    assert all(link["target_ok"] or link["uri"] for link in link_annotations(guide))


def test_a_tag_alone_selects_across_topics(tmp_path: Path) -> None:
    run = run_generator("pdf", "--tags", "system-design", content=FIXTURE_BANK, work=tmp_path)
    assert run.returncode == 0, run.stderr
    cheatsheet = Path(next(line for line in run.stdout.splitlines() if "cheatsheet" in line).removeprefix("wrote "))
    text = _text(cheatsheet)
    assert compact(QUESTIONS["beta-one"]) in text and compact(QUESTIONS["alpha-one"]) not in text


def test_unknown_filters_are_reported_with_the_valid_values(tmp_path: Path) -> None:
    run = run_generator(
        "pdf",
        "--topics",
        "alpha,gamma",
        "--difficulty",
        "expert",
        "--tags",
        "nope",
        content=FIXTURE_BANK,
        work=tmp_path,
    )
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "unknown topic 'gamma' in TOPICS; valid: alpha, beta" in run.stderr
    assert "unknown difficulty 'expert' in DIFFICULTY; valid: basic, intermediate, advanced" in run.stderr
    assert "unknown tag 'nope' in TAGS; valid: " in run.stderr
    assert "wrote" not in run.stdout


def test_each_topic_has_its_own_pdf_linked_from_its_page_and_the_home_page(fixture_build: Path) -> None:
    home = BeautifulSoup((fixture_build / "index.html").read_text(), "html.parser")
    listed = [a["href"] for a in home.select(".qb-downloads--topics a")]
    assert listed == ["downloads/topics/ml-interview-alpha.pdf", "downloads/topics/ml-interview-beta.pdf"]
    for topic in ("alpha", "beta"):
        page = BeautifulSoup((fixture_build / "topics" / topic / "index.html").read_text(), "html.parser")
        assert page.select_one("a.qb-topic-pdf")["href"] == f"../../downloads/topics/ml-interview-{topic}.pdf"
    alpha = fixture_build / "downloads" / "topics" / "ml-interview-alpha.pdf"
    text = _text(alpha)
    assert compact(QUESTIONS["alpha-one"]) in text and compact(QUESTIONS["alpha-two"]) in text
    assert compact(QUESTIONS["beta-one"]) not in text.split(compact("Related"))[0]
    # A related question in another topic is linked at its page on the site.
    uris = [link["uri"] for link in link_annotations(alpha) if link.get("uri")]
    assert "https://guide.example.org/ml/questions/beta-one/" in uris
