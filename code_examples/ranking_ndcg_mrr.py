"""NDCG@k and mean reciprocal rank for ranked lists (NumPy only)."""

from __future__ import annotations

import numpy as np


def dcg_at_k(relevance_in_rank_order: np.ndarray, k: int, gain: str = "exponential") -> float:
    """Discounted cumulative gain of the top k: sum of gain(rel_i) / log2(i + 1), ranks i from 1."""
    rel = np.asarray(relevance_in_rank_order, dtype=float)[:k]
    gains = 2.0**rel - 1.0 if gain == "exponential" else rel  # "linear" uses rel itself
    discounts = np.log2(np.arange(2, len(rel) + 2))
    return float((gains / discounts).sum())


def ndcg_at_k(y_true: np.ndarray, y_score: np.ndarray, k: int, gain: str = "exponential") -> float:
    """Mean NDCG@k over queries (rows). y_true holds graded relevance, y_score the model's scores.

    The ideal DCG sorts the TRUE relevances of all candidates, not only the top k shown; a query with
    no relevant item scores 0. Ties in y_score are broken by position (stable sort).
    """
    y_true, y_score = np.atleast_2d(y_true), np.atleast_2d(y_score)
    values = []
    for rel, score in zip(y_true, y_score, strict=True):
        ranked = rel[np.argsort(-score, kind="stable")]
        ideal = dcg_at_k(np.sort(rel)[::-1], k, gain)
        values.append(dcg_at_k(ranked, k, gain) / ideal if ideal > 0 else 0.0)
    return float(np.mean(values))


def mean_reciprocal_rank(relevant_in_rank_order: list[np.ndarray]) -> float:
    """Mean over queries of 1 / rank of the first relevant item (0 when nothing relevant is returned)."""
    rr = []
    for hits in relevant_in_rank_order:
        pos = np.flatnonzero(np.asarray(hits) > 0)
        rr.append(1.0 / (pos[0] + 1) if len(pos) else 0.0)
    return float(np.mean(rr))
