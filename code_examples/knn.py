"""K-nearest-neighbours classifier with Euclidean distance and majority vote (NumPy only)."""

from __future__ import annotations

import numpy as np


class KNNClassifier:
    """Lazy learner: fit stores the data, predict does all the work."""

    def __init__(self, k: int = 5) -> None:
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
            raise ValueError(f"k must be a positive integer, got {k!r}")
        self.k = int(k)

    def fit(self, X: np.ndarray, y: np.ndarray) -> KNNClassifier:
        X = np.asarray(X, dtype=float)
        if X.ndim != 2 or len(y) != len(X) or not np.isfinite(X).all():
            raise ValueError("X must be a finite (n, d) array with one label per row")
        if self.k > len(X):
            raise ValueError(f"k = {self.k} exceeds the {len(X)} training rows")
        self.center = X.mean(axis=0)  # distances ignore a shift; centring stops |q|^2 - 2q.x + |x|^2 cancelling
        self.X = X - self.center
        self.classes, self.codes = np.unique(y, return_inverse=True)  # labels -> 0..c-1
        return self

    def _squared_distances(self, Q: np.ndarray) -> np.ndarray:
        """(m, n) squared distances via |q|^2 - 2 q.x + |x|^2: O(m n) memory, not O(m n d)."""
        return (Q**2).sum(axis=1)[:, None] - 2.0 * Q @ self.X.T + (self.X**2).sum(axis=1)[None, :]

    def predict(self, Q: np.ndarray) -> np.ndarray:
        Q = np.atleast_2d(np.asarray(Q, dtype=float))
        if Q.ndim != 2 or Q.shape[1] != self.X.shape[1]:
            raise ValueError(f"queries need {self.X.shape[1]} features, got shape {Q.shape}")
        if not np.isfinite(Q).all():  # a NaN distance would make argpartition pick arbitrary neighbours
            raise ValueError("queries must be finite")
        d2 = self._squared_distances(Q - self.center)
        # k smallest per row, unordered; equidistant rows at the cut are picked arbitrarily, as in scikit-learn
        nearest = np.argpartition(d2, self.k - 1, axis=1)[:, : self.k]
        votes = np.zeros((len(Q), len(self.classes)), dtype=int)
        np.add.at(votes, (np.arange(len(Q))[:, None], self.codes[nearest]), 1)
        return self.classes[votes.argmax(axis=1)]  # ties go to the smallest label
