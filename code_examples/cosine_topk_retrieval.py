"""Exact cosine-similarity top-k retrieval: normalise the documents once, then argpartition per query (NumPy only)."""

from __future__ import annotations

import numpy as np


def l2_normalize(x: np.ndarray) -> np.ndarray:
    """Scale each row to unit length; an all-zero row stays zero (cosine 0) instead of becoming NaN."""
    x = np.asarray(x)
    if x.shape[-1] == 0:
        raise ValueError("embeddings need at least one dimension")
    x = x.astype(x.dtype if np.issubdtype(x.dtype, np.floating) else np.float64)  # a copy; float32 stays float32
    if not np.isfinite(x).all():
        raise ValueError("embeddings contain NaN or infinity")
    # Dividing by the row's largest |value| first keeps the squares from overflowing (1e200**2 is inf).
    peak = np.abs(x).max(axis=-1, keepdims=True)
    np.divide(x, peak, out=x, where=peak > 0)
    norms = np.linalg.norm(x, axis=-1, keepdims=True)
    np.divide(x, norms, out=x, where=norms > 0)
    return x


class CosineIndex:
    """Holds unit-length document rows, normalised once when the index is built."""

    def __init__(self, docs: np.ndarray) -> None:
        docs = np.asarray(docs)
        if docs.ndim != 2:
            raise ValueError(f"docs must be a 2-D (n, d) array, got shape {docs.shape}")
        self.unit_docs = l2_normalize(docs)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k most similar doc ids per query and their cosines, best first; equal scores go to the lower id."""
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
            raise ValueError(f"k must be a positive integer, got {k!r}")
        q = l2_normalize(np.atleast_2d(queries))  # only the queries are normalised per call: O(md)
        if q.ndim != 2 or q.shape[1] != self.unit_docs.shape[1]:
            raise ValueError(f"queries must have {self.unit_docs.shape[1]} columns, got shape {q.shape}")
        n = self.unit_docs.shape[0]
        k = min(int(k), n)  # asking for more than n returns all n
        sims = q @ self.unit_docs.T  # (m, n) cosines
        idx = np.empty((len(q), k), dtype=np.intp)
        for r, row in enumerate(sims if k else []):  # an empty index returns (m, 0) arrays
            # The k-th largest score in O(n) by partitioning (a copy of one row, no negated (m, n) matrix).
            cut = np.partition(row, n - k)[n - k]
            above = np.flatnonzero(row > cut)
            at_cut = np.flatnonzero(row == cut)[: k - above.size]  # ties at the cut: lowest ids win
            chosen = np.concatenate([above, at_cut])
            idx[r] = chosen[np.lexsort((chosen, -row[chosen]))]  # score descending, then id: O(k log k)
        return idx, np.take_along_axis(sims, idx, axis=1)
