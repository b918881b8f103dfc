"""Recompute the numbers stated in the example answers of content/behavioral-and-career.yaml."""

from tests.bank import answer_words


def test_pipeline_speedup():
    text = answer_words("star-method")
    before, after = 6.0, 1.5
    assert round(100 * (1 - after / before)) == 75
    assert "from 6 hours to 1.5 hours, a 75% cut" in text


def test_forecasting_model_count():
    text = answer_words("challenging-ml-project")
    assert 3_000 * 200 == 600_000
    assert "3,000 products across 200 stores" in text and "600,000 separate models" in text


def test_fraud_review_framing():
    text = answer_words("explaining-model-to-stakeholders")
    budget, claims, fraud_rate, hits = 500, 30_000, 0.02, 350
    assert round(budget * fraud_rate) == 10
    assert round(100 * hits / budget) == 70
    assert hits <= claims * fraud_rate  # the top 500 cannot hold more frauds than a month contains
    assert "500 of roughly 30,000 claims a month" in text
    assert "find about 10 frauds" in text
    assert "top 500 contained 350 on average, so 70 of every 100 reviews" in text


def test_lora_gpu_hours():
    text = answer_words("staying-current-with-research")
    full = 8 * 48
    lora = 1 * 6
    assert full == 384 and full // lora == 64
    assert "6 GPU-hours instead of 384, a 64-fold saving" in text


def test_prep_hours():
    text = answer_words("preparing-for-ml-interviews")
    assert 5 * 10 == 50
    assert "five weeks" in text and "10 hours a week, 50 hours in all" in text


def test_review_budget_share():
    text = answer_words("structuring-interview-answers")
    assert 100 * 5_000 / 1_000_000 == 0.5
    assert "top 0.5%" in text


def test_adverse_impact_ratio():
    text = answer_words("pushing-back-on-launch")
    ratio = 0.30 / 0.42
    assert round(ratio, 2) == 0.71 and ratio < 0.8
    assert "42% for one group, 30% for another, a ratio of 0.71" in text


def test_ambiguity_ticket_sizing():
    text = answer_words("handling-ambiguity")
    monthly, access_share, resolved_share = 40_000, 0.35, 0.60
    access = round(monthly * access_share)
    resolved = round(access * resolved_share)
    assert access == 14_000 and resolved == 8_400
    assert round(100 * resolved / monthly) == 21
    assert resolved_share > 0.40  # the pilot cleared the stop rule it set itself
    for s in (
        "1,000 of the 40,000 tickets",
        "35% of them, about 14,000",
        "60% of them, about 8,400",
        "21% of total volume",
        "fewer than 40%",
    ):
        assert s in text


def test_incident_impact():
    text = answer_words("production-mistake-postmortem")
    before, after, scored = 0.015, 0.09, 12_000
    extra = round(after - before, 3)
    assert extra == 0.075
    assert round(extra * scored) == 900
    assert 40 + 10 == 50
    assert round(900 * 0.05) == 45
    for s in (
        "from 1.5% to 9%",
        "after 40 minutes",
        "within 10 more",
        "In those 50 minutes",
        "0.075 \\times 12{,}000 = 900",
        "5% canary",
        "about 45 customers",
    ):
        assert s in text


def test_generated_tests_share():
    text = answer_words("using-ai-coding-assistants-responsibly")
    assert round(100 * 6 / 50) == 12
    assert "first 50 generated tests" in text and "6 of them, 12%" in text
