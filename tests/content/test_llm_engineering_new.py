"""Recompute the numbers in the LLM engineering questions on evaluating LLM apps and agentic systems,
and run the code they embed against its edge cases."""

import math
import random
from math import comb

import pytest

from tests.bank import answer_words, house_shape_counts, python_block

NEW_IDS = [
    "llm-golden-eval-set",
    "llm-judge-calibration",
    "llm-eval-regression-gates",
    "llm-app-online-metrics",
    "agent-trajectory-evaluation",
    "agent-tool-design",
    "agent-planning-patterns",
    "agent-memory-design",
    "agent-failure-recovery",
    "agent-cost-latency",
]



def _levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def test_new_questions_meet_the_house_shape():
    for qid in NEW_IDS:
        assert len(answer_words(qid).split()) >= 500, qid
    assert house_shape_counts(NEW_IDS) == {"basic": 3, "intermediate": 5, "advanced": 2}


def test_golden_set_sizes_and_allocation():
    text = answer_words("llm-golden-eval-set")
    n = 1.96**2 * 0.8 * 0.2 / 0.05**2
    assert round(n, 1) == 245.9 and math.ceil(n) == 246
    assert "0.05^2 \\approx 245.9$, so 246 items per intent and 1,230 in all" in text
    assert 5 * 246 == 1230
    assert math.ceil(1.96**2 * 0.25 / 0.05**2) == 385 and "(385 per intent if $p$ were unknown)" in text
    shares = [0.40, 0.25, 0.20, 0.10, 0.05]
    assert math.isclose(sum(shares), 1.0)
    legal = 0.05 * 1230
    assert round(legal) == 62 and round(100 * 1.96 * math.sqrt(0.16 / legal)) == 10
    assert "only about 62, a half-width of about ±10 points" in text
    sum_sq = sum(w * w for w in shares)
    assert round(sum_sq, 3) == 0.275
    equal = 1.96 * math.sqrt(0.16 * sum_sq / 246) * 100
    proportional = 1.96 * math.sqrt(0.16 / 1230) * 100
    assert round(equal, 1) == 2.6 and round(proportional, 1) == 2.2 and equal > proportional
    assert "\\approx \\pm 2.6$ points" in text and "\\approx \\pm 2.2$ points" in text
    lift = 30 * (1.0 - 0.8) / 1230 * 100
    assert round(lift, 1) == 0.5 and "30 \\times 0.2/1230 \\approx 0.5$ points" in text


def test_judge_error_rates_kappa_and_ppi_correction():
    text = answer_words("llm-judge-calibration")
    n, human_pass, human_fail = 300, 210, 90
    judge_pass_on_pass, judge_pass_on_fail = 200, 27
    sens = judge_pass_on_pass / human_pass
    spec = 1 - judge_pass_on_fail / human_fail
    assert round(sens, 3) == 0.952 and round(spec, 2) == 0.70
    judge_pass = judge_pass_on_pass + judge_pass_on_fail
    assert judge_pass == 227 and "227 passes in all" in text
    agree = judge_pass_on_pass + (human_fail - judge_pass_on_fail)
    p_o = agree / n
    p_e = (human_pass / n) * (judge_pass / n) + (human_fail / n) * (1 - judge_pass / n)
    kappa = (p_o - p_e) / (1 - p_e)
    assert agree == 263 and round(p_o, 3) == 0.877 and "$p_o = 263/300 \\approx 0.877$" in text
    assert round(judge_pass / n, 3) == 0.757 and round(1 - judge_pass / n, 3) == 0.243
    assert round(p_e, 3) == 0.603 and "\\approx 0.603$" in text
    assert round(kappa, 2) == 0.69 and "$\\kappa \\approx 0.69$" in text

    # PPI: judge mean on unlabelled traffic minus the mean labelled error.
    diffs = [1] * 27 + [-1] * 10 + [0] * 263
    mean_diff = sum(diffs) / n
    var_diff = sum((d - mean_diff) ** 2 for d in diffs) / (n - 1)
    assert round(mean_diff, 3) == 0.057 and "$17/300 \\approx 0.057$" in text
    assert round(var_diff, 4) == 0.1205 and "sample variance about 0.1205" in text
    q_unlabelled, big_n = 0.78, 10_000
    theta = q_unlabelled - mean_diff
    se = math.sqrt(q_unlabelled * (1 - q_unlabelled) / big_n + var_diff / n)
    assert round(100 * theta, 1) == 72.3 and round(se, 4) == 0.0205
    assert round(100 * 1.96 * se, 1) == 4.0 and "$72.3\\% \\pm 4.0$ points" in text
    human_only = 1.96 * math.sqrt(0.7 * 0.3 / n) * 100
    assert round(human_only, 1) == 5.2 and "$70.0\\% \\pm 5.2$ points" in text
    assert round(0.7 * 0.3 / se**2, -2) == 500 and "worth about 500" in text
    labels_3pt = var_diff / ((0.03 / 1.96) ** 2 - q_unlabelled * (1 - q_unlabelled) / big_n)
    assert round(labels_3pt) == 555 and round(1.96**2 * 0.21 / 0.03**2) == 896
    assert "about 555 labels, people alone about 896" in text
    spec_half = 1.96 * math.sqrt(spec * (1 - spec) / human_fail) * 100
    assert round(spec_half, 1) == 9.5 and "±9.5 points" in text

    # Length probe: 105 of 150 tied pairs went to the longer answer.
    sd = math.sqrt(150 * 0.25)
    assert round(sd, 1) == 6.1 and round((105 - 75) / sd, 1) == 4.9
    assert "\\approx 6.1$, so $z \\approx 4.9$" in text

    # The misclassification (Rogan-Gladen) correction under transported error rates.
    rogan_gladen = (q_unlabelled + spec - 1) / (sens + spec - 1)
    assert round(100 * rogan_gladen, 1) == 73.6 and "\\approx 73.6\\%$" in text


def test_regression_gate_bound_power_and_cost():
    text = answer_words("llm-eval-regression-gates")
    n, base, fixed, broken = 600, 480, 18, 30
    cand = base - broken + fixed
    assert cand == 468 and base / n == 0.80 and cand / n == 0.78
    assert "passes 480 of 600 items (80%)" in text and "passes 468 (78%)" in text
    diff = (fixed - broken) / n
    se = math.sqrt((fixed + broken) - (fixed - broken) ** 2 / n) / n
    assert diff == -0.02 and round(se, 4) == 0.0115
    assert "\\sqrt{48 - 144/600}/600 \\approx 0.0115$" in text
    unpaired = math.sqrt(0.8 * 0.2 / n + 0.78 * 0.22 / n)
    assert round(unpaired, 4) == 0.0235 and round(unpaired / se) == 2
    mcnemar = (abs(broken - fixed) - 1) ** 2 / (fixed + broken)
    assert round(mcnemar, 2) == 2.52 and mcnemar < 3.84
    assert "/48 \\approx 2.52$, below 3.84" in text
    lower = (diff - 1.645 * se) * 100
    assert round(lower, 1) == -3.9 and lower < -3
    assert "-2.0 - 1.645 \\times 1.15 \\approx -3.9$ points" in text
    size = (1.645 + 0.84) ** 2 * 0.08 / 0.03**2
    assert round((1.645 + 0.84) ** 2, 2) == 6.18 and round(size, -1) == 550 and size < n
    assert "\\approx 550$ items, so 600 is enough" in text
    assert round(1 - 0.7**3, 2) == 0.66 and "\\approx 0.66$ instead of 0.30" in text
    app = 3000 * 3e-6 + 400 * 15e-6
    judge = 2000 * 1e-6 + 100 * 5e-6
    assert round(app, 4) == 0.015 and round(judge, 4) == 0.0025
    per_sample = app + judge
    assert round(per_sample, 4) == 0.0175 and "USD 0.015 + 0.0025 = USD 0.0175" in text
    assert round(3 * 600 * per_sample, 2) == 31.50 and "cost USD 31.50 per candidate" in text
    assert round(40 * 3 * 600 * per_sample) == 1260 and "USD 1,260 a week" in text
    assert round(100 * per_sample, 2) == 1.75 and "smoke suite costs USD 1.75" in text


def test_online_metrics_cost_per_resolved_and_edit_distance():
    text = answer_words("llm-app-online-metrics")
    conversations, human_cost = 10_000, 4
    rows = {"A": (0.04, 0.62), "B": (0.07, 0.70)}
    totals = {}
    for name, (cost, resolved) in rows.items():
        per_resolved = cost / resolved
        model = cost * conversations
        escalated = round((1 - resolved) * conversations)
        totals[name] = model + escalated * human_cost
        assert round(per_resolved, 3 if name == "A" else 2) == {"A": 0.065, "B": 0.10}[name]
    assert totals == {"A": 15_600, "B": 12_700}
    assert "| USD 0.065 | USD 15,600 |" in text and "| USD 0.10 | USD 12,700 |" in text
    assert "$400 + 3800 \\times 4 = 15{,}600$ against $700 + 3000 \\times 4 = 12{,}700$" in text
    assert 3800 - 3000 == 800 and "sends 800 fewer conversations" in text
    se = math.sqrt(0.62 * 0.38 / conversations + 0.70 * 0.30 / conversations)
    assert round(se, 4) == 0.0067 and round(0.08 / se) == 12
    suggested = "return df.groupby('user').size()"
    final = "return df.groupby('user_id').size()"
    assert suggested in text and final in text
    dist = _levenshtein(suggested, final)
    assert dist == 3 and len(final) == 35 and round(dist / max(len(suggested), len(final)), 2) == 0.09
    assert "edit distance 3 over 35 characters, about 0.09" in text


def test_pass_at_k_and_pass_hat_k():
    text = answer_words("agent-trajectory-evaluation")
    n, k, successes = 8, 3, [8, 6, 4, 0]
    pass1 = sum(c / n for c in successes) / len(successes)
    assert pass1 == 0.5625 and "(1 + 0.75 + 0.5 + 0)/4 = 0.5625" in text
    assert comb(8, 3) == 56 and [comb(c, 3) for c in successes] == [56, 20, 4, 0]
    hat = sum(comb(c, k) / comb(n, k) for c in successes) / len(successes)
    at = sum(1 - comb(n - c, k) / comb(n, k) for c in successes) / len(successes)
    assert round(hat, 3) == 0.357 and "(56 + 20 + 4 + 0)/(4 \\times 56) \\approx 0.357$" in text
    assert round(at, 3) == 0.732 and "(1 + 1 + (1 - 4/56) + 0)/4 \\approx 0.732$" in text
    assert round(pass1**3, 3) == 0.178 and round(hat / pass1**3) == 2
    # Jensen: pass^k of heterogeneous tasks lies between (mean p)^k and mean p.
    assert pass1**3 <= hat <= pass1
    required = {"lookup_order", "check_policy", "issue_refund"}
    called = {"lookup_order", "issue_refund", "send_email"}
    hits = len(required & called)
    assert hits / len(called) == hits / len(required) == 2 / 3
    se = 0.35 / math.sqrt(50)
    assert round(se, 3) == 0.049 and round(1.96 * se * 100, 1) == 9.7 and 66 - 62 < 1.96 * se * 100
    assert "\\approx 0.049$, a 95% interval of about ±9.7 points" in text


def test_refund_tool_validates_and_is_idempotent():
    text = answer_words("agent-tool-design")
    tool = python_block("agent-tool-design")["RefundTool"]({"A17": 4000})
    first = tool.issue_refund("run1-step3", "A17", 1500, "late")
    assert first == {"isError": False, "refund_id": "R1", "amount_cents": 1500}
    # A retry with the same key and arguments returns the stored result and pays nothing more.
    assert tool.issue_refund("run1-step3", "A17", 1500, "late") == first
    assert tool.refunded == {"A17": 1500}
    reused = tool.issue_refund("run1-step3", "A17", 1000, "late")
    assert reused["isError"] and "other arguments" in reused["error"]
    over = tool.issue_refund("run1-step4", "A17", 3000, "late")
    assert over == {"isError": True, "error": "at most 2500 cents can still be refunded"}
    assert "at most 2500 cents can still be refunded" in text
    for bad in (0, -5, 1.5, True, "100"):
        assert tool.issue_refund("k-amount", "A17", bad, "late")["isError"], bad
    assert tool.issue_refund("", "A17", 100, "late")["error"] == "missing idempotency key"
    assert tool.issue_refund(None, "A17", 100, "late")["isError"]
    assert "unknown order" in tool.issue_refund("k-order", "B99", 100, "late")["error"]
    assert "unknown order" in tool.issue_refund("k-order", ["A17"], 100, "late")["error"]
    assert "reason" in tool.issue_refund("k-reason", "A17", 100, "because")["error"]
    # Model-supplied JSON can put any type in any field: unhashable values are errors, not crashes.
    for bad_reason in (["late"], {"why": "late"}, None, 3):
        assert tool.issue_refund("k-reason", "A17", 100, bad_reason)["isError"], bad_reason
    # Failed calls store nothing, so the key can be used again once the arguments are fixed.
    assert tool.issue_refund("k-amount", "A17", 2500, "damaged")["refund_id"] == "R2"
    assert tool.refunded == {"A17": 4000}
    assert tool.issue_refund("k-more", "A17", 1, "late")["error"] == "at most 0 cents can still be refunded"
    duplicates = 100_000 * 0.02 * 0.5
    assert duplicates == 1000 and duplicates * 40 == 40_000
    assert "0.02 \\times 0.5 = 1{,}000$ duplicate refunds, USD 40,000 at USD 40 each" in text


def test_planning_compounding_and_cost():
    text = answer_words("agent-planning-patterns")
    assert round(0.98**3, 3) == 0.941 and "$0.98^3 \\approx 0.941$" in text
    assert round(0.97**8, 3) == 0.784 and "$0.97^8 \\approx 0.784$" in text
    react = 8 * 0.02
    plan = 0.02 + 8 * 0.002 + 0.2 * 0.02
    assert round(react, 2) == 0.16 and round(plan, 2) == 0.04
    assert "$8 \\times 0.02 = 0.16$ USD" in text and "0.2 \\times 0.02 = 0.04$ USD" in text
    assert round(1 - 0.4**3, 3) == 0.936 and "$1 - 0.4^3 \\approx 0.936$" in text


def test_memory_token_budget_and_retrieval_score():
    text = answer_words("agent-memory-design")
    system, per_turn, turns = 1200, 150, 200
    full = sum(system + per_turn * i for i in range(1, turns + 1))
    assert full == 3_255_000 and "= 3{,}255{,}000$ input tokens" in text
    assert system + per_turn * turns == 31_200 and "the last call alone carries 31,200" in text
    managed_call = system + 10 * per_turn + 800 + 5 * 60
    assert managed_call == 3800
    early = sum(system + per_turn * i for i in range(1, 11))
    assert early == 20_250
    managed = early + (turns - 10) * managed_call
    assert managed == 742_250 and "$20{,}250 + 190 \\times 3800 = 742{,}250$" in text
    summaries = 19 * 2300
    assert summaries == 43_700 and managed + summaries == 785_950
    assert "each (43,700), gives 785,950" in text
    assert round(full / (managed + summaries), 1) == 4.1 and "about 4.1 times fewer" in text
    assert round(31_200 / managed_call, 1) == 8.2 and "8.2 times smaller" in text
    old = 0.995**720 + 0.8 + 0.62
    recent = 0.995**24 + 0.3 + 0.70
    assert round(0.995**720, 3) == 0.027 and round(old, 3) == 1.447
    assert round(recent, 3) == 1.887 and recent > old
    assert "\\approx 0.027 + 1.42 = 1.447$" in text and "\\approx 1.887$ and wins" in text
    # Importance is rated 1 to 10 in the paper, so the 0.8 and 0.3 above are those ratings divided by 10.
    assert 8 / 10 == 0.8 and 3 / 10 == 0.3
    assert "rated 8 for importance (0.8)" in text and "rated 3 (0.3)" in text


def test_backoff_and_loop_detector():
    text = answer_words("agent-failure-recovery")
    ns = python_block("agent-failure-recovery")
    backoff, repeated = ns["backoff_delays"], ns["repeated_call"]
    ceilings = [min(8.0, 0.5 * 2**k) for k in range(5)]
    assert ceilings == [0.5, 1, 2, 4, 8] and sum(ceilings) == 15.5 and sum(ceilings) / 2 == 7.75
    assert "0.5, 1, 2, 4 and 8 s, 15.5 s in all, and 7.75 s on average" in text
    delays = backoff(5, rng=random.Random(7))
    assert len(delays) == 5 and all(0 <= d <= c for d, c in zip(delays, ceilings))
    assert backoff(0) == []
    long = backoff(5000, rng=random.Random(1))  # no overflow, every wait capped
    assert len(long) == 5000 and max(long) <= 8.0
    for bad in (
        {"retries": -1},
        {"retries": 2, "base": 0},
        {"retries": 2, "base": 4, "cap": 2},
        {"retries": 2, "cap": math.inf},
        {"retries": 2, "base": math.nan},
    ):
        with pytest.raises(ValueError):
            backoff(**bad)
    history = [("search", {"q": "x"}), ("open", {"id": 1}), ("search", {"q": "x"}), ("search", {"q": "x"})]
    assert repeated(history) == ("search", {"q": "x"})
    assert repeated(history, limit=4) is None
    assert repeated([("a", {"x": 1, "y": 2}), ("a", {"y": 2, "x": 1})], limit=2) == ("a", {"x": 1, "y": 2})
    assert repeated([("a", {"x": 1}), ("a", {"x": 2})], limit=2) is None
    assert repeated([]) is None
    with pytest.raises(ValueError):
        repeated(history, limit=1)
    assert round(0.3**6, 4) == 0.0007 and "$0.3^6 \\approx 0.0007$" in text
    assert 1000 * (1 + 5) == 6000 and "send 6,000 requests" in text


def test_agent_cost_caching_and_parallel_calls():
    text = answer_words("agent-cost-latency")
    steps, prefix, added, out = 12, 6000, 800, 200
    p_in, p_out = 3e-6, 15e-6
    contexts = [prefix + added * i for i in range(steps)]
    assert sum(contexts) == 124_800 and "= 72{,}000 + 52{,}800 = 124{,}800$ tokens" in text
    base_cost = sum(contexts) * p_in + steps * out * p_out
    assert round(sum(contexts) * p_in, 4) == 0.3744 and round(steps * out * p_out, 3) == 0.036
    assert round(base_cost, 4) == 0.4104 and "USD 0.4104 per task" in text
    reads = sum(contexts[i - 1] for i in range(1, steps))
    writes = prefix + (steps - 1) * added
    assert reads == 110_000 and writes == 14_800 and reads + writes == sum(contexts)
    cached = reads * 0.1 * p_in + writes * 1.25 * p_in + steps * out * p_out
    assert round(reads * 0.1 * p_in, 4) == 0.033 and round(writes * 1.25 * p_in, 4) == 0.0555
    assert round(cached, 4) == 0.1245 and round(100 * (1 - cached / base_cost)) == 70
    assert "USD 0.1245, 70% less" in text
    step_time = 0.5 + out / 80 + 1.0
    assert step_time == 4.0 and steps * step_time == 48 and 7 * step_time == 28
    parallel = prefix + sum(prefix + 6 * added + added * j for j in range(6))
    assert prefix + 6 * added == 10_800 and parallel == 82_800
    assert round(100 * (1 - parallel / sum(contexts))) == 34
    assert "= 82{,}800$ tokens, 34% fewer" in text
    assert round(cached / 0.8, 3) == 0.156 and "about USD 0.156 per resolved task" in text
