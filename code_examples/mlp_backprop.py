"""A one-hidden-layer ReLU network with softmax cross-entropy: forward, backward, gradient check (NumPy only)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Params = dict[str, np.ndarray]


def init_params(d_in: int, d_hidden: int, d_out: int, seed: int = 0) -> Params:
    """He-initialised weights (suits ReLU) and zero biases."""
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.normal(0.0, np.sqrt(2.0 / d_in), (d_in, d_hidden)),
        "b1": np.zeros(d_hidden),
        "W2": rng.normal(0.0, np.sqrt(2.0 / d_hidden), (d_hidden, d_out)),
        "b2": np.zeros(d_out),
    }


def forward(params: Params, X: np.ndarray, y: np.ndarray) -> tuple[float, dict]:
    """Mean cross-entropy of integer labels y (n,) for inputs X (n, d_in); also returns the cache for backward."""
    y = np.asarray(y)
    if X.ndim != 2 or len(X) == 0 or y.shape != (len(X),):
        raise ValueError("X must be (n, d_in) with n >= 1 and y must be (n,)")
    if not np.issubdtype(y.dtype, np.integer) or y.min() < 0 or y.max() >= params["b2"].size:
        raise ValueError("labels must be integers in 0..d_out-1 (a -1 would silently pick the last class)")
    a = X @ params["W1"] + params["b1"]  # (n, d_hidden) pre-activation
    h = np.maximum(a, 0.0)  # ReLU
    z = h @ params["W2"] + params["b2"]  # (n, d_out) logits
    z = z - z.max(axis=1, keepdims=True)  # exp cannot overflow
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))  # log-softmax: no log(0) if a p underflows
    p = np.exp(log_p)
    loss = float(-log_p[np.arange(len(y)), y].mean())
    return loss, {"X": X, "y": y, "a": a, "h": h, "p": p}


def backward(params: Params, cache: dict) -> Params:
    """Gradients of the mean loss with respect to every parameter, by the chain rule."""
    X, y, a, h, p = cache["X"], cache["y"], cache["a"], cache["h"], cache["p"]
    n = len(y)
    dz = p.copy()
    dz[np.arange(n), y] -= 1.0
    dz /= n  # d loss / d logits = (p - onehot) / n
    dh = dz @ params["W2"].T
    da = dh * (a > 0)  # ReLU passes gradient only where it was active
    return {"W1": X.T @ da, "b1": da.sum(axis=0), "W2": h.T @ dz, "b2": dz.sum(axis=0)}


def numerical_gradient(f: Callable[[], float], x: np.ndarray, eps: float = 1e-5) -> np.ndarray:
    """Central differences (f(x + eps) - f(x - eps)) / (2 eps), one entry of x at a time, x changed in place."""
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + eps
        f_plus = f()
        x[idx] = old - eps
        f_minus = f()
        x[idx] = old  # restore before moving on
        grad[idx] = (f_plus - f_minus) / (2 * eps)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """max |a - b| / max(|a| + |b|), scale-free; about 1e-7 or less means the analytic gradient is right."""
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(a) + np.abs(b)), 1e-12))
