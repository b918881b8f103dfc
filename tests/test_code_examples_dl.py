"""The deep-learning and LLM exercises in code_examples/ checked against scipy, brute force,
finite differences and hand-computed cases (torch is not installed)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from scipy.signal import correlate2d
from scipy.special import softmax as scipy_softmax
from sklearn.metrics.pairwise import cosine_similarity

from code_examples import cosine_topk_retrieval
from code_examples.adam_bias_corrected import Adam
from code_examples.attention_mha import causal_mask, multi_head_attention, scaled_dot_product_attention
from code_examples.beam_search_decode import beam_search
from code_examples.bpe_merges import END, encode_word, learn_bpe
from code_examples.conv2d_windows import conv2d, conv_output_size
from code_examples.cosine_topk_retrieval import CosineIndex, l2_normalize
from code_examples.dropout_inverted import dropout_backward, dropout_forward
from code_examples.layer_norm_grad import layer_norm_backward, layer_norm_forward
from code_examples.mlp_backprop import backward, forward, init_params, numerical_gradient, relative_error
from code_examples.token_sampling import sample_token, sampling_distribution

# ---------------------------------------------------------------- attention


def _reference_mha(x, w_q, w_k, w_v, w_o, n_heads, causal):
    """Head by head and query by query with explicit loops, softmax from scipy."""
    b, t, d = x.shape
    dh = d // n_heads
    out = np.zeros((b, t, d))
    for bi in range(b):
        q, k, v = x[bi] @ w_q, x[bi] @ w_k, x[bi] @ w_v
        heads = []
        for h in range(n_heads):
            cols = slice(h * dh, (h + 1) * dh)
            rows = []
            for i in range(t):
                last = i + 1 if causal else t
                s = q[i, cols] @ k[:last, cols].T / math.sqrt(dh)
                rows.append(scipy_softmax(s) @ v[:last, cols])
            heads.append(np.array(rows))
        out[bi] = np.concatenate(heads, axis=1) @ w_o
    return out


@pytest.mark.parametrize(("n_heads", "causal"), [(1, True), (2, True), (4, True), (4, False)])
def test_multi_head_attention_matches_loop_reference(n_heads: int, causal: bool) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 5, 8))
    ws = [rng.normal(size=(8, 8)) / 3 for _ in range(4)]
    ours = multi_head_attention(x, *ws, n_heads=n_heads, causal=causal)
    np.testing.assert_allclose(ours, _reference_mha(x, *ws, n_heads, causal), atol=1e-10)


def test_causal_attention_ignores_future_tokens() -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(1, 6, 8))
    ws = [rng.normal(size=(8, 8)) for _ in range(4)]
    changed = x.copy()
    changed[0, 4:] = rng.normal(size=(2, 8)) * 100  # rewrite the last two positions
    a = multi_head_attention(x, *ws, n_heads=2)
    b = multi_head_attention(changed, *ws, n_heads=2)
    np.testing.assert_allclose(a[0, :4], b[0, :4], atol=1e-12)
    assert not np.allclose(a[0, 4:], b[0, 4:])


def test_attention_weights_are_causal_stable_and_normalised() -> None:
    rng = np.random.default_rng(2)
    q, k, v = (rng.normal(size=(3, 4, 2)) * 1000 for _ in range(3))  # scores far beyond exp's range
    with np.errstate(over="raise", invalid="raise"):
        out, w = scaled_dot_product_attention(q, k, v, causal_mask(4))
    assert out.shape == (3, 4, 2) and w.shape == (3, 4, 4)
    np.testing.assert_allclose(w.sum(axis=-1), 1.0)
    assert np.all(w[:, np.triu_indices(4, 1)[0], np.triu_indices(4, 1)[1]] == 0.0)


def test_attention_hand_case() -> None:
    q = k = np.array([[1.0, 0.0], [1.0, 1.0]])
    v = np.array([[0.0], [10.0]])
    out, w = scaled_dot_product_attention(q, k, v, causal_mask(2))
    e = np.exp([1 / math.sqrt(2), 2 / math.sqrt(2)])
    np.testing.assert_allclose(w, [[1.0, 0.0], e / e.sum()])
    np.testing.assert_allclose(out[:, 0], [0.0, 10 * e[1] / e.sum()])


def test_multi_head_attention_rejects_bad_head_count() -> None:
    with pytest.raises(ValueError):
        multi_head_attention(np.zeros((1, 2, 6)), *[np.eye(6)] * 4, n_heads=4)


# ---------------------------------------------------------------- MLP backprop


def test_mlp_gradients_pass_finite_difference_check() -> None:
    rng = np.random.default_rng(3)
    params = init_params(4, 6, 3, seed=3)
    X, y = rng.normal(size=(10, 4)), rng.integers(0, 3, size=10)
    grads = backward(params, forward(params, X, y)[1])
    for name, value in params.items():
        numeric = numerical_gradient(lambda: forward(params, X, y)[0], value)
        assert relative_error(grads[name], numeric) < 1e-7, name


def test_mlp_gradient_check_catches_a_wrong_gradient() -> None:
    rng = np.random.default_rng(4)
    params = init_params(3, 4, 2, seed=4)
    X, y = rng.normal(size=(5, 3)), rng.integers(0, 2, size=5)
    grads = backward(params, forward(params, X, y)[1])
    numeric = numerical_gradient(lambda: forward(params, X, y)[0], params["W2"])
    assert relative_error(grads["W2"] * 5, numeric) > 0.1  # forgetting the 1/n would be caught


def test_mlp_hand_case_and_training_reduces_loss() -> None:
    params = {"W1": np.array([[1.0, -1.0]]), "b1": np.zeros(2), "W2": np.eye(2), "b2": np.zeros(2)}
    loss, cache = forward(params, np.array([[1.0]]), np.array([0]))
    assert loss == pytest.approx(math.log(1 + math.e**-1))
    g = backward(params, cache)
    p1 = 1 / (1 + math.e)
    np.testing.assert_allclose(g["W2"], [[-p1, p1], [0.0, 0.0]])
    np.testing.assert_allclose(g["W1"], [[-p1, 0.0]])
    rng = np.random.default_rng(5)
    X = rng.normal(size=(60, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(int)  # XOR-like: needs the hidden layer
    params = init_params(2, 16, 2, seed=5)
    first = forward(params, X, y)[0]
    for _ in range(500):
        grads = backward(params, forward(params, X, y)[1])
        for name in params:
            params[name] -= 0.5 * grads[name]
    assert forward(params, X, y)[0] < 0.5 * first


# ---------------------------------------------------------------- conv2d


@pytest.mark.parametrize(("stride", "padding"), [(1, 0), (1, 1), (2, 0), (2, 1), (3, 2)])
def test_conv2d_matches_scipy_correlate2d(stride: int, padding: int) -> None:
    rng = np.random.default_rng(6)
    x = rng.normal(size=(3, 9, 8))
    w = rng.normal(size=(4, 3, 3, 2))
    b = rng.normal(size=4)
    ours = conv2d(x, w, b, stride=stride, padding=padding)
    xp = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))
    full = np.stack([sum(correlate2d(xp[c], w[o, c], mode="valid") for c in range(3)) + b[o] for o in range(4)])
    ref = full[:, ::stride, ::stride]  # a stride-s output is the stride-1 output subsampled
    assert ours.shape == (4, conv_output_size(9, 3, stride, padding), conv_output_size(8, 2, stride, padding))
    np.testing.assert_allclose(ours, ref, atol=1e-12)


def test_conv2d_hand_case_and_size_formula() -> None:
    x = np.arange(1.0, 10.0).reshape(1, 3, 3)
    np.testing.assert_array_equal(conv2d(x, np.ones((1, 1, 2, 2)))[0], [[12, 16], [24, 28]])
    assert conv_output_size(5, 3, 2, 1) == 3
    assert conv_output_size(8, 3, 2, 0) == 3  # windows start at 0, 2, 4: column 7 is never covered
    with pytest.raises(ValueError):
        conv2d(x, np.ones((1, 2, 2, 2)))
    with pytest.raises(ValueError):
        conv_output_size(2, 5)


# ---------------------------------------------------------------- beam search


def _bigram_model(table: np.ndarray):
    log_table = np.log(table)
    return lambda prefix: log_table[prefix[-1]]


def _brute_force_best(table: np.ndarray, bos: int, eos: int, max_len: int, alpha: float):
    """Enumerate every finished sequence (ends at the first eos, or at max_len tokens)."""
    step = _bigram_model(table)
    best = (None, -np.inf)
    vocab = range(table.shape[1])
    for length in range(1, max_len + 1):
        for seq in itertools.product(vocab, repeat=length):
            if eos in seq[:-1] or (length < max_len and seq[-1] != eos):
                continue
            prefix, score = (bos,), 0.0
            for tok in seq:
                score += float(step(prefix)[tok])
                prefix += (tok,)
            score /= length**alpha
            if score > best[1]:
                best = (seq, score)
    return best


def test_beam_search_wide_beam_equals_brute_force() -> None:
    rng = np.random.default_rng(7)
    for alpha in (0.0, 0.7, 1.0):
        for _ in range(5):
            table = rng.dirichlet(np.ones(4), size=4)  # token 0 = eos, token 3 = bos
            table[:, 3] = 1e-9  # bos is never generated
            table /= table.sum(axis=1, keepdims=True)
            tokens, score = beam_search(_bigram_model(table), bos=3, eos=0, beam_width=256, max_len=4, alpha=alpha)[0]
            ref_tokens, ref_score = _brute_force_best(table, 3, 0, 4, alpha)
            assert tokens == ref_tokens
            assert score == pytest.approx(ref_score)


def test_beam_search_beats_greedy_on_hand_case() -> None:
    # tokens: 0 eos, 1 A, 2 B, 3 bos
    table = np.array(
        [
            [1.0, 0.0, 0.0, 0.0],
            [0.4, 0.3, 0.3, 0.0],
            [0.9, 0.05, 0.05, 0.0],
            [0.1, 0.5, 0.4, 0.0],
        ]
    )
    with np.errstate(divide="ignore"):
        model = _bigram_model(table)
        greedy = beam_search(model, bos=3, eos=0, beam_width=1, max_len=5)[0]
        beam = beam_search(model, bos=3, eos=0, beam_width=2, max_len=5)[0]
    assert greedy[0] == (1, 0) and math.exp(greedy[1]) == pytest.approx(0.2)
    assert beam[0] == (2, 0) and math.exp(beam[1]) == pytest.approx(0.36)


# ---------------------------------------------------------------- sampling


def test_sampling_distribution_hand_cases() -> None:
    logits = np.log([0.5, 0.25, 0.15, 0.1])
    np.testing.assert_allclose(sampling_distribution(logits, top_p=0.8), [0.5 / 0.9, 0.25 / 0.9, 0.15 / 0.9, 0])
    np.testing.assert_allclose(sampling_distribution(logits, top_k=2), [2 / 3, 1 / 3, 0, 0])
    sq = np.array([0.5, 0.25, 0.15, 0.1]) ** 2
    np.testing.assert_allclose(sampling_distribution(logits, temperature=0.5), sq / sq.sum())
    np.testing.assert_array_equal(sampling_distribution(logits, temperature=0), [1, 0, 0, 0])
    np.testing.assert_allclose(sampling_distribution(logits, top_p=0.01), [1, 0, 0, 0])  # top token always kept
    np.testing.assert_allclose(sampling_distribution(logits, temperature=1e6), 0.25, atol=1e-5)


def test_top_p_matches_brute_force_smallest_set() -> None:
    rng = np.random.default_rng(8)
    for _ in range(200):
        probs = rng.dirichlet(np.ones(6))
        p = rng.uniform(0.05, 0.99)
        ours = sampling_distribution(np.log(probs), top_p=p) > 0
        best = None  # the smallest set of tokens with mass >= p, by brute force over subsets
        for size in range(1, 7):
            sets = [s for s in itertools.combinations(range(6), size) if probs[list(s)].sum() >= p]
            if sets:
                best = max(sets, key=lambda s: probs[list(s)].sum())
                break
        assert set(np.flatnonzero(ours)) == set(best)


def test_sample_token_frequencies_follow_the_filtered_distribution() -> None:
    rng = np.random.default_rng(9)
    logits = np.array([2.0, 1.0, 0.5, -1.0, -3.0])
    target = sampling_distribution(logits, temperature=0.8, top_k=4, top_p=0.9)
    draws = [sample_token(logits, rng, temperature=0.8, top_k=4, top_p=0.9) for _ in range(20_000)]
    freq = np.bincount(draws, minlength=5) / len(draws)
    np.testing.assert_allclose(freq, target, atol=0.015)
    assert freq[target == 0].sum() == 0.0


# ---------------------------------------------------------------- BPE


def _encode_replaying_all_merges(word: str, merges: list[tuple[str, str]]) -> list[str]:
    symbols = [*word, END]
    for a, b in merges:
        i, out = 0, []
        while i < len(symbols):
            if i + 1 < len(symbols) and symbols[i] == a and symbols[i + 1] == b:
                out.append(a + b)
                i += 2
            else:
                out.append(symbols[i])
                i += 1
        symbols = out
    return symbols


def test_bpe_hand_corpus() -> None:
    corpus = {"lot": 6, "lots": 2, "slot": 3, "plot": 4, "pilot": 1}
    merges = learn_bpe(corpus, 5)
    assert merges == [("l", "o"), ("lo", "t"), ("lot", "_"), ("p", "lot_"), ("s", "lot_")]
    assert encode_word("plot", merges) == ["plot_"]
    assert encode_word("slots", merges) == ["s", "lot", "s", "_"]
    assert encode_word("tops", merges) == ["t", "o", "p", "s", "_"]


def test_bpe_rank_encoding_equals_replaying_merges_and_training_segmentation() -> None:
    rng = np.random.default_rng(10)
    letters = list("abcde")
    corpus = {"".join(rng.choice(letters, size=rng.integers(2, 7))): int(rng.integers(1, 20)) for _ in range(40)}
    merges = learn_bpe(corpus, 25)
    assert len(set(merges)) == len(merges)
    for _ in range(200):
        word = "".join(rng.choice(letters, size=rng.integers(1, 9)))
        pieces = encode_word(word, merges)
        assert "".join(pieces) == word + END  # lossless
        assert pieces == _encode_replaying_all_merges(word, merges)


def test_bpe_stops_when_nothing_left_to_merge() -> None:
    assert learn_bpe({"ab": 1}, 10) == [("a", "b"), ("ab", "_")]


# ---------------------------------------------------------------- layer norm


def test_layer_norm_forward_statistics_and_hand_case() -> None:
    rng = np.random.default_rng(11)
    x = rng.normal(3.0, 5.0, size=(4, 3, 16))
    y, _ = layer_norm_forward(x, np.ones(16), np.zeros(16))
    np.testing.assert_allclose(y.mean(axis=-1), 0.0, atol=1e-12)
    np.testing.assert_allclose(y.std(axis=-1), 1.0, atol=1e-5)
    y, _ = layer_norm_forward(np.array([[1.0, 2.0, 3.0, 6.0]]), np.ones(4), np.zeros(4), eps=0.0)
    np.testing.assert_allclose(y[0], (np.array([1, 2, 3, 6]) - 3) / math.sqrt(3.5))


def test_layer_norm_backward_passes_gradient_check() -> None:
    rng = np.random.default_rng(12)
    x = rng.normal(size=(2, 3, 5))
    gamma, beta = rng.normal(size=5), rng.normal(size=5)
    upstream = rng.normal(size=x.shape)  # L = sum(upstream * y), so dL/dy = upstream
    loss = lambda: float((upstream * layer_norm_forward(x, gamma, beta)[0]).sum())  # noqa: E731
    dx, dgamma, dbeta = layer_norm_backward(upstream, layer_norm_forward(x, gamma, beta)[1])
    assert relative_error(dx, numerical_gradient(loss, x)) < 1e-7
    assert relative_error(dgamma, numerical_gradient(loss, gamma)) < 1e-7
    assert relative_error(dbeta, numerical_gradient(loss, beta)) < 1e-7
    np.testing.assert_allclose(dx.sum(axis=-1), 0.0, atol=1e-10)  # shifting a whole row changes nothing


# ---------------------------------------------------------------- Adam


def test_adam_hand_trace_on_a_quadratic() -> None:
    opt, theta = Adam(lr=0.1), np.array([1.0])
    m = v = 0.0
    expected = 1.0
    for t in range(1, 4):
        g = 2 * expected  # f(theta) = theta^2
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        expected -= 0.1 * (m / (1 - 0.9**t)) / (math.sqrt(v / (1 - 0.999**t)) + 1e-8)
        theta = opt.step(theta, 2 * theta)
        assert theta[0] == pytest.approx(expected, abs=1e-12)
    assert opt.t == 3


def test_adam_first_step_is_lr_times_sign() -> None:
    rng = np.random.default_rng(13)
    g = rng.normal(size=10) * np.logspace(-3, 3, 10)  # gradients over six orders of magnitude
    theta = Adam(lr=0.01).step(np.zeros(10), g)
    np.testing.assert_allclose(theta, -0.01 * np.sign(g), rtol=1e-4)


def test_adamw_decay_is_decoupled_and_adam_converges() -> None:
    theta = Adam(lr=0.1, weight_decay=0.5).step(np.array([2.0]), np.array([0.0]))
    assert theta[0] == pytest.approx(2.0 - 0.1 * 0.5 * 2.0)  # zero gradient: only the decay moves it
    opt, theta = Adam(lr=0.05), np.array([3.0, -4.0])
    scales = np.array([1.0, 100.0])  # badly scaled quadratic
    for _ in range(2000):
        theta = opt.step(theta, 2 * scales * theta)
    np.testing.assert_allclose(theta, 0.0, atol=1e-2)


# ---------------------------------------------------------------- dropout


def test_dropout_expected_value_and_keep_rate() -> None:
    rng = np.random.default_rng(14)
    x = np.linspace(-2, 3, 50)
    outs = np.stack([dropout_forward(x, 0.3, True, rng)[0] for _ in range(20_000)])
    np.testing.assert_allclose(outs.mean(axis=0), x, atol=0.05)
    assert np.mean(outs != 0) == pytest.approx(0.7 * np.mean(x != 0), abs=0.01)
    np.testing.assert_allclose(outs.var(axis=0), x**2 * 0.3 / 0.7, rtol=0.1, atol=1e-3)


def test_dropout_eval_is_identity_and_backward_uses_the_mask() -> None:
    rng = np.random.default_rng(15)
    x = rng.normal(size=(4, 5))
    out, mask = dropout_forward(x, 0.5, False, rng)
    assert out is x and mask is None
    out, mask = dropout_forward(x, 0.5, True, rng)
    assert set(np.unique(mask)) <= {0.0, 2.0}
    upstream = rng.normal(size=x.shape)
    numeric = numerical_gradient(lambda: float((upstream * (x * mask)).sum()), x)
    np.testing.assert_allclose(dropout_backward(upstream, mask), numeric, atol=1e-8)
    with pytest.raises(ValueError):
        dropout_forward(x, 1.0, True, rng)


def test_dropout_hand_case() -> None:
    class FixedRng:
        def random(self, shape):
            return np.array([0.9, 0.1, 0.5, 0.3, 0.7]).reshape(shape)

    out, _ = dropout_forward(np.array([1.0, 2.0, 3.0, 4.0, 5.0]), 0.2, True, FixedRng())
    np.testing.assert_allclose(out, [1.25, 0.0, 3.75, 5.0, 6.25])


# ---------------------------------------------------------------- cosine top-k retrieval


@pytest.mark.parametrize("k", [1, 5, 37, 200, 500])
def test_top_k_cosine_matches_brute_force_sort(k: int) -> None:
    rng = np.random.default_rng(16)
    docs, queries = rng.normal(size=(200, 16)), rng.normal(size=(7, 16))
    idx, sims = CosineIndex(docs).search(queries, k)
    ref = cosine_similarity(queries, docs)
    ref_idx = np.argsort(-ref, axis=1, kind="stable")[:, : min(k, 200)]
    np.testing.assert_array_equal(idx, ref_idx)
    np.testing.assert_allclose(sims, np.take_along_axis(ref, ref_idx, axis=1), atol=1e-12)


def test_top_k_cosine_normalises_documents_once_at_index_time() -> None:
    docs = np.array([[3.0, 4.0], [0.0, 2.0]])
    index = CosineIndex(docs)
    np.testing.assert_allclose(np.linalg.norm(index.unit_docs, axis=1), [1.0, 1.0])
    assert docs.tolist() == [[3.0, 4.0], [0.0, 2.0]]  # the caller's array is not modified
    calls = []
    original = cosine_topk_retrieval.l2_normalize

    def counting(x: np.ndarray) -> np.ndarray:
        calls.append(np.shape(x))
        return original(x)

    cosine_topk_retrieval.l2_normalize = counting
    try:
        index.search(np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]), 1)
    finally:
        cosine_topk_retrieval.l2_normalize = original
    assert calls == [(3, 2)]  # only the queries are normalised per search


def test_top_k_cosine_ties_zero_vectors_and_scale() -> None:
    docs = np.array([[2.0, 0.0], [1.0, 1.0], [0.0, 3.0], [-1.0, 0.0], [0.0, 0.0], [5.0, 0.0]])
    index = CosineIndex(docs)
    idx, sims = index.search(np.array([1.0, 0.0]), 4)
    # docs 0 and 5 tie at 1, docs 2 and 4 (the zero vector) tie at 0: the lower id comes first.
    assert idx.tolist() == [[0, 5, 1, 2]]
    np.testing.assert_allclose(sims[0], [1.0, 1.0, 1 / math.sqrt(2), 0.0])
    assert index.search(np.array([1.0, 0.0]), 5)[0].tolist() == [[0, 5, 1, 2, 4]]
    assert CosineIndex(docs * 7).search(np.array([50.0, 0.0]), 2)[0].tolist() == [[0, 5]]
    zero_idx, zero_sims = index.search(np.zeros(2), 3)  # a zero query scores 0 everywhere, no NaN
    assert zero_idx.tolist() == [[0, 1, 2]] and not zero_sims.any()


def test_top_k_cosine_every_tie_case_is_deterministic() -> None:
    rng = np.random.default_rng(3)
    docs = rng.integers(-2, 3, size=(60, 3)).astype(float)  # many exact duplicates and ties
    queries = rng.integers(-2, 3, size=(10, 3)).astype(float)
    sims = l2_normalize(queries) @ l2_normalize(docs).T
    for k in (1, 7, 30, 60):
        idx, _ = CosineIndex(docs).search(queries, k)
        ref = np.lexsort((np.broadcast_to(np.arange(60), sims.shape), -sims), axis=1)[:, :k]
        np.testing.assert_array_equal(idx, ref)


@pytest.mark.parametrize("k", [0, -1, 2.0, True, "3", None])
def test_top_k_cosine_rejects_bad_k(k: object) -> None:
    with pytest.raises(ValueError):
        CosineIndex(np.eye(3)).search(np.ones(3), k)


def test_top_k_cosine_size_edge_cases() -> None:
    assert CosineIndex(np.eye(3)).search(np.ones(3), np.int64(2))[0].shape == (1, 2)
    assert CosineIndex(np.eye(3)).search(np.ones(3), 10)[0].shape == (1, 3)  # k above n returns all n
    empty_idx, empty_sims = CosineIndex(np.empty((0, 3))).search(np.ones((2, 3)), 5)
    assert empty_idx.shape == empty_sims.shape == (2, 0)
    assert CosineIndex(np.eye(3)).search(np.empty((0, 3)), 2)[0].shape == (0, 2)
    with pytest.raises(ValueError):
        CosineIndex(np.eye(3)).search(np.ones(4), 1)  # wrong dimension
    with pytest.raises(ValueError):
        CosineIndex(np.ones(3))  # not a matrix
    with pytest.raises(ValueError):
        CosineIndex(np.array([[1.0, np.nan]]))
    with pytest.raises(ValueError):
        CosineIndex(np.eye(2)).search(np.array([np.inf, 0.0]), 1)


def test_top_k_cosine_overflow_and_dtype() -> None:
    big = np.array([[1e200, 1e200], [1e200, 0.0]])
    np.testing.assert_allclose(l2_normalize(big), [[2**-0.5, 2**-0.5], [1.0, 0.0]])
    idx, sims = CosineIndex(big).search(np.array([1e300, 0.0]), 2)
    assert idx.tolist() == [[1, 0]]
    np.testing.assert_allclose(sims[0], [1.0, 2**-0.5])
    assert CosineIndex(np.ones((4, 8), dtype=np.float32)).unit_docs.dtype == np.float32
    assert CosineIndex(np.array([[3, 4]])).unit_docs.tolist() == [[0.6, 0.8]]  # integers are promoted
