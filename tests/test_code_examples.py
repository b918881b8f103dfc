"""Every from-scratch implementation in code_examples/ checked against scikit-learn or hand-computed cases."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from scipy.special import log_softmax as scipy_log_softmax
from scipy.special import softmax as scipy_softmax
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs, make_classification
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression as SkLogisticRegression
from sklearn.metrics import confusion_matrix as sk_confusion_matrix
from sklearn.metrics import f1_score, log_loss, precision_recall_fscore_support, roc_auc_score
from sklearn.model_selection import StratifiedShuffleSplit
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from code_examples.ab_two_proportion_ztest import diff_confidence_interval, two_proportion_ztest
from code_examples.bootstrap_metric_ci import accuracy, bootstrap_ci
from code_examples.classification_metrics import macro_f1, precision_recall_f1
from code_examples.confusion_matrix import confusion_matrix
from code_examples.gaussian_naive_bayes import GaussianNaiveBayes
from code_examples.gradient_boosting_stumps import GradientBoostingStumps
from code_examples.kfold_indices import kfold_indices, stratified_kfold_indices
from code_examples.kmeans import kmeans
from code_examples.knn import KNNClassifier
from code_examples.linreg_normal_eq_gd import fit_gradient_descent, fit_lstsq, fit_normal_equations
from code_examples.logistic_regression import LogisticRegression, sigmoid
from code_examples.logistic_regression import log_loss as our_log_loss
from code_examples.pca_svd import PCAFromSVD
from code_examples.preprocessing import Preprocessor
from code_examples.ranking_ndcg_mrr import mean_reciprocal_rank, ndcg_at_k
from code_examples.roc_auc import roc_auc, roc_auc_pairwise
from code_examples.running_stats import RunningStats
from code_examples.softmax import cross_entropy, log_softmax, softmax
from code_examples.tfidf_smooth_l2 import TfidfFromScratch
from code_examples.train_test_split import stratified_train_test_split
from code_examples.tree_best_split import best_split, impurity

# ---------------------------------------------------------------- logistic regression


def _classification_data(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    X, y = make_classification(
        n_samples=300, n_features=4, n_informative=3, n_redundant=0, class_sep=1.0, flip_y=0.05, random_state=seed
    )
    return (X - X.mean(axis=0)) / X.std(axis=0), y


def test_logistic_regression_matches_sklearn_coefficients() -> None:
    X, y = _classification_data()
    l2 = 0.01
    ours = LogisticRegression(lr=0.5, n_iter=20_000, l2=l2, tol=1e-9).fit(X, y)
    # sklearn minimises 0.5 * ||w||^2 + C * sum(loss); ours is mean(loss) + l2 / 2 * ||w||^2, so C = 1 / (n * l2).
    ref = SkLogisticRegression(C=1.0 / (len(X) * l2), tol=1e-10, max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(ours.w, ref.coef_.ravel(), atol=1e-4)
    assert ours.b == pytest.approx(ref.intercept_[0], abs=1e-4)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X)[:, 1], atol=1e-5)
    assert np.mean(ours.predict(X) == ref.predict(X)) == 1.0


def test_logistic_regression_unregularised_accuracy_close_to_sklearn() -> None:
    X, y = _classification_data(seed=1)
    ours = LogisticRegression(lr=0.5, n_iter=5_000).fit(X, y)
    ref = SkLogisticRegression(C=1e6, max_iter=10_000).fit(X, y)
    assert abs(np.mean(ours.predict(X) == y) - ref.score(X, y)) <= 0.01
    assert our_log_loss(y, ours.predict_proba(X)) == pytest.approx(log_loss(y, ref.predict_proba(X)), abs=1e-3)


def test_sigmoid_is_stable_at_extremes() -> None:
    z = np.array([-1000.0, -30.0, 0.0, 30.0, 1000.0])
    with np.errstate(over="raise"):
        p = sigmoid(z)
    assert np.all(np.isfinite(p))
    assert p[2] == 0.5
    assert p[0] == 0.0 and p[-1] == 1.0
    np.testing.assert_allclose(p[1:4], 1 / (1 + np.exp(-z[1:4])))


# ---------------------------------------------------------------- k-means


def test_kmeans_matches_sklearn_from_same_init() -> None:
    X, _ = make_blobs(n_samples=500, centers=4, cluster_std=1.5, random_state=3)
    init = X[[0, 1, 2, 3]]
    centroids, labels, inertia = kmeans(X, k=4, init=init)
    ref = KMeans(n_clusters=4, init=init, n_init=1, algorithm="lloyd", tol=1e-10, max_iter=300).fit(X)
    assert inertia == pytest.approx(ref.inertia_, rel=1e-6)
    order = np.lexsort(centroids.T)  # compare centroids irrespective of order
    ref_order = np.lexsort(ref.cluster_centers_.T)
    np.testing.assert_allclose(centroids[order], ref.cluster_centers_[ref_order], atol=1e-6)
    assert len(np.unique(labels)) == 4


def test_kmeans_hand_case() -> None:
    X = np.array([[0.0, 0.0], [0.0, 2.0], [10.0, 0.0], [10.0, 2.0]])
    centroids, labels, inertia = kmeans(X, k=2, init=np.array([[0.0, 0.0], [10.0, 0.0]]))
    np.testing.assert_allclose(centroids, [[0.0, 1.0], [10.0, 1.0]])
    assert labels.tolist() == [0, 0, 1, 1]
    assert inertia == pytest.approx(4.0)


def test_kmeans_reseeds_empty_clusters() -> None:
    X, _ = make_blobs(n_samples=200, centers=3, random_state=0)
    init = np.vstack([X[:1], [[1e3, 1e3]], [[-1e3, -1e3]]])  # two centroids no point will ever choose
    centroids, labels, inertia = kmeans(X, k=3, init=init)
    assert np.all(np.isfinite(centroids))
    assert len(np.unique(labels)) == 3  # every cluster ends up with members
    assert len({tuple(c) for c in centroids.round(8)}) == 3  # no two clusters collapsed onto one point
    single = kmeans(X, k=1, init=X[:1])[2]
    assert inertia < single


# ---------------------------------------------------------------- precision / recall / F1


def test_metrics_match_sklearn_on_random_labels() -> None:
    rng = np.random.default_rng(0)
    for _ in range(20):
        y_true = rng.integers(0, 2, size=50)
        y_pred = rng.integers(0, 2, size=50)
        p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, average="binary", zero_division=0)
        assert precision_recall_f1(y_true, y_pred) == pytest.approx((p, r, f))


def test_metrics_hand_case() -> None:
    y_true = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
    y_pred = [1, 1, 1, 0, 1, 1, 0, 0, 0, 0]  # TP 3, FN 1, FP 2, TN 4
    p, r, f = precision_recall_f1(y_true, y_pred)
    assert (p, r) == (0.6, 0.75)
    assert f == pytest.approx(2 / 3)


@pytest.mark.parametrize("zero_division", [0.0, 1.0])
def test_metrics_zero_division_matches_sklearn(zero_division: float) -> None:
    cases = [
        ([1, 1, 0], [0, 0, 0]),  # no positive predictions: precision is 0 / 0
        ([0, 0, 0], [1, 0, 0]),  # no positive labels: recall is 0 / 0
        ([0, 0, 0], [0, 0, 0]),  # nothing positive anywhere: everything is 0 / 0
    ]
    for y_true, y_pred in cases:
        p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, average="binary", zero_division=zero_division)
        assert precision_recall_f1(y_true, y_pred, zero_division=zero_division) == pytest.approx((p, r, f))


def test_metrics_string_labels_and_macro_f1() -> None:
    rng = np.random.default_rng(1)
    y_true = rng.choice(["cat", "dog", "fox"], size=80)
    y_pred = rng.choice(["cat", "dog", "fox"], size=80)
    p, r, f, _ = precision_recall_fscore_support(y_true == "dog", y_pred == "dog", average="binary")
    assert precision_recall_f1(y_true, y_pred, positive="dog") == pytest.approx((p, r, f))
    assert macro_f1(y_true, y_pred) == pytest.approx(f1_score(y_true, y_pred, average="macro"))


# ---------------------------------------------------------------- confusion matrix


def test_confusion_matrix_matches_sklearn() -> None:
    rng = np.random.default_rng(2)
    y_true = rng.integers(0, 4, size=200)
    y_pred = rng.integers(0, 5, size=200)  # a label only ever predicted, never true
    ours, labels = confusion_matrix(y_true, y_pred)
    assert labels.tolist() == [0, 1, 2, 3, 4]
    np.testing.assert_array_equal(ours, sk_confusion_matrix(y_true, y_pred))
    assert ours.sum() == 200


def test_confusion_matrix_hand_case_with_strings() -> None:
    y_true = ["cat", "cat", "dog", "dog", "dog", "fox"]
    y_pred = ["cat", "dog", "dog", "dog", "fox", "fox"]
    ours, labels = confusion_matrix(y_true, y_pred)
    assert labels.tolist() == ["cat", "dog", "fox"]
    np.testing.assert_array_equal(ours, [[1, 1, 0], [0, 2, 1], [0, 0, 1]])
    np.testing.assert_array_equal(ours, sk_confusion_matrix(y_true, y_pred, labels=["cat", "dog", "fox"]))


def test_confusion_matrix_rejects_length_mismatch() -> None:
    with pytest.raises(ValueError):
        confusion_matrix([0, 1], [0])


# ---------------------------------------------------------------- stratified split


def test_stratified_split_preserves_ratios_and_is_disjoint() -> None:
    y = np.array([0] * 900 + [1] * 100)
    train, test = stratified_train_test_split(y, test_size=0.2, seed=42)
    assert len(np.intersect1d(train, test)) == 0
    assert np.array_equal(np.sort(np.concatenate([train, test])), np.arange(len(y)))
    assert np.bincount(y[test]).tolist() == [180, 20]
    assert np.bincount(y[train]).tolist() == [720, 80]


def test_stratified_split_class_counts_match_sklearn() -> None:
    y = np.array([0] * 50 + [1] * 30 + [2] * 20)
    train, test = stratified_train_test_split(y, test_size=0.3, seed=0)
    sss = StratifiedShuffleSplit(n_splits=1, test_size=0.3, random_state=0)
    ref_train, ref_test = next(sss.split(np.zeros(len(y)), y))
    assert np.bincount(y[test]).tolist() == np.bincount(y[ref_test]).tolist() == [15, 9, 6]
    assert np.bincount(y[train]).tolist() == np.bincount(y[ref_train]).tolist()


def test_stratified_split_edge_cases() -> None:
    y = np.array(["a"] * 9 + ["b"])  # a class with a single row stays in training
    train, test = stratified_train_test_split(y, test_size=0.2, seed=0)
    assert "b" in set(y[train]) and "b" not in set(y[test])
    again = stratified_train_test_split(y, test_size=0.2, seed=0)
    assert np.array_equal(train, again[0]) and np.array_equal(test, again[1])  # same seed, same split
    with pytest.raises(ValueError):
        stratified_train_test_split(y, test_size=1.0)


# ---------------------------------------------------------------- k-nearest neighbours


@pytest.mark.parametrize("k", [1, 3, 5, 8])
def test_knn_matches_sklearn(k: int) -> None:
    X, y = make_classification(
        n_samples=400, n_features=5, n_informative=3, n_classes=3, n_clusters_per_class=1, random_state=7
    )
    X_train, y_train, X_test = X[:300], y[:300], X[300:]
    ours = KNNClassifier(k=k).fit(X_train, y_train).predict(X_test)
    ref = KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(X_train, y_train).predict(X_test)
    np.testing.assert_array_equal(ours, ref)


def test_knn_string_labels_and_hand_case() -> None:
    X = np.array([[0.0], [1.0], [2.0], [10.0], [11.0]])
    y = np.array(["low", "low", "low", "high", "high"])
    model = KNNClassifier(k=3).fit(X, y)
    assert model.predict(np.array([[1.5], [10.5]])).tolist() == ["low", "high"]
    with pytest.raises(ValueError):
        KNNClassifier(k=6).fit(X, y)


# ---------------------------------------------------------------- preprocessing pipeline


def _mixed_data(seed: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X_num = rng.normal(loc=[5.0, -2.0, 100.0], scale=[1.0, 3.0, 20.0], size=(n, 3))
    X_num[rng.random(X_num.shape) < 0.15] = np.nan
    X_cat = rng.choice(np.array(["red", "green", "blue"], dtype=object), size=(n, 2)).astype(object)
    X_cat[rng.random(X_cat.shape) < 0.15] = None
    return X_num, X_cat


def test_preprocessor_matches_sklearn_pipeline() -> None:
    X_num, X_cat = _mixed_data(0, 200)
    test_num, test_cat = _mixed_data(1, 50)
    test_cat[0, 0] = "purple"  # a category never seen in training
    ours = Preprocessor().fit(X_num, X_cat)

    num_imp = SimpleImputer(strategy="mean").fit(X_num)
    scaler = StandardScaler().fit(num_imp.transform(X_num))
    cat_imp = SimpleImputer(strategy="most_frequent", missing_values=None).fit(X_cat)
    onehot = OneHotEncoder(handle_unknown="ignore", sparse_output=False).fit(cat_imp.transform(X_cat))

    def reference(num: np.ndarray, cat: np.ndarray) -> np.ndarray:
        return np.hstack([scaler.transform(num_imp.transform(num)), onehot.transform(cat_imp.transform(cat))])

    np.testing.assert_allclose(ours.transform(X_num, X_cat), reference(X_num, X_cat), atol=1e-12)
    np.testing.assert_allclose(ours.transform(test_num, test_cat), reference(test_num, test_cat), atol=1e-12)
    assert ours.transform(test_num, test_cat)[0, 3:6].sum() == 0.0  # unseen category -> all zeros


def test_preprocessor_learns_only_from_training_rows() -> None:
    X_num, X_cat = _mixed_data(0, 200)
    shifted = np.nan_to_num(X_num, nan=0.0) + 1_000.0  # a test set from a very different distribution
    model = Preprocessor().fit(X_num, X_cat)
    before = (model.means.copy(), model.scales.copy())
    out = model.transform(shifted, X_cat)
    np.testing.assert_array_equal(model.means, before[0])  # transform did not refit
    np.testing.assert_array_equal(model.scales, before[1])
    assert np.all(out[:, :3].mean(axis=0) > 1.0)  # test columns are NOT re-centred to 0


def test_preprocessor_constant_column_and_fit_transform() -> None:
    X_num = np.array([[1.0, 3.0], [1.0, np.nan], [1.0, 5.0]])
    X_cat = np.array([["a"], [None], ["a"]], dtype=object)
    out = Preprocessor().fit_transform(X_num, X_cat)
    np.testing.assert_allclose(out[:, 0], 0.0)  # zero std: no division by zero
    np.testing.assert_allclose(out[:, 1], [-np.sqrt(1.5), 0.0, np.sqrt(1.5)])
    np.testing.assert_allclose(out[:, 2], 1.0)


# ---------------------------------------------------------------- softmax


def test_softmax_matches_scipy_and_survives_large_logits() -> None:
    rng = np.random.default_rng(0)
    z = rng.normal(scale=5.0, size=(6, 4))
    np.testing.assert_allclose(softmax(z), scipy_softmax(z, axis=-1))
    np.testing.assert_allclose(log_softmax(z), scipy_log_softmax(z, axis=-1))
    np.testing.assert_allclose(softmax(z, axis=0), scipy_softmax(z, axis=0))
    big = np.array([1000.0, 1001.0, 1002.0])
    with np.errstate(over="raise"):
        p = softmax(big)
    np.testing.assert_allclose(p, softmax(np.array([0.0, 1.0, 2.0])))
    assert np.isfinite(log_softmax(np.array([-1000.0, 0.0]))).all()


def test_cross_entropy_matches_sklearn_log_loss() -> None:
    rng = np.random.default_rng(3)
    logits = rng.normal(size=(30, 3))
    labels = rng.integers(0, 3, size=30)
    assert cross_entropy(logits, labels) == pytest.approx(log_loss(labels, softmax(logits), labels=[0, 1, 2]))


# ---------------------------------------------------------------- ROC AUC


def test_roc_auc_matches_sklearn_with_ties() -> None:
    rng = np.random.default_rng(0)
    for _ in range(20):
        y = rng.integers(0, 2, size=60)
        if y.min() == y.max():
            continue
        scores = rng.integers(0, 6, size=60).astype(float)  # many ties on purpose
        assert roc_auc(y, scores) == pytest.approx(roc_auc_score(y, scores))
        assert roc_auc_pairwise(y, scores) == pytest.approx(roc_auc_score(y, scores))


def test_roc_auc_hand_case_and_one_class() -> None:
    y = [0, 0, 1, 1]
    scores = [0.1, 0.4, 0.35, 0.8]
    assert roc_auc(y, scores) == pytest.approx(0.75)
    with pytest.raises(ValueError):
        roc_auc([1, 1], [0.2, 0.3])


# ---------------------------------------------------------------- streaming mean and variance


def test_running_stats_matches_numpy_and_beats_naive_formula() -> None:
    rng = np.random.default_rng(0)
    data = 1e9 + rng.normal(size=10_000)  # huge offset, tiny spread
    one_by_one = RunningStats()
    for x in data:
        one_by_one.update(float(x))
    chunked = RunningStats()
    for chunk in np.array_split(data, 7):
        chunked.update_batch(chunk)
    for stats in (one_by_one, chunked):
        assert stats.n == len(data)
        assert stats.mean == pytest.approx(data.mean(), rel=1e-14)
        assert stats.variance == pytest.approx(data.var(), rel=1e-6)
        assert stats.sample_variance == pytest.approx(data.var(ddof=1), rel=1e-6)
    naive = np.mean(data**2) - np.mean(data) ** 2  # E[x^2] - E[x]^2 cancels catastrophically
    assert abs(naive - data.var()) > 0.1


def test_running_stats_hand_case_and_empty() -> None:
    stats = RunningStats()
    for x in (3.0, 5.0, 10.0):
        stats.update(x)
    assert (stats.mean, stats.m2) == (6.0, 26.0)
    assert stats.sample_variance == 13.0
    empty = RunningStats()
    assert np.isnan(empty.variance) and np.isnan(empty.sample_variance)
    empty.update_batch(np.array([]))
    assert empty.n == 0


# ================================================================ round-3 exercises (code-a)


# ---------------------------------------------------------------- linear regression


def test_linear_regression_solvers_match_sklearn() -> None:
    from sklearn.datasets import make_regression
    from sklearn.linear_model import LinearRegression

    X, y = make_regression(n_samples=200, n_features=5, noise=3.0, bias=7.0, random_state=0)
    ref = LinearRegression().fit(X, y)
    for w, b in (fit_lstsq(X, y), fit_normal_equations(X, y)):
        np.testing.assert_allclose(w, ref.coef_, rtol=1e-8)
        assert b == pytest.approx(ref.intercept_, rel=1e-8)
    Xs = (X - X.mean(axis=0)) / X.std(axis=0)
    w_gd, b_gd = fit_gradient_descent(Xs, y, lr=0.5, n_iter=20_000, tol=1e-12)
    ref_s = LinearRegression().fit(Xs, y)
    np.testing.assert_allclose(w_gd, ref_s.coef_, atol=1e-8)
    assert b_gd == pytest.approx(ref_s.intercept_, abs=1e-8)


def test_linear_regression_hand_case_and_ill_conditioning() -> None:
    X, y = np.array([[1.0], [2.0], [3.0], [4.0]]), np.array([2.0, 3.0, 5.0, 6.0])
    w, b = fit_lstsq(X, y)
    assert (round(w[0], 10), round(b, 10)) == (1.4, 0.5)
    with pytest.warns(RuntimeWarning, match="no convergence"):  # one step is not convergence
        w1, b1 = fit_gradient_descent(X, y, lr=0.1, n_iter=1)
    assert (w1[0], b1) == pytest.approx((1.175, 0.4))  # one step of 0.1 times gradients (-11.75, -4)
    # Nearly collinear columns: cond(A^T A) = cond(A)^2, and the normal equations lose twice the digits.
    rng = np.random.default_rng(0)
    x = rng.normal(size=100)
    Xbad = np.column_stack([x, x + 1e-5 * rng.normal(size=100)])
    A = np.hstack([Xbad, np.ones((100, 1))])
    assert np.linalg.cond(A.T @ A) == pytest.approx(np.linalg.cond(A) ** 2, rel=1e-2)
    y_bad = Xbad @ np.array([1.0, 2.0]) + 0.5
    w_ls, _ = fit_lstsq(Xbad, y_bad)
    w_ne, _ = fit_normal_equations(Xbad, y_bad)
    assert np.abs(w_ls - [1.0, 2.0]).max() < np.abs(w_ne - [1.0, 2.0]).max()


# ---------------------------------------------------------------- decision tree split


@pytest.mark.parametrize("criterion", ["gini", "entropy"])
def test_best_split_matches_sklearn_root(criterion: str) -> None:
    from sklearn.tree import DecisionTreeClassifier

    for seed in range(5):
        X, y = make_classification(n_samples=150, n_features=4, n_informative=3, n_redundant=0, random_state=seed)
        X = X.astype(np.float32).astype(np.float64)  # scikit-learn's trees split on float32 copies of X
        j, t, gain = best_split(X, y, criterion)
        tree = DecisionTreeClassifier(max_depth=1, criterion=criterion, random_state=0).fit(X, y).tree_
        assert j == tree.feature[0]
        assert t == pytest.approx(tree.threshold[0], abs=1e-12)
        w = tree.weighted_n_node_samples
        ref_gain = tree.impurity[0] - (w[1] * tree.impurity[1] + w[2] * tree.impurity[2]) / w[0]
        assert gain == pytest.approx(ref_gain, abs=1e-12)


def test_best_split_hand_case_and_constant_feature() -> None:
    X = np.array([[1.0], [2.0], [3.0], [4.0], [5.0], [6.0]])
    y = np.array([0, 0, 0, 1, 1, 0])
    assert best_split(X, y, "gini") == pytest.approx((0, 3.5, 2 / 9))
    assert impurity(np.array([4, 2])) == pytest.approx(4 / 9)
    assert best_split(X, y, "entropy")[2] == pytest.approx(0.5 * impurity(np.array([4, 2]), "entropy"))
    assert best_split(np.ones((4, 1)), np.array([0, 1, 0, 1]))[0] == -1  # nothing to split on


# ---------------------------------------------------------------- PCA


def test_pca_matches_sklearn_including_signs() -> None:
    from sklearn.decomposition import PCA

    rng = np.random.default_rng(0)
    X = rng.normal(size=(120, 5)) @ rng.normal(size=(5, 5)) + rng.normal(size=5) * 10
    ours = PCAFromSVD(3).fit(X)
    ref = PCA(n_components=3, svd_solver="full").fit(X)
    np.testing.assert_allclose(ours.components, ref.components_, atol=1e-10)
    np.testing.assert_allclose(ours.explained_variance, ref.explained_variance_, rtol=1e-10)
    np.testing.assert_allclose(ours.explained_variance_ratio, ref.explained_variance_ratio_, rtol=1e-10)
    np.testing.assert_allclose(ours.transform(X), ref.transform(X), atol=1e-9)
    full = PCAFromSVD(5).fit(X)
    np.testing.assert_allclose(full.inverse_transform(full.transform(X)), X, atol=1e-9)


def test_pca_hand_case() -> None:
    X = np.array([[2.0, 0.0], [0.0, 1.0], [-2.0, 0.0], [0.0, -1.0]])
    p = PCAFromSVD(2).fit(X)
    np.testing.assert_allclose(p.explained_variance, [8 / 3, 2 / 3])
    np.testing.assert_allclose(p.explained_variance_ratio, [0.8, 0.2])
    np.testing.assert_allclose(np.abs(p.components), np.eye(2), atol=1e-12)
    assert np.all(p.components[np.arange(2), np.abs(p.components).argmax(axis=1)] > 0)


# ---------------------------------------------------------------- Gaussian naive Bayes


def test_gaussian_nb_matches_sklearn() -> None:
    from sklearn.naive_bayes import GaussianNB

    X, y = make_classification(n_samples=300, n_features=6, n_informative=4, n_classes=3, random_state=4)
    X[:, 5] = 2.0  # a constant feature: its variance is 0 without smoothing
    ours = GaussianNaiveBayes().fit(X, y)
    ref = GaussianNB().fit(X, y)
    np.testing.assert_allclose(ours.means, ref.theta_)
    np.testing.assert_allclose(ours.vars, ref.var_, rtol=1e-12)
    X_far = X * 50  # rows far from every class: a product of densities would underflow to 0 / 0
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-9)
    np.testing.assert_allclose(ours.predict_log_proba(X), ref.predict_log_proba(X), rtol=1e-9, atol=1e-9)
    # In X_far the constant column is 100, not 2: joint log-likelihoods near -1e12, where float64 steps are 1e-4.
    np.testing.assert_allclose(ours.predict_log_proba(X_far), ref.predict_log_proba(X_far), atol=1e-3)
    for data in (X, X_far):
        np.testing.assert_array_equal(ours.predict(data), ref.predict(data))
    assert np.all(np.isfinite(ours.predict_log_proba(X_far)))


# ---------------------------------------------------------------- NDCG and MRR


def test_ndcg_linear_gain_matches_sklearn() -> None:
    from sklearn.metrics import ndcg_score

    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 4, size=(30, 12))
    y_score = rng.normal(size=(30, 12))  # continuous scores: no ties
    for k in (1, 3, 5, 12):
        assert ndcg_at_k(y_true, y_score, k, gain="linear") == pytest.approx(ndcg_score(y_true, y_score, k=k))


def test_ndcg_exponential_hand_case_and_mrr() -> None:
    rel = np.array([3, 2, 0, 1])  # shown in this order
    score = np.array([4.0, 3.0, 2.0, 1.0])
    dcg = 7 / 1 + 3 / np.log2(3) + 0 + 1 / np.log2(5)
    idcg = 7 + 3 / np.log2(3) + 1 / np.log2(4)
    assert ndcg_at_k(rel, score, 4) == pytest.approx(dcg / idcg)
    assert ndcg_at_k(np.zeros(4), score, 4) == 0.0
    assert ndcg_at_k(rel, -score, 2) == pytest.approx(1 / (7 + 3 / np.log2(3)))  # reversed: shows rel 1, then 0
    assert mean_reciprocal_rank([np.array([0, 1, 0]), np.array([1, 0]), np.array([0, 0])]) == pytest.approx(0.5)


# ---------------------------------------------------------------- k-fold indices


def test_kfold_matches_sklearn_and_partitions() -> None:
    from sklearn.model_selection import KFold

    for n, k in [(10, 3), (17, 5), (6, 6)]:
        ours = kfold_indices(n, k)
        for (tr, te), (rtr, rte) in zip(ours, KFold(n_splits=k).split(np.zeros(n)), strict=True):
            np.testing.assert_array_equal(np.sort(tr), rtr)
            np.testing.assert_array_equal(te, rte)
    shuffled = kfold_indices(17, 5, shuffle=True, seed=1)
    tests = np.concatenate([te for _, te in shuffled])
    assert np.array_equal(np.sort(tests), np.arange(17))  # every row is tested exactly once
    assert [len(te) for _, te in shuffled] == [4, 4, 3, 3, 3]
    for tr, te in shuffled:
        assert len(np.intersect1d(tr, te)) == 0 and len(tr) + len(te) == 17
    with pytest.raises(ValueError):
        kfold_indices(3, 4)


def test_stratified_kfold_class_counts_match_sklearn() -> None:
    from sklearn.model_selection import StratifiedKFold

    rng = np.random.default_rng(0)
    for k in (3, 5):
        y = rng.choice(["a", "b", "c"], p=[0.7, 0.2, 0.1], size=103)
        ours = stratified_kfold_indices(y, k, seed=0)
        ref = StratifiedKFold(n_splits=k, shuffle=True, random_state=0).split(np.zeros(len(y)), y)
        for (_, te), (_, rte) in zip(ours, ref, strict=True):
            assert {c: int((y[te] == c).sum()) for c in "abc"} == {c: int((y[rte] == c).sum()) for c in "abc"}
        tests = np.concatenate([te for _, te in ours])
        assert np.array_equal(np.sort(tests), np.arange(len(y)))


# ---------------------------------------------------------------- bootstrap CI


def test_bootstrap_ci_agrees_with_scipy_percentile() -> None:
    from scipy.stats import bootstrap

    rng = np.random.default_rng(5)
    y_true = rng.integers(0, 2, size=300)
    y_pred = np.where(rng.random(300) < 0.8, y_true, 1 - y_true)
    point, low, high = bootstrap_ci(y_true, y_pred, accuracy, n_boot=20_000, seed=1)
    ref = bootstrap(
        (y_true, y_pred),
        lambda a, b: np.mean(a == b),
        paired=True,
        vectorized=False,
        n_resamples=20_000,
        method="percentile",
        random_state=2,
    ).confidence_interval
    assert point == accuracy(y_true, y_pred)
    assert low == pytest.approx(ref.low, abs=0.006) and high == pytest.approx(ref.high, abs=0.006)
    assert low < point < high
    assert bootstrap_ci(y_true, y_pred, accuracy, n_boot=500, seed=3) == bootstrap_ci(
        y_true, y_pred, accuracy, n_boot=500, seed=3
    )


def test_bootstrap_ci_close_to_normal_approximation() -> None:
    y_true = np.ones(400, dtype=int)
    y_pred = np.array([1] * 340 + [0] * 60)
    point, low, high = bootstrap_ci(y_true, y_pred, accuracy, n_boot=10_000, seed=0)
    se = np.sqrt(0.85 * 0.15 / 400)
    assert point == 0.85
    assert low == pytest.approx(0.85 - 1.96 * se, abs=0.004)
    assert high == pytest.approx(0.85 + 1.96 * se, abs=0.004)


# ---------------------------------------------------------------- gradient boosting with stumps


def test_gradient_boosting_stumps_match_sklearn() -> None:
    from sklearn.datasets import make_friedman1
    from sklearn.ensemble import GradientBoostingRegressor

    X, y = make_friedman1(n_samples=200, n_features=5, noise=0.5, random_state=0)
    ours = GradientBoostingStumps(n_estimators=50, learning_rate=0.1).fit(X, y)
    ref = GradientBoostingRegressor(n_estimators=50, learning_rate=0.1, max_depth=1, random_state=0).fit(X, y)
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), atol=1e-9)
    X_new = np.random.default_rng(1).random((20, 5))
    np.testing.assert_allclose(ours.predict(X_new), ref.predict(X_new), atol=1e-9)
    train_mse = [float(np.mean((y - f) ** 2)) for f in ours.staged_predict(X)]
    assert all(b <= a + 1e-12 for a, b in itertools.pairwise(train_mse))  # never rises


def test_gradient_boosting_hand_case() -> None:
    X, y = np.array([[1.0], [2.0], [3.0], [4.0]]), np.array([1.0, 2.0, 6.0, 7.0])
    model = GradientBoostingStumps(n_estimators=2, learning_rate=0.5).fit(X, y)
    assert model.stumps[0] == pytest.approx((0, 2.5, -2.5, 2.5))
    stages = model.staged_predict(X)
    np.testing.assert_allclose(stages[1], [2.75, 2.75, 5.25, 5.25])
    np.testing.assert_allclose(stages[2], [2.125, 2.125, 5.875, 5.875])


# ---------------------------------------------------------------- TF-IDF


def test_tfidf_matches_sklearn() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    train = [
        "The cat sat on the mat.",
        "Dogs and cats: the best of friends?",
        "A dog sat; a cat ran, the end",
        "I am here",  # 'I' and 'a' are one-letter tokens, dropped by the default pattern
        "Mat mat MAT rug",
    ]
    test = ["the cat and the unseen zebra", "", "rug rug dog"]
    ours = TfidfFromScratch().fit(train)
    ref = TfidfVectorizer().fit(train)
    assert ours.vocabulary == {t: int(j) for t, j in ref.vocabulary_.items()}
    np.testing.assert_allclose(ours.idf, ref.idf_)
    np.testing.assert_allclose(ours.transform(train), ref.transform(train).toarray(), atol=1e-12)
    np.testing.assert_allclose(ours.transform(test), ref.transform(test).toarray(), atol=1e-12)


# ---------------------------------------------------------------- two-proportion z-test


def test_ztest_matches_chi_square_and_normal_tails() -> None:
    from scipy.stats import chi2_contingency
    from scipy.stats import norm as sp_norm

    for a, na, b, nb in [(200, 10_000, 250, 10_000), (30, 400, 45, 420), (5, 100, 1, 90), (0, 50, 7, 60)]:
        z, p = two_proportion_ztest(a, na, b, nb)
        chi2, p_chi, _, _ = chi2_contingency([[a, na - a], [b, nb - b]], correction=False)
        assert z**2 == pytest.approx(chi2, rel=1e-9)
        assert p == pytest.approx(p_chi, rel=1e-6)
        assert two_proportion_ztest(a, na, b, nb, "larger")[1] == pytest.approx(sp_norm.sf(z), rel=1e-9)
        assert two_proportion_ztest(a, na, b, nb, "smaller")[1] == pytest.approx(sp_norm.cdf(z), rel=1e-9)
    low, high = diff_confidence_interval(200, 10_000, 250, 10_000)
    se = np.sqrt(0.02 * 0.98 / 1e4 + 0.025 * 0.975 / 1e4)
    assert (low, high) == pytest.approx((0.005 - sp_norm.ppf(0.975) * se, 0.005 + sp_norm.ppf(0.975) * se))


def test_ztest_keeps_tiny_tails_that_the_cdf_route_rounds_to_zero() -> None:
    from statistics import NormalDist

    from scipy.stats import norm as sp_norm

    z, p = two_proportion_ztest(1000, 10_000, 3000, 10_000)
    assert 2 * (1 - NormalDist().cdf(abs(z))) == 0.0  # the cancellation the module avoids
    assert p > 0.0 and p == pytest.approx(2 * sp_norm.sf(abs(z)), rel=1e-9)
    assert two_proportion_ztest(1000, 10_000, 3000, 10_000, "larger")[1] == pytest.approx(sp_norm.sf(z), rel=1e-9)
    assert two_proportion_ztest(1000, 10_000, 3000, 10_000, "smaller")[1] == 1.0
    assert two_proportion_ztest(3000, 10_000, 1000, 10_000, "smaller")[1] == pytest.approx(sp_norm.cdf(-z), rel=1e-9)


def test_ztest_equal_rates_give_z_zero_and_p_one() -> None:
    assert two_proportion_ztest(10, 100, 20, 200) == (0.0, 1.0)
    assert two_proportion_ztest(10, 100, 20, 200, "larger") == (0.0, 0.5)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ((0, 0, 5, 10), ValueError),  # empty arm
        ((5, 10, 1, 0), ValueError),
        ((11, 10, 5, 10), ValueError),  # more conversions than users
        ((-1, 10, 5, 10), ValueError),
        ((0, 100, 0, 100), ValueError),  # nobody converted: pooled variance 0
        ((100, 100, 50, 50), ValueError),  # everybody converted
        ((2.0, 10, 5, 10), TypeError),  # a rate or a float count is not a count
        ((True, 10, 5, 10), TypeError),
    ],
)
def test_ztest_rejects_bad_counts(args: tuple, error: type) -> None:
    with pytest.raises(error):
        two_proportion_ztest(*args)


def test_ztest_accepts_numpy_integers_and_rejects_unknown_alternatives() -> None:
    z, _ = two_proportion_ztest(np.int64(200), np.int64(10_000), 250, 10_000)
    assert z == pytest.approx(2.384, abs=1e-3)
    with pytest.raises(ValueError):
        two_proportion_ztest(1, 10, 2, 10, "bigger")


def test_diff_interval_edge_cases() -> None:
    low, high = diff_confidence_interval(0, 100, 10, 100)  # one arm at 0 is still defined
    assert low < 0.1 < high
    for args in [(0, 100, 0, 100), (0, 100, 100, 100), (5, 0, 1, 10), (11, 10, 1, 10)]:
        with pytest.raises(ValueError):
            diff_confidence_interval(*args)
    for bad in (0.0, 1.0, 1.5):
        with pytest.raises(ValueError):
            diff_confidence_interval(5, 100, 10, 100, confidence=bad)
