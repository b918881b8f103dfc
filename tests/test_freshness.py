"""An answer's `reviewed` month and `sources`: validated, shown on the page and in the PDF, aged by check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.freshness import parse_month, stale_questions
from generator.model import Month
from tests.conftest import FIXTURE_SITE_URL, ROOT
from tests.htmlsite import Site
from tests.pdftools import compact, page_texts
from tests.test_validation import assert_problem, check, topic_file

TODAY = dt.date(2026, 12, 5)


def with_fields(qid: str, extra: str) -> str:
    """A one-question topic whose question carries the extra lines (indented as fields)."""
    return topic_file("a", 1, [(qid, "a-two"), ("a-two", qid)]).replace(
        "    related: [a-two]\n", f"    related: [a-two]\n{extra}", 1
    )


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2026-13", "must be a month written YYYY-MM"),
        ("2026-1", "must be a month written YYYY-MM"),
        ("December 2026", "must be a month written YYYY-MM"),
        ("2027-01", "is in the future"),
        ("1999-05", "not a plausible review month"),
    ],
)
def test_parse_month_refuses_what_is_not_a_past_month(text: str, fragment: str) -> None:
    month, problem = parse_month(text, today=TODAY)
    assert month is None and fragment in problem


def test_parse_month_accepts_this_and_past_months() -> None:
    assert parse_month("2026-12", today=TODAY) == (Month(2026, 12), None)
    assert parse_month("2019-01", today=TODAY)[0].label == "January 2019"


def test_bad_reviewed_and_sources_are_all_reported_with_their_lines(tmp_path: Path) -> None:
    extra = (
        "    reviewed: 2026-13\n"
        "    sources:\n"
        "      - title: 'A paper'\n"
        "        url: http://example.org/paper\n"
        "      - title: '<script>x</script>'\n"
        "        url: https://example.org/a\n"
        "      - url: https://example.org/b\n"
        "      - title: 'Four'\n"
        "        url: https://example.org/c\n"
    )
    run = check(tmp_path, {"a.yaml": with_fields("q-one", extra)})
    assert_problem(run, "content/a.yaml:15:", "must be a month written YYYY-MM")
    assert_problem(run, "content/a.yaml:17:", "at most 3 sources, not 4")
    assert_problem(run, "content/a.yaml:18:", "must be an https:// address")
    assert_problem(run, "content/a.yaml:19:", "raw HTML <script>")
    assert_problem(run, "content/a.yaml:21:", "missing the required field 'title'")


def test_a_source_listed_twice_is_refused(tmp_path: Path) -> None:
    extra = (
        "    sources:\n"
        "      - title: 'One'\n"
        "        url: https://example.org/a\n"
        "      - title: 'Again'\n"
        "        url: https://example.org/a\n"
    )
    run = check(tmp_path, {"a.yaml": with_fields("q-one", extra)})
    assert_problem(run, "content/a.yaml:19:", "listed twice")


def test_check_warns_about_stale_and_unreviewed_questions_without_failing(tmp_path: Path) -> None:
    this_month = dt.date.today().strftime("%Y-%m")
    text = topic_file("a", 1, [("q-old", "q-new"), ("q-new", "q-old"), ("q-none", "q-old")])
    text = text.replace("    related: [q-new]\n", "    related: [q-new]\n    reviewed: 2019-03\n", 1)
    text = text.replace("    related: [q-old]\n", f"    related: [q-old]\n    reviewed: {this_month}\n", 1)
    run = check(tmp_path, {"a.yaml": text})
    assert run.returncode == 0, run.stderr
    warnings = [line for line in run.stderr.splitlines() if "warning:" in line]
    assert len(warnings) == 2, run.stderr
    assert warnings[0].startswith("content/a.yaml:7:") and "'q-old' was last reviewed in 2019-03" in warnings[0]
    assert "'q-none' has no reviewed month" in warnings[1]
    assert "2 questions not reviewed in the last 12 months (warnings only)" in run.stderr


def test_stale_is_strictly_over_twelve_months() -> None:
    from generator.validate import load_bank

    content = ROOT / "tests" / "fixtures" / "bank"
    bank, problems = load_bank(content)
    assert not problems
    reviewed = bank.by_id["alpha-one"]
    assert reviewed.reviewed == Month(2026, 11)
    assert reviewed not in [s.question for s in stale_questions(bank, today=dt.date(2027, 11, 30))]
    assert reviewed in [s.question for s in stale_questions(bank, today=dt.date(2027, 12, 1))]


@pytest.fixture(scope="module")
def site(fixture_build: Path) -> Site:
    return Site(fixture_build, urlsplit(FIXTURE_SITE_URL).path)


def test_question_page_shows_the_review_month_and_sources(site: Site) -> None:
    page = site.page("questions/alpha-one/")
    reviewed = page.select_one(".qb-question-meta .qb-reviewed")
    assert reviewed is not None and reviewed.get_text(" ", strip=True) == "Reviewed November 2026"
    assert reviewed.find("time")["datetime"] == "2026-11"
    links = page.select(".qb-sources a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Attention Is All You Need", "https://arxiv.org/abs/1706.03762")
    ]
    # Inside the answer, after its text: sources belong to the answer they support.
    assert links[0].find_parent("details", class_="answer") is not None
    # A question without the fields shows neither.
    other = site.page("questions/alpha-two/")
    assert other.select_one(".qb-reviewed") is None and other.select_one(".qb-sources") is None


def test_study_guide_pdf_prints_the_sources(fixture_build: Path) -> None:
    text = compact(" ".join(page_texts(fixture_build / "downloads" / "ml-interview-study-guide.pdf")))
    assert compact("Sources: Attention Is All You Need, https://arxiv.org/abs/1706.03762") in text
    assert compact("Reviewed November 2026") in text


def test_every_shipped_question_is_reviewed_within_a_year() -> None:
    from generator.validate import load_bank

    bank, problems = load_bank(ROOT / "content")
    assert not problems, problems[:5]
    stale = stale_questions(bank)
    assert not stale, "\n".join(str(s) for s in stale[:10])
