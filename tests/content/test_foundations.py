"""Recompute the numbers stated in content/foundations.yaml."""

import math

import numpy as np

from tests.bank import answer_words


def test_spam_holdout_accuracy():
    text = answer_words("what-is-machine-learning")
    assert 9_600 / 10_000 == 0.96
    assert "9,600" in text and "10,000" in text and "96%" in text


def test_simclr_negatives_per_anchor():
    text = answer_words("self-supervised-learning")
    n = 256
    assert 2 * n == 512 and 2 * n - 2 == 510
    assert "2N = 512" in text and "2N - 2 = 510" in text


def test_classification_examples():
    text = answer_words("classification-vs-regression")
    assert round(-math.log(0.8), 3) == 0.223
    assert "-\\ln 0.8 = 0.223" in text
    mae = np.mean(np.abs(np.array([300, 250]) - np.array([310, 240])))
    assert mae == 10
    assert "MAE is 10k" in text


def test_test_set_standard_error():
    text = answer_words("train-validation-test-split")
    se_small = math.sqrt(0.9 * 0.1 / 1000)
    se_large = math.sqrt(0.9 * 0.1 / 100_000)
    assert round(se_small, 4) == 0.0095
    assert round(100 * 1.96 * se_small, 1) == 1.9
    assert round(100 * 1.96 * se_large, 2) == 0.19
    assert "= 0.0095" in text
    assert "\\pm 1.9" in text and "\\pm 0.19" in text


def test_bias_variance_table_and_bagging():
    text = answer_words("bias-variance-tradeoff")
    noise = 1
    rows = {"linear": (9, 0.5), "depth-6 tree": (2, 1.5), "unpruned tree": (0.5, 6)}
    totals = {name: b + v + noise for name, (b, v) in rows.items()}
    assert totals == {"linear": 10.5, "depth-6 tree": 4.5, "unpruned tree": 7.5}
    assert min(totals, key=totals.get) == "depth-6 tree"
    for name, (b, v) in rows.items():
        assert f"| {name} | {b} | {v} | {totals[name]} |" in text
    rho, var, b = 0.3, 1.0, 100
    assert round(rho * var + (1 - rho) / b * var, 3) == 0.307
    assert "0.307" in text


def test_shrinkage_estimator_mse():
    text = answer_words("bias-variance-decomposition")
    mu, sigma2, n = 1.0, 4.0, 10

    def mse(c):
        return (c - 1) ** 2 * mu**2 + c**2 * sigma2 / n

    assert round(mse(1.0), 3) == 0.4
    assert round((0.8 - 1) ** 2 * mu**2, 3) == 0.04
    assert round(0.8**2 * sigma2 / n, 3) == 0.256
    assert round(mse(0.8), 3) == 0.296
    c_best = mu**2 / (mu**2 + sigma2 / n)
    assert round(c_best, 3) == 0.714
    assert round(mse(c_best), 3) == 0.286
    # the closed-form optimum really is the minimum
    grid = np.linspace(0, 1.5, 15001)
    assert abs(grid[np.argmin(mse(grid))] - c_best) < 1e-3
    for s in ("0 + 0.4 = 0.4", "0.04 + 0.256 = 0.296", "= 0.714", "MSE 0.286"):
        assert s in text


def test_learning_curve_gap():
    text = answer_words("learning-curves-diagnosis")
    assert 18 - 2 == 16 and 10 - 5 == 5
    assert "gap fell from 16 to 5 points" in text


def test_parameter_counts_and_runs():
    text = answer_words("parameters-vs-hyperparameters")
    assert 20 + 1 == 21
    assert 784 * 128 + 128 == 100_480
    assert 4 * 3 * 5 == 60
    assert "21 parameters" in text
    assert "100{,}480" in text
    assert "= 60$ training runs" in text


def test_knn_memory_and_query_cost():
    text = answer_words("parametric-vs-non-parametric-models")
    n, d, bytes_per_float = 1_000_000, 50, 4
    assert n * d * bytes_per_float == 200_000_000  # 200 MB
    assert n * d == 50_000_000
    assert "= 200$ MB" in text
    assert "50 million multiply-adds" in text
    assert "stores 51 numbers" in text


def test_naive_bayes_posterior():
    text = answer_words("generative-vs-discriminative-models")
    prior, like_spam, like_ham = 0.2, 0.05, 0.01
    num = prior * like_spam
    den = num + (1 - prior) * like_ham
    assert round(num, 3) == 0.010 and round(den, 3) == 0.018
    assert round(num / den, 3) == 0.556
    assert "\\frac{0.010}{0.018} = 0.556" in text


def test_epoch_arithmetic():
    text = answer_words("epochs-batches-iterations")
    n, b = 50_000, 128
    assert n / b == 390.625
    assert math.ceil(n / b) == 391
    assert n - (n // b) * b == 80
    assert 10 * math.ceil(n / b) == 3_910
    assert 4 * 32 == 128
    for s in ("390.625", "391 iterations", "= 80", "3{,}910"):
        assert s in text


def test_eta_mae():
    text = answer_words("everyday-ml-applications")
    pred = np.array([20, 25, 32])
    true = np.array([22, 25, 30])
    assert round(float(np.mean(np.abs(pred - true))), 2) == 1.33
    assert "4/3 = 1.33" in text


def test_no_free_lunch_enumeration():
    import itertools

    text = answer_words("inductive-bias-and-no-free-lunch")
    inputs = list(itertools.product([0, 1], repeat=3))
    targets = list(itertools.product([0, 1], repeat=len(inputs)))
    assert len(inputs) == 8 and len(targets) == 256
    seen = range(5)
    observed = targets[137]  # any fixed target supplies the 5 observed labels
    consistent = [t for t in targets if all(t[i] == observed[i] for i in seen)]
    assert len(consistent) == 8
    # every rule for the 3 unseen inputs scores exactly 50% on average over the consistent targets
    for guess in itertools.product([0, 1], repeat=3):
        acc = np.mean([np.mean([g == t[5 + j] for j, g in enumerate(guess)]) for t in consistent])
        assert acc == 0.5
    for s in ("2^3 = 8", "2^8 = 256", "exactly 50%"):
        assert s in text


def test_error_analysis_ceilings():
    text = answer_words("data-centric-vs-model-centric")
    err, n = 12, 200
    counts = {"labels": 90, "glare": 60, "model": 50}
    assert sum(counts.values()) == n
    assert counts["labels"] / n == 0.45 and counts["glare"] / n == 0.30 and counts["model"] / n == 0.25
    assert round(0.45 * err, 1) == 5.4 and round(0.30 * err, 1) == 3.6 and round(0.25 * err, 1) == 3.0
    for s in (
        "90 (45%)",
        "60 (30%)",
        "50 (25%)",
        "0.45 \\times 12 = 5.4",
        "0.30 \\times 12 = 3.6",
        "0.25 \\times 12 = 3",
    ):
        assert s in text


def test_finite_class_bound():
    text = answer_words("empirical-risk-minimization-and-bounds")
    delta = 0.05
    log_h = 20 * math.log(2)
    assert round(log_h, 2) == 13.86 and round(math.log(2 / delta), 2) == 3.69
    assert round(log_h + math.log(2 / delta), 2) == 17.55

    def gap(n, log_size):
        return math.sqrt((log_size + math.log(2 / delta)) / (2 * n))

    assert round(gap(10_000, log_h), 3) == 0.030
    assert round(100 * (0.08 + gap(10_000, log_h))) == 11
    assert round(gap(1_000, log_h), 3) == 0.094
    assert round(gap(10_000, 0.0), 3) == 0.014
    for s in ("2^{20}", "= 13.86", "\\ln 40 = 3.69", "17.55 / 20{,}000} = 0.030", "below 11%", "to 0.094", "= 0.014"):
        assert s in text
