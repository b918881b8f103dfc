"""K-fold and stratified k-fold cross-validation indices (NumPy only)."""

from __future__ import annotations

import operator

import numpy as np


def kfold_indices(
    n: int, k: int, shuffle: bool = False, seed: int | None = None
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Return k (train, test) index pairs; the first n % k folds get one extra row, as in scikit-learn."""
    n, k = operator.index(n), operator.index(k)  # 2.5 folds is a bug, not a request
    if not 2 <= k <= n:
        raise ValueError("need 2 <= k <= n")
    idx = np.arange(n)
    if shuffle:
        idx = np.random.default_rng(seed).permutation(n)
    sizes = np.full(k, n // k)
    sizes[: n % k] += 1
    folds, start = [], 0
    for size in sizes:
        test = idx[start : start + size]
        train = np.concatenate([idx[:start], idx[start + size :]])
        folds.append((train, test))
        start += size
    return folds


def stratified_kfold_indices(y: np.ndarray, k: int, seed: int | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each fold gets every class in (almost) the same proportion as the whole data set.

    Shuffle rows within each class, lay the classes end to end, and deal the rows to folds
    round-robin (row i goes to fold i mod k), so a class of size m puts floor(m/k) or ceil(m/k) in each fold.
    """
    y, k = np.asarray(y), operator.index(k)
    if y.ndim != 1 or not 2 <= k <= len(y):
        raise ValueError("need a 1-D y and 2 <= k <= n")
    _, first_seen, codes = np.unique(y, return_index=True, return_inverse=True)
    codes = np.argsort(np.argsort(first_seen))[codes]  # classes in order of first appearance, as scikit-learn
    n_classes = len(first_seen)
    if np.bincount(codes).max() < k:
        raise ValueError("every fold needs rows: the largest class must have at least k members")
    rng = np.random.default_rng(seed)
    ordered = np.concatenate([rng.permutation(np.flatnonzero(codes == c)) for c in range(n_classes)])
    fold_of = np.empty(len(y), dtype=int)
    fold_of[ordered] = np.arange(len(y)) % k
    all_rows = np.arange(len(y))
    return [(all_rows[fold_of != f], all_rows[fold_of == f]) for f in range(k)]
