"""One-pass mean and variance of a stream: Welford's update plus Chan's merge for batches."""

from __future__ import annotations

import numpy as np


class RunningStats:
    """Keeps only n, the mean and M2 = sum of squared deviations from the mean: O(1) memory."""

    def __init__(self) -> None:
        self.n = 0
        self.mean = 0.0
        self.m2 = 0.0

    def update(self, x: float) -> None:
        """Add one value (Welford)."""
        self.n += 1
        delta = x - self.mean
        self.mean += delta / self.n
        self.m2 += delta * (x - self.mean)  # old deviation times new deviation

    def update_batch(self, xs: np.ndarray) -> None:
        """Merge a whole chunk at once (Chan et al.), e.g. one file of a dataset too big for memory."""
        xs = np.asarray(xs, dtype=float)
        if xs.size == 0:
            return
        nb, mean_b = xs.size, float(xs.mean())
        m2_b = float(((xs - mean_b) ** 2).sum())
        n = self.n + nb
        delta = mean_b - self.mean
        self.mean += delta * nb / n
        self.m2 += m2_b + delta**2 * self.n * nb / n
        self.n = n

    @property
    def variance(self) -> float:
        """Population variance (divide by n)."""
        return self.m2 / self.n if self.n else float("nan")

    @property
    def sample_variance(self) -> float:
        """Unbiased sample variance (divide by n - 1)."""
        return self.m2 / (self.n - 1) if self.n > 1 else float("nan")
