"""Edge cases of every coding-answer module: empty input, zero, ties, out-of-range k, overflow, bad shapes.

The happy paths are matched against libraries in test_code_examples.py and test_code_examples_dl.py; these
tests pin what each function does when the input is at or past its limits, as the answers describe.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from code_examples.adam_bias_corrected import Adam
from code_examples.attention_mha import causal_mask, multi_head_attention, scaled_dot_product_attention
from code_examples.beam_search_decode import beam_search
from code_examples.bootstrap_metric_ci import accuracy, bootstrap_ci
from code_examples.bpe_merges import encode_word, learn_bpe
from code_examples.classification_metrics import macro_f1, precision_recall_f1
from code_examples.confusion_matrix import confusion_matrix
from code_examples.conv2d_windows import conv2d, conv_output_size
from code_examples.dropout_inverted import dropout_backward, dropout_forward
from code_examples.gaussian_naive_bayes import GaussianNaiveBayes
from code_examples.gradient_boosting_stumps import GradientBoostingStumps, fit_stump
from code_examples.kfold_indices import kfold_indices, stratified_kfold_indices
from code_examples.kmeans import kmeans
from code_examples.knn import KNNClassifier
from code_examples.layer_norm_grad import layer_norm_backward, layer_norm_forward
from code_examples.linreg_normal_eq_gd import fit_gradient_descent, fit_lstsq, fit_normal_equations
from code_examples.logistic_regression import LogisticRegression, log_loss, sigmoid
from code_examples.mlp_backprop import backward, forward, init_params
from code_examples.pca_svd import PCAFromSVD
from code_examples.preprocessing import Preprocessor
from code_examples.ranking_ndcg_mrr import dcg_at_k, mean_reciprocal_rank, ndcg_at_k
from code_examples.roc_auc import roc_auc, roc_auc_pairwise
from code_examples.running_stats import RunningStats
from code_examples.softmax import cross_entropy, log_softmax, softmax
from code_examples.tfidf_smooth_l2 import TfidfFromScratch
from code_examples.token_sampling import sampling_distribution
from code_examples.train_test_split import stratified_train_test_split
from code_examples.tree_best_split import best_split

# ---------------------------------------------------------------- logistic regression


def test_logistic_sigmoid_and_loss_at_the_float_limits() -> None:
    with np.errstate(over="raise"):  # exp is only ever called on -|z|
        p = sigmoid(np.array([-1e308, -800.0, 0.0, 800.0, 1e308]))
    assert p.tolist() == [0.0, 0.0, 0.5, 1.0, 1.0]
    assert math.isfinite(log_loss(np.array([1.0, 0.0]), np.array([0.0, 1.0])))  # clipped, not inf


def test_logistic_regression_separable_data_stays_finite_and_rejects_bad_input() -> None:
    X, y = np.array([[-2.0], [-1.0], [1.0], [2.0]]), np.array([0, 0, 1, 1])
    model = LogisticRegression(lr=1.0, n_iter=2000, l2=0.01).fit(X, y)
    assert np.isfinite(model.w).all() and model.predict(X).tolist() == [0, 0, 1, 1]
    unregularised = LogisticRegression(lr=1.0, n_iter=2000).fit(X, y)
    assert abs(unregularised.w[0]) > abs(model.w[0])  # separable: the weight keeps growing without L2
    for bad_X, bad_y in [
        (np.empty((0, 1)), np.empty(0)),
        (X, np.array([0, 1, 2, 1])),
        (X, np.array([-1, -1, 1, 1])),
        (X, y[:3]),
        (np.array([[np.nan], [1.0], [2.0], [3.0]]), y),
    ]:
        with pytest.raises(ValueError):
            LogisticRegression().fit(bad_X, bad_y)
    with pytest.raises(ValueError):
        LogisticRegression(lr=0.0)


# ---------------------------------------------------------------- k-means


def test_kmeans_validates_k_and_init() -> None:
    X = np.array([[0.0, 0.0], [1.0, 0.0], [5.0, 5.0]])
    for k in (0, -1, 4, 2.0, True):
        with pytest.raises(ValueError):
            kmeans(X, k)
    with pytest.raises(ValueError):
        kmeans(X, 2, init=np.zeros((3, 2)))
    with pytest.raises(ValueError):
        kmeans(np.empty((0, 2)), 1)
    _centroids, labels, inertia = kmeans(X, 3)  # k = n: every point its own centroid
    assert inertia == 0.0 and sorted(labels.tolist()) == [0, 1, 2]


def test_kmeans_duplicate_rows_trigger_the_empty_cluster_rule() -> None:
    X = np.array([[0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [9.0, 9.0]])
    centroids, labels, inertia = kmeans(X, 2, init=np.zeros((2, 2)))
    # Both starting centroids coincide; the tie sends every point to centroid 0, so centroid 1 is empty
    # and moves to (9, 9), the point worst served.
    assert centroids.tolist() == [[0.0, 0.0], [9.0, 9.0]] and inertia == 0.0
    assert labels.tolist() == [0, 0, 0, 1]


# ---------------------------------------------------------------- precision, recall, F1 and confusion matrix


def test_classification_metrics_reject_mismatched_lengths_and_handle_empty() -> None:
    with pytest.raises(ValueError):
        precision_recall_f1([1, 0, 1], [1])  # == would broadcast (3,) against (1,)
    assert precision_recall_f1([], []) == (0.0, 0.0, 0.0)  # every ratio is 0/0
    assert precision_recall_f1([], [], zero_division=1.0) == (1.0, 1.0, 1.0)
    with pytest.raises(ValueError):
        macro_f1([], [])


def test_confusion_matrix_empty_and_bad_shapes() -> None:
    cm, labels = confusion_matrix(np.array([], dtype=int), np.array([], dtype=int))
    assert cm.shape == (0, 0) and labels.size == 0
    with pytest.raises(ValueError):
        confusion_matrix([1, 2], [1])
    with pytest.raises(ValueError):
        confusion_matrix([[1, 2]], [[1, 2]])
    cm, labels = confusion_matrix([7, 7, 7], [7, 7, 7])  # a single class
    assert cm.tolist() == [[3]] and labels.tolist() == [7]


# ---------------------------------------------------------------- splits and folds


def test_stratified_split_edges() -> None:
    for bad in (0.0, 1.0, -0.1, 1.5):
        with pytest.raises(ValueError):
            stratified_train_test_split([0, 1, 0, 1], test_size=bad)
    with pytest.raises(ValueError):
        stratified_train_test_split([])
    train, test = stratified_train_test_split(["a", "b", "b", "b", "b"], test_size=0.5)
    assert 0 in train and 0 not in test  # a class with one row stays in training
    assert sorted(np.concatenate([train, test]).tolist()) == [0, 1, 2, 3, 4]


def test_kfold_edges() -> None:
    for n, k in [(5, 1), (5, 6), (0, 2), (10, 2.5)]:
        with pytest.raises((ValueError, TypeError)):
            kfold_indices(n, k)
    folds = kfold_indices(3, 3)  # k = n: leave-one-out
    assert [test.tolist() for _, test in folds] == [[0], [1], [2]]
    for k in (0, 1, 7):
        with pytest.raises(ValueError):
            stratified_kfold_indices(np.array([0, 1, 0, 1, 0, 1]), k)
    with pytest.raises(ValueError):
        stratified_kfold_indices(np.array([0, 0, 1, 1]), 3)  # largest class has 2 < 3 rows


# ---------------------------------------------------------------- k-nearest neighbours


def test_knn_validates_k_and_shapes() -> None:
    for k in (0, -3, 2.5, True):
        with pytest.raises(ValueError):
            KNNClassifier(k)
    X, y = np.array([[0.0], [1.0], [10.0]]), np.array(["a", "a", "b"])
    with pytest.raises(ValueError):
        KNNClassifier(4).fit(X, y)
    with pytest.raises(ValueError):
        KNNClassifier(1).fit(X, y[:2])
    model = KNNClassifier(3).fit(X, y)  # k = n is allowed
    assert model.predict(np.array([[20.0]])).tolist() == ["a"]
    with pytest.raises(ValueError):
        model.predict(np.array([[1.0, 2.0]]))
    assert model.predict(np.empty((0, 1))).shape == (0,)


def test_knn_vote_ties_go_to_the_smallest_label() -> None:
    model = KNNClassifier(2).fit(np.array([[0.0], [2.0]]), np.array(["zebra", "ant"]))
    assert model.predict(np.array([[1.0]])).tolist() == ["ant"]


# ---------------------------------------------------------------- preprocessing


def test_preprocessing_rejects_columns_it_cannot_learn_from() -> None:
    num, cat = np.array([[np.nan], [np.nan]]), np.array([["a"], ["b"]], dtype=object)
    with pytest.raises(ValueError):
        Preprocessor().fit(num, cat)
    with pytest.raises(ValueError):
        Preprocessor().fit(np.array([[1.0], [2.0]]), np.array([[None], [None]], dtype=object))
    with pytest.raises(ValueError):
        Preprocessor().fit(np.empty((0, 1)), np.empty((0, 1), dtype=object))
    with pytest.raises(ValueError):
        Preprocessor().fit(np.array([[1.0], [2.0]]), np.array([["a"]], dtype=object))
    with pytest.raises(ValueError):
        Preprocessor().fit(np.array([[1.0], [np.inf]]), np.array([["a"], ["b"]], dtype=object))


def test_preprocessing_constant_column_ties_unseen_and_width() -> None:
    pre = Preprocessor().fit(np.array([[5.0], [5.0], [5.0]]), np.array([["b"], ["a"], [None]], dtype=object))
    # constant column -> 0, not NaN; the mode tie between a and b goes to a (sorted order), so None -> a
    out = pre.transform(np.array([[5.0], [7.0]]), np.array([[None], ["zzz"]], dtype=object))
    assert out.tolist() == [[0.0, 1.0, 0.0], [2.0, 0.0, 0.0]]  # unseen "zzz" -> all-zero one-hot row
    with pytest.raises(ValueError):
        pre.transform(np.array([[5.0, 1.0]]), np.array([["a"]], dtype=object))
    assert pre.transform(np.empty((0, 1)), np.empty((0, 1), dtype=object)).shape == (0, 3)


# ---------------------------------------------------------------- softmax and cross-entropy


def test_softmax_masked_and_extreme_logits() -> None:
    np.testing.assert_allclose(softmax([-np.inf, 0.0, 0.0]), [0.0, 0.5, 0.5])
    np.testing.assert_allclose(softmax([1e308, -1e308]), [1.0, 0.0])
    assert log_softmax([0.0, -1000.0])[1] == pytest.approx(-1000.0)  # log(softmax) would be -inf
    for bad in ([], [np.nan, 1.0], [np.inf, 1.0], [-np.inf, -np.inf]):
        with pytest.raises(ValueError):
            softmax(bad)
    with pytest.raises(ValueError):
        softmax(np.zeros((2, 0)))


def test_cross_entropy_validates_labels() -> None:
    logits = np.array([[2.0, 0.0], [0.0, 2.0]])
    assert cross_entropy(logits, np.array([0, 1])) == pytest.approx(math.log(1 + math.exp(-2)))
    assert cross_entropy(np.array([[0.0, -2000.0]]), np.array([1])) == pytest.approx(2000.0)  # finite, no log(0)
    for labels in (np.array([0, -1]), np.array([0, 2]), np.array([0.0, 1.0]), np.array([0])):
        with pytest.raises(ValueError):
            cross_entropy(logits, labels)
    with pytest.raises(ValueError):
        cross_entropy(np.empty((0, 2)), np.array([], dtype=int))


# ---------------------------------------------------------------- ROC AUC


def test_roc_auc_labels_ties_and_validation() -> None:
    assert roc_auc([0, 1], [0.5, 0.5]) == 0.5  # a tie is half a win
    assert roc_auc([False, True, True], [3.0, 1.0, 2.0]) == 0.0
    assert roc_auc_pairwise([0, 0, 1], [1, 1, 1]) == 0.5
    for y, s in [
        ([-1, 1], [0.1, 0.9]),  # astype(bool) would read -1 as positive
        ([0, 2], [0.1, 0.9]),
        ([1, 1], [0.1, 0.9]),
        ([0, 1], [0.1, np.nan]),
        ([0, 1, 1], [0.1, 0.9]),
        ([], []),
    ]:
        with pytest.raises(ValueError):
            roc_auc(y, s)
        with pytest.raises(ValueError):
            roc_auc_pairwise(y, s)


# ---------------------------------------------------------------- running mean and variance


def test_running_stats_empty_single_merge_and_non_finite() -> None:
    stats = RunningStats()
    assert math.isnan(stats.variance) and math.isnan(stats.sample_variance)
    stats.update(4.0)
    assert (stats.mean, stats.variance) == (4.0, 0.0) and math.isnan(stats.sample_variance)
    stats.update_batch([])  # an empty chunk changes nothing
    assert stats.n == 1
    for bad in (float("nan"), float("inf")):
        with pytest.raises(ValueError):
            stats.update(bad)
    with pytest.raises(ValueError):
        stats.update_batch([1.0, np.nan])
    a, b, c = RunningStats(), RunningStats(), RunningStats()
    a.update_batch([3.0, 5.0])
    b.update(10.0)
    a.merge(b)
    a.merge(c)  # merging an empty summary is a no-op
    assert (a.n, a.mean, a.m2) == (3, 6.0, 26.0)


# ---------------------------------------------------------------- linear regression


def test_linear_regression_validation_divergence_and_rank_deficiency() -> None:
    x, y = np.array([[1.0], [2.0], [3.0], [4.0]]), np.array([2.0, 3.0, 5.0, 6.0])
    with pytest.raises(FloatingPointError):
        fit_gradient_descent(x, y, lr=0.3, n_iter=5000)  # 0.3 > 2 / 8.35
    for bad_X, bad_y in [(np.empty((0, 1)), np.empty(0)), (x, y[:3]), (x, np.array([2.0, np.nan, 5.0, 6.0]))]:
        for fit in (fit_lstsq, fit_normal_equations, fit_gradient_descent):
            with pytest.raises(ValueError):
                fit(bad_X, bad_y)
    collinear = np.hstack([x, 2 * x])  # rank deficient: lstsq gives the minimum-norm answer
    w, b = fit_lstsq(collinear, y)
    np.testing.assert_allclose(collinear @ w + b, fit_lstsq(x, y)[0][0] * x[:, 0] + fit_lstsq(x, y)[1])
    np.testing.assert_allclose(w, [1.4 / 5, 2.8 / 5], atol=1e-12)  # (1.4 / 5) * (1, 2): the shortest such w
    with pytest.raises(np.linalg.LinAlgError):
        fit_normal_equations(collinear, y)
    w1, b1 = fit_lstsq(np.array([[3.0]]), np.array([7.0]))  # one row: still a valid least-squares answer
    assert 3 * w1[0] + b1 == pytest.approx(7.0)


# ---------------------------------------------------------------- decision-tree split and boosting stumps


def test_best_split_degenerate_nodes_and_ties() -> None:
    assert best_split(np.array([[1.0]]), np.array([0]))[0] == -1  # one row
    assert best_split(np.array([[1.0], [2.0]]), np.array([1, 1]))[0] == -1  # pure node
    assert best_split(np.array([[3.0], [3.0]]), np.array([0, 1]))[0] == -1  # constant feature
    # Features 0 and 1 separate the classes equally well: the lower index wins.
    assert best_split(np.array([[0.0, 0.0], [1.0, 1.0]]), np.array([0, 1]))[:2] == (0, 0.5)
    with pytest.raises(ValueError):
        best_split(np.array([[np.nan], [1.0]]), np.array([0, 1]))


def test_split_thresholds_do_not_overflow_and_keep_neighbours_apart() -> None:
    big = np.finfo(float).max
    feature, threshold, _ = best_split(np.array([[big / 2], [big]]), np.array([0, 1]))
    assert feature == 0 and big / 2 < threshold < big  # (a + b) / 2 would be inf
    a = 1.0
    b = np.nextafter(a, 2.0)  # adjacent floats: the midpoint rounds onto one of them
    _, t, _ = best_split(np.array([[a], [b]]), np.array([0, 1]))
    assert a <= t < b
    _j, t2, left, right = fit_stump(np.array([[big / 2], [big]]), np.array([-1.0, 1.0]))
    assert np.isfinite(t2) and (left, right) == (-1.0, 1.0)


def test_boosting_edges() -> None:
    one = GradientBoostingStumps(n_estimators=3).fit(np.array([[1.0]]), np.array([5.0]))
    assert one.predict(np.array([[0.0], [9.0]])).tolist() == [5.0, 5.0]  # one row: the mean, nothing to split
    const = GradientBoostingStumps(n_estimators=2).fit(np.ones((4, 1)), np.array([1.0, 2.0, 3.0, 4.0]))
    assert const.predict(np.ones((1, 1))).tolist() == [2.5]  # constant feature: no cut helps
    assert GradientBoostingStumps(n_estimators=0).fit(np.ones((2, 1)), np.array([0.0, 2.0])).stumps == []
    for kwargs in ({"n_estimators": -1}, {"learning_rate": 0.0}, {"learning_rate": -0.1}, {"learning_rate": np.nan}):
        with pytest.raises(ValueError):
            GradientBoostingStumps(**kwargs)
    with pytest.raises(ValueError):
        GradientBoostingStumps().fit(np.empty((0, 1)), np.empty(0))
    with pytest.raises(ValueError):
        GradientBoostingStumps().fit(np.ones((2, 1)), np.array([1.0, np.inf]))


# ---------------------------------------------------------------- PCA and naive Bayes


def test_pca_validation_and_zero_variance() -> None:
    X = np.array([[1.0, 2.0], [3.0, 1.0], [0.0, 0.0]])
    for k in (0, 3, -1, 1.5):
        with pytest.raises(ValueError):
            PCAFromSVD(k).fit(X)
    with pytest.raises(ValueError):
        PCAFromSVD(1).fit(X[:1])  # one row: n - 1 = 0
    with pytest.raises(ValueError):
        PCAFromSVD(1).fit(np.ones((4, 2)))  # no variance to explain
    pca = PCAFromSVD(2).fit(X)  # k = min(n, d) keeps everything: reconstruction is exact
    np.testing.assert_allclose(pca.inverse_transform(pca.transform(X)), X, atol=1e-12)
    assert pca.explained_variance_ratio.sum() == pytest.approx(1.0)


def test_naive_bayes_all_constant_features_single_row_classes_and_shapes() -> None:
    model = GaussianNaiveBayes().fit(np.ones((3, 2)), np.array([0, 1, 1]))  # every feature constant
    probs = model.predict_proba(np.ones((1, 2)))
    np.testing.assert_allclose(probs, [[1 / 3, 2 / 3]])  # only the priors speak
    assert np.isfinite(model.predict_log_proba(np.array([[5.0, 5.0]]))).all()
    with pytest.raises(ValueError):
        model.predict(np.ones((1, 3)))
    with pytest.raises(ValueError):
        GaussianNaiveBayes().fit(np.empty((0, 2)), np.empty(0))
    with pytest.raises(ValueError):
        GaussianNaiveBayes().fit(np.ones((2, 2)), np.array([0]))


# ---------------------------------------------------------------- ranking metrics


def test_ranking_metrics_validate_k_gains_and_shapes() -> None:
    for k in (0, -1, 2.0, True):
        with pytest.raises(ValueError):
            dcg_at_k([3, 2, 1], k)
    with pytest.raises(ValueError):
        dcg_at_k([3, 2, 1], 2, gain="cubic")
    with pytest.raises(ValueError):
        dcg_at_k([3, -1], 2)
    with pytest.raises(OverflowError):
        dcg_at_k([2000.0], 1)  # 2 ** 2000 is inf in float64
    assert dcg_at_k([2000.0], 1, gain="linear") == 2000.0
    assert dcg_at_k([3, 2], 10) == pytest.approx(7 + 3 / math.log2(3))  # k beyond the list: all of it
    with pytest.raises(ValueError):
        ndcg_at_k([[1, 0, 2]], [[0.1, 0.2]], 2)
    with pytest.raises(ValueError):
        ndcg_at_k(np.empty((0, 3)), np.empty((0, 3)), 2)
    assert ndcg_at_k([[0, 0, 0]], [[0.3, 0.2, 0.1]], 2) == 0.0  # no relevant item scores 0
    assert ndcg_at_k([[1, 0]], [[0.5, 0.5]], 1) == 1.0  # tie broken by position: item 0 first
    with pytest.raises(ValueError):
        mean_reciprocal_rank([])
    assert mean_reciprocal_rank([[0, 0], []]) == 0.0


# ---------------------------------------------------------------- bootstrap


def test_bootstrap_edges() -> None:
    with pytest.raises(ValueError):
        bootstrap_ci(np.array([]), np.array([]), accuracy)
    with pytest.raises(ValueError):
        bootstrap_ci(np.array([1, 0]), np.array([1]), accuracy)
    for kwargs in ({"n_boot": 0}, {"confidence": 1.0}, {"chunk": 0}):
        with pytest.raises(ValueError):
            bootstrap_ci(np.array([1, 0]), np.array([1, 0]), accuracy, **kwargs)

    def recall(t: np.ndarray, p: np.ndarray) -> float:
        return float(np.sum(t & p) / np.sum(t)) if np.sum(t) else float("nan")

    y = np.array([1] + [0] * 29)  # one positive: many replicates draw none
    with pytest.raises(ValueError, match="replicates gave an undefined metric"):
        bootstrap_ci(y, y, recall, n_boot=200)
    point, low, high = bootstrap_ci(np.ones(5, int), np.ones(5, int), accuracy, n_boot=50)
    assert (point, low, high) == (1.0, 1.0, 1.0)  # no variation in the data, none in the interval
    chunked = bootstrap_ci(y, 1 - y, accuracy, n_boot=2_500, chunk=7)
    assert chunked == bootstrap_ci(y, 1 - y, accuracy, n_boot=2_500, chunk=2_500)  # chunking is invisible


# ---------------------------------------------------------------- TF-IDF


def test_tfidf_rejects_a_bare_string_and_an_empty_vocabulary() -> None:
    with pytest.raises(TypeError):
        TfidfFromScratch().fit("the cat sat")  # would read each letter as a document
    with pytest.raises(ValueError):
        TfidfFromScratch().fit(["a", "I", "!"])  # no token of two or more word characters
    with pytest.raises(ValueError):
        TfidfFromScratch().fit([])
    model = TfidfFromScratch().fit(["cat dog"])
    with pytest.raises(TypeError):
        model.transform("cat")
    assert model.transform([]).shape == (0, 2)
    assert model.transform(["zebra"]).tolist() == [[0.0, 0.0]]


# ---------------------------------------------------------------- attention


def test_attention_rejects_fully_masked_rows_and_bad_shapes() -> None:
    q = np.ones((2, 4))
    with pytest.raises(ValueError):
        scaled_dot_product_attention(q, q, np.ones((2, 3)), np.array([[True, False], [False, False]]))
    with pytest.raises(ValueError):
        scaled_dot_product_attention(q, np.ones((2, 3)), np.ones((2, 3)))
    with pytest.raises(ValueError):
        scaled_dot_product_attention(q, q, np.ones((3, 3)))
    x, w = np.ones((1, 3, 4)), np.eye(4)
    for heads in (0, 3):
        with pytest.raises(ValueError):
            multi_head_attention(x, w, w, w, w, heads)
    with pytest.raises(ValueError):
        multi_head_attention(x, w, w, np.eye(3), w, 2)
    _out, weights = scaled_dot_product_attention(np.array([[1e6]]), np.array([[1e6], [-1e6]]), np.eye(2), None)
    assert weights.tolist() == [[1.0, 0.0]]  # huge scores: the max shift keeps exp finite
    assert causal_mask(1).tolist() == [[True]]


# ---------------------------------------------------------------- MLP backprop


def test_mlp_loss_stays_finite_when_a_probability_underflows() -> None:
    params = init_params(1, 2, 2)
    params["W1"][:] = [[1.0, 0.0]]
    params["W2"][:] = [[1000.0, -1000.0], [0.0, 0.0]]
    loss, cache = forward(params, np.array([[1.0]]), np.array([1]))
    assert loss == pytest.approx(2000.0)  # log(0) would give inf
    assert all(np.isfinite(g).all() for g in backward(params, cache).values())
    for y in (np.array([2]), np.array([-1]), np.array([0.0])):
        with pytest.raises(ValueError):
            forward(params, np.array([[1.0]]), y)


# ---------------------------------------------------------------- convolution


def test_conv_validates_stride_padding_and_shapes() -> None:
    for args in [(5, 3, 0, 0), (5, 3, 1, -1), (5, 0, 1, 0), (2, 5, 1, 1)]:
        with pytest.raises(ValueError):
            conv_output_size(*args)
    assert conv_output_size(5, 5, 1, 0) == 1  # kernel as large as the input
    x, w = np.ones((1, 3, 3)), np.ones((2, 1, 3, 3))
    with pytest.raises(ValueError):
        conv2d(x, w, b=np.zeros(3))
    with pytest.raises(ValueError):
        conv2d(np.ones((3, 3)), w)
    with pytest.raises(ValueError):
        conv2d(np.ones((2, 3, 3)), w)
    assert conv2d(x, w, b=np.array([1.0, -1.0])).reshape(-1).tolist() == [10.0, 8.0]


# ---------------------------------------------------------------- beam search and sampling


def test_beam_search_validates_and_breaks_ties_by_token_id() -> None:
    uniform = np.log(np.full(3, 1 / 3))
    with pytest.raises(ValueError):
        beam_search(lambda _: uniform, bos=0, eos=2, beam_width=0, max_len=3)
    with pytest.raises(ValueError):
        beam_search(lambda _: uniform, bos=0, eos=2, beam_width=2, max_len=0, alpha=1.0)
    out = beam_search(lambda _: uniform, bos=0, eos=2, beam_width=2, max_len=1)
    assert [tokens for tokens, _ in out] == [(0,), (1,)]  # equal scores: lower token ids first


def test_sampling_validation_masks_and_ties() -> None:
    for kwargs in ({"top_k": 0}, {"top_k": -1}, {"top_k": 1.5}, {"top_p": 0.0}, {"top_p": 1.2}):
        with pytest.raises(ValueError):
            sampling_distribution([1.0, 2.0], **kwargs)
    for logits in ([], [np.nan, 1.0], [np.inf, 0.0], [-np.inf, -np.inf]):
        with pytest.raises(ValueError):
            sampling_distribution(logits)
    np.testing.assert_allclose(sampling_distribution([-np.inf, 0.0, 0.0]), [0.0, 0.5, 0.5])
    np.testing.assert_allclose(sampling_distribution([1.0, 1.0, 0.0], top_k=1), [0.5, 0.5, 0.0])  # tie kept
    assert sampling_distribution([3.0, 3.0, 1.0], temperature=0).tolist() == [1.0, 0.0, 0.0]  # greedy: first max
    np.testing.assert_allclose(sampling_distribution([1e308, 0.0]), [1.0, 0.0])  # no overflow
    assert sampling_distribution([0.0, 5.0], top_k=10).sum() == pytest.approx(1.0)  # k above vocab: no filter


# ---------------------------------------------------------------- BPE, layer norm, Adam, dropout


def test_bpe_edges() -> None:
    assert learn_bpe({}, 5) == []
    assert learn_bpe({"ab": 3}, 0) == []
    assert learn_bpe({"ab": 3}, 10) == [("a", "b"), ("ab", "_")]  # stops when no pair is left
    with pytest.raises(ValueError):
        learn_bpe({"a_b": 2}, 1)  # the end marker inside a word would be ambiguous
    with pytest.raises(ValueError):
        learn_bpe({"ab": 0}, 1)
    assert encode_word("", [("a", "b")]) == ["_"]
    assert learn_bpe({"ab": 1, "ba": 1}, 1) == [("a", "_")]  # three pairs tie at 1: the smallest sorts first


def test_layer_norm_constant_rows_and_shapes() -> None:
    x = np.full((2, 3), 7.0)  # constant rows: x - mean is 0, eps keeps the division finite
    y, cache = layer_norm_forward(x, np.ones(3), np.zeros(3))
    assert np.isfinite(y).all() and not y.any()
    dx, _, _ = layer_norm_backward(np.ones((2, 3)), cache)
    assert np.isfinite(dx).all()
    with pytest.raises(ValueError):
        layer_norm_forward(x, np.ones(3), np.zeros(3), eps=0.0)
    with pytest.raises(ValueError):
        layer_norm_forward(x, np.ones(2), np.zeros(3))


def test_adam_zero_gradient_and_validation() -> None:
    opt = Adam(lr=0.1)
    theta = opt.step(np.array([1.0, -2.0]), np.zeros(2))
    assert theta.tolist() == [1.0, -2.0]  # zero gradient: no step and no 0/0
    for kwargs in ({"lr": 0.0}, {"beta1": 1.0}, {"beta2": -0.1}, {"eps": 0.0}):
        with pytest.raises(ValueError):
            Adam(**kwargs).step(np.ones(2), np.ones(2))
    with pytest.raises(ValueError):
        opt.step(np.ones(2), np.ones(3))
    with pytest.raises(ValueError):
        opt.step(np.ones(3), np.ones(3))  # the state was sized for 2 parameters
    for bad in (np.nan, np.inf):
        guarded = Adam(lr=0.1)
        with pytest.raises(FloatingPointError):
            guarded.step(np.array([1.0]), np.array([bad]))
        assert guarded.t == 0 and not guarded.m.any()  # the state was not poisoned


def test_dropout_edges() -> None:
    rng = np.random.default_rng(0)
    for p in (-0.1, 1.0, float("nan")):
        with pytest.raises(ValueError):
            dropout_forward(np.ones(3), p, True, rng)
    x = np.ones(4)
    out, mask = dropout_forward(x, 0.0, True, rng)
    assert out is x and mask is None
    assert dropout_backward(np.ones(2), None).tolist() == [1.0, 1.0]
    empty, _ = dropout_forward(np.empty(0), 0.5, True, rng)
    assert empty.shape == (0,)


# ---------------------------------------------------------------- fresh review (December 2026): silent-failure cases


def test_logistic_regression_zero_features_and_nan_hyperparameters() -> None:
    model = LogisticRegression(n_iter=5000, tol=1e-10).fit(np.zeros((3, 0)), np.array([0, 1, 1]))
    assert model.w.shape == (0,) and model.b == pytest.approx(math.log(2), abs=1e-6)  # intercept-only: log-odds of 2/3
    for kwargs in ({"lr": float("nan")}, {"l2": float("nan")}, {"tol": -1.0}):
        with pytest.raises(ValueError):
            LogisticRegression(**kwargs)


def test_precision_recall_rejects_a_positive_label_that_never_occurs() -> None:
    with pytest.raises(ValueError, match="neither array"):
        precision_recall_f1(np.array(["spam", "ham"]), np.array(["spam", "spam"]))  # default positive=1
    assert precision_recall_f1([0, 0], [0, 0]) == (0.0, 0.0, 0.0)  # one label only: an honest 0/0 case
    assert precision_recall_f1([], []) == (0.0, 0.0, 0.0)


def test_stratified_split_keeps_nan_labelled_rows_and_one_training_row_per_class() -> None:
    y = np.array([np.nan, np.nan, np.nan, 1.0, 1.0, 1.0])
    train, test = stratified_train_test_split(y, test_size=0.5)
    assert sorted(np.concatenate([train, test]).tolist()) == list(range(6))  # no row vanishes
    assert np.isnan(y[test]).sum() == 2 and (y[test] == 1).sum() == 2  # round(1.5) = 2 per class
    train, test = stratified_train_test_split(np.array([0, 0]), test_size=0.9)
    assert (len(train), len(test)) == (1, 1)  # round(1.8) = 2, capped so the class stays in training


def test_knn_centres_the_data_and_rejects_non_finite_queries() -> None:
    X = np.array([[1e8, 1e8], [1e8 + 1.0, 1e8]])
    model = KNNClassifier(1).fit(X, np.array([0, 1]))
    assert model.predict([[1e8 + 0.6, 1e8]]).tolist() == [1]  # distance 0.4 to row 1, 0.6 to row 0
    raw = (X**2).sum(axis=1) - 2 * X @ np.array([1e8 + 0.6, 1e8])  # the uncentred expansion, minus |q|^2
    assert np.argmin(raw) == 0  # ... which cancels and picks the wrong row
    for bad in ([[np.nan, 0.0]], [[np.inf, 0.0]]):
        with pytest.raises(ValueError, match="finite"):
            model.predict(bad)


def test_preprocessing_treats_a_float_nan_category_as_missing() -> None:
    X_num = np.array([[3.0], [4.0], [5.0]])
    X_cat = np.array([["a"], [np.nan], ["a"]], dtype=object)
    out = Preprocessor().fit_transform(X_num, X_cat)
    assert out[:, 1:].tolist() == [[1.0], [1.0], [1.0]]  # NaN filled with the mode "a", no "nan" column


def test_running_stats_raises_on_overflow_and_keeps_the_summary() -> None:
    stats = RunningStats()
    stats.update(1e308)
    with pytest.raises(OverflowError):
        stats.update(-1e308)  # delta = -2e308 overflows
    assert (stats.n, stats.mean, stats.m2) == (1, 1e308, 0.0)
    big = RunningStats()
    big.update_batch(np.array([1e308, 1e308]))  # the chunk's own sum would overflow without rescaling
    assert (big.n, big.mean, big.m2) == (2, 1e308, 0.0)
    a, b = RunningStats(), RunningStats()
    a.update_batch([1e300])
    b.update_batch([-1e300])
    with pytest.raises(OverflowError):
        a.merge(b)  # M2 = 2e600 is not a float64
    assert (a.n, a.mean) == (1, 1e300)


def test_gradient_descent_detects_slow_divergence_and_warns_when_unconverged() -> None:
    x, y = np.array([[1.0], [2.0], [3.0], [4.0]]), np.array([2.0, 3.0, 5.0, 6.0])
    with pytest.raises(FloatingPointError, match="diverged"):
        fit_gradient_descent(x, y, lr=0.2396)  # bound 0.23951: |1 - lr * 8.350| = 1.0007 per step
    with pytest.warns(RuntimeWarning, match="no convergence"):
        fit_gradient_descent(x, y, lr=0.001, n_iter=100)


def test_best_split_rejects_infinity() -> None:
    for bad in ([[-np.inf], [np.inf]], [[1.0], [np.inf]]):
        with pytest.raises(ValueError, match="infinity"):
            best_split(np.array(bad), np.array([0, 1]))


def test_naive_bayes_rejects_bad_smoothing_and_non_finite_rows() -> None:
    for bad in (-1e-9, float("nan")):
        with pytest.raises(ValueError, match="var_smoothing"):
            GaussianNaiveBayes(var_smoothing=bad)
    model = GaussianNaiveBayes().fit(np.array([[1.0], [2.0], [6.0], [7.0]]), np.array([0, 0, 1, 1]))
    with pytest.raises(ValueError, match="finite"):
        model.predict_proba([[np.nan]])


def test_boosting_prediction_checks_width_and_values() -> None:
    model = GradientBoostingStumps(2, 0.5).fit(np.array([[1.0], [2.0], [3.0], [4.0]]), np.array([1.0, 2.0, 6.0, 7.0]))
    for bad in (np.ones((1, 3)), np.array([[np.nan]]), np.ones(3)):
        with pytest.raises(ValueError):
            model.predict(bad)
    for rounds in (2.5, True, -1):
        with pytest.raises(ValueError, match="n_estimators"):
            GradientBoostingStumps(rounds)
    assert GradientBoostingStumps(np.int64(2)).n_estimators == 2


def test_beam_search_ties_prefer_the_earlier_beam_and_nan_raises() -> None:
    # Step 1: tokens 1 and 2 tie at log 0.5 (beam order 1, 2). Step 2 is uniform over 4 tokens, so all four
    # candidates tie; the earlier beam's (1, 0) and (1, 1) win over (2, 0), although token 0 < token 1.
    def model(prefix: tuple[int, ...]) -> np.ndarray:
        if len(prefix) == 1:
            return np.log(np.array([1e-9, 0.5, 0.5, 1e-9]))
        return np.log(np.full(4, 0.25))

    out = beam_search(model, bos=3, eos=0, beam_width=2, max_len=2)
    assert [tokens for tokens, _ in out] == [(1, 0), (1, 1)]
    with pytest.raises(ValueError, match="NaN"):
        beam_search(lambda _: np.array([np.nan, 0.0, -1.0]), bos=2, eos=0, beam_width=2, max_len=2)


def test_sampling_temperature_is_validated_and_tiny_values_do_not_overflow() -> None:
    logits = np.array([1.0, 2.0, 0.0, -np.inf])
    assert sampling_distribution(logits, temperature=1e-320).tolist() == [0.0, 1.0, 0.0, 0.0]
    for bad in (float("nan"), -0.5, float("inf")):
        with pytest.raises(ValueError, match="temperature"):
            sampling_distribution(logits, temperature=bad)


def test_adam_rejects_an_overflowing_squared_gradient_and_nan_hyperparameters() -> None:
    assert math.isinf(1.4e154 * 1.4e154) and math.isfinite(1.3e154 * 1.3e154)  # sqrt(1.8e308) = 1.34e154
    opt = Adam()
    theta = opt.step(np.ones(1), np.array([1.3e154]))  # squares to about 1.7e308: still finite
    assert np.isfinite(opt.v).all()
    with pytest.raises(FloatingPointError):
        opt.step(theta, np.array([1.4e154]))
    assert opt.t == 1 and np.isfinite(opt.v).all()  # state untouched by the rejected step
    for kwargs in ({"lr": float("nan")}, {"eps": float("nan")}, {"lr": float("inf")}, {"weight_decay": -0.1}):
        with pytest.raises(ValueError):
            Adam(**kwargs).step(np.ones(1), np.ones(1))
