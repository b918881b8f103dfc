"""Principal component analysis through the SVD of the centred data (NumPy only)."""

from __future__ import annotations

import numpy as np


class PCAFromSVD:
    """Keeps the top n_components directions; signs follow scikit-learn (largest |loading| positive)."""

    def __init__(self, n_components: int) -> None:
        self.n_components = n_components
        self.mean = np.zeros(0)
        self.components = np.zeros((0, 0))
        self.explained_variance = np.zeros(0)
        self.explained_variance_ratio = np.zeros(0)

    def fit(self, X: np.ndarray) -> PCAFromSVD:
        X = np.asarray(X, dtype=float)
        if X.ndim != 2 or not np.isfinite(X).all():
            raise ValueError("X must be a finite (n, d) array")
        n, d = X.shape
        k = self.n_components
        if n < 2 or isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= min(n, d):
            raise ValueError(f"need n >= 2 rows and n_components in 1..min(n, d) = {min(n, d)}, got {k!r}")
        self.mean = X.mean(axis=0)
        Xc = X - self.mean  # without centring, PC1 points at the mean instead of the spread
        _, S, Vt = np.linalg.svd(Xc, full_matrices=False)  # Xc = U diag(S) Vt, S sorted descending
        # An eigenvector is only defined up to sign: make each row's largest-magnitude entry positive.
        signs = np.sign(Vt[np.arange(len(Vt)), np.abs(Vt).argmax(axis=1)])
        Vt = Vt * signs[:, None]
        var = S**2 / (n - 1)  # eigenvalues of the sample covariance matrix
        if var.sum() == 0:
            raise ValueError("every row is identical: there is no variance to explain")
        self.components = Vt[:k]
        self.explained_variance = var[:k]
        self.explained_variance_ratio = var[:k] / var.sum()
        return self

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Project onto the components, using the training mean."""
        return (np.asarray(X, dtype=float) - self.mean) @ self.components.T

    def inverse_transform(self, Z: np.ndarray) -> np.ndarray:
        """Map scores back to the input space (a rank-k reconstruction)."""
        return Z @ self.components + self.mean
