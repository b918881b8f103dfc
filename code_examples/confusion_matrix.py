"""Confusion matrix from label arrays (NumPy only)."""

from __future__ import annotations

import numpy as np


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (matrix, labels): matrix[i, j] counts rows whose true label is labels[i], predicted labels[j]."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.ndim != 1 or y_true.shape != y_pred.shape:
        raise ValueError("y_true and y_pred must be 1-D and of the same length")
    # Map every label (numbers or strings) to a code 0..k-1, in sorted order.
    labels, codes = np.unique(np.concatenate([y_true, y_pred]), return_inverse=True)
    k, n = len(labels), len(y_true)
    true_codes, pred_codes = codes[:n], codes[n:]
    # Each (true, pred) pair becomes one cell index; bincount tallies all cells in one pass.
    counts = np.bincount(true_codes * k + pred_codes, minlength=k * k)
    return counts.reshape(k, k), labels
