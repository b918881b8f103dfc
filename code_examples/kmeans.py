"""K-means clustering (Lloyd's algorithm) in NumPy."""

from __future__ import annotations

import numpy as np


def kmeans(
    X: np.ndarray, k: int, n_iter: int = 100, tol: float = 1e-8, seed: int = 0, init: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, float]:
    """Return (centroids (k, d), labels (n,), inertia = sum of squared distances to the nearest centroid)."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or not np.isfinite(X).all():
        raise ValueError("X must be a finite (n, d) array")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= len(X):
        raise ValueError(f"k must be an integer in 1..n = {len(X)}, got {k!r}")
    rng = np.random.default_rng(seed)
    if init is None:  # k different rows (duplicate rows can still give equal centroids; see below)
        centroids = X[rng.choice(len(X), size=k, replace=False)]
    else:
        centroids = np.array(init, dtype=float)
        if centroids.shape != (k, X.shape[1]):
            raise ValueError(f"init must have shape {(k, X.shape[1])}, got {centroids.shape}")
    for _ in range(n_iter):
        d2 = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)  # (n, k) squared distances
        labels = d2.argmin(axis=1)  # assignment step; an exact tie goes to the lower centroid index
        closest = d2.min(axis=1)
        new = centroids.copy()
        for j in range(k):  # update step
            members = labels == j
            if members.any():
                new[j] = X[members].mean(axis=0)
            else:  # empty cluster: move it to the point worst served by its centroid
                far = closest.argmax()
                new[j] = X[far]
                closest[far] = 0.0  # so a second empty cluster picks a different point
        shift = np.abs(new - centroids).max()
        centroids = new
        if shift < tol:
            break
    d2 = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    labels = d2.argmin(axis=1)
    inertia = float(d2[np.arange(len(X)), labels].sum())
    return centroids, labels, inertia
