"""Recompute the worked numbers quoted in content/supervised-algorithms.yaml."""

import math

import numpy as np

from tests.bank import answer_words


def entropy(counts):
    p = np.asarray(counts, dtype=float) / sum(counts)
    p = p[p > 0]
    return float(-(p * np.log2(p)).sum())


def gini(counts):
    p = np.asarray(counts, dtype=float) / sum(counts)
    return float(1 - (p**2).sum())


def weighted(fn, children):
    n = sum(sum(c) for c in children)
    return sum(sum(c) / n * fn(c) for c in children)


def test_linear_regression_fit():
    text = answer_words("linear-regression-assumptions")
    x = np.array([1, 2, 3, 4.0])
    y = np.array([2, 4, 5, 7.0])
    slope, intercept = np.polyfit(x, y, 1)
    assert round(slope, 6) == 1.6 and round(intercept, 6) == 0.5
    resid = y - (slope * x + intercept)
    sse = (resid**2).sum()
    sst = ((y - y.mean()) ** 2).sum()
    assert round(sse, 6) == 0.2 and round(sst, 6) == 13
    assert round(1 - sse / sst, 3) == 0.985
    for s in ["8/5 = 1.6", "= 0.5", "2.1, 3.7, 5.3, 6.9", "0.2/13 = 0.985"]:
        assert s in text


def test_logistic_regression_odds():
    text = answer_words("logistic-regression-how-it-works")
    z = -3 + 0.8 * 5
    assert round(z, 6) == 1
    assert round(1 / (1 + math.exp(-z)), 3) == 0.731
    assert round(math.exp(0.8), 2) == 2.23
    assert round(math.exp(0.2), 2) == 1.22
    assert round(math.exp(1), 2) == 2.72
    assert round(math.exp(1) / math.exp(0.2), 2) == 2.23
    for s in ["= 0.731", "= 2.23", "= 1.22", "= 2.72"]:
        assert s in text


def test_regression_split_variance():
    text = answer_words("decision-tree-splitting")
    y = np.array([1, 2, 3, 10, 11, 12.0])
    assert round(((y - y.mean()) ** 2).sum(), 6) == 125.5
    assert round(y.var(), 3) == 20.917
    child = y[:3].var()
    assert round(child, 3) == 0.667 and round(y[3:].var(), 3) == 0.667
    assert round(y.var() - child, 2) == 20.25
    # every other threshold leaves a larger weighted child variance
    for k in range(1, 6):
        w = (k * y[:k].var() + (6 - k) * y[k:].var()) / 6
        assert w >= child - 1e-12
    for s in ["125.5/6 = 20.917", "20.917 - 0.667 = 20.25"]:
        assert s in text


def test_gini_entropy_table():
    text = answer_words("gini-entropy-information-gain")
    assert gini([5, 5]) == 0.5 and entropy([5, 5]) == 1.0
    split_a = [[3, 1], [2, 4]]
    split_b = [[2, 0], [3, 5]]
    assert gini([3, 1]) == 0.375
    assert round(gini([2, 4]), 3) == 0.444
    assert round(entropy([3, 1]), 3) == 0.811
    assert round(entropy([2, 4]), 3) == 0.918
    assert round(gini([3, 5]), 3) == 0.469
    assert round(entropy([3, 5]), 3) == 0.954
    rows = {
        "A": (split_a, "| A | 3+ 1- | 2+ 4- | 0.417 | 0.083 | 0.875 | 0.125 |"),
        "B": (split_b, "| B | 2+ 0- | 3+ 5- | 0.375 | 0.125 | 0.764 | 0.236 |"),
    }
    for children, row in rows.values():
        wg = weighted(gini, children)
        we = weighted(entropy, children)
        cells = [f"{wg:.3f}", f"{0.5 - wg:.3f}", f"{we:.3f}", f"{1 - we:.3f}"]
        assert " | ".join(cells) in row
        assert row in text
    # both criteria prefer B
    assert weighted(gini, split_b) < weighted(gini, split_a)
    assert weighted(entropy, split_b) < weighted(entropy, split_a)
    assert "0.4 \\times 0.375 + 0.6 \\times 0.444 = 0.417" in text


def test_misclassification_error_follow_up():
    text = answer_words("gini-entropy-information-gain")
    err = lambda c: 1 - max(c) / sum(c)
    assert round(err([8, 2]), 6) == 0.2
    assert round(weighted(err, [[5, 0], [3, 2]]), 6) == 0.2
    assert round(gini([8, 2]), 2) == 0.32
    assert round(gini([3, 2]), 2) == 0.48
    assert round(weighted(gini, [[5, 0], [3, 2]]), 2) == 0.24
    for s in ["Gini 0.32", "0.5 \\times 0.4 = 0.2", "0.5 \\times 0.48 = 0.24"]:
        assert s in text


def test_pruning_alpha():
    text = answer_words("decision-tree-pruning")
    assert round((0.10 - 0.07) / (3 - 1), 3) == 0.015
    assert "(0.10 - 0.07)/(3 - 1) = 0.015" in text


def test_random_forest_variance_and_oob():
    text = answer_words("random-forest-how-it-works")
    var = lambda rho, b: rho + (1 - rho) / b
    assert round(var(0.6, 100), 3) == 0.604
    assert round(var(0.3, 100), 3) == 0.307
    assert round(math.exp(-1), 3) == 0.368
    assert round((1 - 1 / 10_000) ** 10_000, 3) == 0.368
    for s in ["0.4/100 = 0.604", "0.7/100 = 0.307", "0.368"]:
        assert s in text


def test_majority_vote_of_five():
    text = answer_words("bagging-vs-boosting")
    terms = [math.comb(5, k) * 0.7**k * 0.3 ** (5 - k) for k in (3, 4, 5)]
    assert [round(t, 3) for t in terms] == [0.309, 0.360, 0.168]
    assert round(sum(terms), 3) == 0.837
    assert "0.309 + 0.360 + 0.168 = 0.837" in text


def test_adaboost_reweighting():
    text = answer_words("adaboost-how-it-works")
    eps = 0.3
    alpha = 0.5 * math.log((1 - eps) / eps)
    assert round(alpha, 3) == 0.424
    wrong, right = 0.1 * math.exp(alpha), 0.1 * math.exp(-alpha)
    assert round(wrong, 3) == 0.153 and round(right, 3) == 0.065
    z = 3 * wrong + 7 * right
    assert round(z, 3) == 0.917
    assert math.isclose(wrong / z, 1 / 6) and math.isclose(right / z, 1 / 14)
    assert math.isclose(3 * wrong / z, 0.5)
    for s in ["= 0.424", "= 0.153", "= 0.065", "0.917", "1/6 = 0.167", "1/14 = 0.071"]:
        assert s in text


def test_gradient_boosting_step():
    text = answer_words("gradient-boosting-how-it-works")
    y = np.array([3, 5, 10.0])
    f0 = y.mean()
    r = y - f0
    assert f0 == 6 and list(r) == [-3, -1, 4]
    assert round((r**2).mean(), 3) == 8.667
    leaf = np.array([r[:2].mean(), r[:2].mean(), r[2]])
    f1 = f0 + 0.5 * leaf
    assert list(f1) == [5, 5, 8]
    assert list(y - f1) == [-2, 0, 2]
    assert round(((y - f1) ** 2).mean(), 3) == 2.667
    for s in ["26/3 = 8.667", "(5, 5, 8)", "(-2, 0, 2)", "8/3 = 2.667"]:
        assert s in text


def test_xgboost_gain_and_weights():
    text = answer_words("xgboost-vs-gradient-boosting")
    lam = 1.0
    g = np.array([2, 1, -3, -4.0])  # g = prediction - target for squared error
    h = np.ones(4)
    gl, hl, gr, hr = g[:2].sum(), h[:2].sum(), g[2:].sum(), h[2:].sum()
    assert (gl, hl, gr, hr) == (3, 2, -7, 2)
    score = lambda G, H: G**2 / (H + lam)
    gain = 0.5 * (score(gl, hl) + score(gr, hr) - score(gl + gr, hl + hr))
    assert round(score(gr, hr), 3) == 16.333
    assert round(gain, 3) == 8.067
    assert round(gain - 1, 3) == 7.067
    assert -gl / (hl + lam) == -1
    assert round(-gr / (hr + lam), 3) == 2.333
    assert -g[:2].mean() == -1.5 and -g[2:].mean() == 3.5
    for s in ["= 8.067", "7.067", "7/3 = 2.333", "-1.5", "3.5"]:
        assert s in text


def test_goss_example():
    text = answer_words("lightgbm-vs-xgboost")
    n, a, b = 1_000_000, 0.2, 0.1
    top, sampled = int(n * a), int(n * b)
    assert top == 200_000 and sampled == 100_000
    assert round((1 - a) / b, 6) == 8
    assert sampled * 8 == n - top
    assert (top + sampled) / n == 0.3
    for s in ["200,000", "100,000", "0.8/0.1 = 8", "300,000", "30%"]:
        assert s in text


def test_rounds_scale_with_learning_rate():
    text = answer_words("gradient-boosting-tuning")
    r1 = math.log(0.01) / math.log(0.9)
    r2 = math.log(0.01) / math.log(0.99)
    assert round(r1, 1) == 43.7 and math.ceil(r1) == 44
    assert round(r2, 1) == 458.2 and math.ceil(r2) == 459
    for s in ["= 43.7", "44 rounds", "= 458.2", "459 rounds"]:
        assert s in text


def test_soft_vote():
    text = answer_words("stacking-and-ensembles")
    probs = [0.90, 0.40, 0.45]
    assert sum(p > 0.5 for p in probs) == 1
    assert round(sum(probs), 2) == 1.75 and round(sum(probs) / 3, 3) == 0.583
    assert "1.75/3 = 0.583" in text and "3 \\times 5 = 15" in text


def test_svm_margin_example():
    text = answer_words("svm-maximum-margin")
    w, b = np.array([3, 4.0]), -10
    norm = np.linalg.norm(w)
    assert norm == 5 and 2 / norm == 0.4
    f = lambda x: float(w @ np.array(x) + b)
    hinge = lambda x: max(0.0, 1 - f(x))
    assert f((3, 2)) == 7 and hinge((3, 2)) == 0 and f((3, 2)) / norm == 1.4
    assert f((1.5, 1.5)) == 0.5 and hinge((1.5, 1.5)) == 0.5
    assert f((2, 1)) == 0 and hinge((2, 1)) == 1
    for s in ["2/5 = 0.4", "9 + 8 - 10 = 7", "7/5 = 1.4", "f = 0.5"]:
        assert s in text


def test_kernel_trick_example():
    text = answer_words("svm-kernel-trick")
    x, z = np.array([1, 2.0]), np.array([3, 1.0])
    phi = lambda v: np.array([v[0] ** 2, math.sqrt(2) * v[0] * v[1], v[1] ** 2])
    assert x @ z == 5 and (x @ z) ** 2 == 25
    assert math.isclose(phi(x) @ phi(z), 25)
    assert np.allclose(phi(x), [1, 2 * math.sqrt(2), 4])
    assert np.allclose(phi(z), [9, 3 * math.sqrt(2), 1])
    assert ((x - z) ** 2).sum() == 5
    assert round(math.exp(-0.1 * 5), 3) == 0.607
    assert 100_000**2 == 10**10 and 10**10 * 8 / 1e9 == 80
    for s in ["9 + 12 + 4 = 25", "e^{-0.5} = 0.607", "80 GB"]:
        assert s in text


def test_knn_weighted_vote():
    text = answer_words("knn-algorithm")
    a = 1 / 1.0
    b = 1 / 2.0 + 1 / 2.5
    assert round(b, 6) == 0.9 and a > b
    assert "0.5 + 0.4 = 0.9" in text


def test_naive_bayes_posterior():
    text = answer_words("naive-bayes-why-naive")
    spam = 0.4 * 0.3 * 0.05
    ham = 0.6 * 0.02 * 0.2
    assert round(spam, 6) == 0.006 and round(ham, 6) == 0.0024
    assert round(spam / (spam + ham), 3) == 0.714
    for s in ["= 0.006", "= 0.0024", "0.006 / 0.0084 = 0.714"]:
        assert s in text


def test_impurity_importance_credit():
    text = answer_words("tree-feature-importance")
    credit = 100 / 1000 * (0.5 - 0.6 * 0.3 - 0.4 * 0.2)
    assert round(credit, 6) == 0.024
    assert round(0.850 - 0.780, 3) == 0.070 and round(0.850 - 0.849, 3) == 0.001
    assert "0.1 \\times 0.24 = 0.024" in text


def test_polynomial_feature_space_size():
    text = answer_words("svm-kernel-trick")
    # monomials of degree exactly 10 in 100 variables
    assert math.comb(100 + 10 - 1, 10) > 42e12
    assert "over 42 trillion" in text


def test_pinball_loss_newsvendor():
    text = answer_words("quantile-regression-pinball-loss")
    tau = 3 / (3 + 1)
    assert tau == 0.75
    y = np.array([2, 4, 5, 7, 8, 10, 12, 15, 20, 30], dtype=float)

    def loss(q):
        u = y - q
        return float(np.mean(np.maximum(tau * u, (tau - 1) * u)))

    assert round(loss(15), 3) == 2.925 and round(loss(10), 3) == 3.375
    grid = np.linspace(0, 35, 35_001)
    best = grid[np.argmin([loss(q) for q in grid])]
    assert abs(best - 15) < 1e-9 and np.sort(y)[7] == 15
    assert int((y <= 15).sum()) == 8
    for s in ("3/(3+1) = 0.75", "2, 4, 5, 7, 8, 10, 12, 15, 20, 30", "2.925", "3.375", "8th of the 10 sorted values"):
        assert s in text


def test_catboost_ordered_target_statistics():
    text = answer_words("catboost-ordered-boosting")
    labels, prior, a = [1, 0, 1, 1], 0.5, 1
    enc = [(sum(labels[:i]) + a * prior) / (i + a) for i in range(len(labels))]
    assert enc == [0.5, 0.75, 0.5, 0.625]
    assert sum(labels) / len(labels) == 0.75
    assert 2**6 == 64
    for s in ("0.5/1 = 0.5", "1.5/2 = 0.75", "1.5/3 = 0.5", "2.5/4 = 0.625", "all four $0.75$", "64 leaves"):
        assert s in text


def test_poisson_exposure_rate():
    text = answer_words("poisson-tweedie-objectives")
    claims = np.array([2, 0, 1], dtype=float)
    years = np.array([4, 0.5, 0.5])
    # the Poisson MLE of a common rate with exposure offsets: d/dr sum(y log(r t) - r t) = 0
    rate = claims.sum() / years.sum()
    grid = np.linspace(0.01, 3, 29_901)
    loglik = [(claims * np.log(r * years) - r * years).sum() for r in grid]
    assert abs(grid[int(np.argmax(loglik))] - rate) < 1e-3
    assert rate == 0.6
    assert round(float(np.mean(claims / years)), 3) == 0.833
    assert "3/5 = 0.6" in text and "(0.5 + 0 + 2)/3 = 0.833" in text


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


def test_logistic_probability_slope_and_step():
    text = answer_words("logistic-regression-how-it-works")
    p = sigmoid(1)
    slope = 0.8 * p * (1 - p)
    assert round(p, 3) == 0.731 and round(1 - p, 3) == 0.269
    assert round(slope, 3) == 0.157
    p6 = sigmoid(-3 + 0.8 * 6)
    assert round(p6, 3) == 0.858 and round(p6 - p, 3) == 0.127
    # the local slope overstates the real one-ticket step because the curve flattens
    assert p6 - p < slope
    for s in ["0.8 \\times 0.731 \\times 0.269 = 0.157", "\\sigma(1.8) = 0.858", "up $0.127$"]:
        assert s in text


def test_impurity_maxima_for_k_classes():
    text = answer_words("gini-entropy-information-gain")
    for k in (2, 3):
        assert math.isclose(gini([1] * k), 1 - 1 / k)
        assert math.isclose(entropy([1] * k), math.log2(k))
    assert round(gini([1, 1, 1]), 3) == 0.667 and round(entropy([1, 1, 1]), 3) == 1.585
    # a uniform mix beats any skewed three-class mix on both criteria
    assert gini([5, 3, 2]) < gini([1, 1, 1]) and entropy([5, 3, 2]) < entropy([1, 1, 1])
    assert "0.5 and 1 bit for two classes; 0.667 and 1.585 bits for three" in text


def test_pruning_break_even():
    text = answer_words("decision-tree-pruning")
    alpha = (0.10 - 0.07) / (3 - 1)
    # subtree cost 0.07 + 3a equals leaf cost 0.10 + a exactly at the effective alpha
    assert math.isclose(0.07 + 3 * alpha, 0.10 + alpha)
    assert 0.07 + 3 * 0.02 > 0.10 + 0.02 and 0.07 + 3 * 0.01 < 0.10 + 0.01
    assert "$0.07 + 3\\alpha$" in text and "$0.10 + \\alpha$" in text


def test_majority_vote_below_half_accuracy():
    text = answer_words("bagging-vs-boosting")
    vote = lambda p: sum(math.comb(5, k) * p**k * (1 - p) ** (5 - k) for k in (3, 4, 5))
    assert round(vote(0.4), 3) == 0.317 and vote(0.4) < 0.4
    assert round(vote(0.7), 3) == 0.837 and vote(0.7) > 0.7
    assert "right only $0.317$ of the time" in text


def test_xgboost_min_child_weight_rows():
    text = answer_words("xgboost-vs-gradient-boosting")
    h = 0.9 * 0.1
    assert round(h, 2) == 0.09
    assert round(11 * h, 2) == 0.99 and 11 * h < 1 <= 12 * h
    assert math.ceil(1 / h) == 12
    for s in ["h = 0.9 \\times 0.1 = 0.09", "at least 12 of them", "11 sum to only $0.99$"]:
        assert s in text


def test_goss_warmup_and_leaf_budget():
    text = answer_words("lightgbm-vs-xgboost")
    assert int(1.0 / 0.1) == 10
    assert 127 == 2**7 - 1 and 80 < 2**7
    for s in ["10 at the default rate of 0.1", "70 to 80 rather than 127 when depth 7 works"]:
        assert s in text


def test_refit_round_heuristic():
    text = answer_words("gradient-boosting-tuning")
    assert round(400 / 0.8) == 500
    assert "$400 / 0.8 = 500$" in text


def test_nearest_neighbour_error_bound():
    text = answer_words("knn-algorithm")
    bayes = 0.05
    bound = 2 * bayes * (1 - bayes)
    assert round(bound, 3) == 0.095 and bound < 2 * bayes
    assert "0.095 when $R^* = 0.05$" in text


def test_poisson_rate_by_exposure_weights():
    from sklearn.linear_model import PoissonRegressor

    text = answer_words("poisson-tweedie-objectives")
    claims = np.array([2, 0, 1], dtype=float)
    years = np.array([4, 0.5, 0.5])
    rates = claims / years
    assert list(rates) == [0.5, 0, 2]
    assert round(float(np.average(rates, weights=years)), 6) == 0.6
    # the answer's claim: fitting the rate with sample_weight=exposure matches the offset model
    model = PoissonRegressor(alpha=0).fit(np.zeros((3, 1)), rates, sample_weight=years)
    assert abs(math.exp(model.intercept_) - 0.6) < 1e-6
    assert "(4 \\times 0.5 + 0.5 \\times 0 + 0.5 \\times 2)/5 = 0.6" in text


def test_scikit_learn_behaviour_named_in_answers():
    """The answers name scikit-learn 1.9 defaults; requirements pin that version, so re-check on upgrade."""
    import inspect
    import warnings

    import sklearn
    from sklearn.ensemble import (
        AdaBoostClassifier,
        HistGradientBoostingRegressor,
        RandomForestClassifier,
        RandomForestRegressor,
        StackingClassifier,
    )
    from sklearn.inspection import permutation_importance
    from sklearn.linear_model import LogisticRegression, QuantileRegressor
    from sklearn.naive_bayes import MultinomialNB
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.svm import SVC
    from sklearn.tree import DecisionTreeClassifier

    assert sklearn.__version__.startswith("1.9")
    default = lambda cls, name: inspect.signature(cls).parameters[name].default
    assert default(LogisticRegression, "C") == 1.0 and default(LogisticRegression, "penalty") == "deprecated"
    assert default(RandomForestClassifier, "max_features") == "sqrt"
    assert default(RandomForestRegressor, "max_features") == 1.0
    assert default(HistGradientBoostingRegressor, "categorical_features") == "from_dtype"
    assert default(HistGradientBoostingRegressor, "learning_rate") == 0.1
    assert default(HistGradientBoostingRegressor, "max_leaf_nodes") == 31
    assert default(HistGradientBoostingRegressor, "max_iter") == 100
    assert default(QuantileRegressor, "alpha") == 1.0
    assert default(KNeighborsClassifier, "n_neighbors") == 5
    assert default(MultinomialNB, "alpha") == 1.0
    assert default(StackingClassifier, "final_estimator") is None  # documented as LogisticRegression
    assert default(permutation_importance, "n_repeats") == 5
    assert "algorithm" not in inspect.signature(AdaBoostClassifier).parameters
    assert default(SVC, "probability") == "deprecated"
    assert default(SVC, "gamma") == "scale"

    rng = np.random.default_rng(0)
    # early stopping switches on only above 10,000 rows
    for n, expected in [(10_000, False), (10_001, True)]:
        X = rng.normal(size=(n, 2))
        model = HistGradientBoostingRegressor(max_iter=3).fit(X, X[:, 0])
        assert model.do_early_stopping_ is expected
    # a tied kNN vote goes to the class that sorts first
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    for labels in ([2, 1, 2, 1], [1, 2, 1, 2]):
        assert KNeighborsClassifier(n_neighbors=2).fit(X, labels).predict([[1.5]])[0] == 1
    # distance weighting gives an exact match all the weight
    knn = KNeighborsClassifier(n_neighbors=3, weights="distance").fit(X, [0, 1, 1, 1])
    assert knn.predict_proba([[0.0]])[0].tolist() == [1.0, 0.0]
    # trees route missing values natively
    tree = DecisionTreeClassifier().fit(np.array([[1.0], [2.0], [np.nan], [4.0]]), [0, 0, 1, 1])
    assert tree.predict([[np.nan]])[0] == 1
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        SVC(probability=True).fit(rng.normal(size=(20, 2)), [0, 1] * 10)
    assert any("1.11" in str(w.message) for w in caught)

    for qid, phrases in {
        "logistic-regression-how-it-works": ["`C=1.0`", "removal planned for 1.10"],
        "random-forest-how-it-works": ['`"sqrt"`', "uses `1.0`, all features"],
        "gradient-boosting-how-it-works": ['`categorical_features="from_dtype"`', "above 10,000 rows"],
        "quantile-regression-pinball-loss": ["`alpha=1.0` by default in scikit-learn 1.9"],
        "knn-algorithm": ["scikit-learn's default is 5", "comes first in its sorted labels"],
        "svm-maximum-margin": ["removal planned for 1.11", "tens of thousands"],
        "svm-kernel-trick": ['`gamma="scale"`'],
        "tree-feature-importance": ["`n_repeats=5` by default"],
        "adaboost-how-it-works": ["implements only SAMME"],
    }.items():
        text = answer_words(qid)
        for phrase in phrases:
            assert phrase in text, (qid, phrase)


def test_poisson_hessian_damping():
    text = answer_words("poisson-tweedie-objectives")
    assert round(math.exp(0.7), 2) == 2.01
    # with the inflated Hessian, a leaf's Newton step is the plain one divided by e^0.7
    g, f = -3.0, 0.0
    assert math.isclose((-g / math.exp(f)) / (-g / math.exp(f + 0.7)), math.exp(0.7))
    assert "$e^{0.7} = 2.01$" in text


def test_class_weight_scales_predicted_odds():
    """scale_pos_weight = 9 on a leaf with a 0.1 positive rate: odds 1/9 become 1, p = 0.5."""
    from sklearn.linear_model import LogisticRegression

    text = answer_words("gradient-boosting-tuning")
    weight, rate = 9, 0.1
    odds = rate / (1 - rate)
    assert math.isclose(odds, 1 / 9) and math.isclose(weight * odds, 1)
    # a weighted intercept-only fit (one leaf) lands on exactly those odds
    y = np.r_[np.ones(10), np.zeros(90)]
    w = np.where(y == 1, weight, 1.0)
    model = LogisticRegression(C=np.inf).fit(np.zeros((100, 1)), y, sample_weight=w)
    p = model.predict_proba([[0.0]])[0, 1]
    assert abs(p - 0.5) < 1e-6
    # dividing the odds back by the weight recovers the true rate
    assert math.isclose((p / (1 - p)) / weight / (1 + (p / (1 - p)) / weight), rate, rel_tol=1e-5)
    for s in ["odds $1/9$", "$9 \\times 1/9 = 1$", "a probability of 0.5", "`xgb.train` builds only 10"]:
        assert s in text


def test_stacking_fit_count():
    from sklearn.ensemble import StackingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.naive_bayes import GaussianNB
    from sklearn.tree import DecisionTreeClassifier

    text = answer_words("stacking-and-ensembles")
    assert 3 * 5 + 3 == 18
    assert "$15 + 3 = 18$" in text
    # scikit-learn keeps one refitted copy of each base model for test time
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(60, 2)), np.arange(60) % 2
    stack = StackingClassifier(
        [("lr", LogisticRegression()), ("nb", GaussianNB()), ("dt", DecisionTreeClassifier(max_depth=2))]
    ).fit(X, y)
    assert len(stack.estimators_) == 3
    assert stack.transform(X).shape == (60, 3)  # binary: one probability column per base model


def test_svm_free_support_vectors_sit_on_the_margin():
    """KKT: 0 < alpha < C puts a point exactly on the margin; alpha = C points lie on or inside it."""
    from sklearn.svm import SVC

    text = answer_words("svm-maximum-margin")
    rng = np.random.default_rng(1)
    X = np.r_[rng.normal(-1, 1, size=(40, 2)), rng.normal(1, 1, size=(40, 2))]
    y = np.r_[-np.ones(40), np.ones(40)]
    c = 1.0
    svm = SVC(kernel="linear", C=c, tol=1e-8).fit(X, y)
    alpha = np.abs(svm.dual_coef_[0])
    margin = y[svm.support_] * svm.decision_function(X[svm.support_])
    free = alpha < c - 1e-6
    assert free.any() and (~free).any()
    assert np.allclose(margin[free], 1, atol=1e-3)
    assert (margin[~free] <= 1 + 1e-3).all()
    # points that are not support vectors sit on or beyond the margin
    others = np.setdiff1d(np.arange(len(y)), svm.support_)
    assert (y[others] * svm.decision_function(X[others]) >= 1 - 1e-3).all()
    assert "any $0 < \\alpha_i < C$ puts the point exactly on the margin" in text


def test_scikit_learn_behaviour_named_in_fixes():
    import warnings

    import pytest
    from sklearn.ensemble import AdaBoostClassifier, HistGradientBoostingRegressor
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 2))
    # liblinear refuses three classes in 1.9
    with pytest.raises(ValueError, match="OneVsRestClassifier"):
        LogisticRegression(solver="liblinear").fit(X, np.arange(60) % 3)
    assert "`liblinear` refuses such data" in answer_words("logistic-regression-how-it-works")
    # HistGradientBoosting has no built-in importances
    hgb = HistGradientBoostingRegressor(max_iter=5).fit(X, X[:, 0])
    assert not hasattr(hgb, "feature_importances_")
    assert "`HistGradientBoosting*` estimators do not" in answer_words("gradient-boosting-how-it-works")
    # AdaBoost discards a learner no better than chance: labels unrelated to X, stumps can't beat 1 - 1/K
    X1 = np.zeros((40, 1))
    y3 = np.arange(40) % 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ValueError, match="worse than random"):
            AdaBoostClassifier(n_estimators=5).fit(X1, y3)
    assert "discards any learner whose error reaches $1 - 1/K$" in answer_words("adaboost-how-it-works")
