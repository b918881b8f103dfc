"""Recompute the back-of-envelope numbers quoted in the ML system design answers."""

import re
import shutil
import subprocess

import pytest

from tests.bank import answer, answer_words, question

SECONDS_PER_DAY = 86_400

DESIGNS = [
    "design-recommendation-system",
    "design-real-time-fraud-detection",
    "design-search-ranking",
    "design-news-feed-ranking",
    "design-ad-click-prediction",
    "design-content-moderation",
    "design-eta-prediction",
    "design-demand-forecasting",
]

STEPS = [
    "**Clarify.**",
    "**Metrics.**",
    "**Data and labels.**",
    "**Features.**",
    "**Model.**",
    "**Serving.**",
    "**Monitoring.**",
    "**Iteration.**",
]


@pytest.mark.parametrize("qid", DESIGNS)
def test_design_follows_framework_in_order(qid):
    text = answer(qid)
    positions = [text.find(step) for step in STEPS]
    assert -1 not in positions, qid
    assert positions == sorted(positions), qid


@pytest.mark.parametrize("qid", DESIGNS + ["ml-system-design-framework"])
def test_design_has_one_small_left_to_right_dot_diagram(qid):
    blocks = re.findall(r"```dot\n(.*?)```", answer(qid), re.S)
    assert len(blocks) == 1
    src = blocks[0]
    assert "rankdir=LR" in src and "shape=box" in src and 'fontname="DejaVu Sans"' in src
    assert len(re.findall(r"^\s*\w+ \[label=", src, re.M)) <= 10
    if shutil.which("dot"):
        done = subprocess.run(["dot", "-Tsvg"], input=src, text=True, capture_output=True)
        assert done.returncode == 0, done.stderr


def test_framework_numbers():
    text = answer_words("ml-system-design-framework")
    assert sum([5, 5, 5, 5, 10, 7, 5, 3]) == 45
    assert round(10_000_000 * 20 / SECONDS_PER_DAY) == 2_315
    assert 2 * 10**8 * 500 / 1e9 == 100
    assert 100 * 90 / 1000 == 9
    for n in ("2{,}315", "7,000", "100 GB", "9 TB"):
        assert n in text


def test_recommendation_numbers():
    text = answer_words("design-recommendation-system")
    avg = 50_000_000 * 5 / SECONDS_PER_DAY
    assert round(avg, -2) == 2_900
    assert round(3 * avg, -2) == 8_700
    assert 50_000_000 * 40 == 2 * 10**9
    assert 2 * 10**9 * 100 / 1e9 == 200
    assert 10**7 * 128 * 4 / 1e9 == 5.12
    assert 30 + 30 + 80 + 20 + 40 == 200
    assert 500 * 8_700 == 4_350_000
    for n in ("2{,}900", "8,700", "200 GB", "5.12", "4.35 million"):
        assert n in text


def test_fraud_numbers():
    text = answer_words("design-real-time-fraud-detection")
    avg = 100_000_000 / SECONDS_PER_DAY
    assert round(avg, -1) == 1_160
    assert round(5 * avg, -2) == 5_800
    assert 100_000_000 * 0.001 == 100_000
    assert 100_000_000 * 1_000 / 1e9 == 100
    assert 100 * 365 / 1000 == 36.5
    assert 15 + 10 + 5 + 10 + 10 == 50
    amount, false_decline = 200, 20
    threshold = false_decline / (amount + false_decline)
    assert round(threshold, 3) == 0.091
    p = 0.1
    assert round(p * amount, 6) == 20 and round((1 - p) * false_decline, 6) == 18
    for n in ("1,160", "5,800", "100,000", "100 GB", "36.5 TB", "20/220", "0.091", "USD 18"):
        assert n in text


def test_search_numbers():
    text = answer_words("design-search-ranking")
    avg = 30_000_000 / SECONDS_PER_DAY
    assert round(avg, -1) == 350
    assert round(4 * avg, -2) == 1_400
    assert 3 * 10**7 * 20 * 200 / 1e9 == 120
    assert 20 + 40 + 30 + 60 + 10 + 40 == 200
    assert 5 * 10**7 * 768 * 4 / 1e9 == 153.6
    assert 5 * 10**7 * 64 / 1e9 == 3.2
    for n in ("350 QPS", "1,400", "120 GB", "153.6 GB", "3.2 GB"):
        assert n in text


def test_news_feed_numbers():
    text = answer_words("design-news-feed-ranking")
    requests = 200_000_000 * 10
    assert requests == 2 * 10**9
    avg = requests / SECONDS_PER_DAY
    assert round(avg, -3) == 23_000
    assert round(2 * avg, -3) == 46_000
    assert 2 * 10**9 * 20 * 200 / 1e12 == 8
    assert 50 + 50 + 30 + 80 + 20 + 20 == 250
    assert 46_000 * 500 == 23_000_000
    for n in ("23,000", "46,000", "8 TB", "23 million"):
        assert n in text


def test_ad_click_numbers():
    text = answer_words("design-ad-click-prediction")
    avg = 1_000_000_000 / SECONDS_PER_DAY
    assert round(avg, -2) == 11_600
    assert round(3 * avg, -3) == 35_000
    assert round(3 * avg * 200, -6) == 7_000_000
    assert 10**9 * 500 / 1e9 == 500
    assert 20 + 15 + 25 + 5 + 35 == 100
    q, w = 0.1, 0.1
    p = q / (q + (1 - q) / w)
    assert round((1 - q) / w, 9) == 9
    assert round(p, 3) == 0.011
    ecpm_a, ecpm_b = 2 * 0.02 * 1000, 5 * 0.006 * 1000
    assert (round(ecpm_a, 6), round(ecpm_b, 6)) == (40, 30)
    assert round(ecpm_b / (0.02 * 1000), 6) == 1.5
    for n in ("11,600", "35,000", "7 million", "500 GB", "0.011", "USD 40", "USD 30", "USD 1.50"):
        assert n in text


def test_content_moderation_numbers():
    text = answer_words("design-content-moderation")
    avg = 50_000_000 / SECONDS_PER_DAY
    assert round(avg, -1) == 580
    assert round(3 * avg, -1) == 1_740
    capacity = 2_000 * 100
    assert capacity == 200_000
    assert capacity / 50_000_000 == 0.004
    assert 10 + 40 + 100 + 10 + 40 == 200
    for n in ("580", "1,740", "200,000", "0.4%"):
        assert n in text


def test_eta_numbers():
    text = answer_words("design-eta-prediction")
    calls = 20_000_000 * 20
    assert calls == 400_000_000
    avg = calls / SECONDS_PER_DAY
    assert round(avg, -2) == 4_600
    assert round(3 * avg, -3) == 14_000
    pings = 1_000_000 / 4
    assert pings == 250_000
    assert pings * 100 / 1e6 == 25
    assert round(pings * 100 * SECONDS_PER_DAY / 1e12, 2) == 2.16
    assert 20 + 10 + 5 + 15 == 50
    assert 18 + 3 == 21
    for n in ("400 million", "4,600", "14,000", "250,000", "25 MB/s", "2.16 TB", "21 minutes"):
        assert n in text


def test_demand_forecasting_numbers():
    text = answer_words("design-demand-forecasting")
    series = 2_000 * 50_000
    assert series == 10**8
    actual, forecast = [100, 20, 0], [90, 30, 5]
    wape = sum(abs(a - f) for a, f in zip(actual, forecast)) / sum(actual)
    assert round(100 * wape, 1) == 20.8
    assert series * 730 / 1e9 == 73
    predictions = series * 28
    assert predictions == 2_800_000_000
    assert round(predictions / 1e6 / 60) == 47
    assert predictions * 20 / 1e9 == 56
    assert 1 + 1.5 + 1 + 0.5 == 4
    assert 3 / (3 + 1) == 0.75
    for n in ("(10 + 10 + 5)/120 = 20.8\\%", "73 billion", "2.8", "47 minutes", "56 GB", "0.75"):
        assert n in text


def test_pitfalls_cascade_arithmetic():
    text = answer_words("ml-design-interview-pitfalls")
    assert 10**7 * 10**4 == 10**11
    assert 500 * 10**4 == 5 * 10**6
    assert 10**11 // (5 * 10**6) == 20_000
    for n in ("10^{11}", "5 \\times 10^6", "20,000 times"):
        assert n in text


def test_short_answers_fit():
    for qid in DESIGNS + ["ml-system-design-framework", "ml-design-interview-pitfalls"]:
        assert len(question(qid)["short"]) <= 200
