"""Recompute the numbers quoted in the optimization-and-training answers."""

import ast
import math
import textwrap

import numpy as np
from scipy.stats import norm

from tests.bank import answer_words


def test_cost_example():
    text = answer_words("loss-vs-cost-function")
    y = np.array([3, 5, 2])
    y_hat = np.array([2.5, 5, 4])
    losses = (y - y_hat) ** 2
    assert list(losses) == [0.25, 0, 4]
    cost = losses.mean()
    assert round(cost, 3) == 1.417
    assert round(cost + 0.1 * (1 + 4), 3) == 1.917
    assert "1.417" in text and "1.917" in text


def test_cross_entropy_bits_bound_on_misclassified():
    text = answer_words("loss-vs-cost-function")
    # an argmax error gives the true class at most 1/2, so it costs at least 1 bit
    rng = np.random.default_rng(0)
    for k in (2, 3, 10):
        probs = rng.dirichlet(np.ones(k), size=2000)
        wrong = probs.argmax(axis=1) != 0  # class 0 is the true class
        assert wrong.any()
        assert (-np.log2(probs[wrong, 0]) >= 1 - 1e-12).all()
    assert -math.log2(0.5) == 1
    # with a 0.3 threshold a negative scored 0.35 is misclassified yet costs under 1 bit
    assert 0.35 >= 0.3 and -math.log2(1 - 0.35) < 1
    assert "-\\log_2 0.5 = 1" in text and "another threshold" in text


def test_cross_entropy_vs_mse_gradient():
    text = answer_words("mse-vs-cross-entropy-loss")
    p, y = 0.01, 1
    assert round(-math.log(p), 3) == 4.605
    assert round(p - y, 2) == -0.99
    assert round((p - y) ** 2, 4) == 0.9801
    mse_grad = 2 * (p - y) * p * (1 - p)
    assert round(mse_grad, 4) == -0.0196
    assert round(abs(p - y) / abs(mse_grad)) == 51  # "about 50 times weaker"
    for s in ("4.605", "-0.99", "0.9801", "-0.0196", "50 times"):
        assert s in text


def test_gradient_descent_steps():
    text = answer_words("gradient-descent")
    w, eta, ws, dists = 0.0, 0.1, [], []
    for _ in range(3):
        w = w - eta * 2 * (w - 3)
        ws.append(round(w, 3))
        dists.append(round(3 - w, 3))
    assert ws == [0.6, 1.08, 1.464]
    assert dists == [2.4, 1.92, 1.536]
    assert round(1 - 2 * 1.1, 1) == -1.2
    for s in ("w_1 = 0 - 0.1 \\times (-6) = 0.6", "= 1.08", "= 1.464", "(3, 2.4, 1.92, 1.536)", "-1.2"):
        assert s in text
    curvature = 2  # second derivative of (w - 3)^2
    assert 2 / curvature == 1 and abs(1 - 1.1 * curvature) > 1 > abs(1 - 0.1 * curvature)
    assert "L = 2" in text and "2/L = 1" in text


def test_standardized_but_correlated_features_stay_ill_conditioned():
    text = answer_words("gradient-descent")
    rng = np.random.default_rng(0)
    n, rho = 200_000, 0.99
    z1, z2 = rng.standard_normal(n), rng.standard_normal(n)
    x = np.column_stack([z1, rho * z1 + math.sqrt(1 - rho**2) * z2])
    x = (x - x.mean(axis=0)) / x.std(axis=0)  # standardized: unit variance each
    hessian = x.T @ x / n  # least-squares Hessian up to a constant factor
    low, high = np.linalg.eigvalsh(hessian)
    assert abs(high - 1.99) < 0.01 and abs(low - 0.01) < 0.002
    exact = np.linalg.eigvalsh(np.array([[1, rho], [rho, 1]]))
    assert np.allclose(exact, [0.01, 1.99]) and round(exact[1] / exact[0]) == 199
    # a ridge penalty lifts both eigenvalues by the same amount and shrinks the ratio
    assert (exact[1] + 0.1) / (exact[0] + 0.1) < exact[1] / exact[0]
    for s in ("correlation 0.99", "$1.99$ and $0.01$", "L/\\mu = 199"):
        assert s in text


def test_minibatch_updates_per_epoch():
    text = answer_words("batch-vs-mini-batch-vs-stochastic-gradient-descent")
    assert 1_000_000 / 256 == 3906.25
    assert math.ceil(1_000_000 / 256) == 3907
    assert math.sqrt(128 / 32) == 2
    assert "3906.25" in text and "3,907" in text


def test_momentum_sequences():
    text = answer_words("momentum-optimizer")
    v, vs = 0.0, []
    for g in (2, 2, 2):
        v = 0.9 * v + g
        vs.append(round(v, 3))
    assert vs == [2, 3.8, 5.42]
    assert [round(0.1 * x, 3) for x in vs] == [0.2, 0.38, 0.542]
    assert round(0.1 * 2 / (1 - 0.9), 3) == 2.0
    v, vs = 0.0, []
    for g in (2, -2, 2, -2):
        v = 0.9 * v + g
        vs.append(round(v, 3))
    assert vs == [2, -0.2, 1.82, -0.362]
    for _ in range(200):
        v = 0.9 * v + 2
        v = 0.9 * v - 2
    assert round(abs(v), 2) == round(2 / 1.9, 2) == 1.05
    for s in ("3.8, 5.42", "0.2, 0.38, 0.542", "2, -0.2, 1.82, -0.362", "1.05"):
        assert s in text
    # the moving-average form takes steps (1 - beta) times as large: a factor of 10 at beta = 0.9
    v_ema = 0.0
    for _ in range(500):
        v_ema = 0.9 * v_ema + 0.1 * 2
    assert round(20 / v_ema) == 10
    kappa = 100
    assert math.sqrt(kappa) == 10 and kappa / math.sqrt(kappa) == 10
    assert "\\kappa = 100" in text and "about 10 times fewer" in text


def test_rmsprop_first_step():
    text = answer_words("rmsprop-optimizer")
    rho = 0.9
    for g in (10, 0.1):
        s = (1 - rho) * g**2
        assert round(g / math.sqrt(s), 3) == 3.162
    assert "3.162" in text
    # PyTorch's default alpha = 0.99: the first step is 10 times eta
    for g in (10, 0.1):
        assert math.isclose(g / math.sqrt((1 - 0.99) * g**2), 10)
    assert "1/\\sqrt{0.01} = 10" in text


def test_rmsprop_epsilon_placement():
    text = answer_words("rmsprop-optimizer")
    # with eps inside the root, a near-zero gradient sees sqrt(eps) in the denominator
    assert f"{math.sqrt(1e-7):.1e}" == "3.2e-04"
    eta, g = 1e-3, 1e-9
    s = (1 - 0.9) * g**2
    keras_step = eta * g / math.sqrt(s + 1e-7)
    torch_step = eta * g / (math.sqrt(s) + 3.16e-4)
    assert abs(keras_step / torch_step - 1) < 0.01
    assert "\\eta/\\sqrt{\\varepsilon}" in text and "3 \\times 10^{-4}" in text


def test_adam_bias_correction():
    text = answer_words("adam-optimizer")
    b1, b2, eta, eps, g = 0.9, 0.999, 1e-3, 1e-8, 0.5
    m = v = 0.0
    steps, raw = [], []
    for t in (1, 2):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        m_hat, v_hat = m / (1 - b1**t), v / (1 - b2**t)
        assert round(m_hat, 6) == 0.5 and round(v_hat, 6) == 0.25
        steps.append(eta * m_hat / (math.sqrt(v_hat) + eps))
        raw.append(eta * m / math.sqrt(v))
        if t == 1:
            assert round(m, 6) == 0.05 and round(v, 8) == 0.00025
        else:
            assert round(m, 6) == 0.095 and round(v, 8) == 0.00049975
    assert round(steps[0], 6) == 0.001
    assert round(raw[0], 5) == 0.00316
    assert round(raw[0] / steps[0], 2) == 3.16
    for s in ("0.00025", "0.00316", "3.16 times", "0.00049975", "0.095"):
        assert s in text


def test_learning_rate_table():
    text = answer_words("choosing-the-learning-rate")
    curvature = 10
    assert 2 / curvature == 0.2
    factors = {eta: round(1 - eta * curvature, 2) for eta in (0.05, 0.1, 0.15, 0.25)}
    assert factors == {0.05: 0.5, 0.1: 0.0, 0.15: -0.5, 0.25: -1.5}
    for s in ("| 0.05 | 0.5 |", "| 0.1 | 0.0 |", "| 0.15 | -0.5 |", "| 0.25 | -1.5 |", "2/L = 0.2"):
        assert s in text


def test_cosine_schedule_values():
    text = answer_words("learning-rate-schedules-warmup-cosine")

    def cosine(t, peak=1e-3, low=0.0, total=10_000):
        return low + 0.5 * (peak - low) * (1 + math.cos(math.pi * t / total))

    assert round(cosine(2500) * 1e4, 2) == 8.54
    assert round(cosine(5000) * 1e4, 2) == 5.0
    assert round(cosine(7500) * 1e4, 2) == 1.46
    assert abs(cosine(10_000)) < 1e-15
    assert 1e-3 * 250 / 1000 == 2.5e-4
    for s in ("8.54\\times10^{-4}", "5\\times10^{-4}", "1.46\\times10^{-4}", "2.5\\times10^{-4}"):
        assert s in text


def test_l1_l2_one_dimensional_solutions():
    text = answer_words("l1-vs-l2-regularization")
    lam = 0.5

    def ridge(a):
        return a / (1 + lam)

    def lasso(a):
        return math.copysign(max(abs(a) - lam, 0.0), a)

    # check the closed forms against a brute-force minimisation
    grid = np.linspace(-3, 3, 600_001)
    for a in (2.0, 0.3):
        ridge_num = grid[np.argmin(0.5 * (grid - a) ** 2 + lam / 2 * grid**2)]
        lasso_num = grid[np.argmin(0.5 * (grid - a) ** 2 + lam * np.abs(grid))]
        assert abs(ridge_num - ridge(a)) < 1e-4
        assert abs(lasso_num - lasso(a)) < 1e-4
    assert round(ridge(2.0), 3) == 1.333 and lasso(2.0) == 1.5
    assert round(ridge(0.3), 3) == 0.2 and lasso(0.3) == 0
    assert "| 2.0 | 1.333 | 1.5 |" in text
    assert "| 0.3 | 0.2 | 0 |" in text


def test_elastic_net_tie_break():
    text = answer_words("elastic-net-regularization")
    assert 2**2 + 0**2 == 4 and 1**2 + 1**2 == 2
    assert abs(2) + abs(0) == abs(1) + abs(1) == 2
    assert "2^2 + 0^2 = 4" in text and "1^2 + 1^2 = 2" in text


def test_map_lambda_values():
    text = answer_words("regularization-as-bayesian-prior")
    sigma2, tau2, b = 1.0, 0.25, 0.5
    assert sigma2 / tau2 == 4
    assert 2 * sigma2 / b == 4
    assert 2 * math.sqrt(tau2) == 1  # two standard deviations
    assert "\\lambda = 1/0.25 = 4" in text
    assert "\\lambda = 2 \\times 1 / 0.5 = 4" in text


def test_map_ridge_matches_closed_form():
    # The ridge closed form is the mode of the Gaussian posterior: check numerically.
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 3))
    y = X @ np.array([1.0, -2.0, 0.5]) + rng.normal(size=50)
    sigma2, tau2 = 1.0, 0.25
    lam = sigma2 / tau2
    w_ridge = np.linalg.solve(X.T @ X + lam * np.eye(3), X.T @ y)
    # gradient of the negative log posterior vanishes at the ridge solution
    grad = -(X.T @ (y - X @ w_ridge)) / sigma2 + w_ridge / tau2
    assert np.allclose(grad, 0, atol=1e-9)


def test_dropout_example():
    text = answer_words("dropout-regularization")
    a = np.array([2, 4, 6, 8])
    mask = np.array([1, 0, 1, 0])
    p = 0.5
    out = mask * a / (1 - p)
    assert list(out) == [4, 0, 12, 0]
    assert out.sum() == 16 and a.sum() == 20
    assert "(4, 0, 12, 0)" in text and "sums to 16" in text and "sums to 20" in text


def test_early_stopping_example():
    text = answer_words("early-stopping")
    losses = [0.92, 0.71, 0.60, 0.55, 0.56, 0.57, 0.58]
    best, best_epoch, wait, stopped = float("inf"), 0, 0, None
    for epoch, loss in enumerate(losses, start=1):
        if loss < best:
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
            if wait == 3:
                stopped = epoch
                break
    assert best_epoch == 4 and stopped == 7
    assert "stops after epoch 7" in text and "epoch-4 weights" in text


def test_early_stopping_matches_ridge_order_of_magnitude():
    text = answer_words("early-stopping")
    eta, t = 0.01, 1000
    alpha = 1 / (eta * t)
    assert math.isclose(alpha, 0.1)
    # fraction of the optimum fitted along each eigendirection: gradient descent vs ridge
    for c in (0.01, 0.1, 1.0, 10.0):
        gd = 1 - (1 - eta * c) ** t
        ridge = c / (c + alpha)
        assert abs(gd - ridge) < 0.25
    assert "\\eta = 0.01$ for 1,000 steps" in text and "penalty of 0.1" in text


def test_random_search_hit_probability():
    text = answer_words("grid-vs-random-search")
    assert round(0.95**60, 3) == 0.046
    assert round(1 - 0.95**60, 3) == 0.954
    assert "0.046" in text and "0.954" in text
    q = 0.05 * 0.05
    assert math.isclose(q, 0.0025)
    assert round(1 - (1 - q) ** 60, 3) == 0.139
    assert math.ceil(math.log(0.05) / math.log(1 - q)) == 1197
    assert 1 - (1 - q) ** 1197 >= 0.95 > 1 - (1 - q) ** 1196
    for s in ("0.05 \\times 0.05 = 0.0025", "0.9975^{60} \\approx 0.139", "1,197 trials"):
        assert s in text


def test_expected_improvement_example():
    text = answer_words("bayesian-optimization-hyperparameters")

    def ei(best, mu, sigma):
        z = (best - mu) / sigma
        return (best - mu) * norm.cdf(z) + sigma * norm.pdf(z)

    a = ei(0.30, 0.32, 0.01)
    b = ei(0.30, 0.35, 0.05)
    assert round(a, 6) == 0.000085
    assert round(b, 4) == 0.0042
    assert round(b / a) == 49
    assert round(norm.cdf(-2), 4) == 0.0228 and round(norm.pdf(-2), 4) == 0.0540
    assert round(norm.cdf(-1), 4) == 0.1587 and round(norm.pdf(-1), 4) == 0.2420
    for s in ("0.000085", "0.0042", "49 times", "0.0228", "0.0540", "0.1587", "0.2420"):
        assert s in text


def test_expected_improvement_underflows_far_from_incumbent():
    text = answer_words("bayesian-optimization-hyperparameters")
    z = -40.0
    assert norm.pdf(z) == 0.0 and norm.cdf(z) == 0.0  # both below the smallest float64
    sigma = 0.05
    assert (z * sigma) * norm.cdf(z) + sigma * norm.pdf(z) == 0.0  # plain EI is exactly zero
    assert math.isfinite(norm.logpdf(z)) and math.isfinite(norm.logcdf(z))  # log space keeps a signal
    assert norm.pdf(-38.0) > 0.0  # the cut-off is near Z = -38.5, so -40 is safely past it
    assert "Z = -40" in text and "LogEI" in text


def test_ray_tune_budget_example():
    text = answer_words("optuna-vs-ray-tune")
    assert 40 * 0.5 == 20 and 40 * 0.5 / 4 == 5
    cost = 12 * 0.5 + 28 * (6 / 60)
    assert round(cost, 1) == 8.8 and round(cost / 4, 1) == 2.2
    assert "= 8.8$ GPU-hours" in text and "2.2 hours" in text and "20 GPU-hours" in text


def test_successive_halving_and_hyperband_budgets():
    text = answer_words("hyperband-asha-successive-halving")
    eta, R = 3, 81
    rungs = [(81 // eta**k, eta**k) for k in range(5)]
    assert rungs == [(81, 1), (27, 3), (9, 9), (3, 27), (1, 81)]
    from_scratch = sum(n * r for n, r in rungs)
    assert from_scratch == 405
    assert R * R == 6561 and round(6561 / 405, 1) == 16.2
    resumed = rungs[0][0] * rungs[0][1] + sum(n * (r - prev_r) for (n, r), (_, prev_r) in zip(rungs[1:], rungs[:-1]))
    assert resumed == 297
    s_max = 4
    brackets = [(math.ceil((s_max + 1) / (s + 1) * eta**s), R // eta**s) for s in range(s_max, -1, -1)]
    assert brackets == [(81, 1), (34, 3), (15, 9), (8, 27), (5, 81)]
    for s in ("= 405", "6561", "16.2", "= 297", "(81, 1), (34, 3), (15, 9), (8, 27), (5, 81)"):
        assert s in text
    costs = []
    for s_bracket, (n, r) in zip(range(s_max, -1, -1), brackets):
        costs.append(sum((n // eta**i) * (r * eta**i) for i in range(s_bracket + 1)))
    assert costs == [405, 363, 351, 378, 405]
    assert sum(costs) == 1902 and sum(n for n, _ in brackets) == 143
    assert "405, 363, 351, 378 and 405 epochs" in text and "1,902 in all, for 143 configurations" in text


def test_mixed_precision_numbers():
    text = answer_words("mixed-precision-training-loss-scaling")
    f16, f32 = np.finfo(np.float16), np.finfo(np.float32)
    assert float(f16.max) == 65504
    assert f"{float(f16.smallest_normal):.1e}" == "6.1e-05"
    assert f"{float(f16.smallest_subnormal):.0e}" == "6e-08"
    assert f"{float(f16.eps):.1e}" == "9.8e-04" and f"{float(f32.eps):.1e}" == "1.2e-07"
    assert f"{float(f32.smallest_normal):.1e}" == "1.2e-38" and f"{float(f32.max):.1e}" == "3.4e+38"
    assert 2.0**-7 == 0.0078125  # bf16: 7 stored mantissa bits
    scale = 2**16
    assert scale == 65_536
    with np.errstate(over="ignore"):
        assert np.float16(1e-8) == 0
        assert f"{float(np.float16(1e-8 * scale)):.3g}" == "0.000655"
        assert np.isinf(np.float16(2 * scale))
    assert float(np.float16(1e-8 * scale)) >= float(f16.smallest_normal)
    assert 2 * scale == 131_072 and scale // 2 == 32_768
    assert np.float16(1) + np.float16(1e-4) == np.float16(1)
    assert np.float32(1) + np.float32(1e-4) != np.float32(1)
    # bf16 spacing at 1 is 2^-7, so 1 + 1e-4 also rounds to 1 there
    assert 1e-4 < 2.0**-7 / 2
    assert 2 + 2 + 4 + 4 + 4 == 16 and 4 + 4 + 8 == 16
    for s in (
        "65,504",
        "6.1 \\times 10^{-5}",
        "9.8 \\times 10^{-4}",
        "7.8 \\times 10^{-3}",
        "6 \\times 10^{-8}",
        "6.55 \\times 10^{-4}",
        "131{,}072",
        "32{,}768",
        "2^{16}",
        "2,000 clean steps",
        "16 bytes per parameter",
        "2 + 2 + 4 + 4 + 4",
        "4 + 4 + 8",
    ):
        assert s in text


def test_label_smoothing_numbers():
    text = answer_words("label-smoothing")
    k, eps = 10, 0.1
    target = np.full(k, eps / k)
    target[0] += 1 - eps
    assert round(target[0], 2) == 0.91 and round(target[1], 2) == 0.01
    assert f"{math.log(91):.2f}" == "4.51"
    floor = float(-(target * np.log(target)).sum())
    assert f"{floor:.3f}" == "0.500"
    confident = np.full(k, 0.01 / 9)
    confident[0] = 0.99
    assert f"{0.01 / 9:.5f}" == "0.00111"
    assert f"{-math.log(0.99):.3f}" == "0.010"
    smoothed = float(-(target * np.log(confident)).sum())
    assert f"{smoothed:.3f}" == "0.621" and smoothed > floor
    # the smoothed loss is minimised by predicting the target itself (Gibbs' inequality)
    rng = np.random.default_rng(0)
    for _ in range(200):
        p = rng.dirichlet(np.ones(k))
        assert -(target * np.log(p)).sum() >= floor - 1e-12
    # decomposition into (1 - eps) hard CE + eps uniform CE
    hard = -math.log(confident[0])
    uniform = float(-np.log(confident).mean())
    assert math.isclose(smoothed, (1 - eps) * hard + eps * uniform)
    for s in ("\\ln 91 = 4.51", "= 0.500$ nats", "0.00111", "0.010", "0.621"):
        assert s in text


def _optuna_snippet() -> str:
    import re

    from tests.bank import answer

    blocks = re.findall(r"```python\n(.*?)```", answer("optuna-vs-ray-tune"), re.S)
    assert len(blocks) == 1
    return textwrap.dedent(blocks[0])


def test_optuna_snippet_is_valid_python_with_pruning():
    code = _optuna_snippet()
    tree = ast.parse(code)
    calls = {
        node.func.attr for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    # the text promises log-scale sampling, intermediate reports and pruning
    assert {"suggest_float", "report", "should_prune", "create_study", "optimize"} <= calls
    assert code.count("log=True") == 2 and "raise optuna.TrialPruned()" in code


def test_optuna_snippet_runs_and_prunes():
    import optuna  # pinned in requirements/test.in for this test

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    namespace: dict = {}
    exec(compile(_optuna_snippet(), "optuna_snippet", "exec"), namespace)
    study = namespace["study"]
    states = [t.state.name for t in study.trials]
    assert len(states) == 50 and "PRUNED" in states and "COMPLETE" in states
    assert 0.9 < study.best_value <= 1.0
