"""Numbers and facts added to the first 13 ML system design questions after the fresh review.

Each check recomputes a number from the assumptions the answer states and asserts that the answer
states the result as written, or pins a fix so that a later edit cannot bring the old text back.
"""

import math
from fractions import Fraction

from tests.bank import answer_words, followup_words, question


def _rubric(qid: str) -> str:
    return " ".join(s for signals in question(qid)["rubric"].values() for s in signals)


def test_fraud_three_action_rule():
    text = answer_words("design-real-time-fraud-detection")
    amount, false_decline = 200, 20
    abandon, passes = Fraction(5, 100), Fraction(10, 100)

    def approve(p):
        return p * amount

    def decline(p):
        return (1 - p) * false_decline

    def challenge(p):
        return (1 - p) * abandon * false_decline + p * passes * amount

    # (1 - p) * 1 + p * 20 = 1 + 19p
    assert abandon * false_decline == 1 and passes * amount == 20
    assert "$(1 - p)\\,aC + p\\,sA$" in text and "USD $1 + 19p$" in text
    low = Fraction(1, 181)  # approve = challenge: 200p = 1 + 19p
    high = Fraction(19, 39)  # challenge = decline: 1 + 19p = 20 - 20p
    assert approve(low) == challenge(low) and challenge(high) == decline(high)
    assert f"$p = 1/181 \\approx {float(low):.4f}$" in text
    assert f"$p = 19/39 \\approx {float(high):.2f}$" in text
    p = Fraction(1, 10)
    assert challenge(p) < decline(p) < approve(p)
    assert f"the challenge costs USD {float(challenge(p)):.2f}" in text
    # The cheapest action changes exactly at the two thresholds.
    for q, best in [(Fraction(1, 1000), approve), (p, challenge), (Fraction(9, 10), decline)]:
        assert best(q) == min(approve(q), challenge(q), decline(q))
    assert "transaction-risk-analysis exemption" in text
    assert "Payment Services Regulation agreed in November 2025" in text
    assert "noisy label" in text


def test_recommendation_headroom_survives_a_zone():
    text = answer_words("design-recommendation-system")
    busy = math.ceil(500 * 8_700 / 200_000)
    fleet = math.ceil(busy * 1.4)
    assert (busy, fleet) == (22, 31)
    assert round(fleet * 3 / 4) == 23 and fleet * 3 / 4 >= busy
    assert fleet * 2 / 3 < busy  # with three zones 40% headroom would not be enough
    assert "$31 \\times 3/4 \\approx 23 \\ge 22$" in text
    assert "OneRec (2025)" in text


def test_people_you_may_know_path_bytes():
    text = answer_words("design-people-you-may-know")
    paths = 200_000_000 * 100 * 30
    path_bytes = 8 + 8 + 4
    assert paths * path_bytes / 1e12 == 12
    # The candidate store uses the same 8-byte ids: id plus a 4-byte score.
    assert 8 + 4 == 12 and "top 500 per user at 12 bytes each" in text
    assert "20 bytes per path (two 8-byte ids and a 4-byte weight)" in text and "about 12 TB" in text
    assert "9.6 TB" not in text and "9.6 TB" not in _rubric("design-people-you-may-know")
    assert "about 12 TB shuffled" in _rubric("design-people-you-may-know")
    assert "friendship paradox" in text and "cluster the standard errors" in text


def test_feed_cites_the_right_dsa_articles():
    text = answer_words("design-news-feed-ranking")
    assert "(Art. 38; a chronological feed qualifies)" in text and "every year (Art. 34)" in text
    assert "author-randomized or graph-cluster tests" in text


def test_ads_label_matches_billing():
    text = answer_words("design-ad-click-prediction")
    assert "billable click" in text and "dropped or down-weighted" not in text
    assert "set to one fixed slot at serving" in text
    assert "Wukong (2024" in text
    assert "billable click" in _rubric("design-ad-click-prediction")


def test_semantic_search_deletions_reach_every_path():
    text = answer_words("design-semantic-search")
    asked = followup_words("design-semantic-search")
    for words in (text, asked):
        assert "BM25" in words and "result cache" in words
        assert "purged" in words or "purges" in words
    assert "checked on every final result list" in text and "checked on every final result list" in asked


def test_latency_plans_carry_the_percentile_caveat():
    for qid in [
        "design-real-time-fraud-detection",
        "design-search-ranking",
        "design-news-feed-ranking",
        "design-ad-click-prediction",
    ]:
        assert "stage p99s do not add" in answer_words(qid), qid


def test_smaller_fixes_stay():
    assert "17 March 2025" in answer_words("design-content-moderation")
    assert "transparency database" in answer_words("design-content-moderation")
    assert "edge weights are refreshed with live speeds" in answer_words("design-eta-prediction")
    demand = answer_words("design-demand-forecasting")
    assert "a Tweedie model predicts the mean" in demand and "any stockout hours" in demand
    assert "lose recall" in answer_words("design-rag-assistant")
