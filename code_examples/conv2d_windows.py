"""2-D convolution (cross-correlation, as deep-learning layers compute it) with stride and padding (NumPy only)."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv_output_size(n: int, k: int, stride: int = 1, padding: int = 0) -> int:
    """floor((n + 2 * padding - k) / stride) + 1, the output length along one spatial axis."""
    if stride < 1 or padding < 0 or k < 1:
        raise ValueError("need stride >= 1, padding >= 0 and a kernel of at least 1")
    if n + 2 * padding < k:
        raise ValueError("kernel larger than the padded input")
    return (n + 2 * padding - k) // stride + 1


def conv2d(x: np.ndarray, w: np.ndarray, b: np.ndarray | None = None, stride: int = 1, padding: int = 0) -> np.ndarray:
    """x: (c_in, h, w) image, w: (c_out, c_in, kh, kw) filters, b: (c_out,). Returns (c_out, h_out, w_out).

    Like PyTorch's Conv2d the kernel is not flipped: each output is a dot product of a filter with a patch.
    """
    if x.ndim != 3 or w.ndim != 4:
        raise ValueError("x must be (c_in, h, w) and w must be (c_out, c_in, kh, kw)")
    c_out, c_in, kh, kw = w.shape
    if x.shape[0] != c_in:
        raise ValueError("channel mismatch between x and w")
    if b is not None and np.shape(b) != (c_out,):
        raise ValueError(f"b must have shape ({c_out},)")
    h_out = conv_output_size(x.shape[1], kh, stride, padding)
    w_out = conv_output_size(x.shape[2], kw, stride, padding)
    xp = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))  # zero padding on the two spatial axes
    patches = sliding_window_view(xp, (kh, kw), axis=(1, 2))  # (c_in, H', W', kh, kw), a view: no copy
    patches = patches[:, ::stride, ::stride][:, :h_out, :w_out]  # keep every stride-th window
    out = np.einsum("cyxij,ocij->oyx", patches, w)  # sum over input channels and kernel cells
    return out if b is None else out + b[:, None, None]
