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
    chunk: int = 1_000,
) -> tuple[float, float, float]:
    """Return (metric on the full data, lower, upper) of a percentile bootstrap interval.

    Rows are resampled with replacement and in pairs, so each replicate keeps y_true[i] with y_pred[i].
    Resample whatever unit is independent: rows here, but users or queries if rows cluster within them.
    """
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    n = len(y_true)
    if n == 0 or len(y_pred) != n:
        raise ValueError("need at least one row, and as many predictions as labels")
    if n_boot < 1 or chunk < 1 or not 0.0 < confidence < 1.0:
        raise ValueError("need n_boot >= 1, chunk >= 1 and confidence in (0, 1)")
    rng = np.random.default_rng(seed)
    stats = np.empty(n_boot)
    for start in range(0, n_boot, chunk):  # indices for `chunk` replicates at a time: O(chunk * n) memory
        idx = rng.integers(0, n, size=(min(chunk, n_boot - start), n))
        stats[start : start + len(idx)] = [metric(y_true[i], y_pred[i]) for i in idx]
    undefined = int(np.sum(~np.isfinite(stats)))
    if undefined:  # e.g. recall on a replicate that drew no positives
        raise ValueError(f"{undefined} of {n_boot} replicates gave an undefined metric; resample within each class")
    alpha = 1.0 - confidence
    low, high = np.quantile(stats, [alpha / 2, 1 - alpha / 2])
    return float(metric(y_true, y_pred)), float(low), float(high)


def accuracy(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Share of rows predicted correctly."""
    return float(np.mean(y_true == y_pred))
