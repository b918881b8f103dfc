"""Recompute the numbers in the new career questions: the AI-assisted coding round and the 2026 job market."""

import re
from datetime import date, timedelta

from tests.bank import answer, answer_words, house_shape_counts

NEW_IDS = [
    "ai-assisted-coding-round",
    "ai-coding-round-evaluation",
    "ml-job-market-roles-2026",
    "getting-ml-interviews-2026",
]


def _table_rows(qid: str, first_cell: str) -> list[list[str]]:
    """The cells of every Markdown table row after the row whose first cell is `first_cell`."""
    rows = [
        [c.strip() for c in line.strip().strip("|").split("|")]
        for line in answer(qid).splitlines()
        if line.strip().startswith("|") and not set(line.strip()) <= set("|- ")
    ]
    start = next(i for i, r in enumerate(rows) if r[0] == first_cell)
    return rows[start + 1 :]


def test_new_questions_meet_the_house_shape():
    assert house_shape_counts(NEW_IDS) == {"basic": 3, "intermediate": 1, "advanced": 0}


def _window_ctr(events, day, *, include_current):
    """Click-through rate over the 7 days before `day`, optionally counting the event at `day` itself."""
    lo = day - timedelta(days=7)
    if include_current:  # pandas' default time window (t - 7 days, t]
        window = [c for d, c in events if lo < d <= day]
    else:  # closed="left": [t - 7 days, t)
        window = [c for d, c in events if lo <= d < day]
    return None if not window else sum(window) / len(window)


def test_click_window_hand_test_and_the_leak_it_catches():
    text = answer_words("ai-assisted-coding-round")
    start = date(2026, 1, 1)
    events = [(start, 1), (start + timedelta(days=3), 0), (start + timedelta(days=8), 1)]
    days = [d for d, _ in events]
    leaky = [_window_ctr(events, d, include_current=True) for d in days]
    right = [_window_ctr(events, d, include_current=False) for d in days]
    assert leaky == [1.0, 0.5, 0.5] and "returned 1.0, 0.5 and 0.5" in text
    assert right == [None, 1.0, 0.0]
    assert "1/1 = 1.0 on day 3" in text and "0/1 = 0.0 on day 8" in text and '"no history" on day 0' in text
    # Shifting the clicks by one row but keeping the timestamps leaves day 8 at 0.5.
    shifted = [(d, c) for (d, _), (_, c) in zip(events[1:], events[:-1])]
    assert _window_ctr(shifted, days[2], include_current=True) == 0.5
    assert "day 8 would still come out as 0.5" in text
    plan = {"clarify": 5, "plan": 5, "build": 30, "verify": 12, "walk through": 5, "reserve": 3}
    assert sum(plan.values()) == 60
    assert (
        "5 minutes to clarify, 5 to plan and write the hand tests, 30 to build in three or four prompted "
        "steps, 12 to verify and handle edge cases, 5 to walk through the final code, and 3 in reserve, which is 60"
    ) in text


def test_scorecard_totals():
    text = answer_words("ai-coding-round-evaluation")
    rows = _table_rows("ai-coding-round-evaluation", "dimension")
    # The first table is the rubric; the scorecard is the table whose rows end in "total".
    scorecard = rows[next(i for i, r in enumerate(rows) if r[0] == "decomposition") :]
    scorecard = scorecard[: next(i for i, r in enumerate(scorecard) if r[0] == "total") + 1]
    scores = scorecard[:-1]
    assert len(scores) == 6 and all(1 <= int(v) <= 4 for r in scores for v in r[1:])
    a = sum(int(r[1]) for r in scores)
    b = sum(int(r[2]) for r in scores)
    assert (a, b) == (12, 21) and scorecard[-1] == ["total", "12", "21"]
    assert 6 * 4 == 24 and "(maximum 24)" in text


def test_preparation_plans_add_up_and_research_bar():
    text = answer_words("ml-job-market-roles-2026")
    rows = _table_rows("ml-job-market-roles-2026", "block")
    body, total = rows[:-1], rows[-1]
    assert total == ["total", "60", "60", "60"]
    for col in (1, 2, 3):
        assert sum(int(r[col]) for r in body) == 60
    assert 6 * 10 == 60 and "60-hour preparation plan (six weeks at 10 hours)" in text
    submitted, accepted, in_2020 = 21_575, 5_290, 9_467
    assert round(100 * accepted / submitted, 1) == 24.5
    assert "21,575 valid main-track submissions in 2025, up from 9,467 in 2020, and accepted 5,290, or 24.5%" in text
    assert submitted > 2 * in_2020
    assert "a record 4.2% in December 2025" in text
    assert "7% of hires at the 15 largest tech companies in 2024, down 25% from 2023" in text
    assert "and more than 50% below 2019" in text
    # LinkedIn's 2026 list, dated and with its data window
    for claim in (
        "Jobs on the Rise 2026 list for the US (published January 2026,",
        "from job starts between January 2023 and July 2025)",
        "ranked AI engineer first",
        "about 3.7 years of experience",
    ):
        assert claim in text, claim


def test_application_channel_arithmetic():
    text = answer_words("getting-ml-interviews-2026")
    cold_minutes = 80 * 20
    assert cold_minutes == 1600 and round(cold_minutes / 60, 1) == 26.7
    assert "80 applications at about 20 minutes each is 1,600 minutes, about 26.7 hours," in text
    assert "for 3 first-round screens" in text
    assert 3 / 80 == 0.0375 and "a 3.75% rate" in text
    assert round(cold_minutes / 60 / 3, 1) == 8.9 and "about 8.9 hours per screen" in text
    referral_hours = 6 * 90 / 60
    assert referral_hours == 9 and referral_hours / 3 == 3
    assert "6 conversations with people in target teams at about 90 minutes each" in text
    assert "including preparation is 9 hours" in text
    assert "3 hours per screen" in text
    assert round(152 / 16, 1) == 9.5 and "about 9.5 times the rate" in text
    assert "258 applications per job, up from 207" in text and "369 at software and technology companies" in text


def test_company_claims_are_dated():
    text = answer_words("ai-assisted-coding-round")
    for claim in (
        "Canva announced in June 2025",
        "In July 2025, 404 Media reported an internal Meta pilot",
        "(reported by Business Insider in February 2025)",
        "Anthropic's guidance of July 2025",
        "Google's chief executive said in June 2025",
    ):
        assert claim in text, claim
    # Second-hand descriptions are labelled as such.
    assert re.search(r"which is second-hand", text)
