"""Numerically stable softmax and log-softmax (NumPy only)."""

from __future__ import annotations

import numpy as np


def softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """exp(z) / sum(exp(z)) along axis, computed after subtracting the max so exp never overflows."""
    z = np.asarray(z, dtype=float)
    shifted = z - z.max(axis=axis, keepdims=True)  # largest entry becomes 0, so exp(...) <= 1
    e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)  # denominator >= 1, never 0


def log_softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """log(softmax(z)) without taking the log of a number that underflowed to 0 (log-sum-exp trick)."""
    z = np.asarray(z, dtype=float)
    shifted = z - z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def cross_entropy(logits: np.ndarray, labels: np.ndarray) -> float:
    """Mean cross-entropy of integer class labels given raw logits of shape (n, c)."""
    log_p = log_softmax(logits, axis=1)
    return float(-log_p[np.arange(len(labels)), labels].mean())
