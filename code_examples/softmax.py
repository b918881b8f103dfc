"""Numerically stable softmax and log-softmax (NumPy only)."""

from __future__ import annotations

import numpy as np


def _shifted(z: np.ndarray, axis: int) -> np.ndarray:
    """z minus its max along axis. Entries of -inf (masked logits) are allowed; NaN, +inf and empty rows are not."""
    z = np.asarray(z, dtype=float)
    if z.size == 0 or z.shape[axis] == 0:
        raise ValueError("softmax of an empty vector is undefined")
    if np.isnan(z).any() or np.isposinf(z).any():
        raise ValueError("logits must not contain NaN or +inf")
    m = z.max(axis=axis, keepdims=True)
    if np.isneginf(m).any():  # -inf - (-inf) is NaN: a fully masked row has no distribution
        raise ValueError("every logit in a row is -inf")
    with np.errstate(over="ignore"):  # -1e308 - 1e308 overflows to -inf, whose exp is the right answer, 0
        return z - m  # largest entry becomes 0, so exp(...) <= 1


def softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """exp(z) / sum(exp(z)) along axis, computed after subtracting the max so exp never overflows."""
    shifted = _shifted(z, axis)
    e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)  # denominator >= 1, never 0


def log_softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """log(softmax(z)) without taking the log of a number that underflowed to 0 (log-sum-exp trick)."""
    shifted = _shifted(z, axis)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def cross_entropy(logits: np.ndarray, labels: np.ndarray) -> float:
    """Mean cross-entropy of integer class labels given raw logits of shape (n, c)."""
    logits, labels = np.asarray(logits, dtype=float), np.asarray(labels)
    if logits.ndim != 2 or len(logits) == 0 or labels.shape != (len(logits),):
        raise ValueError("logits must be (n, c) with n >= 1 and labels (n,)")
    if not np.issubdtype(labels.dtype, np.integer) or labels.min() < 0 or labels.max() >= logits.shape[1]:
        raise ValueError("labels must be integers in 0..c-1 (a -1 would silently pick the last class)")
    log_p = log_softmax(logits, axis=1)
    return float(-log_p[np.arange(len(labels)), labels].mean())
