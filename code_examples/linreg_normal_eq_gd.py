"""Linear regression by least squares (lstsq) and by gradient descent (NumPy only)."""

from __future__ import annotations

import warnings

import numpy as np


def _check(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or len(X) == 0 or y.shape != (len(X),):
        raise ValueError("X must be (n, d) with n >= 1 and y must be (n,)")
    if not (np.isfinite(X).all() and np.isfinite(y).all()):
        raise ValueError("X and y must be finite")
    return X, y


def _with_bias(X: np.ndarray) -> np.ndarray:
    """Append a column of ones so the intercept is one more weight."""
    return np.hstack([X, np.ones((len(X), 1))])


def fit_lstsq(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Minimise ||Xw + b - y||^2 with an SVD-based solver; never forms X^T X. Returns (w, b)."""
    X, y = _check(X, y)
    coef, *_ = np.linalg.lstsq(_with_bias(X), y, rcond=None)  # minimum-norm answer if columns are collinear
    return coef[:-1], float(coef[-1])


def fit_normal_equations(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Solve (A^T A) beta = A^T y; fine when well conditioned, but squares the condition number."""
    X, y = _check(X, y)
    A = _with_bias(X)
    coef = np.linalg.solve(A.T @ A, A.T @ y)  # solve, never inv(); raises LinAlgError if singular
    return coef[:-1], float(coef[-1])


def fit_gradient_descent(
    X: np.ndarray, y: np.ndarray, lr: float = 0.1, n_iter: int = 10_000, tol: float = 1e-10
) -> tuple[np.ndarray, float]:
    """Full-batch gradient descent on L = ||Xw + b - y||^2 / (2n). Standardize X first for a good lr."""
    X, y = _check(X, y)
    if lr <= 0:
        raise ValueError("lr must be positive")
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    first_norm = None
    for _ in range(n_iter):
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is caught just below
            r = X @ w + b - y  # residuals, shape (n,)
            grad_w, grad_b = X.T @ r / n, r.mean()
            norm = float(np.sqrt(grad_w @ grad_w + grad_b**2))
        first_norm = norm if first_norm is None else first_norm
        # Below 2 / lambda_max every step shrinks the gradient of this quadratic, so growth means divergence,
        # even when the growth is too slow to overflow within n_iter.
        if not np.isfinite(norm) or norm > 10 * first_norm:
            raise FloatingPointError("gradient descent diverged (lr above 2 / lambda_max): lower lr or standardize X")
        if max(np.abs(grad_w).max(initial=0.0), abs(grad_b)) < tol:
            return w, float(b)  # converged: the gradient at w is below tol
        w, b = w - lr * grad_w, b - lr * grad_b
    warnings.warn(f"no convergence to tol={tol} in {n_iter} steps; raise n_iter or lr", RuntimeWarning, stacklevel=2)
    return w, float(b)
