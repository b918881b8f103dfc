"""Recompute the numbers and behaviours added to the coding answers in the December 2026 review."""

from __future__ import annotations

import math
import sqlite3
import sys

import numpy as np
import pytest
import yaml

from code_examples.attention_mha import scaled_dot_product_attention
from code_examples.bootstrap_metric_ci import accuracy, bootstrap_ci
from code_examples.gaussian_naive_bayes import GaussianNaiveBayes
from code_examples.linreg_normal_eq_gd import fit_gradient_descent, fit_lstsq
from code_examples.logistic_regression import log_loss
from code_examples.mlp_backprop import forward, init_params
from code_examples.ranking_ndcg_mrr import dcg_at_k
from code_examples.roc_auc import roc_auc
from code_examples.running_stats import RunningStats
from code_examples.softmax import log_softmax, softmax
from code_examples.token_sampling import sampling_distribution
from code_examples.train_test_split import stratified_train_test_split
from code_examples.tree_best_split import best_split
from tests.bank import CONTENT, answer_words


def test_every_coding_question_is_reviewed_and_sources_are_https() -> None:
    data = yaml.safe_load((CONTENT / "coding.yaml").read_text(encoding="utf-8"))
    for q in data["questions"]:
        assert str(q.get("reviewed")) == "2026-12", q["id"]
        for source in q.get("sources", []):
            assert source["url"].startswith("https://") and source["title"].strip()


def test_logistic_regression_loss_clip() -> None:
    text = answer_words("implement-logistic-regression-numpy")
    worst = log_loss(np.array([1.0]), np.array([0.0]))
    assert round(worst, 1) == round(-math.log(1e-12), 1) == 27.6
    assert max(p * (1 - p) for p in np.linspace(0, 1, 1001)) == 0.25  # the 1/4 in the smoothness bound
    assert "costs about 27.6 rather than infinity" in text
    assert "$1/4$ bounds $p(1-p)$" in text


def test_stratified_split_small_class_rounds_to_zero() -> None:
    text = answer_words("implement-stratified-train-test-split")
    y = np.array(["rare", "rare"] + ["common"] * 20)
    _, test = stratified_train_test_split(y, test_size=0.2)
    assert not np.isin(test, [0, 1]).any()  # 0.2 * 2 = 0.4 rounds to 0 test rows
    assert "2 rows at `test_size=0.2` gives $0.4 \\to 0$" in text


def test_online_softmax_update_matches_the_batch_denominator() -> None:
    text = answer_words("implement-stable-softmax")
    x = np.array([3.0, -1.0, 7.5, 7.5, 1000.0, 2.0])
    m, s = -math.inf, 0.0
    for v in x:
        m_new = max(m, v)
        s = s * math.exp(m - m_new) + math.exp(v - m_new)
        m = m_new
    np.testing.assert_allclose(np.exp(x - m) / s, softmax(x), rtol=1e-12)
    assert log_softmax([-np.inf, 0.0])[0] == -np.inf
    assert "$s \\leftarrow s\\,e^{m - m'} + e^{x - m'}$" in text


def test_roc_auc_int32_overflow_threshold() -> None:
    text = answer_words("implement-roc-auc")
    assert 46_341**2 > 2**31 > 46_340**2
    with np.errstate(over="ignore"):
        assert int(np.int32(46_341) * np.int32(46_341)) < 0  # the wrap-around the text warns about
    assert roc_auc(np.r_[np.zeros(3, int), np.ones(2, int)], np.arange(5.0)) == 1.0
    assert "$46{,}341^2 > 2^{31}$" in text


def test_welford_lost_digits() -> None:
    text = answer_words("streaming-mean-variance-welford")
    mean, var = 1e9, 1.0
    assert round(math.log10(mean**2 / var)) == 18
    a, b = RunningStats(), RunningStats()
    a.update_batch([3.0, 5.0])
    b.update(10.0)
    a.merge(b)
    assert (a.n, a.mean, a.m2) == (3, 6.0, 26.0)  # the worked stream, merged from two summaries
    assert "$\\log_{10}(\\bar{x}^2/s^2)$ digits, here 18" in text


def test_linear_regression_divergence_and_minimum_norm() -> None:
    text = answer_words("implement-linear-regression-numpy")
    x, y = np.array([[1.0], [2.0], [3.0], [4.0]]), np.array([2.0, 3.0, 5.0, 6.0])
    assert 0.3 > 2 / 8.350
    with pytest.raises(FloatingPointError):
        fit_gradient_descent(x, y, lr=0.3)
    w, b = fit_lstsq(np.hstack([x, 2 * x]), y)
    assert (round(w[0], 2), round(w[1], 2), round(w[0] + 2 * w[1], 2), round(b, 2)) == (0.28, 0.56, 1.4, 0.5)
    assert "$\\eta = 0.3$" in text and "$(0.28, 0.56)$" in text and "$w_1 + 2w_2 = 1.4$" in text


def test_tree_threshold_formula() -> None:
    text = answer_words("implement-decision-tree-split")
    big = np.finfo(float).max
    with np.errstate(over="ignore"):
        assert (np.float64(big) + np.float64(big)) / 2 == np.inf
    assert big / 2 + big / 2 == big
    assert best_split(np.array([[big], [big / 4]]), np.array([1, 0]))[1] == big / 8 + big / 2
    assert "$a/2 + b/2$, as scikit-learn 1.9's splitter does" in text


def test_naive_bayes_all_constant_features_versus_scikit_learn() -> None:
    from sklearn.naive_bayes import GaussianNB

    text = answer_words("implement-gaussian-naive-bayes")
    X, y = np.ones((3, 2)), np.array([0, 1, 1])
    with np.errstate(all="ignore"):
        ref = GaussianNB().fit(X, y).predict_proba(X[:1])
    assert np.isnan(ref).all()
    np.testing.assert_allclose(GaussianNaiveBayes().fit(X, y).predict_proba(X[:1]), [[1 / 3, 2 / 3]])
    assert "scikit-learn 1.9 then returns NaN probabilities" in text


def test_ndcg_gain_overflow_grade() -> None:
    text = answer_words("implement-ndcg-mrr")
    assert math.isfinite(2.0**1023) and dcg_at_k([1023.0], 1) == 2.0**1023 - 1
    with pytest.raises(OverflowError):
        dcg_at_k([1024.0], 1)
    assert "overflows float64 above grade 1023" in text


def test_bootstrap_memory_numbers() -> None:
    text = answer_words("implement-bootstrap-confidence-interval")
    assert 400 * 10_000 * 8 / 1e6 == 32.0
    assert 100_000 * 10_000 * 8 / 1e9 == 8.0
    assert 400 * 1_000 * 8 / 1e6 == 3.2
    y = np.r_[np.ones(340, int), np.zeros(60, int)]
    once = bootstrap_ci(y, np.ones(400, int), accuracy, chunk=10_000)
    assert once == bootstrap_ci(y, np.ones(400, int), accuracy)  # chunks of 1,000 draw the same stream
    assert (round(once[1], 3), round(once[2], 3)) == (0.815, 0.885)
    for s in ["32 MB, and 8 GB at $n = 100{,}000$", "1,000 replicates at a time, 3.2 MB"]:
        assert s in text


def test_kv_cache_size_example() -> None:
    text = answer_words("implement-causal-multi-head-attention")
    per_token = 2 * 32 * 8 * 128 * 2
    assert per_token == 131_072 == 128 * 1024
    assert per_token * 8192 == 2**30
    assert 2 * 32 * 32 * 128 * 2 == 4 * per_token
    with pytest.raises(ValueError):
        scaled_dot_product_attention(np.ones((1, 2)), np.ones((1, 2)), np.ones((1, 1)), np.array([[False]]))
    for s in [
        "$2 \\cdot 32 \\cdot 8 \\cdot 128 \\cdot 2 = 131{,}072$ bytes",
        "128 KiB per token and 1 GiB",
        "four times",
    ]:
        assert s in text


def test_mlp_log_softmax_loss_example() -> None:
    text = answer_words("implement-mlp-backprop-gradient-check")
    params = init_params(1, 1, 2)
    params["W1"][:] = [[1.0]]
    params["W2"][:] = [[2000.0, 0.0]]
    loss, _ = forward(params, np.array([[1.0]]), np.array([1]))
    assert loss == pytest.approx(2000.0)
    assert "(2,000 for a logit gap of 2,000)" in text


def test_sampling_tie_example() -> None:
    text = answer_words("implement-top-k-top-p-sampling")
    np.testing.assert_allclose(sampling_distribution([2.0, 2.0, 0.0], top_k=1), [0.5, 0.5, 0.0])
    assert sampling_distribution([1.0, 1.0], temperature=0).tolist() == [1.0, 0.0]
    assert "$k = 1$ on two equal logits keeps both, at 0.5 each" in text


def test_python_int_object_sizes() -> None:
    text = answer_words("python-list-vs-numpy-array")
    if sys.implementation.name == "cpython" and sys.maxsize > 2**32:
        assert sys.getsizeof(2**30 - 1) == 28 and sys.getsizeof(2**30) == 32
        assert sys.getsizeof(list(range(1_000_000))) == 8_000_056
    assert "28 bytes, or 32 bytes once it reaches $2^{30}$" in text


def _shop() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.executescript(
        """
        CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER, amount NUMERIC);
        INSERT INTO customers VALUES (1, 'Ana'), (2, 'Ben'), (3, 'Cy');
        INSERT INTO orders VALUES (101, 1, 20), (102, 1, 35), (103, 2, 15), (104, 4, 50);
        """
    )
    return db


def test_anti_join_forms_and_the_not_in_null_trap() -> None:
    text = answer_words("sql-joins-inner-left-right-full")
    db = _shop()
    not_exists = (
        "SELECT name FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id)"
    )
    not_in = "SELECT name FROM customers WHERE customer_id NOT IN (SELECT customer_id FROM orders)"
    assert db.execute(not_exists).fetchall() == [("Cy",)]
    assert db.execute(not_in).fetchall() == [("Cy",)]
    db.execute("INSERT INTO orders VALUES (105, NULL, 5)")  # one NULL key on the other side
    assert db.execute(not_in).fetchall() == []
    assert db.execute(not_exists).fetchall() == [("Cy",)]
    emulated = """
        SELECT c.name, o.order_id FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id
        UNION ALL
        SELECT c.name, o.order_id FROM orders o LEFT JOIN customers c ON o.customer_id = c.customer_id
        WHERE c.customer_id IS NULL
    """
    db.execute("DELETE FROM orders WHERE order_id = 105")
    assert len(db.execute(emulated).fetchall()) == 5  # the full outer join's 5 rows
    if sqlite3.sqlite_version_info >= (3, 39):
        full = "SELECT * FROM customers c FULL OUTER JOIN orders o ON o.customer_id = c.customer_id"
        assert len(db.execute(full).fetchall()) == 5
    assert "returns no rows at all" in text and "since version 3.39" in text


def test_sqlite_primary_key_accepts_nulls_unless_not_null() -> None:
    text = answer_words("sql-primary-vs-foreign-key")
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE loose (k TEXT PRIMARY KEY)")
    db.execute("INSERT INTO loose VALUES (NULL)")
    db.execute("INSERT INTO loose VALUES (NULL)")
    assert db.execute("SELECT COUNT(*) FROM loose").fetchone() == (2,)
    db.execute("CREATE TABLE strict (k TEXT PRIMARY KEY NOT NULL)")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO strict VALUES (NULL)")
    assert "accepts NULLs (several of them)" in text


def test_fresh_review_additions_match_the_code() -> None:
    """Numbers and behaviours added in the December 2026 fresh review, recomputed from the modules."""
    # Adam: the largest gradient whose square is still a float64.
    adam = answer_words("implement-adam-step-bias-correction")
    assert "$1.3 \\times 10^{154}$" in adam
    assert round(math.sqrt(sys.float_info.max) / 1e154, 2) == 1.34
    # Stratified split: 2 rows at test_size 0.9 -> round(1.8) = 2, capped at 1 so one row stays in training.
    split = answer_words("implement-stratified-train-test-split")
    assert "2 rows at `test_size=0.9` send 1 to test, not 2" in split
    train, test = stratified_train_test_split(np.array([0, 0]), test_size=0.9)
    assert (len(train), len(test), math.floor(0.9 * 2 + 0.5)) == (1, 1, 2)
    # kNN: squared norms of coordinates near 1e8 are 1e16, the edge of float64's ~16 digits.
    knn = answer_words("implement-knn-numpy")
    assert "near $10^8$ with unit gaps those are $10^{16}$" in knn
    assert (1e8) ** 2 == 1e16 and 1e16 + 1.0 == 1e16  # the spacing of floats at 1e16 is 2: a unit gap vanishes
    # Sampling: a tiny temperature sends every non-max logit to -inf instead of overflowing.
    sampling = answer_words("implement-top-k-top-p-sampling")
    assert "even $T = 10^{-320}$ gives $-\\infty$ for every token below the maximum" in sampling
    assert sampling_distribution([1.0, 2.0], temperature=1e-320).tolist() == [0.0, 1.0]
    # Welford: 1e308 then -1e308 makes delta infinite.
    welford = answer_words("streaming-mean-variance-welford")
    assert "1e308 then -1e308 makes $\\delta = \\infty$" in welford
    assert math.isinf(-1e308 - 1e308)
    stats = RunningStats()
    stats.update(1e308)
    with pytest.raises(OverflowError):
        stats.update(-1e308)
    # Tree: the midpoint of -inf and +inf is NaN, which is why infinity is rejected.
    tree = answer_words("implement-decision-tree-split")
    assert "NaN or infinity raises an error here" in tree
    assert math.isnan(-math.inf / 2 + math.inf / 2)
    with pytest.raises(ValueError):
        best_split(np.array([[-np.inf], [np.inf]]), np.array([0, 1]))
    # Linear regression: 0.2396 sits just above the bound 2 / 8.350 and must still raise.
    linreg = answer_words("implement-linear-regression-numpy")
    assert "$\\eta = 0.2396$, barely above the bound" in linreg
    x, y = np.array([[1.0], [2.0], [3.0], [4.0]]), np.array([2.0, 3.0, 5.0, 6.0])
    a = np.column_stack([x[:, 0], np.ones(4)])
    bound = 2 / float(np.linalg.eigvalsh(a.T @ a / 4).max())
    assert 0.2396 > bound > 0.2395 and abs(1 - 0.2396 * 2 / bound) < 1.001
    with pytest.raises(FloatingPointError):
        fit_gradient_descent(x, y, lr=0.2396)
    # Logistic regression: the step-size statement.
    assert "any step $\\eta < 2/L$ lowers the loss" in answer_words("implement-logistic-regression-numpy")
    # Beam search: the tie rule as the code applies it.
    assert "keeps candidates from an earlier beam ahead of those from a later one" in answer_words(
        "implement-beam-search-decoding"
    )


def test_preprocessing_infrequent_bucket_claim() -> None:
    from sklearn.preprocessing import OneHotEncoder

    text = answer_words("implement-preprocessing-pipeline")
    assert '`OneHotEncoder(min_frequency=...)`); with `handle_unknown="infrequent_if_exist"`' in text
    enc = OneHotEncoder(min_frequency=2, handle_unknown="infrequent_if_exist").fit([["a"], ["a"], ["b"]])
    # "b" (seen once) and "z" (never seen) both land in the infrequent column, not in an all-zero row.
    assert enc.transform([["b"], ["z"], ["a"]]).toarray().tolist() == [[0.0, 1.0], [0.0, 1.0], [1.0, 0.0]]
