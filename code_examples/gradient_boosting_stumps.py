"""Gradient boosting for regression (squared error) with depth-1 trees, stumps (NumPy only)."""

from __future__ import annotations

import numpy as np


def fit_stump(X: np.ndarray, r: np.ndarray) -> tuple[int, float, float, float]:
    """Best split x[j] <= t for squared error on targets r. Returns (j, t, left value, right value).

    Splitting n rows into sizes a and b with means m_a, m_b lowers the sum of squared errors by
    a * b / n * (m_a - m_b)^2, so prefix sums score every cut of a sorted feature in O(n).
    """
    n, d = X.shape
    best, best_gain = (0, np.inf, r.mean(), r.mean()), -1.0  # no useful cut: one leaf holding the mean
    if n < 2:
        return best
    for j in range(d):
        order = np.argsort(X[:, j], kind="stable")
        xs, rs = X[order, j], r[order]
        a = np.arange(1, n)
        left_sum = np.cumsum(rs)[:-1]
        mean_l, mean_r = left_sum / a, (rs.sum() - left_sum) / (n - a)
        gain = np.where(xs[1:] > xs[:-1], a * (n - a) / n * (mean_l - mean_r) ** 2, -np.inf)
        i = int(np.argmax(gain))
        if gain[i] > best_gain:  # equal gains: the lower feature index and the leftmost cut win
            best_gain = gain[i]
            mid = xs[i] / 2 + xs[i + 1] / 2  # no overflow near the float limit
            best = (j, float(xs[i] if mid >= xs[i + 1] else mid), float(mean_l[i]), float(mean_r[i]))
    return best


class GradientBoostingStumps:
    """F_0 = mean(y); each round fits a stump to the residuals y - F and adds learning_rate times it."""

    def __init__(self, n_estimators: int = 100, learning_rate: float = 0.1) -> None:
        if isinstance(n_estimators, bool) or not isinstance(n_estimators, (int, np.integer)) or n_estimators < 0:
            raise ValueError(f"n_estimators must be an integer >= 0, got {n_estimators!r}")
        if not learning_rate > 0.0:  # also rejects NaN
            raise ValueError(f"learning_rate must be positive, got {learning_rate!r}")
        self.n_estimators, self.learning_rate = n_estimators, learning_rate
        self.init, self.n_features = 0.0, 0
        self.stumps: list[tuple[int, float, float, float]] = []

    def fit(self, X: np.ndarray, y: np.ndarray) -> GradientBoostingStumps:
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
        if X.ndim != 2 or len(X) == 0 or y.shape != (len(X),):
            raise ValueError("X must be (n, d) with n >= 1 and y must be (n,)")
        if not (np.isfinite(X).all() and np.isfinite(y).all()):
            raise ValueError("X and y must be finite")
        self.init, self.stumps, self.n_features = float(y.mean()), [], X.shape[1]
        F = np.full(len(y), self.init)
        for _ in range(self.n_estimators):
            residual = y - F  # the negative gradient of (y - F)^2 / 2
            stump = fit_stump(X, residual)
            self.stumps.append(stump)
            F += self.learning_rate * self._apply(stump, X)
        return self

    @staticmethod
    def _apply(stump: tuple[int, float, float, float], X: np.ndarray) -> np.ndarray:
        j, t, left, right = stump
        return np.where(X[:, j] <= t, left, right)

    def staged_predict(self, X: np.ndarray) -> list[np.ndarray]:
        """Predictions after 0, 1, ..., n_estimators rounds (for choosing the number of rounds)."""
        X = np.asarray(X, dtype=float)
        if X.ndim != 2 or X.shape[1] != self.n_features or not np.isfinite(X).all():
            # a stump indexes one column: a wrong width or a NaN would be routed silently
            raise ValueError(f"X must be a finite (m, {self.n_features}) array, got shape {X.shape}")
        F = np.full(len(X), self.init)
        out = [F.copy()]
        for stump in self.stumps:
            F = F + self.learning_rate * self._apply(stump, X)
            out.append(F)
        return out

    def predict(self, X: np.ndarray) -> np.ndarray:
        return self.staged_predict(X)[-1]
