"""The best single split of a decision tree under Gini or entropy, thresholds at midpoints (NumPy only)."""

from __future__ import annotations

import numpy as np


def impurity(counts: np.ndarray, criterion: str = "gini") -> np.ndarray:
    """Gini or entropy (bits) of class-count rows; counts has shape (..., n_classes)."""
    counts = np.asarray(counts, dtype=float)
    total = counts.sum(axis=-1, keepdims=True)
    p = np.divide(counts, total, out=np.zeros_like(counts), where=total > 0)
    if criterion == "gini":
        return 1.0 - (p**2).sum(axis=-1)
    if criterion == "entropy":
        logp = np.log2(p, out=np.zeros_like(p), where=p > 0)  # 0 * log 0 is taken as 0
        return -(p * logp).sum(axis=-1)
    raise ValueError("criterion must be 'gini' or 'entropy'")


def best_split(X: np.ndarray, y: np.ndarray, criterion: str = "gini") -> tuple[int, float, float]:
    """Return (feature, threshold, impurity decrease) of the best split x[feature] <= threshold.

    For each feature: sort once, take cumulative class counts, and score every boundary between two
    distinct values in one vectorised pass. O(d n log n) time, O(n c) memory for c classes.
    """
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or len(y) != len(X):
        raise ValueError("X must be (n, d) with one label per row")
    if not np.isfinite(X).all():  # NaN has no order; a cut between -inf and +inf would get a NaN threshold
        raise ValueError("X has NaN or infinity: impute or clip first, or route missing values explicitly")
    classes, codes = np.unique(y, return_inverse=True)
    n, d = X.shape
    if n < 2:
        return -1, float("nan"), 0.0  # nothing to split
    onehot = np.eye(len(classes))[codes]  # (n, c)
    parent = impurity(onehot.sum(axis=0), criterion)
    best = (-1, np.nan, 0.0)
    for j in range(d):
        order = np.argsort(X[:, j], kind="stable")
        xs = X[order, j]
        left = np.cumsum(onehot[order], axis=0)[:-1]  # counts left of each boundary i | i+1
        right = left[-1] + onehot[order][-1] - left
        n_left = np.arange(1, n)
        child = (n_left * impurity(left, criterion) + (n - n_left) * impurity(right, criterion)) / n
        valid = xs[1:] > xs[:-1]  # only cut between two different values
        if not valid.any():
            continue
        gain = np.where(valid, parent - child, -np.inf)
        i = int(np.argmax(gain))
        if gain[i] > best[2] + 1e-12:  # equal gains: the lower feature index and the leftmost cut win
            best = (j, _midpoint(xs[i], xs[i + 1]), float(gain[i]))
    return best  # (-1, nan, 0.0) when no cut lowers the impurity: a pure node or constant features


def _midpoint(a: float, b: float) -> float:
    """(a + b) / 2 without overflow near the float limit; if rounding lands on b, use a, so b still goes right."""
    mid = a / 2 + b / 2
    return float(a if mid >= b else mid)
