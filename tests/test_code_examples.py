"""Every from-scratch implementation in code_examples/ checked against scikit-learn or hand-computed cases."""

from __future__ import annotations

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

from code_examples.classification_metrics import macro_f1, precision_recall_f1
from code_examples.confusion_matrix import confusion_matrix
from code_examples.kmeans import kmeans
from code_examples.knn import KNNClassifier
from code_examples.logistic_regression import LogisticRegression, sigmoid
from code_examples.logistic_regression import log_loss as our_log_loss
from code_examples.preprocessing import Preprocessor
from code_examples.roc_auc import roc_auc, roc_auc_pairwise
from code_examples.running_stats import RunningStats
from code_examples.softmax import cross_entropy, log_softmax, softmax
from code_examples.train_test_split import stratified_train_test_split

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
