"""Cosine-similarity top-k retrieval over an embedding matrix, using argpartition (NumPy only)."""

from __future__ import annotations

import numpy as np


def l2_normalize(x: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    """Scale each row to unit length; an all-zero row stays zero instead of dividing by zero."""
    norms = np.linalg.norm(x, axis=-1, keepdims=True)
    return x / np.maximum(norms, eps)


def top_k_cosine(queries: np.ndarray, docs: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """For queries (m, d) and docs (n, d), the k most similar doc indices per query and their cosines, best first."""
    n = docs.shape[0]
    k = min(k, n)
    sims = l2_normalize(np.atleast_2d(queries)) @ l2_normalize(docs).T  # (m, n) cosine similarities
    if k < n:
        idx = np.argpartition(-sims, k - 1, axis=1)[:, :k]  # the k best, unordered, in O(n) per query
    else:
        idx = np.tile(np.arange(n), (sims.shape[0], 1))
    top = np.take_along_axis(sims, idx, axis=1)
    order = np.argsort(-top, axis=1, kind="stable")  # sort only those k: O(k log k)
    return np.take_along_axis(idx, order, axis=1), np.take_along_axis(top, order, axis=1)
