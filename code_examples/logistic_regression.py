"""Binary logistic regression trained with full-batch gradient descent (NumPy only)."""

from __future__ import annotations

import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Logistic function that never calls exp on a large positive number (no overflow)."""
    ez = np.exp(-np.abs(z))  # always in (0, 1]
    return np.where(z >= 0, 1.0 / (1.0 + ez), ez / (1.0 + ez))


def log_loss(y: np.ndarray, p: np.ndarray, eps: float = 1e-12) -> float:
    """Mean binary cross-entropy; eps keeps log away from zero."""
    p = np.clip(p, eps, 1.0 - eps)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


class LogisticRegression:
    """Minimises mean log loss + (l2 / 2) * ||w||^2; the bias is not penalised."""

    def __init__(self, lr: float = 0.1, n_iter: int = 1000, l2: float = 0.0, tol: float = 1e-6) -> None:
        if not (lr > 0 and n_iter >= 0 and l2 >= 0 and tol >= 0):  # "not (...)" also rejects NaN
            raise ValueError("need lr > 0, n_iter >= 0, l2 >= 0 and tol >= 0")
        self.lr, self.n_iter, self.l2, self.tol = lr, n_iter, l2, tol
        self.w = np.zeros(0)
        self.b = 0.0

    def fit(self, X: np.ndarray, y: np.ndarray) -> LogisticRegression:
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
        if X.ndim != 2 or len(X) == 0 or y.shape != (len(X),):
            raise ValueError("X must be (n, d) with n >= 1 and y must be (n,)")
        if not np.isin(y, (0.0, 1.0)).all() or not np.isfinite(X).all():
            raise ValueError("y must hold only 0 and 1, and X must be finite")
        n, d = X.shape
        self.w, self.b = np.zeros(d), 0.0
        for _ in range(self.n_iter):
            err = sigmoid(X @ self.w + self.b) - y  # (n,): dLoss/dlogit for each row
            grad_w = X.T @ err / n + self.l2 * self.w
            grad_b = err.mean()
            self.w -= self.lr * grad_w
            self.b -= self.lr * grad_b
            if max(np.abs(grad_w).max(initial=0.0), abs(grad_b)) < self.tol:  # converged (initial: d may be 0)
                break
        return self

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """P(y = 1 | x) for each row."""
        return sigmoid(np.asarray(X, dtype=float) @ self.w + self.b)

    def predict(self, X: np.ndarray, threshold: float = 0.5) -> np.ndarray:
        """Hard 0/1 labels at the given probability threshold."""
        return (self.predict_proba(X) >= threshold).astype(int)
