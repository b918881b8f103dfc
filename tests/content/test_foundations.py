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
    # grid search refits the winner once; nesting it in 5 outer folds repeats everything
    assert 5 * (4 * 3 * 5 + 1) == 305
    assert "plus 1 refit" in text and "$5 \\times 61 = 305$" in text
    assert "maximum of 12 noisy scores" in text


def test_successive_halving_budget():
    text = answer_words("parameters-vs-hyperparameters")
    eta, n, max_epochs = 3, 27, 27
    rungs = []
    configs, epochs = n, 1
    while configs >= 1 and epochs <= max_epochs:
        rungs.append((configs, epochs))
        configs, epochs = configs // eta, epochs * eta
    assert rungs == [(27, 1), (9, 3), (3, 9), (1, 27)]
    assert [c * e for c, e in rungs] == [27, 27, 27, 27]
    assert sum(c * e for c, e in rungs) == 108 and n * max_epochs == 729
    assert "$27 + 27 + 27 + 27 = 108$" in text and "$27 \\times 27 = 729$" in text
    # resuming each promoted run from its checkpoint pays only the extra epochs of each rung
    resumed = sum(c * (e - prev) for (c, e), prev in zip(rungs, [0] + [e for _, e in rungs[:-1]]))
    assert resumed == 27 + 9 * 2 + 3 * 6 + 1 * 18 == 81
    assert "$27 + 9 \\times 2 + 3 \\times 6 + 1 \\times 18 = 81$" in text


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


def test_trivial_baseline_and_label_delay_numbers():
    text = answer_words("what-is-machine-learning")
    legit_share = 0.70
    assert legit_share == 0.70 and "already scores 70%" in text
    online = answer_words("online-vs-batch-learning")
    assert round(50_000_000 / 86_400, -1) == 580
    assert "50 million events a day, about 580 a second" in online


def test_infonce_candidates_and_ceiling():
    text = answer_words("self-supervised-learning")
    n = 256
    k = 2 * n - 1  # the positive plus the 510 negatives in the softmax denominator
    assert k == 511
    assert round(math.log(k), 2) == 6.24
    assert "$K = 2N - 1 = 511$" in text and "$\\ln 511 = 6.24$ nats" in text


def test_test_set_size_for_half_point_interval():
    text = answer_words("train-validation-test-split")
    n = 1.96**2 * 0.9 * 0.1 / 0.005**2
    assert 13_700 < n < 13_900
    assert round(n, -2) == 13_800
    assert "1.96^2 \\times 0.09 / 0.005^2 \\approx 13{,}800" in text


def test_learning_curve_power_law_extrapolation():
    text = answer_words("learning-curves-diagnosis")
    rows = np.array([1_000, 5_000, 20_000])
    val = np.array([18.0, 13.0, 10.0])
    slope, intercept = np.polyfit(np.log(rows), np.log(val), 1)
    assert round(slope, 2) == -0.20
    at_80k = math.exp(intercept + slope * math.log(80_000))
    assert round(at_80k, 1) == 7.6
    rows_for_5 = math.exp((math.log(5) - intercept) / slope)
    assert 650_000 < rows_for_5 < 690_000
    for s in ("slope of about $-0.20$", "about 7.6% at 80,000 rows", "roughly 670,000 rows to reach 5%"):
        assert s in text


def _weak_feature_risk(p, n=100, total=1_000, signal=1.0, noise=0.25):
    """Expected test MSE of least squares (min-norm past n) on the first p of `total` Gaussian features."""
    used = signal * p / total
    rest = signal - used
    if p <= n - 2:
        return (rest + noise) * (1 + p / (n - p - 1))
    if p >= n + 2:
        return used * (1 - n / p) + (rest + noise) * (1 + n / (p - n - 1))
    return math.inf


def test_double_descent_exact_risk_curve():
    text = answer_words("double-descent")
    stated = {10: 1.38, 90: 12.76, 110: 13.82, 1_000: 1.18}
    for p, value in stated.items():
        assert round(_weak_feature_risk(p), 2) == value
    assert _weak_feature_risk(0) == 1.25
    # every under-parameterised model is worse than the interpolating one with all features
    assert min(_weak_feature_risk(p) for p in range(0, 99)) == 1.25 > _weak_feature_risk(1_000)
    for s in ("1.38 at $p = 10$", "12.76 at $p = 90$", "13.82 at $p = 110$", "1.18 at $p = 1{,}000$", "(error 1.25)"):
        assert s in text


def test_double_descent_formula_matches_simulation():
    # the closed form is checked by Monte Carlo on a smaller copy of the setup (n = 40, 400 features)
    # to keep the test fast; the formula itself does not depend on the sizes
    from threadpoolctl import threadpool_limits  # tiny matrices: BLAS threads only contend

    rng = np.random.default_rng(0)
    n, total, noise_sd = 40, 400, 0.5
    beta = np.full(total, 1 / math.sqrt(total))
    with threadpool_limits(limits=1):
        for p in (16, 400):
            risks = []
            for _ in range(200):
                x = rng.standard_normal((n, p))
                rest = rng.standard_normal(n) * math.sqrt(np.sum(beta[p:] ** 2))  # the unused features' signal
                y = x @ beta[:p] + rest + noise_sd * rng.standard_normal(n)
                b = np.linalg.lstsq(x, y, rcond=None)[0]  # minimum-norm solution when p > n
                risks.append(np.sum((b - beta[:p]) ** 2) + np.sum(beta[p:] ** 2) + noise_sd**2)
            assert abs(np.mean(risks) / _weak_feature_risk(p, n=n, total=total) - 1) < 0.08


def test_shrinkage_always_helps_a_little():
    text = answer_words("bias-variance-decomposition")
    sigma2, n = 4.0, 10
    for mu in (0.1, 1.0, 10.0):

        def mse(c, mu=mu):
            return (c - 1) ** 2 * mu**2 + c**2 * sigma2 / n

        eps = 1e-6
        slope_at_one = (mse(1 + eps) - mse(1 - eps)) / (2 * eps)
        assert math.isclose(slope_at_one, 2 * sigma2 / n, rel_tol=1e-6)
        c_best = mu**2 / (mu**2 + sigma2 / n)
        assert c_best < 1 and mse(c_best) < mse(1.0)
    assert "$2\\sigma^2/n > 0$" in text


def test_error_share_interval():
    text = answer_words("data-centric-vs-model-centric")
    half = 1.96 * math.sqrt(0.45 * 0.55 / 200)
    assert round(half, 3) == 0.069
    glare_half = 1.96 * math.sqrt(0.30 * 0.70 / 200)
    assert 0.45 - half > 0.30 + glare_half  # the ranking of the two ceilings survives the noise
    assert "$1.96\\sqrt{0.45 \\times 0.55 / 200} = 0.069$" in text and "$\\pm 7$ points" in text


def test_binomial_interval_vs_hoeffding():
    text = answer_words("empirical-risk-minimization-and-bounds")
    se = math.sqrt(0.08 * 0.92 / 10_000)
    assert round(se, 4) == 0.0027 and round(1.96 * se, 4) == 0.0053
    assert round(math.sqrt(math.log(40) / 20_000), 3) == 0.014
    assert "= 0.0027$" in text and "half-width of 0.0053" in text


def test_shorts_answer_both_halves_within_limit():
    from tests.bank import question

    for qid in (
        "parametric-vs-non-parametric-models",
        "online-vs-batch-learning",
        "empirical-risk-minimization-and-bounds",
    ):
        assert len(question(qid)["short"]) <= 200, qid
    assert "little data" in question("parametric-vs-non-parametric-models")["short"]
    assert "held-out error" in question("empirical-risk-minimization-and-bounds")["short"]
    assert "drift" in question("online-vs-batch-learning")["short"]
