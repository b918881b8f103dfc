"""Two-proportion z-test and confidence interval for an A/B test on conversion rates (standard library only)."""

from __future__ import annotations

import math
import operator
from statistics import NormalDist

SQRT2 = math.sqrt(2.0)


def _counts(conv: int, n: int, arm: str) -> tuple[int, int]:
    """Reject what is not a count: floats, bools, n < 1, conversions outside 0..n."""
    if isinstance(conv, bool) or isinstance(n, bool):
        raise TypeError(f"arm {arm}: counts must be integers, not bool")
    conv, n = operator.index(conv), operator.index(n)  # accepts int and NumPy integers, rejects 3.0
    if n < 1:
        raise ValueError(f"arm {arm}: n must be at least 1, got {n}")
    if not 0 <= conv <= n:
        raise ValueError(f"arm {arm}: conversions must lie in 0..{n}, got {conv}")
    return conv, n


def two_proportion_ztest(
    conv_a: int, n_a: int, conv_b: int, n_b: int, alternative: str = "two-sided"
) -> tuple[float, float]:
    """Return (z, p-value) for H0: p_a = p_b, with the pooled standard error that H0 implies."""
    if alternative not in ("two-sided", "larger", "smaller"):
        raise ValueError("alternative must be 'two-sided', 'larger' or 'smaller'")
    conv_a, n_a = _counts(conv_a, n_a, "A")
    conv_b, n_b = _counts(conv_b, n_b, "B")
    pooled = (conv_a + conv_b) / (n_a + n_b)
    if pooled in (0.0, 1.0):
        # Nobody (or everybody) converted in either arm: the null variance is 0 and z is 0/0.
        raise ValueError("no variation: every user in both arms had the same outcome")
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    z = (conv_b / n_b - conv_a / n_a) / se
    # erfc gives each tail directly; 1 - cdf, or cdf built as 0.5 * (1 + erf), rounds tiny tails to 0.
    if alternative == "two-sided":
        p = math.erfc(abs(z) / SQRT2)
    elif alternative == "larger":  # H1: p_b > p_a
        p = 0.5 * math.erfc(z / SQRT2)
    else:  # H1: p_b < p_a
        p = 0.5 * math.erfc(-z / SQRT2)
    return z, p


def diff_confidence_interval(
    conv_a: int, n_a: int, conv_b: int, n_b: int, confidence: float = 0.95
) -> tuple[float, float]:
    """Wald interval for p_b - p_a with the unpooled standard error (no H0 to pool under)."""
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie in (0, 1), got {confidence}")
    conv_a, n_a = _counts(conv_a, n_a, "A")
    conv_b, n_b = _counts(conv_b, n_b, "B")
    p_a, p_b = conv_a / n_a, conv_b / n_b
    se = math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)
    if se == 0.0:
        # Both rates are 0 or 1: the Wald interval collapses to a point, which claims false certainty.
        raise ValueError("Wald interval is degenerate when both rates are 0 or 1; use Newcombe or an exact method")
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    return p_b - p_a - z * se, p_b - p_a + z * se
