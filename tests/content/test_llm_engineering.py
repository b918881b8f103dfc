"""Recompute the numbers quoted in the LLM engineering answers."""

import math
from collections import Counter

import numpy as np

from tests.bank import answer_words


def test_reward_model_bradley_terry():
    text = answer_words("instruction-tuning-rlhf-dpo")

    def sigma(x):
        return 1 / (1 + math.exp(-x))

    p = sigma(2.0 - 0.5)
    assert round(p, 3) == 0.818 and "\\sigma(1.5) \\approx 0.818" in text
    assert round(-math.log(p), 3) == 0.201 and "0.201" in text
    q = sigma(0.5 - 2.0)
    assert round(q, 3) == 0.182 and round(-math.log(q), 2) == 1.70
    assert "about 0.182" in text and "about 1.70" in text


def test_lora_parameter_counts():
    text = answer_words("lora-fine-tuning")
    d = k = 4096
    r, layers, mlp = 8, 32, 11008
    full = d * k
    lora = r * (d + k)
    assert full == 16_777_216 and lora == 65_536
    assert round(100 * lora / full, 2) == 0.39
    assert "16,777,216" in text and "65{,}536" in text and "0.39%" in text
    qv = 2 * layers * lora
    assert qv == 4_194_304 and "4{,}194{,}304" in text
    total_7b = 6.74e9  # Llama 2 7B parameter count
    assert round(100 * qv / total_7b, 2) == 0.06 and "0.06%" in text
    assert round(qv * 2 / 1e6, 1) == 8.4 and "8.4 MB" in text
    per_layer = 4 * lora + 3 * r * (d + mlp)
    assert per_layer == 624_640 and "624{,}640" in text
    assert per_layer * layers == 19_988_480 and "19,988,480" in text
    assert round(100 * per_layer * layers / total_7b, 1) == 0.3 and "about 0.3%" in text


def test_rag_prompt_budget():
    text = answer_words("rag-pipeline")
    prompt = 5 * 400 + 300 + 100
    assert prompt == 2400 and "2,400 tokens" in text
    assert math.isclose(prompt * 1 / 1e6, 0.0024) and "USD 0.0024 per query" in text
    assert math.isclose(prompt * 1 / 1e6 * 1e6, 2400) and "USD 2,400 per million" in text
    assert (5 - 3) * 400 == 800 and "saves 800 tokens" in text


def test_reciprocal_rank_fusion_and_recall():
    text = answer_words("rag-retrieval-quality")
    k = 60
    ranks = {"A": [1, 3], "C": [5, 1], "B": [2]}
    score = {d: sum(1 / (k + r) for r in rs) for d, rs in ranks.items()}
    assert f"{score['A']:.5f}" == "0.03227" and "0.03227" in text
    assert f"{score['C']:.5f}" == "0.03178" and "0.03178" in text
    assert f"{score['B']:.5f}" == "0.01613" and "0.01613" in text
    assert sorted(score, key=score.get, reverse=True) == ["A", "C", "B"]
    assert 164 / 200 == 0.82 and 200 - 164 == 36
    assert "recall@5 is 0.82" in text and "other 36" in text


def test_self_consistency_vote():
    text = answer_words("prompt-engineering")
    votes = Counter([42, 42, 38, 42, 40])
    assert votes.most_common(1) == [(42, 3)]
    assert "returns 42 (3 of 5)" in text


def test_pass_at_k():
    text = answer_words("llm-evaluation")

    def pass_at_k(n, c, k):
        return 1 - math.comb(n - c, k) / math.comb(n, k)

    assert math.isclose(pass_at_k(10, 3, 1), 0.3) and "1 - 7/10 = 0.3" in text
    assert math.comb(7, 5) == 21 and math.comb(10, 5) == 252
    assert round(pass_at_k(10, 3, 5), 3) == 0.917 and "1 - 21/252 \\approx 0.917" in text


def test_claim_level_hallucination_rate():
    text = answer_words("llm-hallucination")
    assert round(100 * 126 / 1800, 1) == 7.0 and "126/1800 = 7.0\\%" in text
    # Calibration and the training-time levers from the expert review.
    assert "Kadavath" in text and "less calibrated" in text
    assert "Gekhman" in text and "hallucinate more" in text
    assert "Reward abstention" in text and "preference tuning" in text


def test_kv_cache_sizes():
    text = answer_words("kv-cache-memory")
    per_tok_7b = 2 * 32 * 32 * 128 * 2
    assert per_tok_7b == 524_288 and per_tok_7b / 2**20 == 0.5
    assert "524{,}288" in text and "0.5 MiB" in text
    seq = per_tok_7b * 4096
    assert seq / 2**30 == 2 and "4,096-token sequence: 2 GiB" in text
    assert 16 * seq / 2**30 == 32 and "32 GiB" in text
    assert round(6.74e9 * 2 / 1e9, 1) == 13.5 and "13.5 GB" in text
    per_tok_70b = 2 * 80 * 8 * 128 * 2
    full_70b = 2 * 80 * 64 * 128 * 2
    assert per_tok_70b == 327_680 and per_tok_70b / 1024 == 320
    assert "327{,}680" in text and "320 KiB" in text
    assert full_70b / 2**20 == 2.5 and full_70b // per_tok_70b == 8
    assert "2.5 MiB per token" in text and "8-fold" in text


def test_int8_and_int4_quantization():
    text = answer_words("llm-quantization")
    w = np.array([0.12, -0.50, 0.31, 0.02])
    s8 = np.abs(w).max() / 127
    q8 = np.round(w / s8).astype(int)
    deq8 = q8 * s8
    assert f"{s8:.6f}" == "0.003937" and "0.003937" in text
    assert list(q8) == [30, -127, 79, 5] and "(30, -127, 79, 5)" in text
    assert [f"{v:.4f}" for v in deq8] == ["0.1181", "-0.5000", "0.3110", "0.0197"]
    assert "(0.1181, -0.5000, 0.3110, 0.0197)" in text
    assert np.abs(w - deq8).max() <= s8 / 2 and round(s8 / 2, 3) == 0.002
    s4 = 0.5 / 7
    assert round(s4, 4) == 0.0714 and "0.0714" in text
    q4 = np.round(w / s4)
    assert q4[3] == 0 and round(q4[0] * s4, 4) == 0.1429 and "0.12 to 0.1429" in text
    params = 70e9
    assert params * 2 / 1e9 == 140 and params * 1 / 1e9 == 70 and params * 0.5 / 1e9 == 35
    bits = 4 + 16 / 128
    assert round(params * bits / 8 / 1e9, 1) == 36.1 and "about 36.1 GB" in text


def test_decode_bandwidth_bound():
    text = answer_words("llm-inference-throughput")
    weights_gb = 7e9 * 2 / 1e9
    step_s = weights_gb / 2000
    assert weights_gb == 14 and math.isclose(step_s, 0.007)
    assert "14 / 2000\\ \\text{s} = 7" in text
    assert round(1 / step_s) == 143 and "about 143 tokens per second" in text


def _rot(angle):
    return np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])


def test_rope_relative_scores_and_wavelengths():
    text = answer_words("positional-encodings-rope")
    theta = 0.5
    q = k = np.array([1.0, 0.0])
    s1 = (_rot(3 * theta) @ q) @ (_rot(5 * theta) @ k)
    s2 = (_rot(10 * theta) @ q) @ (_rot(12 * theta) @ k)
    assert math.isclose(s1, s2) and math.isclose(s1, math.cos(1.0))
    assert round(s1, 3) == 0.540 and "\\cos 1.0 \\approx 0.540" in text
    assert "by 1.5 and 2.5 radians" in text and "by 5.0 and 6.0" in text
    # The relative property holds for any vectors and positions.
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=2), rng.normal(size=2)
    assert math.isclose((_rot(7 * theta) @ a) @ (_rot(19 * theta) @ b), a @ (_rot(12 * theta) @ b))
    slow = 10000 ** (-126 / 128)
    assert f"{slow:.3e}" == "1.155e-04" and "1.155 \\times 10^{-4}" in text
    assert round(2 * math.pi / slow) == 54_410 and "54,410 tokens" in text
    assert round(2 * math.pi, 2) == 6.28 and "2\\pi \\approx 6.28" in text


def test_layernorm_and_rmsnorm_example():
    text = answer_words("layernorm-vs-rmsnorm")
    x = np.array([2.0, 4.0, 6.0, 8.0])
    ln = (x - x.mean()) / x.std()
    rms = x / np.sqrt(np.mean(x**2))
    assert x.mean() == 5 and math.isclose(x.std(), math.sqrt(5)) and "\\sqrt{5} \\approx 2.236" in text
    assert "(" + ", ".join(f"{v:.3f}" for v in ln) + ")" == "(-1.342, -0.447, 0.447, 1.342)"
    assert "(-1.342, -0.447, 0.447, 1.342)" in text
    assert math.isclose(np.sqrt(np.mean(x**2)), math.sqrt(30)) and "\\sqrt{30} \\approx 5.477" in text
    assert "(" + ", ".join(f"{v:.3f}" for v in rms) + ")" == "(0.365, 0.730, 1.095, 1.461)"
    assert "(0.365, 0.730, 1.095, 1.461)" in text
    assert math.isclose(np.sqrt(np.mean(rms**2)), 1.0)


def test_gqa_cache_table():
    text = answer_words("mqa-gqa-attention")
    rows = {
        "MHA": (32, "524,288 (512 KiB)", "128 GiB"),
        "GQA": (8, "131,072 (128 KiB)", "32 GiB"),
        "MQA": (1, "16,384 (16 KiB)", "4 GiB"),
    }
    for name, (heads, per_tok, batch) in rows.items():
        b = 2 * 32 * heads * 128 * 2
        assert f"{b:,} ({b // 1024} KiB)" == per_tok
        assert f"{b * 8192 * 32 // 2**30} GiB" == batch
        assert f"| {name} | {heads} | {per_tok} | {batch} |" in text
    assert 8e9 * 2 / 1e9 == 16 and "16 GB of weights" in text
    assert 128 * 2**30 / 1e9 > 80 and (32 * 2**30 + 16e9) / 1e9 < 80
    assert 32 // 8 == 4 and "5% of the original" in text


def test_flash_online_softmax_and_memory():
    text = answer_words("flash-attention")
    scores = np.array([1.0, 2.0, 3.0, 0.0])
    values = np.arange(8.0).reshape(4, 2)
    m, ell, out = -np.inf, 0.0, np.zeros(2)
    history = []
    for block in (slice(0, 2), slice(2, 4)):
        s, v = scores[block], values[block]
        m_new = max(m, s.max())
        ell = math.exp(m - m_new) * ell + np.exp(s - m_new).sum()
        out = math.exp(m - m_new) * out + np.exp(s - m_new) @ v
        m = m_new
        history.append((m, ell))
    assert history[0][0] == 2 and round(history[0][1], 4) == 1.3679 and "\\approx 1.3679" in text
    assert history[1][0] == 3 and round(history[1][1], 4) == 1.5530 and "\\approx 1.5530" in text
    assert math.isclose(ell, np.exp(scores - 3).sum())
    p = np.exp(scores - scores.max()) / np.exp(scores - scores.max()).sum()
    assert np.allclose(out / ell, p @ values)  # exact, not approximate
    assert 32768**2 * 2 / 2**30 == 2 and "32768^2 \\times 2$ bytes $= 2$ GiB" in text
    assert 2 * 32768 * 4 / 1024 == 256 and "2 \\times 32768 \\times 4$ bytes $= 256$ KiB" in text
    assert 32768 * 4 / 1024 == 128 and "one log-sum-exp per row, half that" in text


def test_mixtral_parameter_counts_and_aux_loss():
    text = answer_words("mixture-of-experts")
    hidden, layers, ff, experts, vocab = 4096, 32, 14336, 8, 32000
    expert = 3 * hidden * ff
    attn = 2 * hidden * hidden + 2 * hidden * 1024
    assert expert == 176_160_768 and "176{,}160{,}768" in text
    assert attn == 41_943_040 and "41,943,040 per layer" in text
    assert round(experts * layers * expert / 1e9, 1) == 45.1 and "\\approx 45.1$B" in text
    shared = attn * layers + 2 * vocab * hidden + hidden * experts * layers + 2 * hidden * layers + hidden
    total = experts * layers * expert + shared
    active = 2 * layers * expert + shared
    assert round(total / 1e9, 1) == 46.7 and "about 46.7B total" in text
    assert round(active / 1e9, 1) == 12.9 and "about 12.9B active" in text
    assert round(2 * 12.9, 1) == 25.8 and "25.8$ GFLOPs" in text
    assert round(total * 2 / 1e9, 1) == 93.4 and "93.4 GB" in text

    def aux(f, p):
        return len(f) * sum(fi * pi for fi, pi in zip(f, p))

    assert math.isclose(aux([0.25] * 4, [0.25] * 4), 1.0)  # alpha times 1 at balance
    assert aux([1, 0, 0, 0], [0.7, 0.1, 0.1, 0.1]) > 1


def test_chinchilla_arithmetic():
    text = answer_words("llm-scaling-laws")
    c_chin = 6 * 70e9 * 1.4e12
    assert math.isclose(c_chin, 5.88e23) and "5.88 \\times 10^{23}" in text
    n = math.sqrt(1e24 / 120)
    assert round(n / 1e9) == 91 and round(20 * n / 1e12, 2) == 1.83
    assert "\\approx 91$B" in text and "\\approx 1.83$T" in text
    assert math.isclose(6 * n * 20 * n, 1e24)
    infer = 2 * 70e9 * 1e13
    assert math.isclose(infer, 1.4e24) and "1.4 \\times 10^{24}" in text
    assert round(infer / c_chin, 1) == 2.4 and "about 2.4 times" in text
    assert 15e12 / 8e9 == 1875 and "1,875 tokens per parameter" in text
    assert 300e9 / 175e9 < 2 and "under 2 tokens per parameter" in text


def test_qlora_memory():
    text = answer_words("qlora-fine-tuning")
    single = 32 / 64
    double = 8 / 64 + 32 / (64 * 256)
    assert single == 0.5 and round(double, 3) == 0.127 and "\\approx 0.127" in text
    assert round(single - double, 3) == 0.373 and "0.373 bit" in text
    assert round(65e9 * (single - double) / 8 / 1e9, 1) == 3.0 and "\\approx 3.0$ GB" in text
    assert round(70e9 * (4 + double) / 8 / 1e9, 1) == 36.1 and "\\approx 36.1$ GB" in text
    r, d, kv, mlp, layers = 16, 8192, 1024, 28672, 80
    per_layer = 2 * r * (d + d) + 2 * r * (d + kv) + 3 * r * (d + mlp)
    assert per_layer == 2_588_672 and "2{,}588{,}672" in text
    assert per_layer * layers == 207_093_760 and "207,093,760" in text
    assert round(per_layer * layers * 16 / 1e9, 1) == 3.3 and "about 3.3 GB" in text
    assert round(36.1 + 3.3) == 39 and "roughly 40 GB" in text
    assert 70e9 * 16 / 1e9 == 1120 and "1,120 GB" in text


def test_ewc_penalty_and_forgetting_table():
    text = answer_words("catastrophic-forgetting-fine-tuning")
    fisher = np.array([4.0, 0.1])
    old, new = np.array([0.5, -1.0]), np.array([0.3, -0.2])
    terms = 0.5 * fisher * (new - old) ** 2
    assert np.allclose((new - old) ** 2, [0.04, 0.64]) and "4.0 \\times 0.04 + 0.1 \\times 0.64" in text
    assert round(terms.sum(), 3) == 0.112 and "= 0.112" in text
    assert round(terms[0], 3) == 0.08 and round(terms[1], 3) == 0.032
    assert "costs $0.08$" in text and "only $0.032$" in text
    assert abs(new - old)[1] / abs(new - old)[0] == 4 and "four times as far" in text
    assert 89 - 71 == 18 and "(+18 points)" in text
    assert round(55.5 - 63.0, 1) == -7.5 and "(-7.5)" in text
    assert round(62.1 - 63.0, 1) == -0.9 and "(-0.9)" in text and 89 - 87 == 2


def test_dpo_loss_and_grpo_advantages():
    text = answer_words("dpo-and-grpo")

    def sigma(z):
        return 1 / (1 + math.exp(-z))

    beta = 0.1
    chosen, rejected = -12.0 - (-14.0), -20.0 - (-18.0)
    assert chosen == 2.0 and rejected == -2.0
    margin = beta * (chosen - rejected)
    assert math.isclose(margin, 0.4) and "0.1 \\times (2.0 + 2.0) = 0.4" in text
    assert round(-math.log(sigma(margin)), 3) == 0.513 and "\\approx 0.513" in text
    assert round(-math.log(sigma(0)), 3) == 0.693 and "\\ln 2 \\approx 0.693" in text
    r = np.array([1.0, 0.0, 0.0, 0.0])
    adv = (r - r.mean()) / r.std()  # population standard deviation, as the answer says
    assert r.mean() == 0.25 and round(r.std(), 3) == 0.433 and "about 0.433" in text
    assert "(" + ", ".join(f"{v:.3f}" for v in adv) + ")" == "(1.732, -0.577, -0.577, -0.577)"
    assert "(1.732, -0.577, -0.577, -0.577)" in text
    assert math.isclose(adv.sum(), 0, abs_tol=1e-12)
    sample = (r - r.mean()) / r.std(ddof=1)  # the sample standard deviation some libraries use
    assert r.std(ddof=1) == 0.5 and list(sample) == [1.5, -0.5, -0.5, -0.5]
    assert "sample standard deviation, 0.5, give $(1.5, -0.5, -0.5, -0.5)$" in text


def test_long_context_numbers():
    text = answer_words("long-context-llms")
    s = 32768 / 4096
    assert s == 8 and 20000 / s == 2500 and "position 20,000 to 2,500" in text
    assert round(0.1 * math.log(8) + 1, 3) == 1.208 and "0.1 \\ln 8 + 1 \\approx 1.208" in text
    per_tok = 2 * 32 * 8 * 128 * 2
    assert per_tok == 128 * 1024 and 131072 * per_tok == 16 * 2**30 and "= 16$ GiB" in text
    attn = 2 * 131072**2 * 4096 * 32
    assert round(attn / 1e15, 1) == 4.5 and "\\approx 4.5 \\times 10^{15}" in text
    lin = 2 * 8e9 * 131072
    assert round(lin / 1e15, 1) == 2.1 and "\\approx 2.1 \\times 10^{15}" in text
    assert attn > lin


def test_majority_vote_and_thinking_cost():
    text = answer_words("reasoning-models-test-time-compute")
    p = 0.6
    vote = sum(math.comb(5, k) * p**k * (1 - p) ** (5 - k) for k in range(3, 6))
    assert round(vote, 3) == 0.683 and "\\approx 0.683" in text
    oracle = 1 - (1 - p) ** 5
    assert round(oracle, 3) == 0.990 and "1 - 0.4^5 \\approx 0.990" in text
    # Monte Carlo check of the vote under the stated worst case (all wrong answers agree).
    rng = np.random.default_rng(0)
    sim = (rng.random((200_000, 5)) < p).sum(axis=1) >= 3
    assert abs(sim.mean() - vote) < 0.005
    cost = (8000 + 500) * 10 / 1e6
    base = 500 * 10 / 1e6
    assert math.isclose(cost, 0.085) and math.isclose(base, 0.005)
    assert "USD 0.085" in text and "USD 0.005" in text
    assert round(cost / base) == 17 and "17 times more" in text


def test_synthetic_yield_and_collapse():
    text = answer_words("synthetic-data-llm")
    total = 10_000 * 8
    kept = total * 0.35
    final = kept * 0.8
    assert total == 80_000 and kept == 28_000 and final == 22_400
    assert "80,000 solutions" in text and "35%, 28,000" in text and "leaving 22,400" in text
    assert round(0.9**20, 3) == 0.122 and "0.9^{20} \\approx 0.122" in text
    # Simulate the recursive Gaussian refit: the mean variance after 20 generations.
    rng = np.random.default_rng(0)
    runs, n = 20_000, 10
    var = np.ones(runs)
    mu = np.zeros(runs)
    for _ in range(20):
        x = rng.normal(mu[:, None], np.sqrt(var)[:, None], size=(runs, n))
        mu, var = x.mean(axis=1), x.var(axis=1)  # maximum-likelihood (biased) variance
    assert abs(var.mean() - 0.9**20) < 0.01


def test_distillation_losses_and_cost():
    text = answer_words("llm-knowledge-distillation")
    t = np.array([0.7, 0.2, 0.1])
    s = np.array([0.5, 0.3, 0.2])
    assert round(-math.log(0.5), 3) == 0.693 and "-\\ln 0.5 \\approx 0.693" in text
    kl = float(np.sum(t * np.log(t / s)))
    assert round(kl, 4) == 0.0851 and "\\approx 0.0851" in text
    from scipy.special import rel_entr

    assert math.isclose(kl, rel_entr(t, s).sum())
    assert 2 * 8 == 16 and 2 * 70 == 140 and 140 / 16 == 8.75
    assert "8.75 times less" in text and "against 140" in text
