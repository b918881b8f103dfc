"""Next-token sampling with temperature, top-k and top-p (nucleus) filtering (NumPy only)."""

from __future__ import annotations

import numpy as np


def sampling_distribution(
    logits: np.ndarray, temperature: float = 1.0, top_k: int | None = None, top_p: float | None = None
) -> np.ndarray:
    """The probabilities actually sampled from: temperature, then top-k, then top-p, then renormalise."""
    logits = np.asarray(logits, dtype=float)
    if logits.ndim != 1 or logits.size == 0 or np.isnan(logits).any() or np.isposinf(logits).any():
        raise ValueError("logits must be a non-empty 1-D array without NaN or +inf (-inf masks a token)")
    if np.isneginf(logits).all():
        raise ValueError("every token is masked")
    if top_k is not None and (isinstance(top_k, bool) or not isinstance(top_k, (int, np.integer)) or top_k < 1):
        raise ValueError(f"top_k must be a positive integer or None, got {top_k!r}")
    if top_p is not None and not 0.0 < top_p <= 1.0:
        raise ValueError(f"top_p must lie in (0, 1], got {top_p!r}")
    if not 0 <= temperature < np.inf:  # also rejects NaN
        raise ValueError(f"temperature must be a finite number >= 0, got {temperature!r}")
    if temperature == 0:  # the limit T -> 0 is greedy decoding
        probs = np.zeros_like(logits)
        probs[np.argmax(logits)] = 1.0
        return probs
    with np.errstate(over="ignore"):  # shift first, then scale: (z - max) / T <= 0, so a tiny T gives -inf, not inf
        z = (logits - logits.max()) / temperature
    probs = np.exp(z)
    probs /= probs.sum()
    if top_k is not None and top_k < len(probs):
        cutoff = np.partition(probs, -top_k)[-top_k]  # k-th largest probability
        probs = np.where(probs >= cutoff, probs, 0.0)  # ties at the cutoff are all kept
    if top_p is not None and top_p < 1.0:
        order = np.argsort(probs)[::-1]
        sorted_p = probs[order] / probs.sum()
        mass_before = np.cumsum(sorted_p) - sorted_p
        keep = np.zeros(len(probs), dtype=bool)
        keep[order[mass_before < top_p]] = True  # smallest prefix whose mass reaches top_p; the top token always
        probs = np.where(keep, probs, 0.0)
    return probs / probs.sum()


def sample_token(
    logits: np.ndarray,
    rng: np.random.Generator,
    temperature: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
) -> int:
    """Draw one token id from the filtered distribution."""
    probs = sampling_distribution(logits, temperature, top_k, top_p)
    return int(rng.choice(len(probs), p=probs))
