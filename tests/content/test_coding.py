"""Recompute every number stated in the coding answers and check the answer text states it as written."""

from __future__ import annotations

import datetime
import json
import math
import sqlite3
import sys
from statistics import NormalDist

import numpy as np
import pytest

from code_examples.ab_two_proportion_ztest import diff_confidence_interval, two_proportion_ztest
from code_examples.bootstrap_metric_ci import accuracy, bootstrap_ci
from code_examples.classification_metrics import precision_recall_f1
from code_examples.confusion_matrix import confusion_matrix
from code_examples.gaussian_naive_bayes import GaussianNaiveBayes
from code_examples.gradient_boosting_stumps import GradientBoostingStumps
from code_examples.kfold_indices import kfold_indices, stratified_kfold_indices
from code_examples.kmeans import kmeans
from code_examples.knn import KNNClassifier
from code_examples.linreg_normal_eq_gd import fit_gradient_descent, fit_lstsq
from code_examples.logistic_regression import LogisticRegression
from code_examples.pca_svd import PCAFromSVD
from code_examples.preprocessing import Preprocessor
from code_examples.ranking_ndcg_mrr import dcg_at_k, mean_reciprocal_rank, ndcg_at_k
from code_examples.roc_auc import roc_auc
from code_examples.running_stats import RunningStats
from code_examples.softmax import softmax
from code_examples.tfidf_smooth_l2 import TfidfFromScratch
from code_examples.train_test_split import stratified_train_test_split
from code_examples.tree_best_split import best_split, impurity
from tests.bank import answer_words, question

CODING_IDS = [
    "implement-logistic-regression-numpy",
    "implement-kmeans-numpy",
    "implement-precision-recall-f1",
    "implement-confusion-matrix",
    "implement-stratified-train-test-split",
    "implement-knn-numpy",
    "implement-preprocessing-pipeline",
    "implement-stable-softmax",
    "implement-roc-auc",
    "streaming-mean-variance-welford",
    "implement-linear-regression-numpy",
    "implement-decision-tree-split",
    "implement-pca-svd",
    "implement-gaussian-naive-bayes",
    "implement-ndcg-mrr",
    "implement-kfold-cross-validation",
    "implement-bootstrap-confidence-interval",
    "implement-gradient-boosting-stumps",
    "implement-tfidf-vectorizer",
    "implement-two-proportion-ztest",
]
MODULES = {
    "implement-logistic-regression-numpy": "logistic_regression",
    "implement-kmeans-numpy": "kmeans",
    "implement-precision-recall-f1": "classification_metrics",
    "implement-confusion-matrix": "confusion_matrix",
    "implement-stratified-train-test-split": "train_test_split",
    "implement-knn-numpy": "knn",
    "implement-preprocessing-pipeline": "preprocessing",
    "implement-stable-softmax": "softmax",
    "implement-roc-auc": "roc_auc",
    "streaming-mean-variance-welford": "running_stats",
    "implement-linear-regression-numpy": "linreg_normal_eq_gd",
    "implement-decision-tree-split": "tree_best_split",
    "implement-pca-svd": "pca_svd",
    "implement-gaussian-naive-bayes": "gaussian_naive_bayes",
    "implement-ndcg-mrr": "ranking_ndcg_mrr",
    "implement-kfold-cross-validation": "kfold_indices",
    "implement-bootstrap-confidence-interval": "bootstrap_metric_ci",
    "implement-gradient-boosting-stumps": "gradient_boosting_stumps",
    "implement-tfidf-vectorizer": "tfidf_smooth_l2",
    "implement-two-proportion-ztest": "ab_two_proportion_ztest",
}


@pytest.mark.parametrize("qid", CODING_IDS)
def test_implementation_answers_embed_their_module(qid: str) -> None:
    snippet = f'--8<-- "code_examples/{MODULES[qid]}.py"'
    assert snippet in question(qid)["answer"]


def test_logistic_regression_first_step() -> None:
    text = answer_words("implement-logistic-regression-numpy")
    X, y = np.array([[1.0], [2.0], [-1.0]]), np.array([1.0, 1.0, 0.0])
    err = np.full(3, 0.5) - y
    grad_w, grad_b = float(X[:, 0] @ err / 3), float(err.mean())
    assert (round(grad_w, 3), round(grad_b, 3)) == (-0.667, -0.167)
    model = LogisticRegression(lr=0.1, n_iter=1).fit(X, y)
    assert (round(model.w[0], 4), round(model.b, 4)) == (0.0667, 0.0167)
    for s in [
        "$p - y = (-0.5, -0.5, 0.5)$",
        "(-0.5 - 1.0 - 0.5)/3 = -0.667",
        "-0.5/3 = -0.167",
        "w = 0.0667",
        "b = 0.0167",
    ]:
        assert s in text


def test_kmeans_worked_example() -> None:
    text = answer_words("implement-kmeans-numpy")
    X = np.array([[0.0, 0.0], [0.0, 2.0], [10.0, 0.0], [10.0, 2.0]])
    centroids, _, inertia = kmeans(X, 2, init=np.array([[0.0, 0.0], [10.0, 0.0]]))
    assert centroids.tolist() == [[0.0, 1.0], [10.0, 1.0]]
    assert inertia == 4.0
    assert "$(0,1)$ and $(10,1)$" in text
    assert "$4 \\times 1^2 = 4$" in text


def test_precision_recall_f1_example() -> None:
    text = answer_words("implement-precision-recall-f1")
    y_true = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
    y_pred = [1, 1, 1, 0, 1, 1, 0, 0, 0, 0]
    p, r, f = precision_recall_f1(y_true, y_pred)
    assert (p, r, round(f, 3)) == (0.6, 0.75, 0.667)
    assert round(0.9 / 1.35, 3) == round(2 * p * r / (p + r), 3) == 0.667
    assert np.mean(np.array(y_true) == np.array(y_pred)) == 0.7
    for s in ["$= 3/5 = 0.6$", "$= 3/4 = 0.75$", "6/9 = 0.667", "$0.9 / 1.35 = 0.667$", "$7/10 = 0.7$"]:
        assert s in text


def test_confusion_matrix_example() -> None:
    text = answer_words("implement-confusion-matrix")
    cm, labels = confusion_matrix(
        ["cat", "cat", "dog", "dog", "dog", "fox"], ["cat", "dog", "dog", "dog", "fox", "fox"]
    )
    assert labels.tolist() == ["cat", "dog", "fox"]
    assert cm.tolist() == [[1, 1, 0], [0, 2, 1], [0, 0, 1]]
    for row, name in zip(cm, labels, strict=True):
        assert f"| {name} | {row[0]} | {row[1]} | {row[2]} |" in text
    assert round(np.trace(cm) / cm.sum(), 3) == 0.667
    precision = np.diag(cm) / cm.sum(axis=0)
    recall = np.diag(cm) / cm.sum(axis=1)
    assert round(precision[1], 3) == round(recall[1], 3) == 0.667
    assert (precision[2], recall[2]) == (0.5, 1.0)
    for s in ["$4/6 = 0.667$", "$2/(1+2+0) = 0.667$", "$2/(0+2+1) = 0.667$", "$1/2 = 0.5$", "$1/1 = 1.0$"]:
        assert s in text


def test_stratified_split_example() -> None:
    text = answer_words("implement-stratified-train-test-split")
    y = np.array([0] * 900 + [1] * 100)
    train, test = stratified_train_test_split(y, test_size=0.2)
    assert np.bincount(y[test]).tolist() == [180, 20]
    assert np.bincount(y[train]).tolist() == [720, 80]
    N, K, n = 1000, 100, 200  # hypergeometric: population, positives, draws
    var = n * (K / N) * (1 - K / N) * (N - n) / (N - 1)
    assert round(var, 1) == 14.4
    assert round(math.sqrt(var), 1) == 3.8
    assert (round(20 - 2 * math.sqrt(var)), round(20 + 2 * math.sqrt(var))) == (12, 28)
    for s in ["180 negatives and 20 positives", "720 and 80", "800/999 = 14.4", "about 3.8", "from about 12 to 28"]:
        assert s in text


def test_knn_example() -> None:
    text = answer_words("implement-knn-numpy")
    X = np.array([[0.0], [1.0], [2.0], [10.0], [11.0]])
    y = np.array(["low", "low", "low", "high", "high"])
    assert np.abs(X[:, 0] - 1.5).tolist() == [1.5, 0.5, 0.5, 8.5, 9.5]
    assert sorted(np.abs(X[:, 0] - 10.5).tolist())[:3] == [0.5, 0.5, 8.5]
    assert KNNClassifier(k=3).fit(X, y).predict(np.array([[1.5], [10.5]])).tolist() == ["low", "high"]
    assert "$1.5, 0.5, 0.5, 8.5, 9.5$" in text
    assert "$2$ (distance $8.5$)" in text


def test_preprocessing_example() -> None:
    text = answer_words("implement-preprocessing-pipeline")
    out = Preprocessor().fit_transform(
        np.array([[3.0], [np.nan], [5.0]]), np.array([["a"], [None], ["a"]], dtype=object)
    )
    assert np.round(out[:, 0], 3).tolist() == [-1.225, 0.0, 1.225]
    assert out[:, 1].tolist() == [1.0, 1.0, 1.0]
    assert round(math.sqrt(2 / 3), 3) == 0.816
    assert "$\\sqrt{2/3} = 0.816$" in text
    assert "$-1.225, 0, 1.225$" in text


def test_softmax_example() -> None:
    text = answer_words("implement-stable-softmax")
    e = np.exp(np.array([-2.0, -1.0, 0.0]))
    assert np.round(e, 4).tolist() == [0.1353, 0.3679, 1.0]
    assert round(e.sum(), 4) == 1.5032
    p = softmax(np.array([1000.0, 1001.0, 1002.0]))
    assert np.round(p, 3).tolist() == [0.09, 0.245, 0.665]
    np.testing.assert_allclose(p, softmax(np.array([0.0, 1.0, 2.0])))
    assert round(math.log(np.finfo(np.float64).max), 1) == 709.8
    assert round(math.log(np.finfo(np.float32).max), 1) == 88.7
    for s in ["about 709.8", "about 88.7", "$0.1353, 0.3679, 1$", "$1.5032$", "$0.090, 0.245, 0.665$"]:
        assert s in text


def test_roc_auc_example() -> None:
    text = answer_words("implement-roc-auc")
    y, s = np.array([0, 0, 1, 1]), np.array([0.1, 0.4, 0.35, 0.8])
    ranks = s.argsort().argsort() + 1
    assert ranks.tolist() == [1, 3, 2, 4]
    rank_sum = int(ranks[y == 1].sum())
    assert rank_sum == 6
    assert rank_sum - 2 * 3 / 2 == 3
    assert roc_auc(y, s) == 0.75
    for s_ in ["AUC $= 3/4 = 0.75$", "$R_+ = 2 + 4 = 6$", "$U = 6 - 3 = 3$", "$3 / (2 \\cdot 2) = 0.75$"]:
        assert s_ in text


def test_welford_example() -> None:
    text = answer_words("streaming-mean-variance-welford")
    stats = RunningStats()
    trace = []
    for x in (3.0, 5.0, 10.0):
        stats.update(x)
        trace.append((stats.mean, stats.m2))
    assert trace == [(3.0, 0.0), (4.0, 2.0), (6.0, 26.0)]
    assert stats.sample_variance == 13.0
    assert round(stats.variance, 3) == 8.667
    for s in [
        "$M_2 = 0 + 2 \\cdot (5 - 4) = 2$",
        "$M_2 = 2 + 6 \\cdot (10 - 6) = 26$",
        "$26/2 = 13$",
        "$26/3 = 8.667$",
    ]:
        assert s in text
    assert "$9 + 1 + 16 = 26$" in text


def test_list_vs_array_numbers() -> None:
    text = answer_words("python-list-vs-numpy-array")
    if sys.implementation.name == "cpython" and sys.maxsize > 2**32:
        assert sys.getsizeof(list(range(1_000_000))) == 8_000_056
        assert sys.getsizeof(1000) == 28
    assert np.arange(1_000_000, dtype=np.int64).nbytes == 8_000_000
    assert np.arange(1_000_000, dtype=np.int32).nbytes == 4_000_000
    assert 36 / 8 == 4.5
    with np.errstate(over="ignore"):
        assert (np.array([2**62], dtype=np.int64) * 4).tolist() == [0]
    for s in ["8,000,056 bytes", "about 36 MB", "4.5 times less", "4 MB as `int32`", "gives `[0]`"]:
        assert s in text


def test_hash_table_probing_example() -> None:
    text = answer_words("hash-table-dict-complexity")
    assert (hash(13), hash(21), hash(6)) == (13, 21, 6)
    slots: dict[int, int] = {}
    for key in (13, 21, 6):
        i = key % 8
        while i in slots:  # linear probing
            i = (i + 1) % 8
        slots[i] = key
    assert slots == {5: 13, 6: 21, 7: 6}
    assert "$13 \\bmod 8 = 5$" in text
    assert "moves to slot 6" in text and "lands in 7" in text


def _shop() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    db.execute(
        "CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER, amount NUMERIC)"
    )  # no FK here: order 104 deliberately points at a missing customer
    db.executemany("INSERT INTO customers VALUES (?, ?)", [(1, "Ana"), (2, "Ben"), (3, "Cy")])
    db.executemany("INSERT INTO orders VALUES (?, ?, ?)", [(101, 1, 20), (102, 1, 35), (103, 2, 15), (104, 4, 50)])
    return db


def test_foreign_key_example() -> None:
    text = answer_words("sql-primary-vs-foreign-key")
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    db.execute(
        "CREATE TABLE orders (order_id INTEGER PRIMARY KEY, "
        "customer_id INTEGER REFERENCES customers (customer_id) ON DELETE RESTRICT, amount NUMERIC)"
    )
    db.executemany("INSERT INTO customers VALUES (?, ?)", [(1, "Ana"), (2, "Ben")])
    db.execute("INSERT INTO orders VALUES (101, 1, 20)")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO orders VALUES (102, 99, 15)")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("DELETE FROM customers WHERE customer_id = 1")  # RESTRICT
    assert "`(101, 1, 20)`" in text and "`(102, 99, 15)`" in text
    assert "PRAGMA foreign_keys = ON" in text


@pytest.mark.skipif(sqlite3.sqlite_version_info < (3, 39, 0), reason="RIGHT and FULL joins need SQLite 3.39")
def test_join_row_counts() -> None:
    text = answer_words("sql-joins-inner-left-right-full")
    db = _shop()
    base = "SELECT c.name, o.order_id FROM customers AS c {} JOIN orders AS o ON o.customer_id = c.customer_id"
    counts = {kind: len(db.execute(base.format(kind)).fetchall()) for kind in ["INNER", "LEFT", "RIGHT", "FULL OUTER"]}
    assert counts == {"INNER": 3, "LEFT": 4, "RIGHT": 4, "FULL OUTER": 5}
    for kind, n in [("inner", 3), ("left", 4), ("right", 4), ("full outer", 5)]:
        assert f"| {kind} | {n} |" in text
    anti = db.execute(base.format("LEFT") + " WHERE o.order_id IS NULL").fetchall()
    assert anti == [("Cy", None)]
    filtered = db.execute(base.format("LEFT") + " WHERE o.amount > 10").fetchall()
    assert "Cy" not in {name for name, _ in filtered}
    in_on = db.execute(base.format("LEFT") + " AND o.amount > 10").fetchall()
    assert ("Cy", None) in in_on
    assert "returns Cy alone" in text


def test_json_round_trip_example() -> None:
    text = answer_words("json-data-types")
    dumped = json.dumps({"a": (1, 2), 1: float("nan")})
    assert dumped == '{"a": [1, 2], "1": NaN}'
    loaded = json.loads(dumped)
    assert loaded["a"] == [1, 2] and math.isnan(loaded["1"])
    assert json.loads(json.dumps({1: "a"})) == {"1": "a"}
    for bad in [{1, 2}, datetime.date(2024, 1, 5), b"x", np.int64(3), np.float32(1.5), np.arange(2)]:
        with pytest.raises(TypeError):
            json.dumps(bad)
    assert json.dumps(np.float64(2.5)) == "2.5"
    with pytest.raises(ValueError):
        json.dumps(float("nan"), allow_nan=False)
    assert 2**53 - 1 == 9007199254740991
    assert float(2**53 + 1) == float(2**53)  # a double cannot tell these apart
    assert '`{"a": [1, 2], "1": NaN}`' in text
    assert "`{'a': [1, 2], '1': nan}`" in text
    assert "$2^{53} - 1 = 9007199254740991$" in text


def test_spark_partition_arithmetic() -> None:
    text = answer_words("what-is-spark-for")
    tasks = math.ceil(1_000_000 / 128)
    assert tasks == 7813
    slots = 50 * 4
    assert slots == 200
    assert math.ceil(tasks / slots) == 40
    for s in ["7,813 tasks", "50 executors with 4 cores each runs 200 tasks", "about 40 waves", "default 10 MB"]:
        assert s in text


# ---------------------------------------------------------------- round-3 exercises (code-a)


def test_linear_regression_example() -> None:
    text = answer_words("implement-linear-regression-numpy")
    x, y = np.array([1.0, 2.0, 3.0, 4.0]), np.array([2.0, 3.0, 5.0, 6.0])
    sxy, sxx = float((x - x.mean()) @ (y - y.mean())), float((x - x.mean()) @ (x - x.mean()))
    assert (x.mean(), y.mean(), sxy, sxx) == (2.5, 4.0, 7.0, 5.0)
    w, b = fit_lstsq(x[:, None], y)
    assert (round(w[0], 10), round(b, 10)) == (1.4, 0.5)
    assert (float(x @ -y / 4), float(-y.mean())) == (-11.75, -4.0)
    with pytest.warns(RuntimeWarning, match="no convergence"):
        w1, b1 = fit_gradient_descent(x[:, None], y, lr=0.1, n_iter=1)
    assert (round(w1[0], 10), round(b1, 10)) == (1.175, 0.4)
    A = np.column_stack([x, np.ones(4)])
    lam = float(np.linalg.eigvalsh(A.T @ A / 4).max())
    assert (round(lam, 3), round(2 / lam, 3)) == (8.350, 0.240)
    w_ok, b_ok = fit_gradient_descent(x[:, None], y, lr=0.23)  # below 2 / lambda_max: converges, no warning
    assert (round(w_ok[0], 6), round(b_ok, 6)) == (1.4, 0.5)
    for lr in (0.25, 0.2396):  # above the bound; 0.2396 grows too slowly to overflow within n_iter
        assert lr > 2 / lam
        with pytest.raises(FloatingPointError, match="diverged"):
            fit_gradient_descent(x[:, None], y, lr=lr)
    assert "$\\eta = 0.2396$" in text and "$\\eta = 0.23$ converges" in text
    assert 16 - math.log10(1e6**2) == 4 and 16 - math.log10(1e6) == 10
    for s in [
        "$7/5 = 1.4$",
        "$4 - 1.4 \\cdot 2.5 = 0.5$",
        "$-(2 + 6 + 15 + 24)/4 = -11.75$",
        "$-16/4 = -4$",
        "$w = 1.175$, $b = 0.4$",
        "$8.350$",
        "$2/8.350 = 0.240$",
        "about 4 correct digits",
        "keeps about 10",
    ]:
        assert s in text


def test_decision_tree_split_example() -> None:
    text = answer_words("implement-decision-tree-split")
    X, y = np.arange(1.0, 7.0)[:, None], np.array([0, 0, 0, 1, 1, 0])
    parent = impurity(np.array([4, 2]))
    gains = {}
    for t in (1.5, 2.5, 3.5, 4.5, 5.5):
        left, right = y[X[:, 0] <= t], y[X[:, 0] > t]
        child = sum(len(s) / 6 * impurity(np.bincount(s, minlength=2)) for s in (left, right))
        gains[t] = float(parent - child)
    assert round(parent, 3) == 0.444 and round(impurity(np.array([2, 1])), 3) == 0.444
    assert round(gains[3.5], 3) == 0.222 and round(gains[4.5], 3) == 0.028
    assert round(max(g for t, g in gains.items() if t != 3.5), 3) == round(gains[2.5], 3) == 0.111
    assert best_split(X, y, "gini") == pytest.approx((0, 3.5, gains[3.5]))
    j, t, g = best_split(X, y, "entropy")
    assert (j, t) == (0, 3.5)
    assert round(impurity(np.array([4, 2]), "entropy"), 3) == 0.918 and round(g, 3) == 0.459
    for s in [
        "$1 - (4/6)^2 - (2/6)^2 = 0.444$",
        "$4/9 = 0.444$",
        "$0.5 \\cdot 0.444 = 0.222$",
        "at most $0.111$ (at $2.5$)",
        "only $0.028$",
        "$0.918$ bits",
        "gain is $0.459$ bits",
    ]:
        assert s in text


def test_pca_example() -> None:
    text = answer_words("implement-pca-svd")
    X = np.array([[2.0, 0.0], [0.0, 1.0], [-2.0, 0.0], [0.0, -1.0]])
    s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
    assert np.round(s, 3).tolist() == [2.828, 1.414]
    p = PCAFromSVD(2).fit(X)
    assert np.round(p.explained_variance, 3).tolist() == [2.667, 0.667]
    assert np.round(p.explained_variance_ratio, 10).tolist() == [0.8, 0.2]
    np.testing.assert_allclose(p.components[0], [1.0, 0.0], atol=1e-12)
    assert p.transform(np.array([[2.0, 0.0]]))[0, 0] == pytest.approx(2.0)
    for s_ in ["$\\sqrt{8} = 2.828$", "$\\sqrt{2} = 1.414$", "$8/3 = 2.667$", "$2/3 = 0.667$", "$0.8$ and $0.2$"]:
        assert s_ in text


def test_gaussian_naive_bayes_example() -> None:
    text = answer_words("implement-gaussian-naive-bayes")
    X, y = np.array([[1.0], [2.0], [3.0], [6.0], [7.0], [8.0]]), np.array([0, 0, 0, 1, 1, 1])
    model = GaussianNaiveBayes().fit(X, y)
    assert model.means.ravel().tolist() == [2.0, 7.0]
    np.testing.assert_allclose(model.vars.ravel(), [2 / 3 + 1e-9 * 41.5 / 6] * 2, rtol=1e-12)  # + epsilon
    const = -0.5 * math.log(2 * math.pi * 2 / 3)
    assert (round(math.log(0.5), 3), round(const, 3)) == (-0.693, -0.716)
    assert 4 / (4 / 3) == pytest.approx(3) and 9 / (4 / 3) == pytest.approx(6.75)
    jll = model.joint_log_likelihood(np.array([[4.0]]))[0]
    assert np.round(jll, 3).tolist() == [-4.409, -8.159]
    assert round(jll[0] - jll[1], 6) == 3.75
    assert round(model.predict_proba(np.array([[4.0]]))[0, 0], 3) == round(1 / (1 + math.exp(-3.75)), 3) == 0.977
    assert round(float(X.var()), 3) == 6.917
    assert round(300 * math.log(1e-3)) == -2072
    assert 1e-900 == 0.0 and np.nextafter(0.0, 1.0) == pytest.approx(5e-324, rel=0.02)
    for s in [
        "$-\\tfrac{1}{2}\\log(2\\pi \\cdot 2/3) = -0.716$",
        "$4/(4/3) = 3$",
        "$9/(4/3) = 6.75$",
        "$-4.409$ and $-8.159$",
        "$P(0 \\mid x) = 1/(1 + e^{-3.75}) = 0.977$",
        "$10^{-9} \\cdot 6.917$",
        "about $-2072$",
    ]:
        assert s in text


def test_ndcg_mrr_example() -> None:
    text = answer_words("implement-ndcg-mrr")
    rel, score = np.array([1, 3, 0, 2]), np.array([4.0, 3.0, 2.0, 1.0])
    assert np.round(1 / np.log2(np.arange(2, 6)), 3).tolist() == [1.0, 0.631, 0.5, 0.431]
    assert round(dcg_at_k(rel, 4), 3) == 6.709
    assert round(dcg_at_k(np.sort(rel)[::-1], 4), 3) == 9.393
    assert round(ndcg_at_k(rel, score, 4), 3) == 0.714
    assert (round(dcg_at_k(rel, 4, "linear"), 3), round(dcg_at_k(np.sort(rel)[::-1], 4, "linear"), 3)) == (3.754, 4.762)
    assert round(ndcg_at_k(rel, score, 4, "linear"), 3) == 0.788
    assert round(mean_reciprocal_rank([np.array([1, 0]), np.array([0, 0, 1]), np.array([0, 0])]), 3) == 0.444
    assert (2**3 - 1) / (2**1 - 1) == 7
    for s in [
        "$1, 0.631, 0.5, 0.431$",
        "$= 1 + 7 \\cdot 0.631 + 0 + 3 \\cdot 0.431 = 6.709$",
        "$7 + 3 \\cdot 0.631 + 0.5 = 9.393$",
        "$= 0.714$",
        "$3.754 / 4.762 = 0.788$",
        "$(1 + 1/3 + 0)/3 = 0.444$",
    ]:
        assert s in text


def test_kfold_example() -> None:
    text = answer_words("implement-kfold-cross-validation")
    assert [len(te) for _, te in kfold_indices(10, 3)] == [4, 3, 3]
    y = np.array([0] * 7 + [1] * 3)
    folds = stratified_kfold_indices(y, 3, seed=0)
    assert [int(y[te].sum()) for _, te in folds] == [1, 1, 1]
    assert (math.comb(7, 4), math.comb(10, 4)) == (35, 210)
    assert round(35 / 210, 3) == 0.167
    for s in [
        "folds of 4, 3 and 3 rows",
        "exactly one positive each",
        "$\\binom{7}{4} / \\binom{10}{4} = 35/210 = 0.167$",
    ]:
        assert s in text


def test_bootstrap_example() -> None:
    text = answer_words("implement-bootstrap-confidence-interval")
    y_true, y_pred = np.ones(400, dtype=int), np.array([1] * 340 + [0] * 60)
    assert bootstrap_ci(y_true, y_pred, accuracy, n_boot=10_000, seed=0) == pytest.approx((0.85, 0.815, 0.885))
    se = math.sqrt(0.85 * 0.15 / 400)
    assert round(se, 4) == 0.0179
    assert (round(0.85 - 1.96 * se, 3), round(0.85 + 1.96 * se, 3)) == (0.815, 0.885)
    assert 400 * 10_000 * 8 / 1e6 == 32  # int64 indices, MB
    for s in [
        "340 of 400",
        "accuracy $0.85$",
        "interval $(0.815, 0.885)$",
        "$\\sqrt{0.85 \\cdot 0.15 / 400} = 0.0179$",
        "$0.85 \\pm 1.96 \\cdot 0.0179$",
        "4 million integers, 32 MB",
    ]:
        assert s in text


def test_gradient_boosting_example() -> None:
    text = answer_words("implement-gradient-boosting-stumps")
    X, y = np.array([[1.0], [2.0], [3.0], [4.0]]), np.array([1.0, 2.0, 6.0, 7.0])
    model = GradientBoostingStumps(n_estimators=2, learning_rate=0.5).fit(X, y)
    stages = model.staged_predict(X)
    assert model.init == 4.0 and (y - stages[0]).tolist() == [-3.0, -2.0, 2.0, 3.0]
    assert model.stumps[0] == pytest.approx((0, 2.5, -2.5, 2.5))
    assert model.stumps[1] == pytest.approx((0, 2.5, -1.25, 1.25))
    assert stages[1].tolist() == [2.75, 2.75, 5.25, 5.25] and (y - stages[1]).tolist() == [-1.75, -0.75, 0.75, 1.75]
    assert stages[2].tolist() == [2.125, 2.125, 5.875, 5.875]
    mse = [float(np.mean((y - f) ** 2)) for f in stages]
    assert mse == [6.5, 1.8125, 0.640625]
    one_round = GradientBoostingStumps(n_estimators=1, learning_rate=1.0).fit(X, y).predict(X)
    assert one_round.tolist() == [1.5, 1.5, 6.5, 6.5]  # the two group means
    for s in [
        "$(-3, -2, 2, 3)$",
        "MSE is $6.5$",
        "$F_1 = (2.75, 2.75, 5.25, 5.25)$, MSE $1.8125$",
        "$(-1.75, -0.75, 0.75, 1.75)$",
        "$\\mp 1.25$",
        "$F_2 = (2.125, 2.125, 5.875, 5.875)$ and MSE $0.640625$",
    ]:
        assert s in text


def test_tfidf_example() -> None:
    text = answer_words("implement-tfidf-vectorizer")
    docs = ["the cat sat", "the dog sat", "the cat ran"]
    vec = TfidfFromScratch().fit(docs)
    idf = {t: round(float(vec.idf[j]), 3) for t, j in vec.vocabulary.items()}
    assert idf == {"the": 1.0, "cat": 1.288, "sat": 1.288, "dog": 1.693, "ran": 1.693}
    raw = np.array([vec.idf[vec.vocabulary[t]] for t in ("cat", "sat", "the")])
    assert round(float(np.linalg.norm(raw)), 3) == 2.078
    row = vec.transform(docs[:1])[0]
    got = {t: round(float(row[j]), 3) for t, j in vec.vocabulary.items()}
    assert got == {"cat": 0.62, "sat": 0.62, "the": 0.481, "dog": 0.0, "ran": 0.0}
    for s in [
        "$\\ln(4/4) + 1 = 1$",
        "$\\ln(4/3) + 1 = 1.288$",
        "$\\ln(4/2) + 1 = 1.693$",
        "norm $2.078$",
        "$0.620$ for cat, $0.620$ for sat, $0.481$ for the",
    ]:
        assert s in text


def test_two_proportion_ztest_example() -> None:
    text = answer_words("implement-two-proportion-ztest")
    z, p = two_proportion_ztest(200, 10_000, 250, 10_000)
    pooled = 450 / 20_000
    se = math.sqrt(pooled * (1 - pooled) * 2 / 10_000)
    assert (pooled, round(se, 6), round(z, 3), round(p, 4)) == (0.0225, 0.002097, 2.384, 0.0171)
    low, high = diff_confidence_interval(200, 10_000, 250, 10_000)
    assert (round(low, 5), round(high, 5)) == (0.00089, 0.00911)
    nd = NormalDist()
    za, zb = nd.inv_cdf(0.975), nd.inv_cdf(0.8)
    var = 0.02 * 0.98 + 0.025 * 0.975
    assert (round((za + zb) ** 2, 3), round(var, 6)) == (7.849, 0.043975)
    n = (za + zb) ** 2 * var / 0.005**2
    assert round(n) == 13_806
    assert round(nd.cdf(0.005 / math.sqrt(var / 10_000) - za), 2) == 0.66  # power at 10,000 per arm
    assert round((za + zb) ** 2 * var / 0.0025**2 / n, 6) == 4  # half the lift, four times the users
    for s in [
        "$450/20{,}000 = 0.0225$",
        "$\\sqrt{0.0225 \\cdot 0.9775 \\cdot 2/10{,}000} = 0.002097$",
        "$z = 0.005/0.002097 = 2.384$",
        "p-value is $0.0171$",
        "$(0.00089, 0.00911)$",
        "about 13,806 users per arm",
        "only about 0.66",
        "$7.849 \\cdot 0.043975 / 0.000025 = 13{,}806$",
    ]:
        assert s in text


def test_two_proportion_ztest_tail_and_relative_lift() -> None:
    text = answer_words("implement-two-proportion-ztest")
    z, p = two_proportion_ztest(1000, 10_000, 3000, 10_000)
    assert (round(z, 1), f"{p:.1e}") == (35.4, "8.3e-274")
    assert 2 * NormalDist().cdf(-abs(z)) == 0.0 or sys.version_info >= (3, 14)  # 3.11 builds cdf from erf
    pa, pb, n = 0.02, 0.025, 10_000
    va, vb = (1 - pa) / (n * pa), (1 - pb) / (n * pb)
    assert (round(va, 4), round(vb, 4), round(va + vb, 4)) == (0.0049, 0.0039, 0.0088)
    se, log_ratio = math.sqrt(va + vb), math.log(pb / pa)
    assert (round(log_ratio, 4), round(se, 4), pb / pa) == (0.2231, 0.0938, 1.25)
    z95 = NormalDist().inv_cdf(0.975)
    low, high = math.exp(log_ratio - z95 * se), math.exp(log_ratio + z95 * se)
    assert (round(low, 3), round(high, 3)) == (1.040, 1.502)
    for s in [
        "$z = 35.4$ and $p = 8.3 \\times 10^{-274}$",
        "$\\hat{p}_B/\\hat{p}_A = 1.25$",
        "= 0.0049 + 0.0039 = 0.0088$",
        "$0.2231 \\pm 1.96 \\cdot 0.0938$",
        "$(1.040, 1.502)$: a relative lift of 4% to 50%",
    ]:
        assert s in text
