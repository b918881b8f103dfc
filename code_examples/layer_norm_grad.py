"""Layer normalisation over the last axis: forward and backward pass (NumPy only)."""

from __future__ import annotations

import numpy as np


def layer_norm_forward(
    x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5
) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """y = gamma * (x - mean) / sqrt(var + eps) + beta, statistics per row over the last axis (d features)."""
    if eps < 0 or gamma.shape != x.shape[-1:] or beta.shape != x.shape[-1:]:
        raise ValueError("need eps >= 0 and gamma, beta of shape (d,)")
    mu = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)  # population variance (divide by d), as the frameworks do
    if eps == 0 and (var == 0).any():  # a constant row would divide by zero
        raise ValueError("a constant row needs eps > 0")
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mu) * inv_std
    return gamma * x_hat + beta, (x_hat, inv_std, gamma)


def layer_norm_backward(
    dy: np.ndarray, cache: tuple[np.ndarray, np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients (dx, dgamma, dbeta) given dy = dL/dy of the same shape as x."""
    x_hat, inv_std, gamma = cache
    reduce_axes = tuple(range(dy.ndim - 1))  # gamma and beta are shared by every row
    dgamma = (dy * x_hat).sum(axis=reduce_axes)
    dbeta = dy.sum(axis=reduce_axes)
    g = dy * gamma  # gradient with respect to x_hat
    # mean and variance depend on every x in the row, which adds the two subtracted terms
    dx = inv_std * (g - g.mean(axis=-1, keepdims=True) - x_hat * (g * x_hat).mean(axis=-1, keepdims=True))
    return dx, dgamma, dbeta
