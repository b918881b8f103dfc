"""Recompute every number stated in the deep-learning coding answers and check the answer text states it as written."""

from __future__ import annotations

import math

import numpy as np
import pytest
import yaml

from code_examples.adam_bias_corrected import Adam
from code_examples.attention_mha import causal_mask, scaled_dot_product_attention
from code_examples.beam_search_decode import beam_search
from code_examples.bpe_merges import _pair_counts, encode_word, learn_bpe
from code_examples.conv2d_windows import conv2d, conv_output_size
from code_examples.cosine_topk_retrieval import CosineIndex
from code_examples.dropout_inverted import dropout_forward
from code_examples.layer_norm_grad import layer_norm_backward, layer_norm_forward
from code_examples.mlp_backprop import backward, forward, init_params, numerical_gradient, relative_error
from code_examples.token_sampling import sampling_distribution
from tests.bank import CONTENT, answer_words, question

MODULES = {
    "implement-causal-multi-head-attention": "attention_mha",
    "implement-mlp-backprop-gradient-check": "mlp_backprop",
    "implement-conv2d-stride-padding": "conv2d_windows",
    "implement-beam-search-decoding": "beam_search_decode",
    "implement-top-k-top-p-sampling": "token_sampling",
    "implement-bpe-merges-encoding": "bpe_merges",
    "implement-layer-norm-forward-backward": "layer_norm_grad",
    "implement-adam-step-bias-correction": "adam_bias_corrected",
    "implement-inverted-dropout": "dropout_inverted",
    "implement-cosine-top-k-retrieval": "cosine_topk_retrieval",
}


def _fmt(x: float, places: int) -> str:
    return f"{x:.{places}f}"


def test_the_coding_topic_holds_these_exercises() -> None:
    data = yaml.safe_load((CONTENT / "coding.yaml").read_text(encoding="utf-8"))
    ids = [q["id"] for q in data["questions"]]
    assert set(MODULES) <= set(ids)
    levels = [q["difficulty"] for q in data["questions"] if q["id"] in MODULES]
    assert (levels.count("basic"), levels.count("intermediate"), levels.count("advanced")) == (3, 5, 2)


@pytest.mark.parametrize("qid", list(MODULES))
def test_answers_embed_their_module_in_a_python_fence(qid: str) -> None:
    text = question(qid)["answer"]
    assert f'```python\n--8<-- "code_examples/{MODULES[qid]}.py"\n```' in text
    assert "!!! question" in text and "**Example.**" in text and "**Trade-offs.**" in text


def test_attention_example() -> None:
    text = answer_words("implement-causal-multi-head-attention")
    q = np.array([[1.0, 0.0], [1.0, 1.0]])
    out, w = scaled_dot_product_attention(q, q, np.array([[0.0], [10.0]]), causal_mask(2))
    assert w[0].tolist() == [1.0, 0.0] and out[0, 0] == 0.0
    s1, s2 = 1 / math.sqrt(2), 2 / math.sqrt(2)
    assert (_fmt(s1, 3), _fmt(s2, 3)) == ("0.707", "1.414")
    assert (_fmt(w[1, 0], 3), _fmt(w[1, 1], 3), _fmt(out[1, 0], 2)) == ("0.330", "0.670", "6.70")
    assert math.sqrt(64) == 8
    for s in [
        "$1/\\sqrt{2} = 0.707$",
        "$2/\\sqrt{2} = 1.414$",
        "weights $0.330$ and $0.670$",
        "output is $6.70$",
        "standard deviation of 8",
        "$q$ is $(2, 2, 5, 4)$ and the scores $(2, 2, 5, 5)$",
    ]:
        assert s in text
    b, h, t, d = 2, 2, 5, 8
    assert (b, h, t, d // h) == (2, 2, 5, 4)


def test_mlp_example_and_gradient_check_claim() -> None:
    text = answer_words("implement-mlp-backprop-gradient-check")
    params = {"W1": np.array([[1.0, -1.0]]), "b1": np.zeros(2), "W2": np.eye(2), "b2": np.zeros(2)}
    loss, cache = forward(params, np.array([[1.0]]), np.array([0]))
    g = backward(params, cache)
    p = cache["p"][0]
    assert (_fmt(p[0], 3), _fmt(p[1], 3), _fmt(loss, 3)) == ("0.731", "0.269", "0.313")
    assert _fmt(g["W2"][0, 0], 3) == "-0.269" and g["W2"][1].tolist() == [0.0, 0.0]
    assert _fmt(g["W1"][0, 0], 3) == "-0.269" and g["W1"][0, 1] == 0.0
    for s in [
        "$p = (0.731, 0.269)$",
        "$-\\ln 0.731 = 0.313$",
        "$\\partial L / \\partial z = (-0.269, 0.269)$",
        "$\\partial L/\\partial W_1 = (-0.269, 0)$",
        "all four relative errors below $10^{-9}$",
        "a gradient five times too large",
    ]:
        assert s in text
    rng = np.random.default_rng(3)  # the setup of the reference test: a 4-6-3 network
    params = init_params(4, 6, 3, seed=3)
    X, y = rng.normal(size=(10, 4)), rng.integers(0, 3, size=10)
    grads = backward(params, forward(params, X, y)[1])
    errors = [
        relative_error(grads[k], numerical_gradient(lambda: forward(params, X, y)[0], v)) for k, v in params.items()
    ]
    assert max(errors) < 1e-9


def test_conv_example() -> None:
    text = answer_words("implement-conv2d-stride-padding")
    out = conv2d(np.arange(1.0, 10.0).reshape(1, 3, 3), np.ones((1, 1, 2, 2)))[0]
    assert out.tolist() == [[12, 16], [24, 28]]
    assert 1 + 2 + 4 + 5 == 12 and 5 + 6 + 8 + 9 == 28
    assert conv_output_size(5, 3, 2, 1) == 3 and (5 + 2 - 3) // 2 == 2
    assert conv_output_size(32, 5, 2, 2) == 16
    assert conv_output_size(8, 3, 2, 0) == 3 and (8 - 3) % 2 == 1  # the floor really drops something
    assert 16 * 3 * 9 * 16 * 16 == 110_592
    for s in [
        "$(12, 16; 24, 28)$",
        "$\\lfloor 4/2 \\rfloor + 1 = 3$",
        "gives $16$",
        "$\\lfloor 5/2 \\rfloor + 1 = 3$",
        "$16 \\cdot 3 \\cdot 9 \\cdot 256 = 110{,}592$",
        "match to $10^{-12}$ for five stride and padding pairs",
    ]:
        assert s in text


def test_beam_search_example() -> None:
    text = answer_words("implement-beam-search-decoding")
    table = np.array([[1.0, 1e-12, 1e-12], [0.4, 0.3, 0.3], [0.9, 0.05, 0.05], [0.1, 0.5, 0.4]])  # 0 EOS, 1 A, 2 B
    log_table = np.log(table)
    model = lambda prefix: log_table[prefix[-1]]
    greedy = beam_search(model, bos=3, eos=0, beam_width=1, max_len=5)[0]
    beam = beam_search(model, bos=3, eos=0, beam_width=2, max_len=5)[0]
    assert greedy[0] == (1, 0) and _fmt(math.exp(greedy[1]), 2) == "0.20"
    assert beam[0] == (2, 0) and _fmt(math.exp(beam[1]), 2) == "0.36"
    short, long_ = (-3.0, 3), (-4.8, 6)
    norm = lambda c, a: c[0] / c[1] ** a
    assert norm(short, 0) > norm(long_, 0)
    assert (_fmt(norm(short, 0.5), 3), _fmt(norm(long_, 0.5), 3)) == ("-1.732", "-1.960")
    assert norm(short, 0.5) > norm(long_, 0.5)
    assert norm(short, 1) == -1.0 and norm(long_, 1) == pytest.approx(-0.8) and norm(long_, 1) > norm(short, 1)
    for s in ["$0.5 \\cdot 0.4 = 0.20$", "$0.4 \\cdot 0.9 = 0.36$", "$-1.732$ and $-1.960$", "$-1.0$ and $-0.8$"]:
        assert s in text


def test_sampling_example() -> None:
    text = answer_words("implement-top-k-top-p-sampling")
    logits = np.log([0.5, 0.25, 0.15, 0.1])
    fmt = lambda a: ", ".join(_fmt(x, 3) for x in a[:3])
    assert fmt(sampling_distribution(logits, top_p=0.8)) == "0.556, 0.278, 0.167"
    assert sampling_distribution(logits, top_p=0.8)[3] == 0.0
    assert fmt(sampling_distribution(logits, top_k=2)) == "0.667, 0.333, 0.000"
    t = sampling_distribution(logits, temperature=0.5)
    assert ", ".join(_fmt(x, 3) for x in t) == "0.725, 0.181, 0.065, 0.029"
    assert np.cumsum([0.5, 0.25, 0.15]).round(2).tolist() == [0.5, 0.75, 0.9]
    for s in [
        "$(0.556, 0.278, 0.167, 0)$",
        "$(0.667, 0.333, 0, 0)$",
        "$(0.725, 0.181, 0.065, 0.029)$",
        "$0.5, 0.75, 0.90$",
        "20,000 draws",
        "within 0.015",
    ]:
        assert s in text


def test_bpe_example() -> None:
    text = answer_words("implement-bpe-merges-encoding")
    corpus = {"lot": 6, "lots": 2, "slot": 3, "plot": 4, "pilot": 1}
    counts = _pair_counts({(*w, "_"): f for w, f in corpus.items()})
    stated = {
        ("l", "o"): 16,
        ("o", "t"): 16,
        ("t", "_"): 14,
        ("p", "l"): 4,
        ("s", "l"): 3,
        ("t", "s"): 2,
        ("s", "_"): 2,
        ("p", "i"): 1,
        ("i", "l"): 1,
    }
    assert dict(counts) == stated
    merges = learn_bpe(corpus, 5)
    assert merges == [("l", "o"), ("lo", "t"), ("lot", "_"), ("p", "lot_"), ("s", "lot_")]
    alphabet = {ch for w in corpus for ch in w} | {"_"}
    assert len(alphabet) == 7 and len(alphabet) + len(merges) == 12
    assert encode_word("slots", merges) == ["s", "lot", "s", "_"]
    assert encode_word("tops", merges) == ["t", "o", "p", "s", "_"]
    for s in [
        "`l o` 16, `o t` 16, `t _` 14, `p l` 4, `s l` 3, `t s` 2, `s _` 2, `p i` 1, `i l` 1",
        "`l o` (16), `lo t` (16), `lot _` (14), `p lot_` (4), `s lot_` (3)",
        "12 symbols",
        "`s lot s _`",
        "five single symbols",
    ]:
        assert s in text


def test_layer_norm_example() -> None:
    text = answer_words("implement-layer-norm-forward-backward")
    x = np.array([[1.0, 2.0, 3.0, 6.0]])
    y, cache = layer_norm_forward(x, np.ones(4), np.zeros(4), eps=0.0)
    assert x.mean() == 3.0 and x.var() == 3.5 and (4 + 1 + 0 + 9) / 4 == 3.5
    assert _fmt(math.sqrt(3.5), 3) == "1.871"
    assert ", ".join(_fmt(v, 3) for v in y[0]) == "-1.069, -0.535, 0.000, 1.604"
    dy = np.array([[1.0, 0.0, 0.0, 0.0]])
    dx, _, _ = layer_norm_backward(dy, cache)
    g = dy[0]
    assert g.mean() == 0.25 and _fmt((g * y[0]).mean(), 3) == "-0.267"
    assert ", ".join(_fmt(v, 3) for v in dx[0]) == "0.248, -0.210, -0.134, 0.095"
    assert abs(dx.sum()) < 1e-12 and abs(dx[0] @ y[0]) < 1e-12  # sums to zero, orthogonal to x_hat
    for s in [
        "$\\sigma = 1.871$",
        "$\\hat{x} = (-1.069, -0.535, 0, 1.604)$",
        "$\\bar{g} = 0.25$",
        "$\\overline{g \\hat{x}} = -0.267$",
        "$\\partial L/\\partial x = (0.248, -0.210, -0.134, 0.095)$",
        "$\\sigma^2 = (4 + 1 + 0 + 9)/4 = 3.5$",
    ]:
        assert s in text


def test_adam_trace() -> None:
    text = answer_words("implement-adam-step-bias-correction")
    opt, theta, trace = Adam(lr=0.1), np.array([1.0]), []
    for _ in range(3):
        theta = opt.step(theta, 2 * theta)
        trace.append(float(theta[0]))
        if opt.t == 2:
            m, v = float(opt.m[0]), float(opt.v[0])
    assert _fmt(trace[0], 4) == "0.9000" and _fmt(trace[1], 4) == "0.8004" and _fmt(trace[2], 4) == "0.7016"
    assert (round(m, 6), round(v, 6)) == (0.36, 0.007236)
    m_hat, v_hat = m / (1 - 0.9**2), v / (1 - 0.999**2)
    assert (_fmt(m_hat, 4), _fmt(v_hat, 4), _fmt(math.sqrt(v_hat), 4)) == ("1.8947", "3.6198", "1.9026")
    assert (
        round(1 - 0.999**2, 6) == 0.001999
        and round(0.999 * 0.004, 6) == 0.003996
        and round(0.001 * 1.8**2, 5) == 0.00324
    )
    uncorrected = 0.1 * 0.2 / math.sqrt(0.004)
    assert _fmt(uncorrected, 3) == "0.316" and 3 < uncorrected / 0.1 < 3.2
    assert 7e9 * 2 * 4 / 1e9 == 56
    for s in [
        "$\\theta_1 = 0.9$",
        "$m = 0.18 + 0.18 = 0.36$",
        "$v = 0.003996 + 0.00324 = 0.007236$",
        "$\\hat{m} = 0.36/0.19 = 1.8947$",
        "$\\hat{v} = 0.007236/0.001999 = 3.6198$",
        "$\\sqrt{\\hat{v}} = 1.9026$",
        "$\\theta_2 = 0.8004$",
        "step 3 gives $0.7016$",
        "$0.1 \\cdot 0.2/\\sqrt{0.004} = 0.316$",
        "56 GB",
    ]:
        assert s in text


def test_dropout_example() -> None:
    text = answer_words("implement-inverted-dropout")

    class Draws:
        def random(self, shape):
            return np.array([0.9, 0.1, 0.5, 0.3, 0.7]).reshape(shape)

    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    out, _ = dropout_forward(x, 0.2, True, Draws())
    assert out.tolist() == [1.25, 0.0, 3.75, 5.0, 6.25] and 1 / 0.8 == 1.25
    assert out.sum() == 16.25 and x.sum() == 15
    assert 25 * 0.2 / 0.8 == 6.25
    for s in [
        "$1/0.8 = 1.25$",
        "$(1.25, 0, 3.75, 5, 6.25)$",
        "sums to 16.25 rather than 15",
        "$25 \\cdot 0.2/0.8 = 6.25$",
        "20,000 draws at $p = 0.3$",
        "within 0.05",
        "within 10 percent",
    ]:
        assert s in text


def test_retrieval_example() -> None:
    text = answer_words("implement-cosine-top-k-retrieval")
    docs = np.array([[2.0, 0.0], [1.0, 1.0], [0.0, 3.0], [-1.0, 0.0]])
    idx, sims = CosineIndex(docs).search(np.array([1.0, 0.0]), 4)
    assert idx.tolist() == [[0, 1, 2, 3]]
    assert [_fmt(s, 3) for s in sims[0]] == ["1.000", "0.707", "0.000", "-1.000"]
    assert CosineIndex(docs).search(np.array([1.0, 0.0]), 2)[0].tolist() == [[0, 1]]
    assert CosineIndex(docs * 9).search(np.array([0.5, 0.0]), 2)[0].tolist() == [[0, 1]]
    with_tie = np.vstack([docs, [[5.0, 0.0]]])
    assert CosineIndex(with_tie).search(np.array([1.0, 0.0]), 2)[0].tolist() == [[0, 4]]
    assert 10**6 * 768 * 4 / 1e9 == pytest.approx(3.072)
    # What the text says the old slicing did with a bad k.
    sims_row = np.array([[0.9, 0.1, 0.5, 0.3]])
    assert np.argpartition(-sims_row, -2, axis=1)[:, :-1].shape[1] == 3  # k = -1 gives n - 1 results
    assert np.argpartition(-sims_row, -1, axis=1)[:, :0].shape[1] == 0  # k = 0 gives none, silently
    for s in [
        "$1$, $0.707$, $0$ and $-1$",
        "top 2 are documents 0 and 1",
        "top 2 become documents 0 and 4",
        "$10^6 \\cdot 768 \\cdot 4 = 3.07$ GB",
        "$k = -1$ silently returns $n - 1$ results",
    ]:
        assert s in text
