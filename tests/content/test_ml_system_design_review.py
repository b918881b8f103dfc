"""Numbers and dated facts added to the ML system design case studies in the December 2026 review.

Each check recomputes a number from the assumptions the answer states, or pins a dated fact so that
a later edit cannot silently bring back the stale version.
"""

import pytest

from tests.bank import answer_words, followup_words, question


def test_moderation_threshold_needs_its_lower_bound():
    stats = pytest.importorskip("scipy.stats")
    text = followup_words("design-content-moderation")
    above, errors = 500, 2
    hits = above - errors
    assert round(100 * hits / above, 1) == 99.6
    lower = float(stats.beta.ppf(0.025, hits, errors + 1))  # two-sided 95% Clopper-Pearson
    assert round(100 * lower, 1) == 98.6 and lower < 0.99
    assert "with 500 items above it and 2 errors, precision is 99.6%" in text
    assert "Clopper-Pearson lower bound is about 98.6%" in text


def test_fraud_psd2_reference_rates_fall_with_amount():
    text = answer_words("design-real-time-fraud-detection")
    rates = [(100, 0.13), (250, 0.06), (500, 0.01)]
    for amount, rate in rates:
        assert f"{rate:.2f}% for payments up to EUR {amount}" in text or f"{rate:.2f}% up to EUR {amount}" in text
    assert [r for _, r in rates] == sorted((r for _, r in rates), reverse=True)


def test_every_case_study_here_is_dated():
    for qid in [
        "ml-system-design-framework",
        "ml-design-interview-pitfalls",
        "design-recommendation-system",
        "design-real-time-fraud-detection",
        "design-search-ranking",
        "design-news-feed-ranking",
        "design-ad-click-prediction",
        "design-content-moderation",
        "design-eta-prediction",
        "design-demand-forecasting",
        "design-rag-assistant",
        "design-semantic-search",
        "design-people-you-may-know",
        "design-visual-search",
        "design-typeahead",
        "design-spam-abuse-detection",
        "design-notification-ranking",
        "design-dynamic-pricing",
        "design-metric-anomaly-detection",
        "design-llm-serving-platform",
        "design-credit-risk-scoring",
        "design-duplicate-listing-detection",
    ]:
        assert str(question(qid).get("reviewed")) == "2026-12", qid


def test_credit_risk_cites_current_rules_in_rubric_and_followups():
    rubric = " ".join(s for signals in question("design-credit-risk-scoring")["rubric"].values() for s in signals)
    assert "SR 26-2 in place of SR 11-7" in rubric
    assert "Cites SR 11-7 as current" in rubric
    asked = followup_words("design-credit-risk-scoring")
    assert "C-203/22" in asked and "withdrew its 2022 circular" in asked
