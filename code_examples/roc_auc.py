"""ROC AUC as the probability that a random positive outscores a random negative (NumPy only)."""

from __future__ import annotations

import numpy as np


def _average_ranks(scores: np.ndarray) -> np.ndarray:
    """1-based ranks of scores; tied scores share the mean of the ranks they span."""
    order = np.argsort(scores, kind="mergesort")
    _, first, counts = np.unique(scores[order], return_index=True, return_counts=True)
    ranks = np.empty(len(scores))
    ranks[order] = np.repeat(first + (counts + 1) / 2, counts)  # group spans ranks first+1 .. first+count
    return ranks


def _check(y_true: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Labels must be 0/1 (astype(bool) would read -1 as positive); scores finite; both classes present."""
    y, s = np.asarray(y_true), np.asarray(scores, dtype=float)
    if y.ndim != 1 or y.shape != s.shape:
        raise ValueError("y_true and scores must be 1-D and of the same length")
    if not np.isin(y, (0, 1)).all():
        raise ValueError("y_true must hold only 0/1 or False/True")
    if not np.isfinite(s).all():
        raise ValueError("scores must be finite")
    y = y.astype(bool)
    if y.all() or not y.any():
        raise ValueError("AUC is undefined unless both classes are present")
    return y, s


def roc_auc(y_true: np.ndarray, scores: np.ndarray) -> float:
    """Mann-Whitney U statistic divided by n_pos * n_neg; a tie counts as half a win. O(n log n)."""
    y, scores = _check(y_true, scores)
    n_pos = int(y.sum())
    n_neg = len(y) - n_pos
    rank_sum = _average_ranks(scores)[y].sum()
    u = rank_sum - n_pos * (n_pos + 1) / 2  # positive-negative pairs won by the positive
    return float(u / (n_pos * n_neg))  # Python ints: n_pos * n_neg cannot overflow


def roc_auc_pairwise(y_true: np.ndarray, scores: np.ndarray) -> float:
    """Brute-force O(n_pos * n_neg) version of the same definition, handy for checking."""
    y, s = _check(y_true, scores)
    pos, neg = s[y][:, None], s[~y][None, :]
    return float(((pos > neg) + 0.5 * (pos == neg)).mean())
