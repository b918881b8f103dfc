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
