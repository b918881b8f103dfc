"""Precision, recall and F1 from label arrays (NumPy only)."""

from __future__ import annotations

import numpy as np


def precision_recall_f1(
    y_true: np.ndarray, y_pred: np.ndarray, positive: object = 1, zero_division: float = 0.0
) -> tuple[float, float, float]:
    """Binary metrics for the `positive` class; `zero_division` is returned when a ratio is 0 / 0."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.ndim != 1 or y_true.shape != y_pred.shape:  # == would otherwise broadcast (3,) against (1,)
        raise ValueError("y_true and y_pred must be 1-D and of the same length")
    actual, predicted = y_true == positive, y_pred == positive
    if not (actual.any() or predicted.any()) and np.unique(np.concatenate([y_true, y_pred])).size >= 2:
        # e.g. positive=1 on "spam"/"ham" labels: a typo, not a model that found nothing
        raise ValueError(f"positive label {positive!r} occurs in neither array")
    tp = int(np.sum(actual & predicted))
    fp = int(np.sum(~actual & predicted))
    fn = int(np.sum(actual & ~predicted))
    precision = tp / (tp + fp) if tp + fp else zero_division  # no positive predictions
    recall = tp / (tp + fn) if tp + fn else zero_division  # no positive labels
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else zero_division  # harmonic mean of P and R
    return precision, recall, f1


def macro_f1(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Unweighted mean of per-class F1 over every label seen in y_true or y_pred."""
    labels = np.unique(np.concatenate([np.asarray(y_true), np.asarray(y_pred)]))
    if labels.size == 0:
        raise ValueError("macro F1 of no labels is undefined")
    return float(np.mean([precision_recall_f1(y_true, y_pred, positive=c)[2] for c in labels]))
