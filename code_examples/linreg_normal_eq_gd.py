"""Linear regression by least squares (lstsq) and by gradient descent (NumPy only)."""

from __future__ import annotations

import numpy as np


def _with_bias(X: np.ndarray) -> np.ndarray:
    """Append a column of ones so the intercept is one more weight."""
    return np.hstack([X, np.ones((len(X), 1))])


def fit_lstsq(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Minimise ||Xw + b - y||^2 with an SVD-based solver; never forms X^T X. Returns (w, b)."""
    coef, *_ = np.linalg.lstsq(_with_bias(np.asarray(X, dtype=float)), np.asarray(y, dtype=float), rcond=None)
    return coef[:-1], float(coef[-1])


def fit_normal_equations(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Solve (A^T A) beta = A^T y; fine when well conditioned, but squares the condition number."""
    A = _with_bias(np.asarray(X, dtype=float))
    coef = np.linalg.solve(A.T @ A, A.T @ np.asarray(y, dtype=float))  # solve, never inv()
    return coef[:-1], float(coef[-1])


def fit_gradient_descent(
    X: np.ndarray, y: np.ndarray, lr: float = 0.1, n_iter: int = 10_000, tol: float = 1e-10
) -> tuple[np.ndarray, float]:
    """Full-batch gradient descent on L = ||Xw + b - y||^2 / (2n). Standardize X first for a good lr."""
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for _ in range(n_iter):
        r = X @ w + b - y  # residuals, shape (n,)
        grad_w, grad_b = X.T @ r / n, r.mean()
        w, b = w - lr * grad_w, b - lr * grad_b
        if max(np.abs(grad_w).max(initial=0.0), abs(grad_b)) < tol:
            break
    return w, float(b)
