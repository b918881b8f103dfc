"""Recompute the numbers quoted in the deep-learning answers."""

import math

import numpy as np

from tests.bank import answer_words


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


def test_mlp_parameter_count():
    text = answer_words("what-is-deep-learning")
    layers = [784, 256, 128, 10]
    counts = [a * b + b for a, b in zip(layers, layers[1:])]
    assert counts == [200_960, 32_896, 1_290]
    assert sum(counts) == 235_146
    for n in ("200{,}960", "32{,}896", "1{,}290", "235,146"):
        assert n in text


def test_neuron_and_xor():
    text = answer_words("artificial-neuron-and-nonlinearity")
    z = 0.5 * 1 + (-0.25) * 2 + 0.1
    assert round(z, 10) == 0.1
    assert f"{sigmoid(z):.3f}" == "0.525"
    assert "0.525" in text
    relu = lambda v: max(0.0, v)
    outputs = []
    for x1, x2 in [(0, 0), (1, 0), (0, 1), (1, 1)]:
        h1, h2 = relu(x1 + x2), relu(x1 + x2 - 1)
        outputs.append(h1 - 2 * h2)
    assert outputs == [0, 1, 1, 0]
    assert "y = 0, 1, 1, 0" in text


def test_activation_numbers():
    text = answer_words("activation-functions-compared")
    s5 = sigmoid(5)
    assert f"{s5:.4f}" == "0.9933"
    assert f"{s5 * (1 - s5):.5f}" == "0.00665"
    e = np.exp([2.0, 1.0, 0.0])
    p = e / e.sum()
    assert [f"{v:.3f}" for v in p] == ["0.665", "0.245", "0.090"]
    for n in ("0.9933", "0.00665", "(0.665, 0.245, 0.090)"):
        assert n in text


def test_backprop_worked_example():
    text = answer_words("forward-and-backpropagation")
    x, w1, w2, y, lr = 2.0, 0.5, 1.0, 1.0, 0.1
    h = max(0.0, w1 * x)
    y_hat = sigmoid(w2 * h)
    loss = -math.log(y_hat)
    dz2 = y_hat - y
    dw2 = dz2 * h
    dw1 = dz2 * w2 * x
    assert (f"{y_hat:.3f}", f"{loss:.3f}", f"{dz2:.3f}") == ("0.731", "0.313", "-0.269")
    assert f"{dw1:.3f}" == "-0.538"
    w1n, w2n = w1 - lr * dw1, w2 - lr * dw2
    assert (f"{w1n:.3f}", f"{w2n:.3f}") == ("0.554", "1.027")
    y2 = sigmoid(w2n * max(0.0, w1n * x))
    assert (f"{y2:.3f}", f"{-math.log(y2):.3f}") == ("0.757", "0.278")
    for n in ("0.731", "0.313", "-0.269", "-0.538", "0.554", "1.027", "0.757", "0.278"):
        assert n in text


def test_vanishing_exploding_products():
    text = answer_words("vanishing-exploding-gradients")
    assert f"{0.25**10:.1e}" == "9.5e-07"
    assert f"{0.9**100:.1e}" == "2.7e-05"
    assert f"{1.5**50:.1e}" == "6.4e+08"
    for n in ("9.5 \\times 10^{-7}", "2.7 \\times 10^{-5}", "6.4 \\times 10^{8}"):
        assert n in text


def test_batchnorm_example():
    text = answer_words("batch-normalization")
    x = np.array([2.0, 4.0, 6.0, 8.0])
    assert x.mean() == 5 and x.var() == 5
    xhat = (x - x.mean()) / np.sqrt(x.var())
    y = 2 * xhat + 1
    assert [f"{v:.3f}" for v in xhat] == ["-1.342", "-0.447", "0.447", "1.342"]
    assert [f"{v:.3f}" for v in y] == ["-1.683", "0.106", "1.894", "3.683"]
    assert "(-1.342, -0.447, 0.447, 1.342)" in text
    assert "(-1.683, 0.106, 1.894, 3.683)" in text
    # PyTorch running statistics: momentum 0.1, unbiased variance, from (mean 0, var 1)
    unbiased = x.var(ddof=1)
    assert f"{unbiased:.2f}" == "6.67" and math.isclose(unbiased, 20 / 3)
    assert f"{0.9 * 1 + 0.1 * unbiased:.2f}" == "1.57"
    assert 0.1 * x.mean() == 0.5
    assert f"{0.9**30:.2f}" == "0.04" and "0.9^{30} \\approx 0.04" in text
    for n in ("20/3 = 6.67", "0.9 \\cdot 1 + 0.1 \\cdot 6.67 = 1.57", "0.1 \\cdot 5 = 0.5"):
        assert n in text


def test_residual_plain_product():
    text = answer_words("residual-connections")
    assert f"{0.7**50:.1e}" == "1.8e-08"
    assert "1.8 \\times 10^{-8}" in text


def test_gradient_clipping_example():
    text = answer_words("gradient-clipping")
    g = np.array([3.0, 4.0])
    norm = np.linalg.norm(g)
    assert norm == 5
    clipped = g * min(1.0, 1.0 / norm)
    assert np.allclose(clipped, [0.6, 0.8])
    assert round(math.degrees(math.atan2(4, 3))) == 53
    assert "(0.6, 0.8)" in text and "53" in text


def test_lstm_gru_sizes_and_decay():
    text = answer_words("lstm-and-gru")
    d, h = 100, 128
    lstm = 4 * (h * (h + d) + h)
    gru = 3 * (h * (h + d) + h)
    assert (lstm, gru) == (117_248, 87_936)
    assert round(1 - gru / lstm, 2) == 0.25
    assert (4 * (h * (h + d) + 2 * h), 3 * (h * (h + d) + 2 * h)) == (117_760, 88_320)
    assert f"{0.99**100:.2f}" == "0.37"
    for n in ("117{,}248", "87{,}936", "117,760", "88,320", "0.37"):
        assert n in text


def test_initialization_numbers():
    text = answer_words("weight-initialization-xavier-he")
    assert f"{2 / 768:.4f}" == "0.0026"
    assert f"{math.sqrt(2 / 768):.3f}" == "0.051"
    assert f"{math.sqrt(6 / 768):.3f}" == "0.088"
    assert math.sqrt(2 / 512) == 0.0625
    factor = 512 * 0.01**2
    assert round(factor, 4) == 0.0512
    assert f"{factor**10:.1e}" == "1.2e-13"
    assert 512 * (2 / 512) * 0.5 == 1
    for n in ("0.0026", "0.051", "0.088", "0.0625", "0.0512", "1.2 \\times 10^{-13}"):
        assert n in text
    # conv fan-in k_h * k_w * c_in
    assert 3 * 3 * 64 == 576 and "576" in text
    # PyTorch default: kaiming_uniform_ with a = sqrt(5) gives U(-1/sqrt(n), 1/sqrt(n))
    n_in = 512
    gain = math.sqrt(2 / (1 + 5))
    bound = gain * math.sqrt(3 / n_in)
    assert math.isclose(bound, 1 / math.sqrt(n_in))
    sd = bound / math.sqrt(3)
    assert math.isclose(sd**2, 1 / (3 * n_in))
    assert f"{sd:.4f}" == "0.0255" and round(sd / math.sqrt(2 / n_in), 2) == 0.41
    assert math.isclose(n_in * sd**2 * 0.5, 1 / 6)
    for n in ("1/\\sqrt{1536} = 0.0255", "about 0.41 of He", "\\tfrac16", "a = \\sqrt 5"):
        assert n in text


def test_relu_halves_second_moment_not_variance():
    text = answer_words("weight-initialization-xavier-he")
    sigma = 1.7
    formula = sigma**2 * (0.5 - 1 / (2 * math.pi))
    assert round(formula / sigma**2, 2) == 0.34
    # exact moments of ReLU(z), z ~ N(0, sigma^2), by quadrature
    z = np.linspace(0, 12 * sigma, 400_001)
    pdf = np.exp(-(z**2) / (2 * sigma**2)) / (sigma * math.sqrt(2 * math.pi))
    dz = z[1] - z[0]
    m1 = float(np.sum(z * pdf) * dz)
    m2 = float(np.sum(z**2 * pdf) * dz)
    assert math.isclose(m2, sigma**2 / 2, rel_tol=1e-4)
    assert math.isclose(m2 - m1**2, formula, rel_tol=1e-4)
    # and by simulation
    rng = np.random.default_rng(0)
    r = np.maximum(rng.normal(0, sigma, 1_000_000), 0)
    assert abs(r.var() / sigma**2 - 0.3408) < 0.003
    assert abs((r**2).mean() / sigma**2 - 0.5) < 0.003
    assert "\\approx 0.34\\,\\sigma^2" in text and "halves the second moment" in text
    assert "halving the variance" not in text


def test_cnn_vs_dense_parameters():
    text = answer_words("convolutional-neural-networks")
    assert 224 * 224 * 3 == 150_528
    assert 224 * 224 * 3 * 1000 == 150_528_000
    assert 3 * 3 * 3 * 64 + 64 == 1_792
    assert 3 * 9 == 27
    for n in ("150{,}528", "150,528,000", "1{,}792", "27C^2", "49C^2"):
        assert n in text


def conv_out(w, k, p, s):
    return (w - k + 2 * p) // s + 1


def test_conv_output_sizes_and_parameters():
    text = answer_words("conv-output-size-and-parameters")
    assert conv_out(224, 7, 3, 2) == 112
    assert conv_out(112, 3, 1, 2) == 56
    assert conv_out(56, 3, 1, 1) == 56
    assert 7 * 7 * 3 * 64 + 64 == 9_472
    assert 7 * 7 * 3 * 64 == 9_408
    assert 3 * 3 * 64 * 128 + 128 == 73_856
    assert 56 * 56 * 128 == 401_408
    macs = 56 * 56 * 3 * 3 * 64 * 128
    assert macs == 231_211_008
    assert round(macs / 1e9, 2) == 0.23
    # dilation d: effective kernel d(K-1)+1
    assert 2 * (3 - 1) + 1 == 5 and "a 3x3 kernel with $d = 2$ spans 5" in text
    separable = 3 * 3 * 64 + 64 * 128
    assert separable == 8_768
    assert round(73_728 / separable, 1) == 8.4
    for n in (
        "112",
        "56",
        "9{,}472",
        "9,408",
        "73{,}856",
        "401{,}408",
        "231{,}211{,}008",
        "8{,}768",
        "73{,}728",
        "8.4",
    ):
        assert n in text


def test_rnn_example():
    text = answer_words("recurrent-neural-networks")
    h, hs = 0.0, []
    for x in (1, 0, 0):
        h = math.tanh(0.5 * h + x)
        hs.append(h)
    assert [f"{v:.3f}" for v in hs] == ["0.762", "0.363", "0.180"]
    assert 100 * 100 + 100 * 50 + 100 == 15_100
    for n in ("0.762", "0.363", "0.180", "15{,}100"):
        assert n in text


def test_attention_example():
    text = answer_words("attention-mechanism")
    q = np.array([1.0, 0.0])
    keys = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    scores = keys @ q / math.sqrt(2)
    w = np.exp(scores) / np.exp(scores).sum()
    assert [f"{v:.3f}" for v in scores] == ["0.707", "0.000", "0.707"]
    assert [f"{v:.3f}" for v in w] == ["0.401", "0.198", "0.401"]
    assert f"{w @ np.array([10.0, 0.0, 20.0]):.2f}" == "12.03"
    assert round(4096**2 / 1e6, 1) == 16.8
    for n in ("(0.401, 0.198, 0.401)", "12.03", "16.8 million"):
        assert n in text


def test_transformer_layer_parameters():
    text = answer_words("transformer-architecture")
    d, ff = 512, 2048
    attn = 4 * d * d + 4 * d
    ffn = d * ff + ff + ff * d + d
    norms = 2 * 2 * d
    assert (attn, ffn, norms) == (1_050_624, 2_099_712, 2_048)
    assert attn + ffn + norms == 3_152_384
    assert 12 * d * d == 3_145_728
    for n in ("1{,}050{,}624", "2{,}099{,}712", "2{,}048", "3,152,384", "3{,}145{,}728"):
        assert n in text
    # 6ND training compute and the KV cache of a Llama-2-7B-shaped decoder
    flops = 6 * 7e9 * 2e12
    assert math.isclose(flops, 8.4e22)
    per_token = 2 * 32 * 4096 * 2
    assert per_token == 524_288 and per_token / 2**20 == 0.5
    assert per_token * 4096 / 2**30 == 2
    assert 32 // 8 == 4
    for n in ("8.4 \\times 10^{22}", "524{,}288", "0.5 MiB per token", "holds 2 GiB", "cuts it four times"):
        assert n in text


def test_transfer_learning_head():
    text = answer_words("transfer-learning-fine-tuning")
    assert 2048 * 1000 + 1000 == 2_049_000
    assert 2048 * 5 + 5 == 10_245
    assert round(100 * 10_245 / 25.6e6, 2) == 0.04
    for n in ("2{,}049{,}000", "10{,}245", "0.04%"):
        assert n in text


def test_vae_kl_example():
    text = answer_words("autoencoders-and-vaes")
    mu, sigma = 0.5, 0.8
    kl = 0.5 * (mu**2 + sigma**2 - 1 - math.log(sigma**2))
    assert f"{-math.log(0.64):.3f}" == "0.446"
    assert f"{kl:.3f}" == "0.168"
    assert "0.168" in text and "0.446" in text


def test_gnn_mean_aggregation():
    text = answer_words("graph-neural-networks")
    adj = {0: [1], 1: [0, 2], 2: [1]}
    x = [1.0, 2.0, 3.0]
    layers = []
    for _ in range(2):
        x = [(x[v] + sum(x[u] for u in adj[v])) / (1 + len(adj[v])) for v in range(3)]
        layers.append(x)
    assert layers[0] == [1.5, 2.0, 2.5]
    assert layers[1] == [1.75, 2.0, 2.25]
    assert 10 + 10**2 + 10**3 == 1_110
    assert 25 + 25 * 10 == 275
    for n in ("1.5", "2.5", "1.75, 2, 2.25", "1{,}110", "25 + 25 \\cdot 10 = 275"):
        assert n in text


def wl_colours(adj, rounds):
    """1-WL colour refinement; returns the sorted colour histogram after each round."""
    colours = {v: 0 for v in adj}
    history = []
    for _ in range(rounds):
        sigs = {v: (colours[v], tuple(sorted(colours[u] for u in adj[v]))) for v in adj}
        palette = {sig: i for i, sig in enumerate(sorted(set(sigs.values())))}
        colours = {v: palette[sigs[v]] for v in adj}
        history.append(sorted(colours.values()))
    return history


def test_gnn_1wl_pair_and_aggregators():
    text = answer_words("graph-neural-networks")
    two_triangles = {0: [1, 2], 1: [0, 2], 2: [0, 1], 3: [4, 5], 4: [3, 5], 5: [3, 4]}
    hexagon = {v: [(v - 1) % 6, (v + 1) % 6] for v in range(6)}
    assert wl_colours(two_triangles, 4) == wl_colours(hexagon, 4)
    assert "Two disjoint triangles and one 6-cycle" in text
    # any sum-aggregating layer gives both graphs the same pooled output
    rng = np.random.default_rng(0)
    w_self, w_nbr = rng.normal(size=(4, 4)), rng.normal(size=(4, 4))

    def pooled(adj):
        h = np.ones((6, 4))
        for _ in range(3):
            agg = np.array([h[adj[v]].sum(axis=0) for v in range(6)])
            h = np.tanh(h @ w_self + agg @ w_nbr)
        return h.sum(axis=0)

    assert np.allclose(pooled(two_triangles), pooled(hexagon))
    # a triangle count tells them apart, so the GNN misses a real difference
    assert sum(len(set(two_triangles[v]) & set(two_triangles[u])) for v in two_triangles for u in two_triangles[v]) > 0
    assert sum(len(set(hexagon[v]) & set(hexagon[u])) for v in hexagon for u in hexagon[v]) == 0
    onehot = {"A": np.array([1.0, 0.0]), "B": np.array([0.0, 1.0])}
    rows = {
        "{A, B}": ("(1, 1)", "(0.5, 0.5)", "(1, 1)"),
        "{A, A, B, B}": ("(2, 2)", "(0.5, 0.5)", "(1, 1)"),
        "{A, A, B}": ("(2, 1)", "(0.67, 0.33)", "(1, 1)"),
    }

    def fmt(v):
        return "(" + ", ".join(f"{x:.2f}".rstrip("0").rstrip(".") for x in v) + ")"

    for multiset, (s, m, x) in rows.items():
        vecs = np.array([onehot[t] for t in multiset.strip("{}").split(", ")])
        assert (fmt(vecs.sum(0)), fmt(vecs.mean(0)), fmt(vecs.max(0))) == (s, m, x)
        assert f"| {multiset} | {s} | {m} | {x} |" in text
    # heterophily: fraud node +1 with three legitimate neighbours at -1
    assert (1 + 3 * -1) / 4 == -0.5
    assert "$(1 - 3)/4 = -0.5$" in text and "$(1, -1)$" in text


def test_gan_gradient_ratio():
    text = answer_words("gans-overview")
    s = 0.01
    saturating = -s
    non_saturating = 1 - s
    assert round(non_saturating / -saturating) == 99
    assert "-0.01" in text and "0.99" in text and "99 times" in text
    assert "-\\log 4" in text


def test_diffusion_schedule_numbers():
    text = answer_words("diffusion-models-overview")
    betas = np.linspace(1e-4, 0.02, 1000)
    alpha_bar = np.cumprod(1 - betas)
    assert f"{alpha_bar[499]:.3f}" == "0.079"
    assert f"{math.sqrt(alpha_bar[499]):.2f}" == "0.28"
    assert f"{alpha_bar[-1]:.1e}" == "4.0e-05"
    assert f"{math.sqrt(alpha_bar[-1]):.3f}" == "0.006"
    assert 512 * 512 * 3 == 786_432 and 64 * 64 * 4 == 16_384
    assert 786_432 // 16_384 == 48
    for n in ("0.079", "0.28", "4.0 \\times 10^{-5}", "0.006", "786,432", "16,384", "48 times"):
        assert n in text


def test_gelu_silu_minima_and_swiglu_width():
    from scipy.special import erf

    text = answer_words("activation-functions-compared")
    z = np.linspace(-5, 0, 500_001)
    gelu = z * 0.5 * (1 + erf(z / math.sqrt(2)))
    silu = z / (1 + np.exp(-z))
    assert round(float(gelu.min()), 2) == -0.17
    assert round(float(silu.min()), 2) == -0.28
    assert "≈ [-0.17, ∞)" in text and "≈ [-0.28, ∞)" in text
    # a SwiGLU FFN with three d x (8/3 d) matrices matches two d x 4d matrices
    d = 4096
    assert 3 * d * (8 * d / 3) == 2 * d * (4 * d)
    assert "\\tfrac83 d_{\\text{model}}" in answer_words("transformer-architecture")


def test_layernorm_vs_rmsnorm_example():
    text = answer_words("normalization-layers-compared")
    x = np.array([1.0, 2.0, 3.0, 6.0])
    assert x.mean() == 3 and x.var() == 3.5
    assert f"{math.sqrt(x.var()):.3f}" == "1.871"
    ln = (x - x.mean()) / np.sqrt(x.var())
    assert [f"{v:.3f}" for v in ln] == ["-1.069", "-0.535", "0.000", "1.604"]
    ms = float((x**2).mean())
    assert ms == 12.5 and f"{math.sqrt(ms):.3f}" == "3.536"
    rms = x / math.sqrt(ms)
    assert [f"{v:.3f}" for v in rms] == ["0.283", "0.566", "0.849", "1.697"]
    assert math.isclose(float(np.sqrt((rms**2).mean())), 1.0)
    for n in (
        "(4 + 1 + 0 + 9)/4 = 3.5",
        "1.871",
        "(-1.069, -0.535, 0, 1.604)",
        "12.5",
        "3.536",
        "(0.283, 0.566, 0.849, 1.697)",
    ):
        assert n in text


def test_checkpointing_memory_and_compute():
    text = answer_words("gradient-checkpointing-activation-memory")
    blocks, inter, inp = 48, 1.5, 0.1
    assert blocks * inter == 72
    kept = blocks * inp
    assert round(kept, 1) == 4.8 and round(kept + inter, 1) == 6.3
    assert round(72 / 6.3) == 11
    # forward F, backward about 2F: recomputing one forward gives 4F instead of 3F
    assert round(100 * (4 - 3) / 3) == 33
    # segments of k layers: L/k checkpoints + k live layers is smallest near sqrt(L)
    L = 48
    best_k = min(range(1, L + 1), key=lambda k: L / k + k)
    assert abs(best_k - math.sqrt(L)) < 1
    for n in ("48 \\times 1.5 = 72", "48 \\times 0.1 = 4.8", "4.8 + 1.5 = 6.3", "11 times less", "33%"):
        assert n in text


def test_tabular_foundation_models_dated():
    text = answer_words("what-is-deep-learning")
    # TabPFN v2's ceiling is history by late 2026; the answer must date both generations
    assert "TabPFN v2 (Nature, January 2025)" in text and "about 10,000 rows" in text
    assert "TabPFN-3 (May 2026)" in text and "a million rows and 200 features" in text
    assert "vendor numbers" in text


def test_conv_macs_to_flops():
    text = answer_words("conv-output-size-and-parameters")
    macs = 56 * 56 * 3 * 3 * 64 * 128
    assert round(2 * macs / 1e9, 2) == 0.46
    assert "0.46 GFLOPs" in text


def test_six_nd_conditions_attention_and_moe():
    text = answer_words("transformer-architecture")
    d, n_ctx, n_layer = 4096, 4096, 32
    # Kaplan et al.: forward FLOPs per token 2N + 2 n_layer n_ctx d; with N = 12 n_layer d^2
    weights = 2 * 12 * n_layer * d**2
    attention = 2 * n_layer * n_ctx * d
    assert math.isclose(attention / weights, n_ctx / (12 * d))
    assert round(100 * attention / weights) == 8
    assert 12 * d == 49_152  # context length at which attention FLOPs equal the weight FLOPs
    for n in ("n_{\\text{ctx}}/(12\\,d_{\\text{model}})", "about 8%", "49,152 tokens"):
        assert n in text
    # MoE: 6ND with the active parameter count (DeepSeek-V3: 671B total, 37B active, 14.8T tokens)
    active = 6 * 37e9 * 14.8e12
    assert f"{active:.1e}" == "3.3e+24"
    assert round(671 / 37) == 18
    for n in ("671B", "37B per token", "14.8 trillion", "3.3 \\times 10^{24}", "18 times more"):
        assert n in text


def test_stable_diffusion_terminal_snr():
    text = answer_words("diffusion-models-overview")
    betas = np.linspace(math.sqrt(0.00085), math.sqrt(0.012), 1000) ** 2
    alpha_bar = np.cumprod(1 - betas)
    assert f"{alpha_bar[-1]:.4f}" == "0.0047"
    assert f"{math.sqrt(alpha_bar[-1]):.3f}" == "0.068"
    for n in ("\\sqrt{0.00085}", "\\sqrt{0.012}", "\\bar\\alpha_{1000} \\approx 0.0047", "signal coefficient of 0.068"):
        assert n in text
