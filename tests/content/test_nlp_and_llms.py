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
    # The ratio and the likelihood gain are named as different criteria, with their sources.
    assert "Schuster and Nakajima" in text and "Hugging Face" in text
    assert "never released the trainer" in text and "different criteria" in text


def test_tf_idf_example():
    text = answer_words("bag-of-words-tf-idf")
    idf = math.log(1000 / 10)
    assert round(idf, 3) == 4.605 and "\\ln 100 \\approx 4.605" in text
    assert round(3 * idf, 2) == 13.82 and "13.82" in text
    assert math.log(1000 / 1000) == 0
    # scikit-learn's smoothed idf, checked against scikit-learn itself.
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = ["the refund"] * 10 + ["the"] * 990
    vec = TfidfVectorizer().fit(docs)
    idf = dict(zip(vec.get_feature_names_out(), vec.idf_))
    assert math.isclose(idf["refund"], math.log(1001 / 11) + 1)
    assert round(idf["refund"], 3) == 5.511 and "\\ln(1001/11) + 1 \\approx 5.511" in text
    assert idf["the"] == 1 and "\\ln(1001/1001) + 1 = 1" in text
    # L2-normalized rows: the dot product equals the cosine.
    x = vec.transform(["the refund refund", "the refund the"]).toarray()
    a, b = x
    cos = a @ b / (np.linalg.norm(a) * np.linalg.norm(b))
    assert math.isclose(a @ b, cos)
    # The log turns each tenfold rise in df into the same drop in idf.
    idfs = [math.log(1000 / df) for df in (1, 10, 100, 1000)]
    assert [f"{v:.3f}" for v in idfs] == ["6.908", "4.605", "2.303", "0.000"]
    assert "6.908, 4.605, 2.303, 0 for df of 1, 10, 100, 1,000" in text
    assert all(math.isclose(idfs[i] - idfs[i + 1], math.log(10)) for i in range(3))
    assert "\\ln 10 \\approx 2.303" in text


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


def test_tf_idf_default_token_pattern_drops_one_letter_tokens():
    text = answer_words("bag-of-words-tf-idf")
    from sklearn.feature_extraction.text import TfidfVectorizer

    vocab = TfidfVectorizer().fit(["We use C and R for model 7 code"]).vocabulary_
    assert "c" not in vocab and "r" not in vocab and "7" not in vocab
    assert "use" in vocab and "code" in vocab
    assert "two or more word characters" in text and "`token_pattern`" in text


def test_word2vec_subsampling_discard_probability():
    text = answer_words("word-embeddings-word2vec")
    discard = 1 - math.sqrt(1e-5 / 0.01)
    assert round(discard, 3) == 0.968
    assert "1 - \\sqrt{10^{-5}/0.01} \\approx 0.968" in text
    assert round(1 - discard, 2) == 0.03 and "about 3% of its occurrences" in text


def test_sentence_embedding_pairs_and_binary_storage():
    text = answer_words("sentence-embeddings-similarity")
    n = 10_000
    assert n * (n - 1) // 2 == 49_995_000
    assert "10{,}000 \\times 9{,}999 / 2 = 49{,}995{,}000" in text
    float32_bytes = 1e6 * 768 * 4
    binary_bytes = 1e6 * 768 / 8
    assert binary_bytes == 96e6 and float32_bytes / binary_bytes == 32
    assert "to 96 MB" in text


def test_min_p_keeps_the_same_tokens_as_top_p_here():
    text = answer_words("decoding-strategies-sampling")
    z = np.array([2.0, 1.0, 0.0])
    p = np.exp(z - z.max())
    p /= p.sum()
    cutoff = 0.2 * p.max()
    assert f"{cutoff:.3f}" == "0.133" and "0.2 \\times 0.665 = 0.133" in text
    kept = p >= cutoff
    assert kept.tolist() == [True, True, False]
    assert f"{p[2]:.3f}" == "0.090" and "C's 0.090 misses" in text


# --- fresh-review fixes (December 2026) -----------------------------------------------------------


def test_ann_memory_figures():
    text = answer_words("sentence-embeddings-similarity")
    float32_bytes = 1e8 * 768 * 4
    assert round(float32_bytes / 1e9) == 307
    assert "10^8 \\times 768 \\times 4$ bytes $\\approx 307$ GB" in text
    pq_bytes = 1e8 * 64
    assert pq_bytes / 1e9 == 6.4 and "10^8 \\times 64$ bytes $= 6.4$ GB" in text
    assert "Use the similarity the model was trained with" in text and "re-normalize after truncating" in text


def test_top_p_keeps_more_tokens_at_higher_temperature():
    text = answer_words("decoding-strategies-sampling")
    z = np.array([2.0, 1.0, 0.0])

    def kept(temperature, top_p=0.9):
        p = np.exp((z - z.max()) / temperature)
        p /= p.sum()
        cum = np.cumsum(np.sort(p)[::-1])
        return int(np.searchsorted(cum, top_p) + 1), cum

    n1, _ = kept(1.0)
    n2, cum2 = kept(2.0)
    assert (n1, n2) == (2, 3) and f"{cum2[1]:.3f}" == "0.814"
    assert "keeps two tokens at $T = 1$ but all three at $T = 2$, where the top two cover only 0.814" in text
    # Reasoning-model exception is stated with the published settings.
    assert "temperature 0.6 with top-p 0.95 for DeepSeek-R1" in text and "Follow the model card" in text


def test_post_training_mentions_rlvr():
    text = answer_words("llm-pretraining-vs-fine-tuning")
    assert "reinforcement learning with verifiable rewards (RLVR)" in text and "DeepSeek-R1" in text


def test_vocabulary_scaling_numbers():
    text = answer_words("unigram-tokenizer-and-vocab-size")
    assert round(216 / 32) == 7 and "at least 216K, about 7 times its 32K" in text
    assert "Llama 2 used 32,000 entries, Llama 3 128,256 and Gemma 2 256,000" in text
    # Padding V to a multiple of 128 is what Megatron-style trainers do; GPT-2's 50,257 would need padding.
    padded = -(-50_257 // 128) * 128
    assert padded == 50_304 and padded % 128 == 0 and "multiple of 64 or 128" in text


def test_context_in_bytes_across_tokenizers():
    text = answer_words("perplexity-across-tokenizers")
    n_bytes = 1_000_000
    a, b = n_bytes / 250_000, n_bytes / 200_000
    assert (a, b) == (4, 5) and "A averages 4 bytes per token and B 5" in text
    assert 512 * a == 2048 and 512 * b == 2560
    assert "about 2,048 bytes for A and 2,560 for B" in text


def test_fasttext_bucket_and_levy_goldberg_condition():
    assert "2 million buckets by default" in answer_words("glove-fasttext-vs-contextual")
    assert "if the dimension is large enough" in answer_words("word-embeddings-word2vec")
