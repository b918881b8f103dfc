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
        n = self.n + 1
        delta = x - self.mean
        mean = self.mean + delta / n
        m2 = self.m2 + delta * (x - mean)  # old deviation times new deviation
        self._commit(n, mean, m2)

    def _commit(self, n: int, mean: float, m2: float) -> None:
        """Store the new state only if it is finite: values near 1e308 can overflow delta or M2."""
        if not (math.isfinite(mean) and math.isfinite(m2)):
            raise OverflowError("mean or M2 overflowed float64; rescale the data (the summary is unchanged)")
        self.n, self.mean, self.m2 = n, mean, m2

    def merge(self, other: RunningStats) -> None:
        """Absorb another summary (Chan et al.): the combine step of a map-reduce over workers or chunks."""
        if other.n == 0:
            return
        if self.n == 0:  # copy: delta**2 * 0 would be inf * 0 = NaN for a mean near the float limit
            self.n, self.mean, self.m2 = other.n, other.mean, other.m2
            return
        n = self.n + other.n
        delta = other.mean - self.mean
        mean = self.mean + delta * (other.n / n)
        m2 = self.m2 + other.m2 + delta * delta * (self.n * other.n / n)  # delta * delta gives inf, ** raises
        self._commit(n, mean, m2)

    def update_batch(self, xs: np.ndarray) -> None:
        """Merge a whole chunk at once, e.g. one file of a dataset too big for memory."""
        xs = np.asarray(xs, dtype=float).ravel()
        if xs.size == 0:
            return
        if not np.isfinite(xs).all():
            raise ValueError("chunk contains NaN or infinity")
        chunk = RunningStats()
        scale = float(np.abs(xs).max()) or 1.0  # sum xs / scale, so a mean near 1e308 does not overflow
        with np.errstate(over="ignore", invalid="ignore"):  # a true overflow shows up as a non-finite value
            mean = scale * float((xs / scale).mean())
            m2 = float(((xs - mean) ** 2).sum())  # two-pass within the chunk: no cancellation
        chunk._commit(xs.size, mean, m2)
        self.merge(chunk)

    @property
    def variance(self) -> float:
        """Population variance (divide by n); NaN for an empty stream, as np.var([]) gives."""
        return self.m2 / self.n if self.n else float("nan")

    @property
    def sample_variance(self) -> float:
        """Unbiased sample variance (divide by n - 1); NaN until two values have arrived."""
        return self.m2 / (self.n - 1) if self.n > 1 else float("nan")
