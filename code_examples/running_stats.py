"""One-pass mean and variance of a stream: Welford's update plus Chan's merge for batches and workers."""

from __future__ import annotations

import math

import numpy as np


class RunningStats:
    """Keeps only n, the mean and M2 = sum of squared deviations from the mean: O(1) memory."""

    def __init__(self) -> None:
        self.n = 0
        self.mean = 0.0
        self.m2 = 0.0

    def update(self, x: float) -> None:
        """Add one value (Welford)."""
        x = float(x)
        if not math.isfinite(x):  # one NaN or inf would poison every later result
            raise ValueError(f"value must be finite, got {x}")
        self.n += 1
        delta = x - self.mean
        self.mean += delta / self.n
        self.m2 += delta * (x - self.mean)  # old deviation times new deviation

    def merge(self, other: RunningStats) -> None:
        """Absorb another summary (Chan et al.): the combine step of a map-reduce over workers or chunks."""
        if other.n == 0:
            return
        n = self.n + other.n
        delta = other.mean - self.mean
        self.mean += delta * other.n / n
        self.m2 += other.m2 + delta**2 * self.n * other.n / n
        self.n = n

    def update_batch(self, xs: np.ndarray) -> None:
        """Merge a whole chunk at once, e.g. one file of a dataset too big for memory."""
        xs = np.asarray(xs, dtype=float).ravel()
        if xs.size == 0:
            return
        if not np.isfinite(xs).all():
            raise ValueError("chunk contains NaN or infinity")
        chunk = RunningStats()
        chunk.n, chunk.mean = xs.size, float(xs.mean())
        chunk.m2 = float(((xs - chunk.mean) ** 2).sum())  # two-pass within the chunk: no cancellation
        self.merge(chunk)

    @property
    def variance(self) -> float:
        """Population variance (divide by n); NaN for an empty stream, as np.var([]) gives."""
        return self.m2 / self.n if self.n else float("nan")

    @property
    def sample_variance(self) -> float:
        """Unbiased sample variance (divide by n - 1); NaN until two values have arrived."""
        return self.m2 / (self.n - 1) if self.n > 1 else float("nan")
