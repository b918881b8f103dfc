"""Recompute every number quoted in the evaluation-and-metrics answers."""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
from scipy import stats
from sklearn.metrics import (
    average_precision_score,
    confusion_matrix,
    f1_score,
    ndcg_score,
    r2_score,
    roc_auc_score,
    roc_curve,
)
from sklearn.model_selection import StratifiedKFold, TimeSeriesSplit

from tests.bank import answer, answer_words


def _fmt(x, nd):
    return f"{x:.{nd}f}"


def _has_all(text, *snippets):
    missing = [s for s in snippets if s not in text]
    assert not missing, missing


def test_confusion_matrix_example():
    text = answer_words("confusion-matrix")
    y = np.array([1] * 100 + [0] * 900)
    p = np.array([1] * 80 + [0] * 20 + [1] * 40 + [0] * 860)
    tn, fp, fn, tp = confusion_matrix(y, p).ravel()
    assert (tp, fn, fp, tn) == (80, 20, 40, 860)
    assert (tp + tn) / 1000 == 0.94
    assert _fmt(tp / (tp + fp), 3) == "0.667" and tp / (tp + fn) == 0.8
    assert _fmt(tn / (tn + fp), 3) == "0.956" and _fmt(fp / (fp + tn), 3) == "0.044"
    assert _fmt(2 * tp / (2 * tp + fp + fn), 3) == "0.727"
    _has_all(
        text,
        "940/1000 = 0.94",
        "80/120 = 0.667",
        "80/100 = 0.8",
        "860/900 = 0.956",
        "40/900 = 0.044",
        "160/220 = 0.727",
        "`tn, fp, fn, tp`",
    )


def test_accuracy_paradox_example():
    text = answer_words("accuracy-paradox")
    tp, fp, fn, tn = 40, 160, 10, 9790
    assert tp + fp + fn + tn == 10_000 and tp + fn == 50
    assert (tn + fp) / 10_000 == 0.995
    assert (tp + tn) / 10_000 == 0.983
    assert tp / (tp + fn) == 0.8
    assert _fmt((0.8 + tn / (tn + fp)) / 2, 3) == "0.892"
    mcc = (tp * tn - fp * fn) / math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    assert _fmt(mcc, 3) == "0.395"
    assert tp / (tp + fp) == 0.2
    _has_all(text, "99.5%", "= 98.3\\%", "40/50 = 0.8", "= 0.892", "= 0.395", "40/200 = 0.2")


def test_precision_recall_threshold_costs():
    text = answer_words("precision-vs-recall")
    rows = {0.5: (80, 40, 20), 0.7: (60, 10, 40)}
    p5 = 80 / 120
    p7 = 60 / 70
    assert _fmt(p5, 3) == "0.667" and _fmt(p7, 3) == "0.857"
    assert rows[0.5][2] + rows[0.5][0] == 100 == rows[0.7][0] + rows[0.7][2]
    cost = {t: fn * 100 + fp * 5 for t, (_, fp, fn) in rows.items()}
    assert cost == {0.5: 2200, 0.7: 4050}
    _has_all(
        text, "| 0.5 | 80 | 40 | 20 | 0.667 | 0.8 |", "| 0.7 | 60 | 10 | 40 | 0.857 | 0.6 |", "= 2{,}200", "= 4{,}050"
    )


def test_f1_and_fbeta_examples():
    text = answer_words("f1-score")

    def fbeta(p, r, b):
        return (1 + b * b) * p * r / (b * b * p + r)

    assert _fmt(fbeta(0.8, 0.6, 1), 3) == "0.686"
    assert _fmt(fbeta(0.8, 0.6, 2), 3) == "0.632"
    assert _fmt(fbeta(0.8, 0.6, 0.5), 2) == "0.75"
    assert _fmt(fbeta(1.0, 0.02, 1), 3) == "0.039" and (1.0 + 0.02) / 2 == 0.51
    _has_all(text, "2 \\cdot 0.48/1.4 = 0.686", "2.4/3.8 = 0.632", "= 0.75", "2 \\cdot 0.02/1.02 = 0.039", "0.51")


def test_macro_micro_weighted():
    text = answer_words("macro-vs-micro-averaging")
    cm = np.array([[90, 6, 4], [8, 10, 2], [4, 2, 4]])
    y = np.concatenate([[t] * cm[t, p] for t in range(3) for p in range(3)])
    pred = np.concatenate([[p] * cm[t, p] for t in range(3) for p in range(3)])
    per = f1_score(y, pred, average=None)
    assert [_fmt(v, 3) for v in per] == ["0.891", "0.526", "0.400"]
    assert _fmt(90 / 102, 3) == "0.882" and _fmt(10 / 18, 3) == "0.556"
    assert _fmt(f1_score(y, pred, average="macro"), 3) == "0.606"
    assert math.isclose(f1_score(y, pred, average="micro"), 104 / 130) and 104 / 130 == 0.8
    assert _fmt(f1_score(y, pred, average="weighted"), 3) == "0.797"
    _has_all(
        text,
        "90/102 = 0.882",
        "180/202 = 0.891",
        "10/18 = 0.556",
        "20/38 = 0.526",
        "= 0.606",
        "104/130 = 0.8",
        "= 0.797",
    )


def test_roc_auc_example():
    text = answer_words("roc-curve-and-auc")
    y = [1, 1, 1, 0, 0, 0, 0]
    s = [0.9, 0.8, 0.4, 0.7, 0.3, 0.2, 0.1]
    auc = roc_auc_score(y, s)
    assert math.isclose(auc, 11 / 12) and _fmt(auc, 3) == "0.917"
    assert _fmt(2 * auc - 1, 3) == "0.833"
    fpr, tpr, _ = roc_curve(y, s, drop_intermediate=True)
    pts = {(round(a, 4), round(b, 4)) for a, b in zip(fpr, tpr, strict=True)}
    assert {(0, 0), (0, round(1 / 3, 4)), (0, round(2 / 3, 4)), (0.25, round(2 / 3, 4)), (0.25, 1), (1, 1)} <= pts
    _has_all(text, "3 \\times 4 = 12", "11/12 = 0.917", "Gini $= 0.833$", "(1/4, 2/3) → (1/4, 1)")


def test_pr_curve_example():
    text = answer_words("precision-recall-curve")
    tp = 0.9 * 1000
    fp = 0.01 * 1_000_000
    assert (tp, fp) == (900, 10_000)
    assert _fmt(tp / (tp + fp), 3) == "0.083"
    ap = average_precision_score([1, 0, 1, 1, 0, 0], [6, 5, 4, 3, 2, 1])
    assert math.isclose(ap, (1 + 2 / 3 + 3 / 4) / 3) and _fmt(ap, 3) == "0.806"
    _has_all(text, "= 10{,}000", "900/10{,}900 = 0.083", "(1 + 0.667 + 0.75)/3 = 0.806")


def test_regression_metrics_example():
    text = answer_words("regression-metrics-mae-mse-rmse")
    e = np.array([1, -2, 2, -1, 10.0])
    assert np.abs(e).mean() == 3.2 and (e**2).mean() == 22
    assert _fmt(math.sqrt(22), 2) == "4.69"
    e2 = np.array([1, -2, 2, -1, 2.0])
    assert np.abs(e2).mean() == 1.6 and math.isclose((e2**2).mean(), 2.8)
    assert _fmt(math.sqrt(2.8), 2) == "1.67"
    assert _fmt(math.sqrt(22) / math.sqrt(2.8), 1) == "2.8"
    _has_all(text, "16/5 = 3.2", "(1 + 4 + 4 + 1 + 100)/5 = 22", "4.69", "8/5 = 1.6", "\\sqrt{2.8} = 1.67", "2.8 times")


def test_r_squared_example():
    text = answer_words("r-squared")
    y = np.array([3, 5, 7, 9, 11.0])
    p = np.array([4, 5, 6, 9, 12.0])
    assert ((y - y.mean()) ** 2).sum() == 40 and ((y - p) ** 2).sum() == 3
    r2 = r2_score(y, p)
    assert math.isclose(r2, 0.925)
    assert math.isclose(1 - (1 - r2) * (5 - 1) / (5 - 1 - 1), 0.9)
    _has_all(text, "16 + 4 + 0 + 4 + 16 = 40", "1 - 3/40 = 0.925", "1 - 0.075 \\cdot 4/3 = 0.9")


def test_r_squared_nested_least_squares_claim():
    from sklearn.linear_model import LinearRegression

    text = answer_words("r-squared")
    rng = np.random.default_rng(1)
    n = 60
    x = rng.normal(size=(n, 1))
    y = 2 * x[:, 0] + rng.normal(size=n)
    noise = rng.normal(size=(n, 5))
    x_te = rng.normal(size=(2000, 1))
    y_te = 2 * x_te[:, 0] + rng.normal(size=2000)
    noise_te = rng.normal(size=(2000, 5))
    small = LinearRegression().fit(x, y)
    big = LinearRegression().fit(np.hstack([x, noise]), y)
    # In-sample: the nested larger model never does worse.
    assert big.score(np.hstack([x, noise]), y) >= small.score(x, y)
    # Out of sample: the noise features cost R squared here.
    assert big.score(np.hstack([x_te, noise_te]), y_te) < small.score(x_te, y_te)
    _has_all(text, "least squares with an intercept", "nested model", "*in-sample*", "does not hold out of sample")


def test_mrr_and_hit_rate():
    text = answer_words("mean-reciprocal-rank-and-hit-rate")
    ranks = [1, 3, None, 2]

    def hit(k):
        return sum(r is not None and r <= k for r in ranks) / len(ranks)

    def mrr(rs):
        return sum(0 if r is None else 1 / r for r in rs) / len(rs)

    assert (hit(1), hit(3), hit(10)) == (0.25, 0.75, 0.75)
    assert _fmt(mrr(ranks), 3) == "0.458" and mrr([1, 2, None, 2]) == 0.5
    _has_all(text, "1/4 = 0.25", "3/4 = 0.75", "1.833/4 = 0.458", "(1 + 1/2 + 0 + 1/2)/4 = 0.5")


def test_ndcg_example():
    text = answer_words("ndcg")
    rel = np.array([3, 2, 0, 1, 2])
    denom = np.log2(np.arange(2, 7))
    assert [_fmt(v, 3) for v in denom] == ["1.000", "1.585", "2.000", "2.322", "2.585"]
    terms = rel / denom
    assert [_fmt(v, 4) for v in terms] == ["3.0000", "1.2619", "0.0000", "0.4307", "0.7737"]
    dcg = terms.sum()
    idcg = (np.sort(rel)[::-1] / denom).sum()
    assert _fmt(dcg, 3) == "5.466" and _fmt(idcg, 3) == "5.693" and _fmt(dcg / idcg, 3) == "0.960"
    assert math.isclose(ndcg_score([rel], [[5, 4, 3, 2, 1]]), dcg / idcg)
    g = 2.0**rel - 1
    assert _fmt((g / denom).sum() / ((np.sort(g)[::-1]) / denom).sum(), 3) == "0.969"
    _has_all(
        text,
        "1, 1.585, 2, 2.322 and 2.585",
        "3 + 1.2619 + 0 + 0.4307 + 0.7737 = 5.466",
        "3 + 1.2619 + 2/2 + 0.4307 + 0 = 5.693",
        "5.466/5.693 = 0.960",
        "0.969",
    )


def test_map_example():
    text = answer_words("mean-average-precision")

    def ap(hit_ranks, n_relevant):
        return sum((i + 1) / r for i, r in enumerate(hit_ranks)) / n_relevant

    ap1 = ap([1, 3, 6], 3)
    ap2 = ap([2, 5], 4)
    assert _fmt(ap1, 3) == "0.722" and ap2 == 0.225
    assert _fmt((ap1 + ap2) / 2, 3) == "0.474"
    _has_all(text, "(1 + 0.667 + 0.5)/3 = 0.722", "(1/2 + 2/5)/4 = 0.9/4 = 0.225", "(0.722 + 0.225)/2 = 0.474")


def test_cross_validation_fold_scores():
    text = answer_words("cross-validation")
    scores = np.array([0.81, 0.84, 0.79, 0.83, 0.82])
    assert _fmt(scores.mean(), 3) == "0.818" and _fmt(scores.std(ddof=1), 3) == "0.019"
    _has_all(text, "0.81, 0.84, 0.79, 0.83 and 0.82", "mean of 0.818", "deviation of 0.019", "800 rows", "200")


def test_stratified_fold_counts():
    text = answer_words("stratified-and-group-kfold")
    y = np.array([1] * 50 + [0] * 950)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(np.zeros(1000), y)
    assert all(y[test].sum() == 10 for _, test in folds)
    h = stats.hypergeom(1000, 50, 200)
    assert math.isclose(h.mean(), 10)
    assert _fmt(h.std(), 2) == "2.76"
    assert _fmt(h.cdf(5), 3) == "0.044" and _fmt(h.sf(14), 3) == "0.056"
    assert 250 * 4 == 1000
    _has_all(text, "exactly 10 positives", "about 2.76", "is 0.044", "0.056", "250 patients, 4 each")


def test_time_series_split_example():
    text = answer_words("time-series-cross-validation")
    months = np.arange(1, 37)
    splits = list(TimeSeriesSplit(n_splits=4, test_size=3).split(months))
    got = [(months[tr][0], months[tr][-1], months[te][0], months[te][-1]) for tr, te in splits]
    assert got == [(1, 24, 25, 27), (1, 27, 28, 30), (1, 30, 31, 33), (1, 33, 34, 36)]
    _has_all(
        text,
        "months 1-24 and validate on 25-27",
        "train on 1-27, validate on 28-30",
        "train on 1-30, validate on 31-33",
        "train on 1-33, validate on 34-36",
    )
    # A panel of 50 stores: row-based splits give 3 rows, not 3 months.
    rows = np.zeros(36 * 50)
    assert all(len(te) == 3 for _, te in TimeSeriesSplit(n_splits=4, test_size=3).split(rows))
    # Unbalanced panel: stores open over time, so row counts stop matching months.
    rng = np.random.default_rng(0)
    month_of_row = np.sort(np.concatenate([np.arange(1, 37)] * 40 + [rng.integers(13, 37, 400)]))
    assert len(np.unique(month_of_row)) == 36
    starts = [te[0] for _, te in TimeSeriesSplit(n_splits=4, test_size=150).split(month_of_row)]
    assert any(month_of_row[i - 1] == month_of_row[i] for i in starts)  # a boundary inside a month
    months = np.unique(month_of_row)
    by_date = [(months[tr][-1], months[va][0]) for tr, va in TimeSeriesSplit(n_splits=4, test_size=3).split(months)]
    assert by_date == [(24, 25), (27, 28), (30, 31), (33, 34)]
    _has_all(text, "1,800 rows", "`TimeSeriesSplit(n_splits=4, test_size=3)` validates on 3 *rows*", "`test_size=150`")
    _has_all(
        text,
        "**Purging** (a gap *before* the validation block)",
        "**Embargo** (a gap *after* the validation block)",
    )


def test_business_metric_savings():
    text = answer_words("choosing-metrics-from-business-goal")
    assert 5 / 200 == 0.025
    models = {"A": (80, 400), "B": (70, 150)}

    def savings(m, review):
        caught, flags = models[m]
        return caught * 200 - flags * review

    assert (savings("A", 5), savings("B", 5)) == (14_000, 13_250)
    assert (savings("A", 20), savings("B", 20)) == (8_000, 11_000)
    assert 80 / 400 == 0.2 and _fmt(70 / 150, 2) == "0.47"
    _has_all(
        text,
        "p > 0.025",
        "| A | 80 | 400 | 0.20 |",
        "| B | 70 | 150 | 0.47 |",
        "16{,}000 - 2{,}000 = 14{,}000",
        "16{,}000 - 8{,}000 = 8{,}000",
        "14{,}000 - 750 = 13{,}250",
        "14{,}000 - 3{,}000 = 11{,}000",
    )


def test_mcnemar_example():
    text = answer_words("mcnemar-test-model-comparison")
    both_right, b, c, both_wrong = 850, 40, 20, 90
    assert both_right + b + c + both_wrong == 1000
    assert (both_right + b) / 1000 == 0.89 and (both_right + c) / 1000 == 0.87
    chi = (abs(b - c) - 1) ** 2 / (b + c)
    assert _fmt(chi, 2) == "6.02" and _fmt(stats.chi2.sf(chi, 1), 3) == "0.014"
    assert _fmt(stats.binomtest(c, b + c, 0.5).pvalue, 3) == "0.013"
    assert 10 * 0.05 == 0.5 and round(1 - 0.95**10, 2) == 0.40 and "about 40%" in text
    chi2 = (abs(120 - 100) - 1) ** 2 / 220
    assert _fmt(chi2, 2) == "1.64" and _fmt(stats.chi2.sf(chi2, 1), 2) == "0.20"
    _has_all(
        text, "$b = 40$", "$c = 20$", "361/60 = 6.02", "$p = 0.014$", "$p = 0.013$", "361/220 = 1.64", "$p = 0.20$"
    )


def test_paired_bootstrap_code_and_numbers():
    text = answer_words("paired-bootstrap-model-comparison")
    code = re.search(r"```python\n(.*?)```", answer("paired-bootstrap-model-comparison"), re.S).group(1)
    ns: dict = {}
    exec(code, ns)
    y = np.ones(1000, dtype=int)
    a = np.array([1] * 850 + [1] * 40 + [0] * 20 + [0] * 90)
    b = np.array([1] * 850 + [0] * 40 + [1] * 20 + [0] * 90)

    def acc(y_true, pred):
        return np.mean(y_true == pred)

    observed, low, high, share = ns["paired_bootstrap"](y, a, b, acc, seed=0)
    assert math.isclose(observed, 0.02)
    assert (_fmt(low, 3), _fmt(high, 3)) == ("0.005", "0.035")
    assert 0.003 <= share <= 0.008
    se_unpaired = math.sqrt(0.89 * 0.11 / 1000 + 0.87 * 0.13 / 1000)
    assert _fmt(se_unpaired, 4) == "0.0145" and 0.02 - 1.96 * se_unpaired < 0
    d = a - b
    assert _fmt(d.std() / math.sqrt(1000), 4) == "0.0077"
    _has_all(text, "0.005 to 0.035", "about 0.5%", "is 0.0145", "only 0.0077", "the 940 items")


def test_calibration_examples():
    text = answer_words("model-calibration")
    ece = 0.5 * abs(0.08 - 0.10) + 0.3 * abs(0.40 - 0.50) + 0.2 * abs(0.70 - 0.85)
    assert _fmt(ece, 2) == "0.07"
    p = np.array([0.9, 0.8, 0.3, 0.6])
    y = np.array([1, 1, 0, 0])
    assert _fmt(((p - y) ** 2).mean(), 3) == "0.125"
    w, ps = 0.1, 0.5
    assert _fmt(ps / (ps + (1 - ps) / w), 3) == "0.091"
    _has_all(text, "= 0.07", "(0.01 + 0.04 + 0.09 + 0.36)/4 = 0.125", "0.5/(0.5 + 5) = 0.091")


def test_calibration_keeps_auc_only_for_strictly_increasing_maps():
    from sklearn.isotonic import IsotonicRegression

    text = answer_words("model-calibration")
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 2000)
    score = y * 0.6 + rng.normal(0, 0.5, 2000)
    platt = 1 / (1 + np.exp(-(2.0 * score - 0.3)))
    isotonic = IsotonicRegression(out_of_bounds="clip").fit(score, y).predict(score)
    assert math.isclose(roc_auc_score(y, platt), roc_auc_score(y, score))
    # Ties from the step function count half and move AUC.
    assert len(np.unique(isotonic)) < len(np.unique(score)) / 10
    assert roc_auc_score(y, isotonic) != roc_auc_score(y, score)
    _has_all(text, "strictly increasing map", "isotonic regression is a step function")


def test_log_loss_and_brier_examples():
    from sklearn.metrics import brier_score_loss, log_loss

    text = answer_words("log-loss-and-brier-score")
    p = np.array([0.9, 0.8, 0.3, 0.6])
    y = np.array([1, 1, 0, 0])
    per_row = -np.log(np.where(y == 1, p, 1 - p))
    assert [_fmt(v, 3) for v in per_row] == ["0.105", "0.223", "0.357", "0.916"]
    assert _fmt(per_row.sum(), 3) == "1.601" and _fmt(log_loss(y, p), 3) == "0.400"
    base = 0.1
    assert _fmt(-(base * math.log(base) + (1 - base) * math.log(1 - base)), 3) == "0.325"
    yb = np.array([1] * 10 + [0] * 90)
    assert math.isclose(brier_score_loss(yb, np.full(100, base)), 0.09)
    assert _fmt(-math.log(0.01), 3) == "4.605" and _fmt(0.99**2, 3) == "0.980"
    _has_all(text, "-\\ln 0.9 = 0.105", "-\\ln 0.4 = 0.916", "1.601/4 = 0.400", "log loss 0.325 and Brier 0.09")
    _has_all(text, "-\\ln 0.01 = 4.605", "0.99^2 = 0.980")


def test_diluted_online_effect_sample_size():
    text = answer_words("offline-online-metric-mismatch")
    lift = 0.2 * 0.05
    assert math.isclose(lift, 0.01) and math.isclose(0.10 * (1 + lift), 0.101)
    za, zb = stats.norm.ppf(0.975), stats.norm.ppf(0.8)
    n = 2 * (za + zb) ** 2 * 0.1 * 0.9 / 0.001**2
    assert round(n / 1e6, 2) == 1.41
    assert 200_000 < n / 5
    _has_all(text, "0.2 \\times 5\\% = 1\\%", "10.1%", "0.09 / 0.001^2 \\approx 1.41$ million", "200,000 users per arm")


def test_ips_example():
    text = answer_words("off-policy-evaluation-ips")
    mu = {"A": 0.8, "B": 0.2}
    pi = {"A": 0.1, "B": 0.9}
    logs = [("A", 1)] * 2 + [("A", 0)] * 6 + [("B", 1)] + [("B", 0)]
    w = np.array([pi[a] / mu[a] for a, _ in logs])
    r = np.array([rew for _, rew in logs])
    assert (w[0], w[-1]) == (0.125, 4.5)
    ips = (w * r).mean()
    assert math.isclose(ips, 0.475) and math.isclose(w.sum(), 10)
    assert math.isclose((w * r).sum() / w.sum(), ips)
    ess = w.sum() ** 2 / (w**2).sum()
    assert math.isclose((w**2).sum(), 40.625) and _fmt(ess, 2) == "2.46"
    # Unbiasedness: simulate many logs with click rates 0.25 (A) and 0.5 (B).
    rng = np.random.default_rng(0)
    shown_b = rng.random(400_000) < 0.2
    click = rng.random(shown_b.size) < np.where(shown_b, 0.5, 0.25)
    weights = np.where(shown_b, 4.5, 0.125)
    assert abs((weights * click).mean() - (0.1 * 0.25 + 0.9 * 0.5)) < 0.01
    _has_all(text, "0.1/0.8 = 0.125", "0.9/0.2 = 4.5", "= 0.475", "8 \\times 0.125 + 2 \\times 4.5 = 10")
    _has_all(text, "100/40.625 \\approx 2.46")


# ---- Review of December 2026: conditions, edge cases and new worked numbers.


def test_confusion_matrix_single_label_batch_needs_labels():
    text = answer_words("confusion-matrix")
    import pytest

    y = p = np.zeros(5, dtype=int)
    with pytest.warns(UserWarning):
        assert confusion_matrix(y, p).shape == (1, 1)  # ravel() would not give four cells
    assert confusion_matrix(y, p, labels=[0, 1]).ravel().tolist() == [5, 0, 0, 0]
    cm = np.array([[90, 6, 4], [8, 10, 2], [4, 2, 4]])
    rows = confusion_matrix(
        np.repeat([0, 0, 0, 1, 1, 1, 2, 2, 2], cm.ravel()),
        np.repeat([0, 1, 2] * 3, cm.ravel()),
        normalize="true",
    )
    assert np.allclose(np.diag(rows), [0.9, 0.5, 0.4])  # normalized rows: per-class recall
    _has_all(text, "`labels=[0, 1]`", "`normalize='true'`", "`normalize='pred'`")


def test_accuracy_paradox_degenerate_models():
    from sklearn.metrics import balanced_accuracy_score, matthews_corrcoef

    text = answer_words("accuracy-paradox")
    y = np.array([1] * 50 + [0] * 9950)
    never = np.zeros_like(y)
    assert matthews_corrcoef(y, never) == 0.0
    assert balanced_accuracy_score(y, never) == 0.5
    assert balanced_accuracy_score(y, never, adjusted=True) == 0.0
    y3 = np.array([0] * 80 + [1] * 15 + [2] * 5)
    assert math.isclose(balanced_accuracy_score(y3, np.zeros_like(y3)), 1 / 3)
    # Reweighting a downsampled test set: negatives kept at rate w count 1/w each.
    tp, fp, w = 40, 16, 0.1
    assert math.isclose(tp / (tp + fp / w), 40 / 200)
    _has_all(
        text,
        "(or $1/K$)",
        "`balanced_accuracy_score(..., adjusted=True)`",
        "returns 0 there",
        "multiply FP and TN by $1/w$",
    )


def test_cost_optimal_threshold_needs_calibration():
    text = answer_words("precision-vs-recall")
    assert _fmt(5 / 105, 3) == "0.048"
    # Calibrated scores: flagging above 5/105 minimizes expected cost.
    rng = np.random.default_rng(0)
    p = rng.beta(0.6, 4, 200_000)
    y = rng.random(p.size) < p
    ths = np.linspace(0.005, 0.3, 300)
    cost = [100 * (y & (p < t)).sum() + 5 * (~y & (p >= t)).sum() for t in ths]
    assert abs(ths[int(np.argmin(cost))] - 5 / 105) < 0.01
    _has_all(text, "$100p > 5(1 - p)$", "$p > 5/105 = 0.048$", "needs no calibration")


def test_f1_optimal_threshold_is_half_best_f1_when_calibrated():
    text = answer_words("f1-score")
    rng = np.random.default_rng(0)
    p = rng.beta(0.5, 5, 400_000)
    y = rng.random(p.size) < p
    order = np.argsort(-p)
    tp = np.cumsum(y[order])
    f1 = 2 * tp / (np.arange(1, p.size + 1) + y.sum())
    best = int(np.argmax(f1))
    assert abs(p[order][best] - f1[best] / 2) < 0.01
    assert f1[best] / 2 <= 0.5
    _has_all(text, "half the best achievable F1", "never exceed 0.5", "best F1 is 0.4 the cut-off sits near 0.2")


def test_two_macro_f1_definitions_differ():
    text = answer_words("macro-vs-micro-averaging")
    y = np.array([0] * 10 + [1] * 10)
    pred = np.array([0] * 10 + [0] * 9 + [1])  # class 1 precision 1, recall 0.1
    p = np.array([10 / 19, 1.0])
    r = np.array([1.0, 0.1])
    mean_of_f1 = f1_score(y, pred, average="macro")
    assert math.isclose(mean_of_f1, np.mean(2 * p * r / (p + r)))
    f1_of_means = 2 * p.mean() * r.mean() / (p.mean() + r.mean())
    assert f1_of_means - mean_of_f1 > 0.1
    with np.errstate(all="ignore"):
        never = f1_score([0, 1, 2, 2], [0, 1, 1, 1], average="macro", zero_division=0)
    assert never < 1
    _has_all(
        text,
        "with every class included",
        "`zero_division='warn'`",
        "the mean of per-class F1 (what scikit-learn computes)",
    )


def test_auc_standard_error_hanley_mcneil():
    text = answer_words("roc-curve-and-auc")
    a, n_pos, n_neg = 0.8, 50, 950
    q1, q2 = a / (2 - a), 2 * a * a / (1 + a)
    se = math.sqrt((a * (1 - a) + (n_pos - 1) * (q1 - a * a) + (n_neg - 1) * (q2 - a * a)) / (n_pos * n_neg))
    assert round(se, 2) == 0.04
    # Ties count half and move TPR and FPR together.
    assert roc_auc_score([1, 0], [0.5, 0.5]) == 0.5
    _has_all(text, "DeLong's method (1988)", "50 positives and 950 negatives", "about 0.04", "ties count half")


def test_pr_precision_from_roc_point_and_prevalence():
    text = answer_words("precision-recall-curve")

    def precision(pi, tpr, fpr):
        return pi * tpr / (pi * tpr + (1 - pi) * fpr)

    assert _fmt(precision(1000 / 1_001_000, 0.9, 0.01), 3) == "0.083"
    assert 0.9 * 10_000 == 9_000 and 9_000 + 0.01 * 1_000_000 == 19_000
    assert _fmt(precision(10_000 / 1_010_000, 0.9, 0.01), 2) == "0.47"
    _has_all(text, "$9{,}000/19{,}000 = 0.47$", "same counts of positives and negatives")


def test_regression_metric_bounds_and_pinball_quantile():
    text = answer_words("regression-metrics-mae-mse-rmse")
    e = np.array([1, -2, 2, -1, 10.0])
    mae, rmse = np.abs(e).mean(), math.sqrt((e**2).mean())
    assert mae <= rmse <= math.sqrt(len(e)) * mae
    assert 9 / (9 + 1) == 0.9

    def pinball(y, q, tau):
        d = y - q
        return np.mean(np.maximum(tau * d, (tau - 1) * d))

    y = np.random.default_rng(0).exponential(size=20_000)
    grid = np.linspace(0, 6, 601)
    best = grid[np.argmin([pinball(y, q, 0.9) for q in grid])]
    assert abs(best - np.quantile(y, 0.9)) < 0.02
    _has_all(text, "\\sqrt{n}\\,\\text{MAE}", "$\\tau = 9/(9 + 1) = 0.9$", "capped at 100%")


def test_r_squared_edge_cases():
    text = answer_words("r-squared")
    assert r2_score([2, 2, 2], [2, 2, 2]) == 1.0 and r2_score([2, 2, 2], [1, 2, 3]) == 0.0
    rng = np.random.default_rng(0)
    scores = [r2_score(rng.normal(size=50), np.full(50, rng.normal(size=50).mean())) for _ in range(200)]
    assert np.mean(scores) < 0 and max(scores) <= 0
    _has_all(text, "slightly below 0", "returns 1.0 for a perfect fit and 0.0 otherwise", "nested")


def test_hit_rate_versus_recall_at_k():
    text = answer_words("mean-reciprocal-rank-and-hit-rate")
    relevant, ranked = {"a", "b", "c"}, ["a", "x", "y", "b", "z"]
    top3 = set(ranked[:3])
    assert (len(top3 & relevant) > 0, len(top3 & relevant) / len(relevant)) == (True, 1 / 3)
    _has_all(text, "hit rate@$k$ equals recall@$k$", "drifts toward AUC")


def test_ndcg_conventions():
    text = answer_words("ndcg")
    assert ndcg_score([[0, 0, 0]], [[3, 2, 1]]) == 0.0
    # scikit-learn uses the linear gain: reproduce the 0.960 of the worked example.
    assert _fmt(ndcg_score([[3, 2, 0, 1, 2]], [[5, 4, 3, 2, 1]]), 3) == "0.960"
    _has_all(text, "linear gain $rel_i$", "scikit-learn scores it 0")


def test_map_truncated_list_trap():
    text = answer_words("mean-average-precision")
    retrieved = [0, 1, 0, 0, 1]
    ap_list = average_precision_score(retrieved, [5, 4, 3, 2, 1])
    assert math.isclose(ap_list, 0.45) and math.isclose((1 / 2 + 2 / 5) / 4, 0.225)
    _has_all(text, "$(1/2 + 2/5)/2 = 0.45$", "instead of 0.225")


def test_cross_validation_paired_fold_comparison():
    text = answer_words("cross-validation")
    a = np.array([0.81, 0.84, 0.79, 0.83, 0.82])
    b = np.array([0.82, 0.83, 0.80, 0.84, 0.82])
    d = b - a
    assert _fmt(b.mean(), 3) == "0.822"
    assert np.allclose(d, [0.01, -0.01, 0.01, 0.01, 0])
    assert _fmt(d.mean(), 3) == "0.004" and _fmt(d.std(ddof=1), 3) == "0.009"
    t = d.mean() / (d.std(ddof=1) / math.sqrt(5))
    assert _fmt(t, 1) == "1.0"
    # Nadeau-Bengio: 5 folds of 800 train / 200 test make the correction larger still.
    t_corr = d.mean() / math.sqrt(d.var(ddof=1) * (1 / 5 + 200 / 800))
    assert t_corr < t
    _has_all(
        text,
        "0.82, 0.83, 0.80, 0.84 and 0.82 (mean 0.822)",
        "+0.01, −0.01, +0.01, +0.01 and 0",
        "mean gain of 0.004",
        "standard deviation of 0.009",
        "paired t of only 1.0",
    )


def test_stratified_kfold_defaults():
    import inspect

    from sklearn.model_selection import GroupKFold, KFold, check_cv

    text = answer_words("stratified-and-group-kfold")
    cv = check_cv(5, [0, 1] * 10, classifier=True)
    assert isinstance(cv, StratifiedKFold) and cv.shuffle is False
    assert isinstance(check_cv(5, np.linspace(0, 1, 20), classifier=False), KFold)
    assert "shuffle" in inspect.signature(GroupKFold).parameters
    _has_all(
        text,
        "without shuffling",
        "`StratifiedKFold(shuffle=True, random_state=0)`",
        "`GroupKFold` gained `shuffle` in scikit-learn 1.6",
    )


def test_time_series_foundation_model_caveat():
    text = answer_words("time-series-cross-validation")
    _has_all(text, "same rolling origins", "inflated by leakage")


def test_business_metric_retuned_threshold_and_capacity():
    text = answer_words("choosing-metrics-from-business-goal")
    assert 20 / 200 == 0.1
    _has_all(
        text,
        "$p > 20/200 = 0.1$",
        "best savings over its own threshold sweep",
        "top 300 scores",
        "needs only the ranking",
    )


def test_mcnemar_mid_p_and_dependence():
    text = answer_words("mcnemar-test-model-comparison")
    b, c = 40, 20
    exact = 2 * stats.binom.cdf(c, b + c, 0.5)
    mid = exact - stats.binom.pmf(c, b + c, 0.5)
    assert _fmt(mid, 3) == "0.010" and mid < exact
    _has_all(
        text, "its mid-p version 0.010", "if the tests were independent", "under any dependence", "Dietterich (1998)"
    )


def _load_bootstrap():
    code = re.search(r"```python\n(.*?)```", answer("paired-bootstrap-model-comparison"), re.S).group(1)
    ns: dict = {}
    exec(code, ns)
    return ns["paired_bootstrap"]


def _acc(y_true, pred):
    return np.mean(y_true == pred)


def test_paired_bootstrap_validates_inputs():
    import pytest

    pb = _load_bootstrap()
    y = np.ones(10, dtype=int)
    for bad in (
        lambda: pb(y, y, y[:9], _acc),
        lambda: pb([1], [1], [1], _acc),
        lambda: pb([], [], [], _acc),
        lambda: pb(y, y, y, _acc, n_boot=0),
        lambda: pb(y, y, y, _acc, alpha=1.0),
        lambda: pb(y, y, y, _acc, strata=[0] * 9),
    ):
        with pytest.raises(ValueError):
            bad()
    # Lists are accepted, and identical models give a zero difference.
    obs, low, high, share = pb([1, 0, 1, 1], [1, 0, 0, 1], [1, 0, 0, 1], _acc, n_boot=50)
    assert obs == low == high == 0 and share == 1.0


def test_paired_bootstrap_strata_keep_both_classes_for_auc():
    import pytest

    pb = _load_bootstrap()
    rng = np.random.default_rng(1)
    y = np.array([1] * 3 + [0] * 197)
    a = y * 0.5 + rng.random(200)
    b = rng.random(200)
    obs, low, high, _ = pb(y, a, b, roc_auc_score, n_boot=300, strata=y)
    assert low <= obs <= high or math.isclose(obs, high) or math.isclose(obs, low)
    # Without strata some resamples hold no positive and AUC is undefined
    # (scikit-learn 1.9 warns and returns nan; older versions raise).
    with pytest.raises(ValueError), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pb(y, a, b, roc_auc_score, n_boot=300)


def test_paired_bootstrap_text():
    text = answer_words("paired-bootstrap-model-comparison")
    _has_all(text, "`strata` option", "`scipy.stats.bootstrap(..., paired=True)`", "BCa is its default method")
    import inspect

    assert inspect.signature(stats.bootstrap).parameters["method"].default == "BCa"


def test_calibration_conditions_and_tools():
    import pytest
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.frozen import FrozenEstimator
    from sklearn.linear_model import LogisticRegression
    from sklearn.utils._param_validation import InvalidParameterError

    text = answer_words("model-calibration")
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 2))
    y = (x[:, 0] + rng.normal(size=400) > 0).astype(int)
    model = LogisticRegression().fit(x, y)
    cal = CalibratedClassifierCV(FrozenEstimator(model), method="temperature").fit(x, y)
    assert cal.predict_proba(x).shape == (400, 2)
    with pytest.raises(InvalidParameterError):
        CalibratedClassifierCV(model, cv="prefit").fit(x, y)
    # A base-rate predictor has (near) zero ECE but separates nothing.
    base = np.full(400, y.mean())
    assert abs(base.mean() - y.mean()) < 1e-12 and roc_auc_score(y, base) == 0.5
    # Prior shift with the odds formula: 10% -> 2% prevalence.
    w = (0.02 / 0.98) / (0.10 / 0.90)
    ps = 0.10
    assert math.isclose(ps / (ps + (1 - ps) / w), 0.02)
    _has_all(
        text,
        "since 1.8, `'temperature'`",
        "`FrozenEstimator`",
        "not a proper score",
        "Minderer et al. (2021)",
        "new odds of the positive class divided by the old",
    )


def test_log_loss_clipping_and_brier_range():
    from sklearn.metrics import brier_score_loss, log_loss

    text = answer_words("log-loss-and-brier-score")
    eps = np.finfo(np.float64).eps
    assert _fmt(-math.log(eps), 2) == "36.04"
    assert math.isclose(log_loss([1, 0], [0.0, 0.0]), -math.log(eps) / 2, rel_tol=1e-6)
    worst = brier_score_loss([0, 1, 2], np.eye(3)[[1, 2, 0]])
    assert math.isclose(worst, 2.0)
    _has_all(text, "$-\\ln(2.2 \\times 10^{-16}) = 36.04$", "from 0 to 2", "strictly proper")


def test_diluted_test_power():
    text = answer_words("offline-online-metric-mismatch")
    se = math.sqrt(2 * 0.09 / 200_000)
    z = 0.001 / se
    power = stats.norm.cdf(z - stats.norm.ppf(0.975)) + stats.norm.cdf(-z - stats.norm.ppf(0.975))
    assert round(power, 2) == 0.18
    _has_all(
        text, "power of only about 18%", "defined identically in both arms", "arm counts against the planned split"
    )


def test_doubly_robust_is_unbiased_with_a_wrong_reward_model():
    text = answer_words("off-policy-evaluation-ips")
    rng = np.random.default_rng(0)
    n = 400_000
    shown_b = rng.random(n) < 0.2
    click = rng.random(n) < np.where(shown_b, 0.5, 0.25)
    mu = np.where(shown_b, 0.2, 0.8)
    pi = np.where(shown_b, 0.9, 0.1)
    r_hat = {"A": 0.4, "B": 0.3}  # deliberately wrong
    direct = 0.1 * r_hat["A"] + 0.9 * r_hat["B"]
    correction = pi / mu * (click - np.where(shown_b, r_hat["B"], r_hat["A"]))
    dr = direct + correction.mean()
    assert abs(dr - 0.475) < 0.01 and abs(direct - 0.475) > 0.1
    # Clipping weights at M = 2 biases a non-negative reward estimate downward.
    clipped = (np.minimum(pi / mu, 2.0) * click).mean()
    assert clipped < 0.475 - 0.1
    _has_all(text, "\\hat V_{\\text{DR}}", "biases the estimate downward", "effective sample size next to the estimate")


def test_partial_auc_and_bootstrap_p_value_wording():
    text = answer_words("roc-curve-and-auc")
    y = [1, 1, 1, 0, 0, 0, 0]
    s = [0.9, 0.8, 0.4, 0.7, 0.3, 0.2, 0.1]
    partial = roc_auc_score(y, s, max_fpr=0.25)
    assert 0.5 < partial < 1 and partial != roc_auc_score(y, s)
    _has_all(text, "`roc_auc_score(y, s, max_fpr=0.01)`")
    _has_all(answer_words("paired-bootstrap-model-comparison"), "it inverts the percentile interval")


# ---- Fresh review of December 2026 (issue 24): new follow-ups and conditions.


def test_business_metric_selective_labels_holdout():
    text = answer_words("choosing-metrics-from-business-goal")
    flags, rate, frauds_in_holdout = 40_000, 0.01, 80
    holdout = round(flags * rate)
    assert holdout == 400
    est_caught = frauds_in_holdout / rate
    assert math.isclose(est_caught, 8_000)
    precision = frauds_in_holdout / holdout
    assert precision == 0.2
    half_width = 1.96 * math.sqrt(precision * (1 - precision) / holdout)
    assert round(half_width, 2) == 0.04
    missed = 2_000
    assert math.isclose(est_caught / (est_caught + missed), 0.8)
    # Model A of the table scaled by 100: 80 of 100 frauds caught with 400 flags.
    assert (80 * 100, 400 * 100, 100 * 100 - 80 * 100) == (8_000, flags, missed)
    assert 80 * 200 == 16_000
    _has_all(
        text,
        "a random 1% of them (400) held out",
        "$80/0.01 = 8{,}000$",
        "precision 0.2, about ±0.04 at 95%",
        "$8{,}000/(8{,}000 + 2{,}000) = 0.8$",
        "USD $80 \\times 200 = 16{,}000$",
        "labels have matured",
    )


def test_multiclass_calibration_ovr_can_flip_argmax_temperature_cannot():
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.datasets import make_classification
    from sklearn.frozen import FrozenEstimator
    from sklearn.naive_bayes import GaussianNB

    text = answer_words("model-calibration")
    x, y = make_classification(n_samples=4000, n_classes=4, n_informative=6, random_state=0)
    model = GaussianNB().fit(x[:2000], y[:2000])
    xc, yc = x[2000:], y[2000:]
    base = model.predict_proba(xc).argmax(1)
    flips = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for method in ("sigmoid", "isotonic", "temperature"):
            cal = CalibratedClassifierCV(FrozenEstimator(model), method=method).fit(xc, yc)
            flips[method] = np.mean(cal.predict_proba(xc).argmax(1) != base)
    assert flips["temperature"] == 0.0
    assert flips["sigmoid"] > 0 and flips["isotonic"] > 0
    assert 5_000 / 10 == 500
    _has_all(
        text,
        "10-class network with 5,000 validation images",
        "about 500 positives",
        "can change the predicted class",
        "never changes the argmax",
        "lowest held-out log loss or Brier score",
    )


def test_review_conditions_and_ndcg_loss_attribution():
    ndcg_text = answer_words("ndcg")
    denom5 = math.log2(6)
    assert _fmt(2 / denom5, 3) == "0.774" and _fmt(1 - 2 / denom5, 3) == "0.226"
    # The 0.226 is the whole gap between IDCG and DCG of the worked example.
    rel = np.array([3, 2, 0, 1, 2])
    disc = np.log2(np.arange(2, 7))
    gap = (np.sort(rel)[::-1] / disc).sum() - (rel / disc).sum()
    assert _fmt(gap, 3) == "0.226"
    _has_all(ndcg_text, "to 0.774, a loss of 0.226")
    # MAPE: with non-negative forecasts an under-forecast's APE is at most 100%.
    actual = 50.0
    assert abs(actual - 0.0) / actual == 1.0 and abs(actual - 200.0) / actual == 3.0
    _has_all(answer_words("regression-metrics-mae-mse-rmse"), "with non-negative forecasts")
    _has_all(answer_words("precision-recall-curve"), "provided only the class mix changes")
    _has_all(answer_words("cross-validation"), "no universal unbiased estimator")
    _has_all(answer_words("log-loss-and-brier-score"), "logistic regression, gradient boosting and neural classifiers")
