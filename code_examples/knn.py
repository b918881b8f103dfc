"""K-nearest-neighbours classifier with Euclidean distance and majority vote (NumPy only)."""

from __future__ import annotations

import numpy as np


class KNNClassifier:
    """Lazy learner: fit stores the data, predict does all the work."""

    def __init__(self, k: int = 5) -> None:
        self.k = k

    def fit(self, X: np.ndarray, y: np.ndarray) -> KNNClassifier:
        if self.k > len(X):
            raise ValueError("k cannot exceed the number of training rows")
        self.X = np.asarray(X, dtype=float)
        self.classes, self.codes = np.unique(y, return_inverse=True)  # labels -> 0..c-1
        return self

    def _squared_distances(self, Q: np.ndarray) -> np.ndarray:
        """(m, n) squared distances via |q|^2 - 2 q.x + |x|^2: O(m n) memory, not O(m n d)."""
        return (Q**2).sum(axis=1)[:, None] - 2.0 * Q @ self.X.T + (self.X**2).sum(axis=1)[None, :]

    def predict(self, Q: np.ndarray) -> np.ndarray:
        Q = np.asarray(Q, dtype=float)
        d2 = self._squared_distances(Q)
        nearest = np.argpartition(d2, self.k - 1, axis=1)[:, : self.k]  # k smallest per row, unordered
        votes = np.zeros((len(Q), len(self.classes)), dtype=int)
        np.add.at(votes, (np.arange(len(Q))[:, None], self.codes[nearest]), 1)
        return self.classes[votes.argmax(axis=1)]  # ties go to the smallest label
