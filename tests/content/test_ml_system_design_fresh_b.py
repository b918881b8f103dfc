"""Numbers and dated facts changed in the fresh review of the last fourteen ML system design case studies.

Each test recomputes a number from the assumptions the answer states and checks that the answer states
it as written, or pins a dated rule so a later edit cannot bring back the stale or hedged version.
"""

from __future__ import annotations

import math

from tests.bank import answer_words, followup_words, question

SECONDS_PER_DAY = 86_400


def _states(text: str, *phrases: str) -> None:
    missing = [p for p in phrases if p not in text]
    assert not missing, missing


def _rubric(qid: str) -> str:
    return " ".join(s for signals in question(qid)["rubric"].values() for s in signals)


def test_visual_search_hnsw_links_follow_from_m():
    text = answer_words("design-visual-search")
    m = 16
    links = 2 * m  # HNSW keeps 2M neighbours on the base layer
    base_gb = 300_000_000 * links * 4 / 1e9
    assert links == 32 and round(base_gb, 1) == 38.4
    # A node reaches layer l with probability M**-l, so the upper layers hold
    # N/M + N/M**2 + ... = N/(M-1) node entries, each with M links of 4 bytes.
    upper_gb = 300_000_000 / (m - 1) * m * 4 / 1e9
    assert round(upper_gb, 1) == 1.3
    _states(
        text,
        "M = 16",
        "2M = 32 links of 4 bytes",
        "about 1/15 of vectors",
        "about 1.3 GB more",
        "top 400 instead of 200",
    )


def test_typeahead_lookup_is_one_binary_search():
    text = answer_words("design-typeahead")
    assert math.ceil(math.log2(50_000_000)) == 26
    _states(text, "about 80 bytes after compression on average", "binary search over 50 million keys",
            "about 26 comparisons")


def test_notification_holdout_counts_would_be_sends():
    text = answer_words("design-notification-ranking")
    candidates, sends = 100_000_000 * 30, 100_000_000 * 1.5
    assert candidates * 0.02 == 60_000_000
    assert round(100 * (1 - sends / candidates)) == 95
    assert sends * 0.02 == 3_000_000
    explored = (candidates - sends) / 1_000
    assert explored == 2_850_000
    _states(text, "60 million untreated examples", "about 95% of them would not have been sent",
            "about 3 million a day", "1 in 1,000, about 2.85 million a day", "within 2 hours of the decision")
    assert "push token starts failing." not in text
    assert "Why measure uplift over 2 hours" in followup_words("design-notification-ranking")


def test_dynamic_pricing_rules_are_dated():
    text = answer_words("design-dynamic-pricing")
    asked = followup_words("design-dynamic-pricing")
    _states(text, "Platform Work Directive (transposition due 2 December 2026)", "plus-or-minus 5% perturbation")
    _states(asked, "since November 2025", "in June 2026", "in January 2026", "since May 2022")


def test_anomaly_foundation_model_batch_cost():
    text = answer_words("design-metric-anomaly-detection")
    seconds = 1_000_000 / 300
    assert round(seconds) == 3_333 and round(seconds / 60) == 56
    _states(text, "Chronos-2 (October 2025)", "over 300 series a second", "about 3,333 GPU-seconds",
            "about 56 minutes")


def test_llm_serving_compute_check():
    text = answer_words("design-llm-serving-platform")
    peak = 3 * 20_000_000 / SECONDS_PER_DAY
    prefill, decode = peak * 1_500, peak * 300
    tokens = prefill + decode
    assert round(tokens / 1e6, 2) == 1.25
    flops = 2 * 70e9 * tokens
    assert round(flops / 1e17, 2) == 1.75
    gpus = 84 * 2
    dense_fp8 = 1_979e12  # H100 SXM, without sparsity
    assert gpus == 168 and round(100 * flops / (gpus * dense_fp8)) == 53
    assert round(flops / (0.40 * dense_fp8)) == 221
    _states(text, "about 1.25 million tokens a second", "1.04 million prefill plus 208,000 decode",
            "$2 \\times 70 \\times 10^9 \\times 1.25 \\times 10^6 \\approx 1.75 \\times 10^{17}$",
            "about 53% of the dense FP8 peak of the 168 GPUs", "1,979 TFLOP/s each", "about 221 GPUs")


def test_credit_risk_rules_resolved_and_colorado_named():
    text = answer_words("design-credit-risk-scoring")
    _states(text, "Regulation (EU) 2026/1744, in force since 27 July 2026", "SB 26-189",
            "in force from 1 January 2027", "within 30 days of an adverse outcome")
    assert "check the text published in the Official Journal" not in text
    assert "Colorado's ADMT law from 2027" in _rubric("design-credit-risk-scoring")


def test_support_agent_discloses_ai():
    text = answer_words("design-customer-support-agent")
    _states(text, "Article 50(1) of the AI Act has applied since 2 August 2026")
    assert "Art. 50(1)" in _rubric("design-customer-support-agent")


def test_text_to_image_eu_dates_resolved():
    text = answer_words("design-text-to-image-service")
    _states(text, "Regulation (EU) 2026/1744", "until 2 December 2026", "from 2 December 2026",
            "stopped taking new certificates on 1 January 2026")
    assert "check the transition dates" not in text


def test_cheap_additions_on_the_nines():
    _states(answer_words("design-spam-abuse-detection"), "Digital Services Act (Articles 17 and 20)")
    _states(answer_words("design-code-completion-assistant"), "prefix window is anchored")
    _states(answer_words("design-llm-eval-guardrail-platform"), "gpt-oss-safeguard (October 2025")
    _states(answer_words("design-assistant-long-term-memory"), "the cost figures above assume no caching")
