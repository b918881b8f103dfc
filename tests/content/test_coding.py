"""Recompute every number stated in the coding answers and check the answer text states it as written."""

from __future__ import annotations

import datetime
import json
import math
import sqlite3
import sys

import numpy as np
import pytest

from code_examples.classification_metrics import precision_recall_f1
from code_examples.confusion_matrix import confusion_matrix
from code_examples.kmeans import kmeans
from code_examples.knn import KNNClassifier
from code_examples.logistic_regression import LogisticRegression
from code_examples.preprocessing import Preprocessor
from code_examples.roc_auc import roc_auc
from code_examples.running_stats import RunningStats
from code_examples.softmax import softmax
from code_examples.train_test_split import stratified_train_test_split
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
