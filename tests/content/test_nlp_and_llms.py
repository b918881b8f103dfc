"""Recompute the numbers quoted in the NLP and LLM answers."""

import math
from collections import Counter

import numpy as np

from tests.bank import answer_words


def test_context_words_rule_of_thumb():
    text = answer_words("tokenization-subwords")
    assert 8192 * 0.75 == 6144
    assert "8192 \\times 0.75 \\approx 6{,}144" in text


def _bpe(word_counts, n_merges):
    corpus = {tuple(w): c for w, c in word_counts.items()}
    merges, first_counts = [], None
    for _ in range(n_merges):
        pairs = Counter()
        for sym, c in corpus.items():
            for a, b in zip(sym, sym[1:]):
                pairs[(a, b)] += c
        if first_counts is None:
            first_counts = dict(pairs)
        best = max(pairs, key=pairs.get)
        merges.append(best)
        corpus = {_apply(sym, best): c for sym, c in corpus.items()}
    return merges, first_counts


def _apply(sym, pair):
    out, i = [], 0
    while i < len(sym):
        if i < len(sym) - 1 and (sym[i], sym[i + 1]) == pair:
            out.append(sym[i] + sym[i + 1])
            i += 2
        else:
            out.append(sym[i])
            i += 1
    return tuple(out)


def test_bpe_merges_and_wordpiece_scores():
    text = answer_words("bpe-vs-wordpiece")
    merges, counts = _bpe({"cat": 6, "cats": 3, "hat": 5, "that": 2}, 3)
    assert counts == {("a", "t"): 16, ("c", "a"): 9, ("h", "a"): 7, ("t", "s"): 3, ("t", "h"): 2}
    assert "`a t` 16, `c a` 9, `h a` 7, `t s` 3, `t h` 2" in text
    assert merges == [("a", "t"), ("c", "at"), ("h", "at")]
    sym = tuple("chat")
    for m in merges:
        sym = _apply(sym, m)
    assert sym == ("c", "hat") and "`c hat`: two tokens" in text
    assert 100 / (1000 * 800) == 0.000125 and "100/800{,}000 = 0.000125" in text
    assert 20 / (20 * 25) == 0.04 and "20/500 = 0.04" in text


def test_tf_idf_example():
    text = answer_words("bag-of-words-tf-idf")
    idf = math.log(1000 / 10)
    assert round(idf, 3) == 4.605 and "\\ln 100 \\approx 4.605" in text
    assert round(3 * idf, 2) == 13.82 and "13.82" in text
    assert math.log(1000 / 1000) == 0


def test_word2vec_cosines_and_pairs():
    text = answer_words("word-embeddings-word2vec")
    a, b, c = np.array([0.8, 0.6, 0]), np.array([0.6, 0.8, 0]), np.array([0, 0, 1.0])
    assert math.isclose(np.linalg.norm(a), 1) and math.isclose(np.linalg.norm(b), 1)
    assert round(float(a @ b), 2) == 0.96 and "0.48 + 0.48 = 0.96" in text
    assert a @ c == 0 and b @ c == 0
    words = "the cat sat on the mat".split()
    i = words.index("sat")
    pairs = [("sat", words[j]) for j in range(i - 2, i + 3) if j != i]
    assert pairs == [("sat", "the"), ("sat", "cat"), ("sat", "on"), ("sat", "the")]
    assert "(sat, the), (sat, cat), (sat, on), (sat, the)" in text


def test_embedding_distance_and_storage():
    text = answer_words("sentence-embeddings-similarity")
    rng = np.random.default_rng(1)
    u = rng.normal(size=8)
    u /= np.linalg.norm(u)
    v = rng.normal(size=8)
    v /= np.linalg.norm(v)
    assert math.isclose(np.sum((u - v) ** 2), 2 - 2 * u @ v)
    assert round(2 - 2 * 0.9, 1) == 0.2 and "2 - 1.8 = 0.2" in text
    assert round(1e6 * 768 * 4 / 1e9, 2) == 3.07 and "3.07" in text
    assert round(1e6 * 768 * 1 / 1e9, 2) == 0.77 and "0.77 GB" in text


def test_bert_masked_positions():
    text = answer_words("bert-vs-gpt")
    assert 0.15 * 512 == 76.8 and round(0.15 * 512) == 77
    assert "0.15 \\times 512 \\approx 77" in text


def test_training_compute_and_memory():
    text = answer_words("llm-pretraining-vs-fine-tuning")
    pre = 6 * 7e9 * 2e12
    fine = 6 * 7e9 * 50e6
    assert math.isclose(pre, 8.4e22) and "8.4 \\times 10^{22}" in text
    assert math.isclose(fine, 2.1e18) and "2.1 \\times 10^{18}" in text
    assert round(pre / fine) == 40_000 and "40,000 times less" in text
    # fp16 weights + fp16 grads + fp32 master weights + two fp32 Adam moments
    assert 2 + 2 + 4 + 4 + 4 == 16
    assert 7e9 * 16 / 1e9 == 112 and "112 GB" in text


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


def test_decoding_table():
    text = answer_words("decoding-strategies-sampling")
    z = np.array([2.0, 1.0, 0.0])

    def softmax(x):
        e = np.exp(x - x.max())
        return e / e.sum()

    p1, p05 = softmax(z), softmax(z / 0.5)
    assert "| $T = 1$ | " + " | ".join(f"{v:.3f}" for v in p1) + " |" in text
    assert "| $T = 0.5$ | " + " | ".join(f"{v:.3f}" for v in p05) + " |" in text
    cum = np.cumsum(p1)
    keep = int(np.searchsorted(cum, 0.9) + 1)
    assert keep == 2 and f"{cum[1]:.3f}" == "0.910" and "0.910" in text
    nucleus = p1[:keep] / p1[:keep].sum()
    assert "| $T = 1$, top-p 0.9 | " + " | ".join(f"{v:.3f}" for v in nucleus) + " | 0 |" in text


def test_pass_at_k():
    text = answer_words("llm-evaluation")

    def pass_at_k(n, c, k):
        return 1 - math.comb(n - c, k) / math.comb(n, k)

    assert math.isclose(pass_at_k(10, 3, 1), 0.3) and "1 - 7/10 = 0.3" in text
    assert math.comb(7, 5) == 21 and math.comb(10, 5) == 252
    assert round(pass_at_k(10, 3, 5), 3) == 0.917 and "1 - 21/252 \\approx 0.917" in text


def test_perplexity_example():
    text = answer_words("perplexity")
    probs = np.array([0.5, 0.25, 0.1, 0.8])
    nll = -np.log(probs)
    assert [f"{v:.3f}" for v in nll] == ["0.693", "1.386", "2.303", "0.223"]
    assert "(0.693 + 1.386 + 2.303 + 0.223)/4 \\approx 1.151" in text
    assert round(nll.mean(), 3) == 1.151
    ppl = math.exp(nll.mean())
    assert math.isclose(ppl, math.sqrt(10)) and math.isclose(probs.prod(), 0.01)
    assert round(ppl, 2) == 3.16 and "\\approx 3.16" in text
    assert round(math.exp(2), 2) == 7.39 and "e^2 \\approx 7.39" in text
    # A uniform model over V tokens has perplexity V.
    v = 50_257
    assert math.isclose(math.exp(-math.log(1 / v)), v)


def test_claim_level_hallucination_rate():
    text = answer_words("llm-hallucination")
    assert round(100 * 126 / 1800, 1) == 7.0 and "126/1800 = 7.0\\%" in text


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
