"""Two-proportion z-test and confidence interval for an A/B test on conversion rates (standard library only)."""

from __future__ import annotations

import math
from statistics import NormalDist

STD_NORMAL = NormalDist()


def two_proportion_ztest(
    conv_a: int, n_a: int, conv_b: int, n_b: int, alternative: str = "two-sided"
) -> tuple[float, float]:
    """Return (z, p-value) for H0: p_a = p_b, with the pooled standard error that H0 implies."""
    p_a, p_b = conv_a / n_a, conv_b / n_b
    pooled = (conv_a + conv_b) / (n_a + n_b)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    z = (p_b - p_a) / se
    if alternative == "two-sided":
        p = 2 * STD_NORMAL.cdf(-abs(z))  # the tail as cdf(-|z|), not 1 - cdf, keeps tiny p-values
    elif alternative == "larger":  # H1: p_b > p_a
        p = STD_NORMAL.cdf(-z)
    elif alternative == "smaller":
        p = STD_NORMAL.cdf(z)
    else:
        raise ValueError("alternative must be 'two-sided', 'larger' or 'smaller'")
    return z, float(p)


def diff_confidence_interval(
    conv_a: int, n_a: int, conv_b: int, n_b: int, confidence: float = 0.95
) -> tuple[float, float]:
    """Wald interval for p_b - p_a with the unpooled standard error (no H0 to pool under)."""
    p_a, p_b = conv_a / n_a, conv_b / n_b
    se = math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)
    z = STD_NORMAL.inv_cdf(0.5 + confidence / 2)
    return p_b - p_a - z * se, p_b - p_a + z * se
