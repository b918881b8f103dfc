"""Scaled dot-product attention and causal multi-head self-attention (NumPy only)."""

from __future__ import annotations

import numpy as np


def stable_softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """Softmax along axis after subtracting the max; entries equal to -inf get probability 0."""
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def causal_mask(t: int) -> np.ndarray:
    """Boolean (t, t) mask, True where query i may look at key j, i.e. j <= i."""
    return np.tril(np.ones((t, t), dtype=bool))


def scaled_dot_product_attention(
    q: np.ndarray, k: np.ndarray, v: np.ndarray, mask: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """softmax(q k^T / sqrt(d_k)) v over the last two axes.

    q: (..., t_q, d_k), k: (..., t_k, d_k), v: (..., t_k, d_v); mask broadcasts to (..., t_q, t_k)
    with True meaning "may attend". A query row with no allowed key is rejected (its softmax would be NaN).
    Returns the output (..., t_q, d_v) and the attention weights (..., t_q, t_k).
    """
    if q.shape[-1] != k.shape[-1] or k.shape[-2] != v.shape[-2]:
        raise ValueError("need q and k with the same d_k, and one value row per key")
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if mask is not None:
        if not np.broadcast_to(mask, scores.shape).any(axis=-1).all():  # all -inf would give 0/0 = NaN
            raise ValueError("every query must be allowed at least one key")
        scores = np.where(mask, scores, -np.inf)  # exp(-inf) = 0: masked keys get zero weight
    weights = stable_softmax(scores, axis=-1)
    return weights @ v, weights


def multi_head_attention(
    x: np.ndarray,
    w_q: np.ndarray,
    w_k: np.ndarray,
    w_v: np.ndarray,
    w_o: np.ndarray,
    n_heads: int,
    causal: bool = True,
) -> np.ndarray:
    """Self-attention over x of shape (batch, t, d_model); every weight matrix is (d_model, d_model)."""
    b, t, d_model = x.shape
    if n_heads < 1 or d_model % n_heads:
        raise ValueError("n_heads must be a positive divisor of d_model")
    if any(w.shape != (d_model, d_model) for w in (w_q, w_k, w_v, w_o)):
        raise ValueError(f"every weight matrix must be ({d_model}, {d_model})")
    d_head = d_model // n_heads

    def split_heads(m: np.ndarray) -> np.ndarray:  # (b, t, d_model) -> (b, heads, t, d_head)
        return m.reshape(b, t, n_heads, d_head).transpose(0, 2, 1, 3)

    q, k, v = split_heads(x @ w_q), split_heads(x @ w_k), split_heads(x @ w_v)
    out, _ = scaled_dot_product_attention(q, k, v, causal_mask(t) if causal else None)
    out = out.transpose(0, 2, 1, 3).reshape(b, t, d_model)  # concatenate the heads back
    return out @ w_o
