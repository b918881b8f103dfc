"""NDCG@k and mean reciprocal rank for ranked lists (NumPy only)."""

from __future__ import annotations

import numpy as np


def dcg_at_k(relevance_in_rank_order: np.ndarray, k: int, gain: str = "exponential") -> float:
    """Discounted cumulative gain of the top k: sum of gain(rel_i) / log2(i + 1), ranks i from 1."""
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise ValueError(f"k must be a positive integer, got {k!r}")  # [:0] or [:-1] would fail silently
    if gain not in ("exponential", "linear"):
        raise ValueError("gain must be 'exponential' or 'linear'")
    rel = np.asarray(relevance_in_rank_order, dtype=float)[:k]
    if (rel < 0).any() or not np.isfinite(rel).all():
        raise ValueError("relevance grades must be finite and non-negative")
    with np.errstate(over="ignore"):
        gains = 2.0**rel - 1.0 if gain == "exponential" else rel  # "linear" uses rel itself
    if not np.isfinite(gains).all():
        raise OverflowError("2**rel overflows float64 for grades above 1023; use linear gain")
    discounts = np.log2(np.arange(2, len(rel) + 2))
    return float((gains / discounts).sum())


def ndcg_at_k(y_true: np.ndarray, y_score: np.ndarray, k: int, gain: str = "exponential") -> float:
    """Mean NDCG@k over queries (rows). y_true holds graded relevance, y_score the model's scores.

    The ideal DCG sorts the TRUE relevances of all candidates, not only the top k shown; a query with
    no relevant item scores 0. Ties in y_score are broken by position (stable sort).
    """
    y_true, y_score = np.atleast_2d(y_true), np.atleast_2d(y_score)
    if y_true.shape != y_score.shape or y_true.size == 0:
        raise ValueError("y_true and y_score must be non-empty and of the same shape")
    values = []
    for rel, score in zip(y_true, y_score, strict=True):
        ranked = rel[np.argsort(-score, kind="stable")]
        ideal = dcg_at_k(np.sort(rel)[::-1], k, gain)
        values.append(dcg_at_k(ranked, k, gain) / ideal if ideal > 0 else 0.0)
    return float(np.mean(values))


def mean_reciprocal_rank(relevant_in_rank_order: list[np.ndarray]) -> float:
    """Mean over queries of 1 / rank of the first relevant item (0 when nothing relevant is returned)."""
    if len(relevant_in_rank_order) == 0:
        raise ValueError("MRR over no queries is undefined")
    rr = []
    for hits in relevant_in_rank_order:
        pos = np.flatnonzero(np.asarray(hits) > 0)
        rr.append(1.0 / (pos[0] + 1) if len(pos) else 0.0)
    return float(np.mean(rr))
