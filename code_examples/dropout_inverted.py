"""Inverted dropout: forward in train and eval mode, and its backward pass (NumPy only)."""

from __future__ import annotations

import numpy as np


def dropout_forward(
    x: np.ndarray, p: float, training: bool, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray | None]:
    """Zero each entry with probability p and scale survivors by 1 / (1 - p), so E[output] = x.

    In eval mode (training=False) the layer is the identity and no mask is drawn.
    Returns the output and the scaled mask that the backward pass needs.
    """
    if not 0.0 <= p < 1.0:
        raise ValueError("p must be in [0, 1)")
    if not training or p == 0.0:
        return x, None
    mask = (rng.random(x.shape) >= p) / (1.0 - p)  # entries are 0 or 1 / (1 - p)
    return x * mask, mask


def dropout_backward(dout: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
    """The gradient flows only through the kept units, with the same 1 / (1 - p) scale."""
    return dout if mask is None else dout * mask
