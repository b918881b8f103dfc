"""Gaussian naive Bayes in log space with variance smoothing (NumPy only)."""

from __future__ import annotations

import numpy as np


class GaussianNaiveBayes:
    """Per-class feature means and variances; features assumed independent given the class."""

    def __init__(self, var_smoothing: float = 1e-9) -> None:
        if not var_smoothing >= 0:  # also catches NaN; a negative value could make a variance negative
            raise ValueError(f"var_smoothing must be a non-negative number, got {var_smoothing!r}")
        self.var_smoothing = var_smoothing
        self.classes = np.zeros(0)
        self.log_prior = np.zeros(0)
        self.means = np.zeros((0, 0))
        self.vars = np.zeros((0, 0))

    def fit(self, X: np.ndarray, y: np.ndarray) -> GaussianNaiveBayes:
        X = np.asarray(X, dtype=float)
        if X.ndim != 2 or len(X) == 0 or len(y) != len(X) or not np.isfinite(X).all():
            raise ValueError("X must be a finite (n, d) array with n >= 1 and one label per row")
        self.classes, codes = np.unique(y, return_inverse=True)
        # Add a small fraction of the largest feature variance, so a constant feature cannot give 0 variance;
        # if every feature is constant, fall back to var_smoothing itself rather than to 0.
        eps = self.var_smoothing * (X.var(axis=0).max() or 1.0)
        self.means = np.array([X[codes == c].mean(axis=0) for c in range(len(self.classes))])
        self.vars = np.array([X[codes == c].var(axis=0) for c in range(len(self.classes))]) + eps
        self.log_prior = np.log(np.bincount(codes) / len(X))
        return self

    def joint_log_likelihood(self, X: np.ndarray) -> np.ndarray:
        """log P(c) + sum_j log N(x_j | mu_cj, var_cj) for every row and class, shape (n, k)."""
        X = np.atleast_2d(np.asarray(X, dtype=float))
        if X.ndim != 2 or X.shape[1] != self.means.shape[1]:
            raise ValueError(f"expected {self.means.shape[1]} features, got shape {X.shape}")
        if not np.isfinite(X).all():  # NaN would give NaN probabilities for every class
            raise ValueError("rows to score must be finite")
        diff2 = (X[:, None, :] - self.means[None, :, :]) ** 2  # (n, k, d)
        log_pdf = -0.5 * (np.log(2 * np.pi * self.vars)[None] + diff2 / self.vars[None])
        return self.log_prior + log_pdf.sum(axis=2)  # a sum of logs, not a product of tiny numbers

    def predict_log_proba(self, X: np.ndarray) -> np.ndarray:
        """Normalise with log-sum-exp: subtract the row max before exponentiating."""
        jll = self.joint_log_likelihood(X)
        m = jll.max(axis=1, keepdims=True)
        return jll - (m + np.log(np.exp(jll - m).sum(axis=1, keepdims=True)))

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        return np.exp(self.predict_log_proba(X))

    def predict(self, X: np.ndarray) -> np.ndarray:
        return self.classes[self.joint_log_likelihood(X).argmax(axis=1)]
