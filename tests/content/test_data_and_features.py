"""Recompute the numbers quoted in the data-and-features answers."""

import math

import numpy as np

from tests.bank import answer_words, question


def test_listwise_deletion_and_mean_imputation_variance():
    text = answer_words("missing-data-strategies")
    complete = 0.95**10
    assert round(complete, 3) == 0.599
    assert "0.95^{10} \\approx 0.599" in text
    assert round(1 - complete, 1) == 0.4 and "about 40% of the rows" in text
    # Filling a fraction p with the mean scales the population variance by (1 - p).
    rng = np.random.default_rng(0)
    x = rng.normal(size=10_000)
    observed = x[:7_000]
    filled = np.concatenate([observed, np.full(3_000, observed.mean())])
    assert math.isclose(filled.var() / observed.var(), 0.7, rel_tol=1e-12)
    assert "70% of the observed variance" in text
    assert round(100 * math.sqrt(0.7)) == 84 and "standard deviation to about 84%" in text


def test_pandas_example_statistics():
    text = answer_words("pandas-missing-values")
    age = np.array([25, np.nan, 40, 35, np.nan])
    income = np.array([50_000, 62_000, np.nan, 58_000, 71_000])
    city = ["Oslo", "Rome", None, "Rome", "Oslo"]
    assert np.nanmedian(age) == 35.0 and "# 35.0" in text
    assert np.nanmean(income) == 60250.0 and "# 60250.0" in text
    assert np.nansum(income) == 241_000 and "241,000" in text
    missing = np.array([np.isnan(age), np.isnan(income), [c is None for c in city]])
    assert list(missing.sum(axis=1)) == [2, 1, 1]
    assert list(missing.mean(axis=1)) == [0.4, 0.2, 0.2]
    assert "0.4, 0.2, 0.2" in text
    per_row_missing = missing.sum(axis=0)
    assert (per_row_missing > 0).sum() == 3
    assert list(np.where(per_row_missing == 0)[0]) == [0, 3]
    assert ((3 - per_row_missing) >= 2).sum() == 4
    assert "rows with at least one gap: 3" in text


def test_knn_imputation_distances():
    text = answer_words("knn-imputation")
    target = np.array([1.0, 0.5])  # features 1 and 3 of the incomplete row
    rows = {"B": (1.2, 0.8, 0.4), "C": (0.7, 0.6, 0.6), "D": (-1.0, -0.5, -0.2), "E": (0.5, 1.4, 0.0)}
    dist = {}
    for name, (a, _, c) in rows.items():
        d2 = ((np.array([a, c]) - target) ** 2).sum()
        dist[name] = math.sqrt(3 / 2 * d2)
    assert [f"{dist[k]:.3f}" for k in "BCDE"] == ["0.274", "0.387", "2.595", "0.866"]
    for k in "BCDE":
        assert f"{dist[k]:.3f}" in text
    nearest = sorted(dist, key=dist.get)[:2]
    assert nearest == ["B", "C"]
    assert round(np.mean([rows[k][1] for k in nearest]), 3) == 0.7
    assert "(0.8 + 0.6)/2 = 0.7" in text
    assert np.mean([r[1] for r in rows.values()]) == 0.575 and "0.575" in text
    # scikit-learn's own imputer agrees with the hand computation.
    from sklearn.impute import KNNImputer
    from sklearn.metrics.pairwise import nan_euclidean_distances

    train = np.array(list(rows.values()))
    query = np.array([[1.0, np.nan, 0.5]])
    assert np.allclose(nan_euclidean_distances(query, train)[0], [dist[k] for k in "BCDE"])
    filled = KNNImputer(n_neighbors=2).fit(train).transform(query)
    assert math.isclose(filled[0, 1], 0.7)
    assert KNNImputer().n_neighbors == 5 and "`n_neighbors=5`" in text


def test_outlier_iqr_and_masked_z_score():
    text = answer_words("outlier-detection-handling")
    x = np.array([12, 14, 15, 15, 16, 18, 19, 21, 95])
    q1, q3 = np.percentile(x, [25, 75])
    assert (q1, q3) == (15, 19)
    assert q3 + 1.5 * (q3 - q1) == 25
    assert "Q_1 = 15" in text and "Q_3 = 19" in text and "19 + 6 = 25" in text
    assert x.sum() == 225 and x.mean() == 25 and "225/9 = 25" in text
    assert round(x.std(), 1) == 24.9 and "about 24.9" in text
    z = (95 - x.mean()) / x.std()
    assert round(z, 1) == 2.8 and z < 3 and "z \\approx 2.8" in text
    # No point can exceed sqrt(n - 1) in |z| (population sd), so n <= 10 never passes 3.
    assert abs(z) <= math.sqrt(len(x) - 1)
    for n in range(2, 11):
        extreme = np.array([0.0] * (n - 1) + [1.0])
        z_max = (extreme.max() - extreme.mean()) / extreme.std()
        assert math.isclose(z_max, math.sqrt(n - 1)) and z_max <= 3
    assert "sample of 10 or fewer can reach $|z| > 3$" in text and "\\sqrt{n-1}" in text
    med = np.median(x)
    mad = np.median(np.abs(x - med))
    assert (med, mad) == (16, 2)
    robust = 0.6745 * (95 - med) / mad
    assert round(robust, 1) == 26.6 and robust > 3.5
    assert "the median is 16, the MAD is 2" in text and "0.6745 \\times 79/2 \\approx 26.6" in text


def test_scaling_table():
    text = answer_words("normalization-vs-standardization")
    x = np.array([20, 35, 50, 200.0])
    mm = (x - x.min()) / (x.max() - x.min())
    z = (x - x.mean()) / x.std()
    assert x.mean() == 76.25 and round(x.std(), 1) == 72.2
    assert "76.25k" in text and "72.2k" in text
    assert [f"{v:.3f}" for v in mm] == ["0.000", "0.083", "0.167", "1.000"]
    assert [f"{v:.2f}" for v in z] == ["-0.78", "-0.57", "-0.36", "1.71"]
    for v in ["| 0.083 | -0.57 |", "| 0.167 | -0.36 |", "| 1.000 | 1.71 |", "| 0.000 | -0.78 |"]:
        assert v in text
    assert round(mm[2], 2) == 0.17 and "[0, 0.17]" in text


def test_hashing_bucket_load_and_collisions():
    text = answer_words("categorical-encoding")
    n = 40_000
    assert 2**10 == 1024 and round(n / 1024) == 39
    assert "about 39 codes in each bucket" in text

    def share_colliding(m):
        return 1 - (1 - 1 / m) ** (n - 1)

    assert 2**18 == 262_144 and 2**20 == 1_048_576
    assert round(100 * share_colliding(2**18)) == 14 and "about 14% of zip codes" in text
    assert round(100 * share_colliding(2**20), 1) == 3.7 and "about 3.7% do" in text
    assert math.isclose(share_colliding(2**20), 1 - math.exp(-n / 2**20), rel_tol=1e-3)
    # Simulate uniform hashing to check the formula itself.
    rng = np.random.default_rng(0)
    buckets = rng.integers(0, 2**18, n)
    counts = np.bincount(buckets, minlength=2**18)
    assert abs((counts[buckets] > 1).mean() - share_colliding(2**18)) < 0.01
    assert "262{,}144" in text and "1{,}048{,}576" in text


def test_dropping_a_level_changes_a_ridge_fit():
    from sklearn.linear_model import LinearRegression, Ridge

    text = answer_words("categorical-encoding")
    rng = np.random.default_rng(0)
    level = rng.integers(0, 3, 300)
    y = np.array([1.0, 2.0, 4.0])[level] + rng.normal(0, 1, 300)
    onehot = np.eye(3)[level]
    pred_drop0 = Ridge(alpha=10).fit(onehot[:, 1:], y).predict(onehot[:, 1:])
    pred_drop2 = Ridge(alpha=10).fit(onehot[:, :2], y).predict(onehot[:, :2])
    assert not np.allclose(pred_drop0, pred_drop2, atol=1e-3)
    ols0 = LinearRegression().fit(onehot[:, 1:], y).predict(onehot[:, 1:])
    ols2 = LinearRegression().fit(onehot[:, :2], y).predict(onehot[:, :2])
    assert np.allclose(ols0, ols2)
    assert "the fit changes with *which* level you dropped" in text
    assert "*unregularized* linear model with an intercept" in text


def test_target_encoding_smoothing_folds_and_loo():
    text = answer_words("target-encoding-leakage")

    def enc(n, mean, prior=0.10, m=10):
        return (n * mean + m * prior) / (n + m)

    assert enc(2, 1.0) == 0.25 and "= 0.25" in text
    assert round(enc(500, 0.20), 3) == 0.198 and "(100 + 1)/510 = 0.198" in text
    # Smoothed singletons still sit on opposite sides of the prior.
    pos, neg = enc(1, 1.0), enc(1, 0.0)
    assert round(pos, 3) == 0.182 and round(neg, 3) == 0.091 and neg < 0.10 < pos
    assert "(1 + 1)/11 = 0.182" in text and "(0 + 1)/11 = 0.091" in text
    # Out-of-fold encodings of a 10-row category with 5 clicks, folds of 2 rows.
    labels = np.array([1, 1, 1, 0, 1, 0, 0, 1, 0, 0])
    folds = labels.reshape(5, 2)
    oof = [(labels.sum() - f.sum()) / (labels.size - f.size) for f in folds]
    by_clicks = {int(f.sum()): e for f, e in zip(folds, oof, strict=True)}
    assert by_clicks[2] == 3 / 8 == 0.375 and by_clicks[0] == 5 / 8 == 0.625
    row_enc = np.repeat(oof, 2)
    assert np.corrcoef(row_enc, labels)[0, 1] < 0
    assert "$3/8 = 0.375$" in text and "$5/8 = 0.625$" in text
    y = np.array([1, 1, 0, 0])
    loo = (y.sum() - y) / (len(y) - 1)
    assert np.allclose(loo[y == 1], 1 / 3) and np.allclose(loo[y == 0], 2 / 3)
    assert "1/3" in text and "2/3" in text


def test_cyclical_hour_encoding():
    text = answer_words("feature-engineering")

    def enc(h):
        return np.array([np.sin(2 * np.pi * h / 24), np.cos(2 * np.pi * h / 24)])

    assert np.allclose(enc(0), [0, 1])
    assert [f"{v:.3f}" for v in enc(23)] == ["-0.259", "0.966"]
    assert "(-0.259, 0.966)" in text
    d_0_23 = np.linalg.norm(enc(0) - enc(23))
    d_12_13 = np.linalg.norm(enc(12) - enc(13))
    assert math.isclose(d_0_23, d_12_13) and math.isclose(d_0_23, 2 * math.sin(math.pi / 24))
    assert round(d_0_23, 3) == 0.261 and "0.261" in text
    # The sine alone cannot tell hour 1 from hour 11.
    assert math.isclose(enc(1)[0], enc(11)[0]) and f"{enc(1)[0]:.3f}" == "0.259"
    assert "hours 1 and 11 the same value, 0.259" in text


def test_mutual_information_example():
    text = answer_words("feature-selection-methods")
    joint = np.array([[0.4, 0.1], [0.1, 0.4]])
    px, py = joint.sum(axis=1), joint.sum(axis=0)
    terms = joint * np.log2(joint / np.outer(px, py))
    mi = terms.sum()
    assert round(terms[0, 0] + terms[1, 1], 3) == 0.542
    assert round(-(terms[0, 1] + terms[1, 0]), 3) == 0.264
    assert round(mi, 3) == 0.278
    assert "0.542 - 0.264 = 0.278" in text


def test_curse_of_dimensionality_numbers():
    text = answer_words("curse-of-dimensionality")
    assert round(0.01 ** (1 / 10), 2) == 0.63 and "\\approx 0.63" in text and "63%" in text
    assert f"{0.9**100:.1e}" == "2.7e-05" and "2.7 \\times 10^{-5}" in text
    # Distances between uniform points: mean near sqrt(d/6), sd near 0.24 for any large d.
    d = 1000
    assert round(math.sqrt(d / 6), 1) == 12.9
    sd_limit = math.sqrt(7 / 180) * math.sqrt(6) / 2  # delta method on the squared distance
    assert round(sd_limit, 2) == 0.24
    rng = np.random.default_rng(0)
    dist = np.linalg.norm(rng.random((2_000, d)) - rng.random((2_000, d)), axis=1)
    assert abs(dist.mean() - 12.9) < 0.05 and abs(dist.std() - 0.24) < 0.02
    assert 0.24 / 12.9 < 0.02
    assert "\\sqrt{d/6}" in text and "about 12.9 give or take 0.24" in text and "under 2% of the mean" in text


def test_pca_variance_ratios():
    text = answer_words("pca-explained-variance")
    vals, vecs = np.linalg.eigh(np.array([[2.0, 1.0], [1.0, 2.0]]))
    assert np.allclose(sorted(vals), [1, 3])
    assert np.allclose(np.abs(vecs[:, np.argmax(vals)]), [1 / np.sqrt(2)] * 2)
    assert "3/4 = 75\\%" in text
    lam = np.array([4.0, 2.5, 1.5, 1.0, 0.6, 0.4])
    ratio = lam / lam.sum()
    cum = np.cumsum(ratio)
    assert "| ratio | " + " | ".join(f"{r:.2f}" for r in ratio) + " |" in text
    assert "| cumulative | " + " | ".join(f"{c:.2f}" for c in cum) + " |" in text
    assert int(np.argmax(cum >= 0.90 - 1e-12)) + 1 == 4
    assert int(np.argmax(cum >= 0.95 - 1e-12)) + 1 == 5


def test_pca_vs_lda_example():
    text = answer_words("pca-vs-lda")
    # Pooled covariance of two equal classes: within (9, 1) plus between along y.
    mu1, mu2 = np.array([0.0, 0.0]), np.array([0.0, 3.0])
    sw = np.diag([9.0, 1.0])
    mid = (mu1 + mu2) / 2
    sb = 0.5 * np.outer(mu1 - mid, mu1 - mid) + 0.5 * np.outer(mu2 - mid, mu2 - mid)
    total = sw + sb
    assert np.allclose(np.diag(total), [9, 3.25]) and "1 + 1.5^2 = 3.25" in text
    vals, vecs = np.linalg.eigh(total)
    assert np.allclose(np.abs(vecs[:, np.argmax(vals)]), [1, 0])  # PCA picks x
    w = np.linalg.solve(sw, mu2 - mu1)
    assert np.allclose(w, [0, 3])  # LDA picks y
    assert "(0, 3)" in text


def test_class_weights_threshold_and_prior_correction():
    text = answer_words("class-imbalance-strategies")
    n, pos = 100_000, 1_000
    assert n / (2 * pos) == 50
    assert round(n / (2 * (n - pos)), 3) == 0.505 and "0.505" in text
    assert round(5 / 205, 3) == 0.024 and "5/205 \\approx 0.024" in text
    beta, ps = 0.1, 0.5
    p = beta * ps / (beta * ps - ps + 1)
    # Cross-check against odds: true odds = beta * sampled odds.
    odds = beta * ps / (1 - ps)
    assert math.isclose(p, odds / (1 + odds))
    assert round(p, 3) == 0.091 and "about 0.091" in text


def test_smote_point_and_count():
    text = answer_words("smote-oversampling")
    xi, xnn, lam = np.array([2, 10]), np.array([4, 14]), 0.25
    assert np.allclose(xi + lam * (xnn - xi), [2.5, 11]) and "(2.5, 11)" in text
    assert 99_000 - 1_000 == 98_000 and 98_000 / 1_000 == 98
    assert "98,000 synthetic points, 98 per" in text


def _trailing_mean(values, shift, window):
    """Mean of the `window` values ending `shift` rows before each row (pandas shift().rolling())."""
    out = [None] * len(values)
    for i in range(len(values)):
        last = i - shift
        if last - window + 1 >= 0:
            out[i] = sum(values[last - window + 1 : last + 1]) / window
    return out


def test_time_series_features():
    text = answer_words("time-series-feature-engineering")
    sales = [20, 22, 19, 25, 30, 28, 24, 26]  # days 1..8
    day9 = sales + [None]  # the row to forecast
    # Horizon 1.
    assert sales[-1] == 26 and sales[-7] == 22
    assert sum(sales[-3:]) / 3 == 26
    assert sum(sales[-7:]) == 174 and round(174 / 7, 2) == 24.86
    assert _trailing_mean(day9, 1, 7)[-1] == 174 / 7
    assert "(28 + 24 + 26)/3 = 26" in text and "174/7 \\approx 24.86" in text
    # Horizon 2: the forecast for day 9 is made after day 7.
    assert day9[8 - 2] == 24 and "lag 2 = 24" in text
    assert sum(sales[:7]) == 168 and _trailing_mean(day9, 2, 7)[-1] == 168 / 7 == 24
    assert "$168/7 = 24$" in text
    # Two stores stacked without groupby: store B's first row gets store A's last week.
    store_b = [100 + v for v in sales]
    stacked = _trailing_mean(sales + store_b, 1, 7)
    assert round(stacked[8], 2) == 24.86
    assert "store B's day-1 row gets 24.86" in text


def test_trees_do_not_extrapolate_a_trend():
    from sklearn.ensemble import GradientBoostingRegressor
    from sklearn.tree import DecisionTreeRegressor

    text = answer_words("time-series-feature-engineering")
    h = 5
    y = np.array([100 + 10 * i for i in range(10)], dtype=float)  # days 1..10
    assert y[0] == 100 and y[-1] == 190 and y[-1] + 10 * h == 240
    lag = y[:-h].reshape(-1, 1)  # y_{t-5} for t = 6..10
    target = y[h:]
    future_lag = np.array([[y[-1]]])  # forecasting day 15 from day 10
    for model in (DecisionTreeRegressor(), GradientBoostingRegressor(n_estimators=200)):
        level = model.fit(lag, target).predict(future_lag)[0]
        assert level <= 190 + 1e-6
        change = model.fit(lag, target - lag.ravel()).predict(future_lag)[0]
        assert abs(y[-1] + change - 240) < 1e-6
    assert "from 100 to 190" in text and "at or below 190 while the trend says 240" in text


def test_preprocessing_row_counts():
    text = answer_words("data-preprocessing-steps")
    raw, duplicates, train, held_out = 10_120, 120, 8_000, 2_000
    assert raw - duplicates == 10_000 == train + held_out
    for s in ["10,120 rows", "120 exact duplicates leaves 10,000", "8,000 training rows", "2,000 held-out rows"]:
        assert s in text


def test_crosses_and_embedding_memory():
    text = answer_words("feature-crosses-and-embeddings")
    assert 50 * 24 == 1200 and "50 \\times 24 = 1{,}200" in text
    table_gb = 10**7 * 64 * 4 / 1e9
    assert table_gb == 2.56 and "= 2.56$ GB" in text
    assert round(3 * table_gb, 2) == 7.68 and "weights and moments come to 7.68 GB" in text
    # A dense gradient buffer for the whole table is a fourth copy.
    assert round(4 * table_gb, 2) == 10.24 and "another 2.56 GB (10.24 GB)" in text
    assert round((10**7) ** 0.25) == 56 and "d \\approx 56" in text


def test_null_rate_check_depends_on_batch_size():
    text = answer_words("data-validation-checks")
    p0 = 0.02
    se_big = math.sqrt(p0 * (1 - p0) / 10_000)
    assert round(se_big, 4) == 0.0014 and 310 / 10_000 == 0.031
    assert round((0.031 - p0) / se_big, 1) == 7.9
    se_small = math.sqrt(p0 * (1 - p0) / 100)
    assert round((3 / 100 - p0) / se_small, 2) == 0.71
    assert 3 / 100 > 0.025  # the fixed rule fires on the micro-batch
    for s in ("310 nulls, 3.1%", "= 0.0014$", "\\approx 7.9", "only $0.71$", "below 2.5%"):
        assert s in text


def test_label_noise_accuracy_attenuation():
    text = answer_words("label-noise-handling")
    eps = 0.10

    def observed(a):
        return a * (1 - eps) + (1 - a) * eps

    assert math.isclose(observed(0.95), 0.86) and math.isclose(observed(0.90), 0.82)
    assert math.isclose((observed(0.95) - eps) / (1 - 2 * eps), 0.95)
    assert math.isclose(observed(0.95) - observed(0.90), (1 - 2 * eps) * 0.05)
    # Simulate random flips against a fixed set of predictions.
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 200_000)
    pred = np.where(rng.random(y.size) < 0.95, y, 1 - y)
    noisy = np.where(rng.random(y.size) < eps, 1 - y, y)
    assert abs((pred == noisy).mean() - 0.86) < 0.005
    for s in ("0.95 \\times 0.9 + 0.05 \\times 0.1 = 0.86", "(0.86 - 0.1)/0.8 = 0.95", "measures $0.82$"):
        assert s in text
    # Estimating the noise rate from a relabelled sample.
    eps_hat = 40 / 400
    half_width = 1.96 * math.sqrt(eps_hat * (1 - eps_hat) / 400)
    assert eps_hat == 0.10 and round(100 * half_width, 1) == 2.9
    assert "40 wrong labels in 400" in text and "\\pm 2.9" in text


def test_penalized_one_hot_uniqueness():
    from sklearn.linear_model import Lasso, Ridge

    text = answer_words("categorical-encoding")
    rng = np.random.default_rng(0)
    level = rng.integers(0, 2, 200)
    y = np.array([1.0, 3.0])[level] + rng.normal(0, 0.5, 200)
    onehot = np.eye(2)[level]

    def objective(alpha, coef, intercept, l1):
        """scikit-learn's objectives: Lasso scales the squared error by 1/(2n), Ridge does not."""
        sse = ((y - onehot @ coef - intercept) ** 2).sum()
        if l1:
            return sse / (2 * len(y)) + alpha * np.abs(coef).sum()
        return sse + alpha * (coef**2).sum()

    # L1: shifting both level coefficients and the intercept keeps predictions and the penalty.
    lasso = Lasso(alpha=0.05).fit(onehot, y)
    b, c = lasso.coef_, lasso.intercept_
    d = b[1] - b[0]
    assert d > 0
    for t in np.linspace(0, d, 5):
        alt = np.array([t - d, t])
        shift = alt - b
        assert np.allclose(shift, shift[0])
        assert np.allclose(onehot @ alt + c - shift[0], onehot @ b + c)
        assert math.isclose(objective(0.05, alt, c - shift[0], True), objective(0.05, b, c, True))
        assert math.isclose(abs(t) + abs(t - d), d)
    # L2: the same shift strictly raises the ridge objective, so its coefficients are unique.
    ridge = Ridge(alpha=10).fit(onehot, y)
    base = objective(10, ridge.coef_, ridge.intercept_, False)
    for u in (-0.3, 0.2):
        assert objective(10, ridge.coef_ + u, ridge.intercept_ - u, False) > base
    assert "an L2 penalty makes the coefficients unique, and an L1 penalty makes the predictions unique" in text
    assert "$|t| + |t - d| = d$" in text


def test_lda_singular_scatter_and_regression_equivalence():
    import warnings

    import scipy.linalg as sl
    from sklearn.discriminant_analysis import LinearDiscriminantAnalysis

    text = answer_words("pca-vs-lda")
    rng = np.random.default_rng(0)
    # More features than samples: eigen without shrinkage raises, svd runs, shrinkage runs.
    X, y = rng.normal(size=(40, 200)), np.repeat([0, 1], 20)
    try:
        LinearDiscriminantAnalysis(solver="eigen").fit(X, y)
        raised = False
    except Exception:
        raised = True
    assert raised
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        LinearDiscriminantAnalysis().fit(X, y)
    LinearDiscriminantAnalysis(solver="lsqr", shrinkage="auto").fit(X, y)
    assert 'the `"eigen"` solver without shrinkage then raises an error' in text
    assert 'the default `"svd"` solver still runs' in text
    # Two classes: least squares on any coding of the label points along S_W^{-1}(mu2 - mu1).
    X = np.vstack([rng.normal([0, 0, 0], [1, 2, 3], (30, 3)), rng.normal([1, 2, 0], [1, 2, 3], (50, 3))])
    X = X @ rng.normal(size=(3, 3))
    y = np.r_[np.zeros(30), np.ones(50)]
    centred = [X[y == k] - X[y == k].mean(axis=0) for k in (0, 1)]
    sw = sum(c.T @ c for c in centred)
    w = np.linalg.solve(sw, X[y == 1].mean(axis=0) - X[y == 0].mean(axis=0))
    design = np.c_[np.ones(len(X)), X]
    for low, high in ((0, 1), (-1, 3)):
        beta = np.linalg.lstsq(design, np.where(y == 1, high, low), rcond=None)[0][1:]
        ratio = beta / w
        assert np.allclose(ratio, ratio[0]) and ratio[0] > 0
    assert "coefficients proportional to $S_W^{-1}(\\mu_2 - \\mu_1)$" in text
    # Three classes: the directions are S_W-orthogonal but not orthogonal.
    mix = np.array([[1, 0.8, 0], [0, 1, 0.5], [0, 0, 1]])
    Xm = np.vstack([rng.normal(m, 1, (40, 3)) for m in ([0, 0, 0], [3, 1, 0], [0, 3, 2])]) @ mix
    ym = np.repeat([0, 1, 2], 40)
    means = [Xm[ym == k].mean(axis=0) for k in range(3)]
    sw = sum((Xm[ym == k] - means[k]).T @ (Xm[ym == k] - means[k]) for k in range(3))
    sb = sum(40 * np.outer(means[k] - Xm.mean(axis=0), means[k] - Xm.mean(axis=0)) for k in range(3))
    vals, vecs = sl.eigh(sb, sw)
    w1, w2 = vecs[:, np.argsort(vals)[::-1][:2]].T
    assert abs(w1 @ sw @ w2) < 1e-9
    assert abs(w1 @ w2) / (np.linalg.norm(w1) * np.linalg.norm(w2)) > 0.05
    assert "$w_i^\\top S_W w_j = 0$" in text


def test_time_series_short_shifts_only_lags():
    short = question("time-series-feature-engineering")["short"]
    assert len(short) <= 200
    assert short.startswith("Lags and rolling stats shifted by at least the horizon h")
    assert "known-ahead covariates for the target date" in short


def test_knn_imputer_mean_fallback():
    from sklearn.impute import KNNImputer

    text = answer_words("knn-imputation")
    train = np.array([[1.0, np.nan, 5.0], [np.nan, 2.0, np.nan], [np.nan, 3.0, np.nan]])
    filled = KNNImputer(n_neighbors=2).fit(train).transform(np.array([[np.nan, np.nan, 4.0]]))
    # Feature 2's donors share no observed coordinate with the row, so the column mean is used.
    assert filled[0, 1] == 2.5 and filled[0, 0] == 1.0
    assert "falls back to the training mean of that feature" in text


def test_duplication_equals_class_weight():
    from sklearn.linear_model import LogisticRegression

    text = answer_words("smote-oversampling")
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 2))
    y = (X[:, 0] + rng.normal(0, 1, 300) > 1.2).astype(int)
    r = 4
    dup_X = np.vstack([X] + [X[y == 1]] * (r - 1))
    dup_y = np.r_[y, np.ones((r - 1) * (y == 1).sum(), dtype=int)]
    duplicated = LogisticRegression(tol=1e-10, max_iter=10_000).fit(dup_X, dup_y)
    weighted = LogisticRegression(tol=1e-10, max_iter=10_000).fit(X, y, sample_weight=np.where(y == 1, r, 1))
    assert np.allclose(duplicated.coef_, weighted.coef_, atol=1e-5)
    assert "gives exactly the same training loss as a class weight of $r$" in text


def test_null_rate_exact_binomial_and_logistic_default():
    from scipy.stats import binom
    from sklearn.linear_model import LogisticRegression

    assert round(binom.sf(2, 100, 0.02), 2) == 0.32
    assert "the exact binomial chance of 3 or more is 0.32" in answer_words("data-validation-checks")
    model = LogisticRegression()
    assert model.C == 1.0 and model.l1_ratio == 0.0 and model.penalty == "deprecated"
    assert "since 1.8 the penalty is set with `l1_ratio`" in answer_words("normalization-vs-standardization")
