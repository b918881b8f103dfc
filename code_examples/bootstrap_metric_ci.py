"""Percentile bootstrap confidence interval for any metric of (y_true, y_pred) (NumPy only)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def bootstrap_ci(
    y_true: np.ndarray,
    y_pred: np.ndarray,
    metric: Callable[[np.ndarray, np.ndarray], float],
    n_boot: int = 10_000,
    confidence: float = 0.95,
    seed: int | None = 0,
) -> tuple[float, float, float]:
    """Return (metric on the full data, lower, upper) of a percentile bootstrap interval.

    Rows are resampled with replacement and in pairs, so each replicate keeps y_true[i] with y_pred[i].
    Resample whatever unit is independent: rows here, but users or queries if rows cluster within them.
    """
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    n = len(y_true)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, size=(n_boot, n))  # one row of indices per bootstrap replicate
    stats = np.array([metric(y_true[i], y_pred[i]) for i in idx])
    alpha = 1.0 - confidence
    low, high = np.quantile(stats, [alpha / 2, 1 - alpha / 2])
    return float(metric(y_true, y_pred)), float(low), float(high)


def accuracy(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Share of rows predicted correctly."""
    return float(np.mean(y_true == y_pred))
