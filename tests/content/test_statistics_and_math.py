"""Recompute the numbers quoted in the statistics-and-math answers."""

import math
from fractions import Fraction

import numpy as np
from scipy import integrate, stats

from tests.bank import answer_words


def test_probability_rules_examples():
    text = answer_words("probability-rules")
    assert Fraction(13, 52) + Fraction(4, 52) - Fraction(1, 52) == Fraction(16, 52)
    assert round(16 / 52, 3) == 0.308
    assert 1 - Fraction(5, 6) ** 4 == Fraction(671, 1296)
    assert 6**4 == 1296 and 5**4 == 625
    assert round(671 / 1296, 3) == 0.518
    assert round(4 / 6, 3) == 0.667
    birthday = 1 - math.prod((365 - k) / 365 for k in range(23))
    assert round(birthday, 3) == 0.507
    for s in ("16/52 \\approx 0.308", "671/1296 \\approx 0.518", "0.667", "0.507"):
        assert s in text
    # pairwise independence without mutual independence: two coins and "they differ"
    outcomes = [(a, b) for a in "HT" for b in "HT"]

    def prob(event):
        return Fraction(sum(event(o) for o in outcomes), len(outcomes))

    first, second, differ = (lambda o: o[0] == "H"), (lambda o: o[1] == "H"), (lambda o: o[0] != o[1])
    for e1, e2 in ((first, second), (first, differ), (second, differ)):
        both = Fraction(sum(e1(o) and e2(o) for o in outcomes), len(outcomes))
        assert both == prob(e1) * prob(e2)
    assert prob(lambda o: first(o) and second(o) and differ(o)) == 0 != Fraction(1, 8)
    assert "$P(A \\cap B \\cap C) = 0$, not $1/8$" in text


def test_conditional_probability_clicks():
    text = answer_words("conditional-probability-and-independence")
    assert 200 / 1000 == 0.20
    assert 90 / 300 == 0.30
    assert round(110 / 700, 3) == 0.157
    assert round(0.30 * 0.3 + (110 / 700) * 0.7, 10) == 0.20
    assert round(0.30 * 0.3, 2) == 0.09 and round((110 / 700) * 0.7, 2) == 0.11
    assert 90 / 200 == 0.45
    # two-children puzzle: BB, BG, GB equally likely once GG is excluded
    outcomes = [(a, b) for a in "BG" for b in "BG"]
    at_least_one_boy = [o for o in outcomes if "B" in o]
    assert Fraction(sum(o == ("B", "B") for o in at_least_one_boy), len(at_least_one_boy)) == Fraction(1, 3)
    for s in ("90/300 = 0.30", "110/700 \\approx 0.157", "0.09 + 0.11 = 0.20", "90/200 = 0.45"):
        assert s in text
    chi2, p_value, _, _ = stats.chi2_contingency([[90, 210], [110, 590]], correction=False)
    assert round(chi2, 1) == 26.8 and 1.5e-7 < p_value < 2.5e-7
    assert "\\chi^2 \\approx 26.8$, $p \\approx 2 \\times 10^{-7}$" in text


def test_distribution_examples():
    text = answer_words("common-probability-distributions")
    assert round(math.exp(-3), 4) == 0.0498
    assert round(1 - math.exp(-3), 3) == 0.950
    assert math.comb(10, 2) == 45
    assert round(0.8**8, 4) == 0.1678
    p2 = stats.binom.pmf(2, 10, 0.2)
    assert round(p2, 3) == 0.302
    assert round(stats.poisson.pmf(0, 3), 4) == 0.0498
    for s in ("e^{-3} \\approx 0.0498", "0.950", "45 \\times 0.04 \\times 0.1678 \\approx 0.302"):
        assert s in text


def test_die_expectation_and_variance():
    text = answer_words("expectation-and-variance")
    faces = [Fraction(k) for k in range(1, 7)]
    mean = sum(faces) / 6
    second = sum(f * f for f in faces) / 6
    var = second - mean**2
    assert mean == Fraction(7, 2) and second == Fraction(91, 6) and var == Fraction(35, 12)
    assert round(float(second), 3) == 15.167 and round(float(var), 3) == 2.917
    assert 2 * mean + 1 == 8 and round(float(4 * var), 3) == 11.667
    for s in ("91/6 \\approx 15.167", "\\approx 2.917", "35/12", "\\approx 11.667"):
        assert s in text


def test_variance_of_averages():
    text = answer_words("covariance-and-variance-of-sums")
    sigma2, n, rho = 4, 25, 0.5
    assert sigma2 / n == 0.16 and math.sqrt(sigma2 / n) == 0.4
    assert rho * sigma2 + (1 - rho) * sigma2 / n == 2.08
    # simulate the correlated average to check the formula itself
    rng = np.random.default_rng(0)
    cov = sigma2 * (rho * np.ones((n, n)) + (1 - rho) * np.eye(n))
    draws = rng.multivariate_normal(np.zeros(n), cov, size=100_000)
    assert abs(draws.mean(axis=1).var() - 2.08) < 0.05
    for s in ("4/25 = 0.16", "standard error 0.4", "2 + 0.08 = 2.08"):
        assert s in text
    # equicorrelation is a valid covariance only for rho >= -1/(n-1)
    for r, valid in ((-1 / (n - 1), True), (-1 / (n - 1) - 0.01, False)):
        mat = r * np.ones((n, n)) + (1 - r) * np.eye(n)
        assert (np.linalg.eigvalsh(mat).min() >= -1e-12) == valid, r
    assert "\\rho \\ge -1/(n-1)" in text


def test_coin_mle():
    text = answer_words("maximum-likelihood-estimation")

    def loglik(p, k=7, n=10):
        return k * math.log(p) + (n - k) * math.log(1 - p)

    grid = np.linspace(0.001, 0.999, 999)
    assert round(grid[np.argmax([loglik(p) for p in grid])], 3) == 0.7
    assert round(loglik(0.7), 3) == -6.109
    assert round(10 * math.log(0.5), 3) == -6.931
    diff = loglik(0.7) - loglik(0.5)
    assert round(diff, 3) == 0.823 and round(math.exp(diff), 2) == 2.28
    # Beta(2, 2) prior: posterior Beta(k+2, n-k+2), mode (k+1)/(n+2)
    k, n = 0, 3
    a, b = k + 2, n - k + 2
    assert (a - 1) / (a + b - 2) == (k + 1) / (n + 2) == 0.2
    # uniform prior: posterior mean (k+1)/(n+2)
    assert (k + 1) / (n + 2) == stats.beta(k + 1, n - k + 1).mean()
    for s in ("\\approx -6.109", "\\approx -6.931", "e^{0.823} \\approx 2.28", "= 0.2"):
        assert s in text
    # Fisher-information standard error and the likelihood-ratio test against p = 0.5
    se = math.sqrt(0.7 * 0.3 / 10)
    assert round(se, 3) == 0.145 and math.isclose(1 / (10 / (0.7 * 0.3)), se**2)
    lr = 2 * diff
    assert round(lr, 2) == 1.65 and round(stats.chi2.sf(lr, 1), 2) == 0.20
    for s in ("\\approx 0.145", "2 \\times 0.823 \\approx 1.65", "$p \\approx 0.20$"):
        assert s in text


def test_gaussian_mle_examples():
    text = answer_words("gaussian-mle-and-least-squares")
    data = np.array([2, 4, 6, 8])
    assert data.mean() == 5 and data.var() == 5
    assert round(data.var(ddof=1), 3) == 6.667
    x = np.array([0, 1, 2])
    y = np.array([1, 2, 4])
    slope, intercept = np.polyfit(x, y, 1)
    assert round(slope, 6) == 1.5 and round(intercept, 3) == 0.833
    resid = y - (slope * x + intercept)
    assert np.allclose(resid, [1 / 6, -1 / 3, 1 / 6])
    rss = (resid**2).sum()
    assert round(rss, 3) == 0.167 and round(rss / 3, 4) == 0.0556
    for s in (
        "(9 + 1 + 1 + 9)/4 = 5",
        "20/3 \\approx 6.667",
        "\\approx 0.833",
        "1/6 \\approx 0.167",
        "1/18 \\approx 0.0556",
    ):
        assert s in text
    # the unbiased residual variance divides by n - p = 3 - 2
    assert math.isclose(rss / (3 - 2), 1 / 6)
    assert "\\mathrm{RSS}/(3 - 2) = 1/6" in text


def test_sample_size_for_power():
    text = answer_words("hypothesis-testing-type-i-type-ii-errors")
    za, zb = stats.norm.ppf(0.975), stats.norm.ppf(0.8)
    assert round(za, 2) == 1.96 and round(zb, 4) == 0.8416
    n = 2 * (za + zb) ** 2 / 0.5**2
    assert round(n, 1) == 62.8 and math.ceil(n) == 63

    def t_power(n_per_group, d=0.5, alpha=0.05):
        df = 2 * n_per_group - 2
        nc = d * math.sqrt(n_per_group / 2)
        tc = stats.t.ppf(1 - alpha / 2, df)
        return stats.nct.sf(tc, df, nc) + stats.nct.cdf(-tc, df, nc)

    assert t_power(63) < 0.8 <= t_power(64)
    assert round(2 * (za + zb) ** 2 / 0.25**2 / n) == 4
    for s in ("(1.96 + 0.8416)", "\\approx 62.8", "63 per group", "gives 64", "quadruples"):
        assert s in text


def test_p_value_examples():
    text = answer_words("p-value-interpretation")
    assert math.sqrt(100 * 0.25) == 5
    z = (60 - 50) / 5
    assert z == 2.0
    assert round(2 * stats.norm.sf(z), 4) == 0.0455
    assert round(stats.binomtest(60, 100, 0.5).pvalue, 4) == 0.0569
    true_pos = 1000 * 0.10 * 0.8
    false_pos = 1000 * 0.90 * 0.05
    assert true_pos == 80 and false_pos == 45
    assert round(false_pos / (true_pos + false_pos), 2) == 0.36
    for s in ("z = (60 - 50)/5 = 2.0", "0.0455", "0.0569", "45/125 = 36\\%"):
        assert s in text
    # continuity correction: P(X >= 60) uses 59.5
    assert (59.5 - 50) / 5 == 1.9 and round(2 * stats.norm.sf(1.9), 4) == 0.0574
    assert "z = (59.5 - 50)/5 = 1.9" in text and "0.0574" in text
    # under H0 a continuous test's p-value is uniform: about 5% fall below 0.05
    rng = np.random.default_rng(2)
    z_null = rng.standard_normal(200_000)
    p_null = 2 * stats.norm.sf(np.abs(z_null))
    assert abs((p_null < 0.05).mean() - 0.05) < 0.002
    assert abs(np.histogram(p_null, bins=10, range=(0, 1))[0] / p_null.size - 0.1).max() < 0.003
    # a tiny lift becomes "significant" with a huge sample
    n_arm, base, lift = 200_000_000, 0.10, 0.0001
    se = math.sqrt(base * (1 - base) * 2 / n_arm)
    assert round(lift / se, 1) == 3.3 and 2 * stats.norm.sf(lift / se) < 0.001
    for s in ("0.01 percentage points", "200 million users per arm", "z-score is about 3.3", "$p < 0.001$"):
        assert s in text


def test_two_proportion_test():
    text = answer_words("choosing-a-statistical-test")
    pooled = 450 / 2000
    assert pooled == 0.225
    se = math.sqrt(pooled * (1 - pooled) * (1 / 1000 + 1 / 1000))
    assert round(se, 4) == 0.0187
    z = 0.05 / se
    assert round(z, 2) == 2.68
    p = 2 * stats.norm.sf(z)
    assert round(p, 4) == 0.0074
    chi2, p_chi, _, _ = stats.chi2_contingency([[200, 800], [250, 750]], correction=False)
    assert round(chi2, 2) == 7.17 and math.isclose(chi2, z**2)
    assert math.isclose(p_chi, p)
    for s in ("\\approx 0.0187", "\\approx 2.68", "\\approx 0.0074", "\\chi^2 \\approx 7.17 = z^2"):
        assert s in text
    # Mann-Whitney's asymptotic relative efficiency to the t-test under normality
    assert round(3 / math.pi, 3) == 0.955 and "3/\\pi \\approx 0.955" in text


def test_multiple_testing_example():
    text = answer_words("multiple-testing-correction")
    assert round(1 - 0.95**20, 3) == 0.642
    p = [0.001, 0.008, 0.012, 0.035, 0.041, 0.09, 0.2, 0.35, 0.6, 0.9]
    m, alpha = len(p), 0.05
    bonferroni = [x for x in p if x <= alpha / m]
    assert bonferroni == [0.001]
    holm = 0
    for k, x in enumerate(sorted(p), start=1):
        if x <= alpha / (m - k + 1):
            holm += 1
        else:
            break
    assert holm == 1
    assert round(alpha / 9, 4) == 0.0056
    passing = [k for k, x in enumerate(sorted(p), start=1) if x <= k / m * alpha]
    assert max(passing) == 3
    assert (stats.false_discovery_control(p) <= alpha).sum() == 3
    assert sum(x < alpha for x in p) == 5
    for s in ("\\approx 0.642", "0.05/10 = 0.005", "0.05/9 \\approx 0.0056", "three rejections", "five of the ten"):
        assert s in text


def test_accuracy_confidence_interval():
    text = answer_words("confidence-intervals")
    p_hat, n = 0.85, 1000
    se = math.sqrt(p_hat * (1 - p_hat) / n)
    assert round(se, 4) == 0.0113
    margin = 1.96 * se
    assert round(margin, 3) == 0.022
    assert round(p_hat - margin, 3) == 0.828 and round(p_hat + margin, 3) == 0.872
    assert round(1.96 * math.sqrt(p_hat * (1 - p_hat) / 4000), 3) == 0.011
    for s in ("\\approx 0.0113", "\\approx 0.022", "[0.828, 0.872]", "about 0.011"):
        assert s in text
    # 19 of 20: the Wald interval leaves [0, 1], the Wilson interval does not
    k, n_small, z = 19, 20, stats.norm.ppf(0.975)
    ph = k / n_small
    wald = (ph - z * math.sqrt(ph * (1 - ph) / n_small), ph + z * math.sqrt(ph * (1 - ph) / n_small))
    assert [round(x, 3) for x in wald] == [0.854, 1.046]
    wilson = stats.binomtest(k, n_small).proportion_ci(method="wilson")
    assert [round(wilson.low, 3), round(wilson.high, 3)] == [0.764, 0.991]
    exact = stats.binomtest(k, n_small).proportion_ci(method="exact")
    assert exact.low < wilson.low and exact.high > wilson.high  # Clopper-Pearson is wider
    for s in ("[0.854, 1.046]", "[0.764, 0.991]"):
        assert s in text
    # overlap of two independent 95% intervals vs significance of the difference
    assert round(2 * 1.96, 2) == 3.92 and round(1.96 * math.sqrt(2), 2) == 2.77
    for s in ("2 \\times 1.96 = 3.92", "1.96\\sqrt 2 \\approx 2.77"):
        assert s in text


def test_clt_exponential_example():
    text = answer_words("central-limit-theorem")
    mean, n = 2.0, 100
    se = mean / math.sqrt(n)  # exponential: sd equals the mean
    assert se == 0.2
    z = (2.4 - mean) / se
    assert round(z, 6) == 2
    assert round(stats.norm.sf(2), 4) == 0.0228
    exact = stats.gamma.sf(2.4 * n, a=n, scale=mean)
    assert round(exact, 4) == 0.0279
    for s in ("2/\\sqrt{100} = 0.2", "\\approx 0.0228", "about 0.0279"):
        assert s in text
    # one-term Edgeworth correction for skewness 2 explains most of the gap
    edgeworth = stats.norm.pdf(2) * 2 * (2**2 - 1) / (6 * math.sqrt(n))
    assert round(edgeworth, 4) == 0.0054 and round(stats.norm.sf(2) + edgeworth, 4) == 0.0281
    assert abs(stats.norm.sf(2) + edgeworth - exact) < abs(stats.norm.sf(2) - exact) / 5
    # Berry-Esseen: third absolute central moment of Exp(1) is 12/e - 2
    rho = integrate.quad(lambda x: abs(x - 1) ** 3 * math.exp(-x), 0, math.inf)[0]
    assert math.isclose(rho, 12 / math.e - 2) and round(rho, 3) == 2.415
    bound = 0.4748 * rho / math.sqrt(n)
    assert round(bound, 3) == 0.115 and abs(stats.norm.sf(2) - exact) < bound
    for s in ("\\approx 0.0054$, giving 0.0281", "12/e - 2 \\approx 2.415", "\\approx 0.115", "C \\le 0.4748"):
        assert s in text


def test_delta_method_ratio_metric():
    text = answer_words("central-limit-theorem")
    users, mx, my, sx, sy, r = 10_000, 10.0, 1.0, 8.0, 2.0, 0.6
    ratio = my / mx
    sxy = r * sx * sy
    parts = (sy**2, 2 * ratio * sxy, ratio**2 * sx**2)
    assert [round(x, 2) for x in parts] == [4, 1.92, 0.64]
    numerator = parts[0] - parts[1] + parts[2]
    assert round(numerator, 2) == 2.72
    se = math.sqrt(numerator / (users * mx**2))
    naive = math.sqrt(ratio * (1 - ratio) / (users * mx))
    assert round(se, 5) == 0.00165 and round(naive, 5) == 0.00095 and round(se / naive, 1) == 1.7
    # simulate users with those moments: the spread of the ratio matches the delta method
    rng = np.random.default_rng(1)
    cov = [[sx**2, sxy], [sxy, sy**2]]
    reps, n_sim = 2000, 2000
    draws = rng.multivariate_normal([mx, my], cov, size=(reps, n_sim))
    ratios = draws[..., 1].mean(axis=1) / draws[..., 0].mean(axis=1)
    assert abs(ratios.std() / math.sqrt(numerator / (n_sim * mx**2)) - 1) < 0.05
    for s in ("4 - 1.92 + 0.64 = 2.72", "about 0.00165", "gives 0.00095", "1.7 times too narrow", "$R = 0.1$"):
        assert s in text


def test_simpsons_paradox_table():
    text = answer_words("correlation-vs-causation")
    treated = {"mild": (90, 100), "severe": (120, 300)}
    untreated = {"mild": (320, 400), "severe": (30, 100)}
    for group in ("mild", "severe"):
        assert treated[group][0] / treated[group][1] > untreated[group][0] / untreated[group][1]
    t_rec = sum(r for r, _ in treated.values())
    t_all = sum(n for _, n in treated.values())
    u_rec = sum(r for r, _ in untreated.values())
    u_all = sum(n for _, n in untreated.values())
    assert (t_rec, t_all, u_rec, u_all) == (210, 400, 350, 500)
    assert t_rec / t_all == 0.525 and u_rec / u_all == 0.70
    # Y = X^2 with X symmetric around zero has zero correlation
    x = np.array([-2.0, -1.0, 0.0, 1.0, 2.0])
    assert abs(np.corrcoef(x, x**2)[0, 1]) < 1e-12
    for s in ("90/100 (90%)", "320/400 (80%)", "120/300 (40%)", "30/100 (30%)", "210/400 (52.5%)", "350/500 (70%)"):
        assert s in text
    # direct standardization to all 900 patients
    mild = treated["mild"][1] + untreated["mild"][1]
    severe = treated["severe"][1] + untreated["severe"][1]
    assert (mild, severe) == (500, 400)
    std_treated = (0.9 * mild + 0.4 * severe) / (mild + severe)
    std_untreated = (0.8 * mild + 0.3 * severe) / (mild + severe)
    assert round(100 * std_treated, 1) == 67.8 and round(100 * std_untreated, 1) == 57.8
    assert math.isclose(std_treated - std_untreated, 0.10)
    for s in ("\\approx 67.8\\%$", "\\approx 57.8\\%$", "10-point benefit", "500 mild, 400 severe"):
        assert s in text


def test_eigen_example():
    text = answer_words("eigenvectors-and-eigenvalues")
    a = np.array([[2.0, 1.0], [1.0, 2.0]])
    vals, _vecs = np.linalg.eigh(a)
    assert np.allclose(vals, [1, 3])
    assert np.allclose(a @ np.array([1, 1]), [3, 3])
    assert np.allclose(a @ np.array([1, -1]), [1, -1])
    assert np.trace(a) == 4 and round(np.linalg.det(a), 10) == 3
    assert 3 / (3 + 1) == 0.75
    v = np.array([1, 0])
    seq = []
    for _ in range(3):
        v = a @ v
        seq.append(tuple(int(t) for t in v))
    assert seq == [(2, 1), (5, 4), (14, 13)]
    # the (1, -1) component shrinks by |lambda2/lambda1| = 1/3 per step relative to (1, 1)
    v = np.array([1.0, 0.0])
    for k in range(1, 6):
        v = a @ v
        along, across = (v @ np.array([1, 1])) / 2, (v @ np.array([1, -1])) / 2
        assert math.isclose(across / along, 3.0**-k)
    assert "|\\lambda_2/\\lambda_1| = 1/3" in text
    for s in ("A(1, 1)^\\top = (3, 3)^\\top", "3/(3 + 1) = 75\\%", "(2, 1)$, then $(5, 4)$, then $(14, 13)"):
        assert s in text


def test_svd_example():
    text = answer_words("singular-value-decomposition")
    a = np.array([[3.0, 0.0], [4.0, 5.0]])
    assert np.allclose(a.T @ a, [[25, 20], [20, 25]])
    s = np.linalg.svd(a, compute_uv=False)
    assert np.allclose(s**2, [45, 5])
    assert round(s[0], 3) == 6.708 and round(s[1], 3) == 2.236
    assert (a**2).sum() == 50
    assert 45 / 50 == 0.9
    u, sv, vt = np.linalg.svd(a)
    rank1 = sv[0] * np.outer(u[:, 0], vt[0])
    assert math.isclose(np.linalg.norm(a - rank1), math.sqrt(5))
    assert math.isclose(s[0] / s[1], 3)
    assert 20 * (1000 + 1000 + 1) == 40_020
    assert round(40_020 / 1_000_000 * 100) == 4
    for s_ in ("\\approx 6.708", "\\approx 2.236", "9 + 16 + 25 = 50 = 45 + 5", "45/50 = 90\\%", "40{,}020"):
        assert s_ in text


def test_logistic_gradient_example():
    text = answer_words("gradients-and-chain-rule")
    x, y, w, b = 2.0, 1.0, 0.5, 0.0

    def loss(w_, b_):
        p_ = 1 / (1 + math.exp(-(w_ * x + b_)))
        return -(y * math.log(p_) + (1 - y) * math.log(1 - p_))

    p = 1 / (1 + math.exp(-(w * x + b)))
    assert round(p, 4) == 0.7311 and round(loss(w, b), 4) == 0.3133
    dw, db = (p - y) * x, p - y
    assert round(dw, 4) == -0.5379 and round(db, 4) == -0.2689
    h = 1e-5
    numeric = (loss(w + h, b) - loss(w - h, b)) / (2 * h)
    assert round(numeric, 4) == -0.5379
    assert round(w - 0.1 * dw, 4) == 0.5538 and round(b - 0.1 * db, 4) == 0.0269
    for s in ("0.7311", "0.3133", "-0.2689", "-0.5379", "0.5538", "0.0269"):
        assert s in text
    # the same central difference in float32 is off in the third digit
    x32, w32, h32 = np.float32(x), np.float32(w), np.float32(1e-5)

    def loss32(w_):
        return -np.log(np.float32(1) / (np.float32(1) + np.exp(-(w_ * x32))))

    numeric32 = (loss32(w32 + h32) - loss32(w32 - h32)) / (np.float32(2) * h32)
    assert numeric32.dtype == np.float32
    assert abs(numeric32 - dw) > 1e-3 and round(float(numeric32), 3) == -0.541
    assert "about $-0.541$" in text


def test_hessian_example():
    text = answer_words("hessian-and-convexity")
    hess = np.diag([2.0, 6.0])
    vals = np.linalg.eigvalsh(hess)
    assert (vals > 0).all() and vals.max() / vals.min() == 3
    assert round(2 / 6, 3) == 0.333
    point = np.array([1.0, 1.0])
    grad = hess @ point  # gradient of x^2 + 3y^2
    assert np.allclose(grad, [2, 6])
    assert np.allclose(point - 0.1 * grad, [0.8, 0.4])
    assert np.allclose(point - np.linalg.solve(hess, grad), [0, 0])
    assert np.allclose(-np.linalg.solve(hess, grad), [-1, -1])
    saddle = np.diag([2.0, -2.0])
    ev = np.linalg.eigvalsh(saddle)
    assert ev.min() < 0 < ev.max()
    for s in ("\\kappa = 3", "2/6 \\approx 0.333", "(0.8, 0.4)", "-(1, 1)"):
        assert s in text


def test_entropy_cross_entropy_kl():
    text = answer_words("kl-divergence-and-cross-entropy")
    p = np.array([0.5, 0.25, 0.25])
    q = np.array([0.8, 0.1, 0.1])
    h = -(p * np.log2(p)).sum()
    ce = -(p * np.log2(q)).sum()
    kl_pq = (p * np.log2(p / q)).sum()
    kl_qp = (q * np.log2(q / p)).sum()
    assert h == 1.5 and round(ce, 3) == 1.822
    assert round(-0.5 * math.log2(0.8), 3) == 0.161 and round(-0.5 * math.log2(0.1), 3) == 1.661
    assert math.isclose(ce, h + kl_pq) and round(kl_pq, 3) == 0.322 and round(kl_qp, 3) == 0.278
    assert math.isclose(stats.entropy(p, q, base=2), kl_pq)
    for s in ("= 1.5$", "0.161 + 1.661 = 1.822", "1.822 - 1.5 = 0.322", "= 0.278$"):
        assert s in text
    # p is dyadic, so the prefix code 0, 10, 11 reaches the entropy exactly
    code = {0: "0", 1: "10", 2: "11"}
    assert sum(p[i] * len(c) for i, c in code.items()) == h
    assert "the code 0, 10, 11 reaches the bound exactly" in text
    # Jensen-Shannon of the example, and its cap of 1 bit on disjoint supports
    m = (p + q) / 2
    js = 0.5 * (p * np.log2(p / m)).sum() + 0.5 * (q * np.log2(q / m)).sum()
    assert round(js, 3) == 0.073 and "0.073 bits" in text
    a, b = np.array([0.5, 0.5, 0, 0]), np.array([0, 0, 0.3, 0.7])
    mab = (a + b) / 2
    js_disjoint = sum(0.5 * x * math.log2(x / y) for x, y in zip(a, mab) if x > 0) + sum(
        0.5 * x * math.log2(x / y) for x, y in zip(b, mab) if x > 0
    )
    assert math.isclose(js_disjoint, 1.0)
    # label smoothing with eps = 0.1 over 3 classes
    eps, k = 0.1, 3
    target = np.array([1 - eps + eps / k, eps / k, eps / k])
    assert [round(x, 3) for x in target] == [0.933, 0.033, 0.033]
    floor = -(target * np.log2(target)).sum()
    assert round(floor, 3) == 0.420
    # the cross-entropy to the smoothed target is smallest when q equals the target
    rng = np.random.default_rng(0)
    others = rng.dirichlet(np.ones(3), size=1000)
    assert (-(target * np.log2(others)).sum(axis=1) >= floor).all()
    assert math.isclose(target[0] / target[1], 28) and round(math.log(28), 2) == 3.33
    for s in ("(0.933, 0.033, 0.033)", "\\approx 0.420$ bits", "\\ln 28 \\approx 3.33$ nats"):
        assert s in text


def test_cuped_sample_sizes_and_aa_checks():
    text = answer_words("cuped-variance-reduction")
    za, zb = stats.norm.ppf(0.975), stats.norm.ppf(0.8)
    n = 2 * (za + zb) ** 2 * 20**2 / 0.5**2
    assert round(n) == 25_116
    assert round(0.64 * n) == 16_075 and math.isclose(1 - 0.6**2, 0.64)
    # Simulate CUPED: the adjusted metric's variance is (1 - rho^2) of the raw one.
    rng = np.random.default_rng(0)
    x = rng.normal(0, 20, 200_000)
    y = 0.6 * x + rng.normal(0, 20 * math.sqrt(1 - 0.36), x.size)
    theta = np.cov(x, y)[0, 1] / x.var(ddof=1)
    assert abs((y - theta * (x - x.mean())).var() / y.var() - 0.64) < 0.01
    assert round(math.sqrt(100 * 0.05 * 0.95), 1) == 2.2
    assert round(stats.binom.sf(11, 100, 0.05), 3) == 0.004
    chi2 = 2 * 600**2 / 50_000
    assert chi2 == 14.4 and round(stats.chi2.sf(chi2, 1), 5) == 0.00015
    for s in ("\\approx 25{,}116", "16{,}075", "36% fewer", "deviation 2.2", "probability 0.004", "= 14.4", "0.00015"):
        assert s in text


def test_peeking_inflation_and_boundaries():
    text = answer_words("sequential-testing-and-peeking")
    rng = np.random.default_rng(0)
    steps = rng.standard_normal((400_000, 10))

    def false_positive_rate(looks, bounds):
        z = np.cumsum(steps[:, :looks], axis=1) / np.sqrt(np.arange(1, looks + 1))
        return (np.abs(z) > bounds).any(axis=1).mean()

    assert abs(false_positive_rate(5, 1.96) - 0.142) < 0.004
    assert abs(false_positive_rate(10, 1.96) - 0.193) < 0.004
    assert abs(false_positive_rate(5, 2.413) - 0.05) < 0.003
    obf = 2.040 * np.sqrt(5 / np.arange(1, 6))
    assert [f"{b:.2f}" for b in obf] == ["4.56", "3.23", "2.63", "2.28", "2.04"]
    assert abs(false_positive_rate(5, obf) - 0.05) < 0.003
    assert round(2 * stats.norm.sf(2.3), 3) == 0.021 and 2.3 < 2.413 < obf[1]
    for s in ("| 5 | about 0.142 |", "| 10 | about 0.193 |", "2.413 for 5 looks", "4.56, 3.23, 2.63, 2.28 and 2.04"):
        assert s in text
    assert "$p = 0.021$" in text and "boundary is 3.23" in text


def test_clt_heavy_tail_boundary_is_stated():
    text = answer_words("central-limit-theorem")
    # a stable (non-normal) limit needs tail index below 2; at exactly 2 the limit is still normal
    assert "index at most 2" not in text
    assert "For tail index below 2" in text and "At index exactly 2 the limit is still normal" in text
    assert "$C \\le 0.4748$" in text
    # with density |x|^-3 on |x| > 1 the truncated second moment grows like 2 log t (slowly varying),
    # which is the normal-domain-of-attraction condition; the variance itself is infinite
    for t in (1e2, 1e4, 1e6):
        truncated = integrate.quad(lambda x: 2 * x**2 * x**-3, 1, t)[0]
        assert math.isclose(truncated, 2 * math.log(t), rel_tol=1e-6)


def test_pca_auto_solver_policy():
    from sklearn.decomposition import PCA

    text = answer_words("singular-value-decomposition")
    rng = np.random.default_rng(0)
    cases = (
        ((11_000, 50), 5, "covariance_eigh"),  # under 1,000 features and over 10x as many rows
        ((600, 1_200), 10, "randomized"),  # larger than 500 by 500, few components
        ((600, 1_200), 590, "full"),  # more than 80% of the smaller dimension
        ((300, 300), 5, "full"),  # not larger than 500 by 500
    )
    for shape, k, solver in cases:
        fitted = PCA(n_components=k, random_state=0).fit(rng.standard_normal(shape))
        assert fitted._fit_svd_solver == solver, (shape, k)
    for s in (
        "fewer than 1,000 features and more than 10 times as many rows",
        "larger than 500 by 500",
        "80% of the smaller dimension",
    ):
        assert s in text
    assert "the low-rank idea behind LoRA)" not in text and "\\Delta W = BA" in text


def test_gradient_descent_rate_on_quadratic():
    text = answer_words("hessian-and-convexity")
    lam_min, lam_max = 2.0, 6.0
    kappa = lam_max / lam_min
    eta = 2 / (lam_max + lam_min)
    point = np.array([1.0, 1.0])
    for _ in range(5):
        new = point - eta * np.diag([lam_min, lam_max]) @ point
        assert math.isclose(np.abs(new).max() / np.abs(point).max(), (kappa - 1) / (kappa + 1))
        point = new
    assert "(\\kappa - 1)/(\\kappa + 1)" in text and "2/(\\lambda_{\\max} + \\lambda_{\\min})" in text
