"""Recompute the numbers quoted in the LLM engineering (more) answers."""

import math

from tests.bank import answer_words, question


def _pct(x: float) -> float:
    return round(100 * x, 1)


def test_judge_kappa_and_pass_rates():
    text = answer_words("llm-as-a-judge")
    both_pass, both_fail, judge_only, human_only = 80, 40, 20, 10
    n = both_pass + both_fail + judge_only + human_only
    assert n == 150
    p_o = (both_pass + both_fail) / n
    human_pass, judge_pass = both_pass + human_only, both_pass + judge_only
    assert (human_pass, judge_pass) == (90, 100)
    p_e = (human_pass * judge_pass + (n - human_pass) * (n - judge_pass)) / n**2
    kappa = (p_o - p_e) / (1 - p_e)
    assert p_o == 0.8 and "$p_o = 120/150 = 0.80$" in text
    assert round(p_e, 3) == 0.533 and "\\approx 0.533" in text
    assert round(kappa, 2) == 0.57 and "$\\kappa \\approx 0.57$" in text
    assert _pct(judge_pass / n) == 66.7 and "66.7%" in text
    assert _pct(human_pass / n) == 60.0 and "60%" in text
    assert round(100 * (judge_pass - human_pass) / n) == 7 and "about 7 points" in text
    assert 164 / 200 == 0.82 and 200 - 164 == 36
    assert "164 times (82% consistent); the 36 flips" in text


def test_contamination_overlap_and_inflation():
    text = answer_words("benchmark-contamination")
    positions = 200 - 13 + 1
    assert positions == 188 and "$200 - 13 + 1 = 188$" in text
    assert 47 / positions == 0.25 and "$47/188 = 25\\%$" in text
    overall = 0.12 * 95 + 0.88 * 70
    assert round(overall, 1) == 73.0 and "= 73.0\\%" in text
    assert round(overall - 70) == 3 and "three points above" in text
    half_width = 1.96 * math.sqrt(0.7 * 0.3 / 1000) * 100
    assert round(half_width, 1) == 2.8 and "\\approx \\pm 2.8$ points" in text


def test_chunk_count_and_budget():
    text = answer_words("rag-chunking-strategies")
    doc, size, overlap = 10_000, 512, 64
    stride = size - overlap
    n = math.ceil((doc - size) / stride) + 1
    starts = [i * stride for i in range(n)]
    lengths = [min(size, doc - s) for s in starts]
    assert starts[-1] + lengths[-1] == doc and starts[-2] + size < doc
    assert stride == 448 and n == 23
    assert "$n = \\lceil 9488/448 \\rceil + 1 = 23$ chunks" in text
    assert lengths[-1] == 144 and "the last one 144 tokens long" in text
    assert sum(lengths) == 11_408 and "11,408 stored tokens, 14% more" in text
    assert round(100 * (sum(lengths) / doc - 1)) == 14
    assert 6000 // 512 == 11 and 6000 // 256 == 23
    assert "11 chunks of 512 or 23 chunks of 256" in text


def test_rerank_cost():
    text = answer_words("cross-encoder-reranking")
    tokens = 32 + 256
    assert tokens == 288 and "$t = 288$" in text
    flops = 2 * 110e6 * 100 * tokens
    assert round(flops / 1e12, 1) == 6.3 and "6.3 \\times 10^{12}" in text
    assert round(flops / 100e12 * 1000) == 63 and "about 63 ms" in text
    assert round(2 * 22e6 * 100 * tokens / 100e12 * 1000) == 13 and "about 13 ms" in text
    full = 2 * 110e6 * tokens * 10e6 / 100e12 / 3600
    assert round(full, 2) == 1.76 and "about 1.76 hours" in text
    assert round(100 * (0.90 - 0.78)) == 12 and "buys 12 points" in text
    assert round(100 * (0.92 - 0.90)) == 2 and "buys 2 points" in text


def test_vector_index_memory():
    text = answer_words("vector-index-types")
    n, d = 10_000_000, 768
    assert n * d * 4 / 1e9 == 30.72 and "= 30.72$ GB" in text
    assert d * 4 == 3072 and 3072 // 96 == 32 and n * 96 / 1e9 == 0.96
    assert "96 bytes per vector instead of 3,072, 32 times smaller, 0.96 GB" in text
    assert round(n * 32 / 16384) == 19_531 and "\\approx 19{,}531$" in text
    links = 2 * 32 * 4
    assert links == 256 and "256 bytes per vector" in text
    assert round(n * (3072 + links) / 1e9) == 33 and "about 33 GB" in text
    assert 100 * 0.01 == 1 and "contain about one match" in text


def test_agent_tokens_cost_and_reliability():
    text = answer_words("llm-agents-tool-use")
    tokens_in = sum(2000 + 300 * i for i in range(10))
    assert tokens_in == 33_500 and "= 33{,}500$ tokens" in text
    cost = tokens_in * 3 / 1e6 + 10 * 100 * 15 / 1e6
    assert round(cost, 4) == 0.1155 and "USD 0.1155" in text
    assert round(0.95**10, 2) == 0.60 and "0.95^{10} \\approx 0.60" in text
    assert round(0.6**3, 2) == 0.22 and "0.6^3 \\approx 0.22" in text


def test_injection_repeated_attempts():
    text = answer_words("prompt-injection-defences")
    assert round(1 - 0.95**20, 2) == 0.64 and "1 - 0.95^{20} \\approx 0.64" in text


def test_guardrail_latency_and_precision():
    text = answer_words("llm-guardrails")
    assert round(1.2 + 0.08 + 0.12, 2) == 1.4 and "make it 1.4 s" in text
    assert round(1.2 + 0.12, 2) == 1.32 and "= 1.32$ s" in text
    requests = 1_000_000
    harmful = round(requests * 0.002)
    caught = round(harmful * 0.9)
    false_pos = round(0.01 * (requests - harmful))
    assert (harmful, caught, false_pos) == (2000, 1800, 9980)
    assert "$0.01 \\times 998{,}000 = 9{,}980$" in text
    assert round(caught / (caught + false_pos), 2) == 0.15 and "\\approx 0.15" in text


def test_static_batch_utilization():
    text = answer_words("continuous-batching")
    lengths = [50, 60, 80, 100, 120, 150, 200, 500]
    slots = len(lengths) * max(lengths)
    assert slots == 4000 and sum(lengths) == 1260
    assert "$8 \\times 500 = 4{,}000$ slot-steps, of which 1,260" in text
    assert _pct(sum(lengths) / slots) == 31.5 and "$u = 31.5\\%$" in text
    mean = sum(lengths) / len(lengths)
    assert mean == 157.5 and round(max(lengths) / mean, 1) == 3.2
    assert "$500/157.5 \\approx 3.2$" in text


def test_paged_attention_capacity():
    text = answer_words("paged-attention-vllm")
    per_token = 2 * 32 * 8 * 128 * 2
    assert per_token == 131_072 == 128 * 1024 and "= 131{,}072$ bytes (128 KiB)" in text
    budget = 40 * 2**30
    assert budget // (8192 * per_token) == 40 and "so 40 concurrent requests" in text
    assert round(100 * 1000 / 8192) == 12 and "\\approx 12\\%" in text
    blocks = math.ceil(1000 / 16)
    assert blocks == 63 and blocks * 16 - 1000 == 8 and "(1,008 token slots, 8 wasted)" in text
    fit = budget // (blocks * 16 * per_token)
    assert fit == 325 and "= 325" in text
    assert round(fit / 40) == 8 and "about 8 times as many" in text


def _tokens(alpha: float, gamma: int) -> float:
    return (1 - alpha ** (gamma + 1)) / (1 - alpha)


def _speedup(alpha: float, gamma: int, c: float) -> float:
    return _tokens(alpha, gamma) / (gamma * c + 1)


def test_speculative_speedup():
    text = answer_words("speculative-decoding")
    assert round(_tokens(0.8, 4), 2) == 3.36 and "= 3.36$ tokens per pass" in text
    assert round(_speedup(0.8, 4, 0.05), 2) == 2.80 and "\\approx 2.80$" in text
    best = max(range(1, 21), key=lambda g: _speedup(0.8, g, 0.05))
    assert best == 8
    assert round(_tokens(0.8, 8), 2) == 4.33 and "$E \\approx 4.33$" in text
    assert round(_speedup(0.8, 8, 0.05), 2) == 3.09 and "$S \\approx 3.09$" in text
    top = _speedup(0.8, 8, 0.05)
    close = [g for g in range(1, 21) if _speedup(0.8, g, 0.05) >= 0.98 * top]
    assert close == [6, 7, 8, 9, 10] and "from 6 to 10 all within 2%" in text
    best_weak = max(range(1, 21), key=lambda g: _speedup(0.6, g, 0.05))
    assert best_weak == 4 and round(_speedup(0.6, 4, 0.05), 2) == 1.92
    assert "the best is $\\gamma = 4$ with $S \\approx 1.92$" in text


def test_serving_cost_per_token():
    text = answer_words("llm-serving-cost-per-token")
    weights, bw, price = 16e9, 3.35e12, 3.0
    step1 = weights / bw
    assert round(step1 * 1000, 1) == 4.8 and round(1 / step1) == 209
    assert "\\approx 4.8$ ms per step, about 209 tokens/s, 0.75 million" in text
    assert round(3600 / step1 / 1e6, 2) == 0.75
    assert round(price / (3600 / step1) * 1e6, 1) == 4.0 and "about USD 4.0 per million" in text
    kv = 64 * 2000 * 131072
    assert round(kv / 1e9, 1) == 16.8 and "\\approx 16.8$ GB" in text
    step64 = (weights + kv) / bw
    assert round((weights + kv) / 1e9, 1) == 32.8 and round(step64 * 1000, 1) == 9.8
    assert "reads 32.8 GB in about 9.8 ms" in text
    assert round(64 / step64, -1) == 6540 and "about 6,540 tokens/s" in text
    assert round(price / (64 / step64 * 3600) * 1e6, 2) == 0.13 and "USD 0.13 per million" in text
    compute = 2 * 8e9 * 64
    assert round(compute / 1e12, 2) == 1.02 and round(compute / 989e12 * 1000) == 1
    assert compute / 989e12 < step64
    prefill = 16e9 / (0.5 * 989e12)
    assert round(prefill * 1e6) == 32 and round(1 / prefill, -2) == 30_900
    assert "\\approx 32\\ \\mu\\text{s}$ per token, about 30,900 tokens/s" in text
    assert round(price / (3600 / prefill) * 1e6, 3) == 0.027 and "USD 0.027 per million" in text
    assert 1 / 0.3 > 3 and "over three times as much" in text


def test_constrained_renormalization_and_retries():
    text = answer_words("constrained-decoding-structured-output")
    probs = {"open": 0.5, "closed": 0.2, "pending": 0.2, "null": 0.1}
    allowed = probs["open"] + probs["closed"]
    assert round(allowed, 10) == 0.7 and "leaves 0.7 of mass" in text
    assert round(probs["open"] / allowed, 3) == 0.714 and "\\approx 0.714" in text
    assert round(probs["closed"] / allowed, 3) == 0.286 and "\\approx 0.286" in text
    assert round(1 / 0.97, 3) == 1.031 and "$1/0.97 \\approx 1.031$" in text


def test_regression_suite_mcnemar():
    text = answer_words("llm-app-end-to-end-evaluation")
    base, fixed, broken, n = 328, 8, 20, 400
    assert base / n == 0.82 and (base - broken + fixed) / n == 0.79
    assert "passes 328 (82%)" in text and "passes 316 (79%)" in text
    se = math.sqrt(0.82 * 0.18 / n) * 100
    assert round(se, 1) == 1.9 and "\\approx 1.9$ points" in text
    # Unpaired, the difference of two rates has sqrt(2) times that error, so 3 points is about 1.1 SE.
    se_diff = math.sqrt(2) * se
    assert round(se_diff, 1) == 2.7 and round(3 / se_diff, 1) == 1.1
    assert "\\sqrt{2} \\times 1.9 \\approx 2.7$ points" in text and "($z \\approx 1.1$)" in text
    chi2 = (abs(broken - fixed) - 1) ** 2 / (broken + fixed)
    assert round(chi2, 2) == 4.32 and "\\approx 4.32 > 3.84" in text
    # 3.84 is the 95th percentile of chi-square with one degree of freedom: 1.96 squared.
    assert round(1.959964**2, 2) == 3.84 and chi2 > 3.84
    assert "28 discordant items" in text


def test_all_new_questions_meet_the_house_shape():
    ids = [
        "llm-as-a-judge", "benchmark-contamination", "rag-chunking-strategies",
        "cross-encoder-reranking", "vector-index-types", "llm-agents-tool-use",
        "prompt-injection-defences", "llm-guardrails", "continuous-batching",
        "paged-attention-vllm", "speculative-decoding", "llm-serving-cost-per-token",
        "constrained-decoding-structured-output", "llm-app-end-to-end-evaluation",
    ]
    for qid in ids:
        q = question(qid)
        text = answer_words(qid)
        assert len(q["short"]) <= 200, qid
        assert len(text.split()) >= 150, qid
        for part in ("**How it works.**", "**Example.**", "**Trade-offs.**", "Follow-up to expect"):
            assert part in text, (qid, part)
        assert 2 <= len(q["related"]) <= 5 and qid not in q["related"], qid
