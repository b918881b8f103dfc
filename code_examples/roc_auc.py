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


def roc_auc(y_true: np.ndarray, scores: np.ndarray) -> float:
    """Mann-Whitney U statistic divided by n_pos * n_neg; a tie counts as half a win. O(n log n)."""
    y = np.asarray(y_true).astype(bool)
    scores = np.asarray(scores, dtype=float)
    n_pos = int(y.sum())
    n_neg = len(y) - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("AUC is undefined when only one class is present")
    rank_sum = _average_ranks(scores)[y].sum()
    u = rank_sum - n_pos * (n_pos + 1) / 2  # positive-negative pairs won by the positive
    return float(u / (n_pos * n_neg))


def roc_auc_pairwise(y_true: np.ndarray, scores: np.ndarray) -> float:
    """Brute-force O(n_pos * n_neg) version of the same definition, handy for checking."""
    y = np.asarray(y_true).astype(bool)
    s = np.asarray(scores, dtype=float)
    pos, neg = s[y][:, None], s[~y][None, :]
    return float(((pos > neg) + 0.5 * (pos == neg)).mean())
