"""Stratified train/test split that returns row indices (NumPy only)."""

from __future__ import annotations

import numpy as np


def stratified_train_test_split(y: np.ndarray, test_size: float = 0.2, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Return (train_idx, test_idx); each class sends about test_size of its rows to the test set."""
    if not 0.0 < test_size < 1.0:
        raise ValueError("test_size must be strictly between 0 and 1")
    y = np.asarray(y)
    if y.ndim != 1 or y.size == 0:
        raise ValueError("y must be a non-empty 1-D array of labels")
    rng = np.random.default_rng(seed)
    train_parts, test_parts = [], []
    _, codes = np.unique(y, return_inverse=True)  # codes, not y == label: NaN == NaN is False
    for c in range(codes.max() + 1):
        idx = np.flatnonzero(codes == c)  # rows of this class
        rng.shuffle(idx)
        n_test = int(np.floor(test_size * len(idx) + 0.5))  # round half up, per class
        n_test = min(n_test, len(idx) - 1)  # every class keeps at least one training row
        test_parts.append(idx[:n_test])
        train_parts.append(idx[n_test:])
    train_idx, test_idx = np.concatenate(train_parts), np.concatenate(test_parts)
    rng.shuffle(train_idx)  # do not hand the model the rows sorted by class
    rng.shuffle(test_idx)
    return train_idx, test_idx
