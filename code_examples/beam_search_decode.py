"""Beam search over a next-token model, with length normalisation (NumPy only)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Hypothesis = tuple[tuple[int, ...], float]


def beam_search(
    next_log_probs: Callable[[tuple[int, ...]], np.ndarray],
    bos: int,
    eos: int,
    beam_width: int,
    max_len: int,
    alpha: float = 0.0,
) -> list[Hypothesis]:
    """Return finished hypotheses (tokens after bos, score), best first.

    next_log_probs(prefix) gives log P(token | prefix) over the vocabulary. A hypothesis ends when it
    emits eos or reaches max_len new tokens. The final score is sum(log p) / length ** alpha:
    alpha = 0 is the raw log-probability (favours short outputs), alpha = 1 the mean per token.
    """
    if beam_width < 1 or max_len < 1:
        raise ValueError("need beam_width >= 1 and max_len >= 1")
    beams: list[Hypothesis] = [((bos,), 0.0)]
    finished: list[Hypothesis] = []
    for _ in range(max_len):
        candidates: list[Hypothesis] = []
        for tokens, score in beams:
            log_p = np.asarray(next_log_probs(tokens), dtype=float)
            if log_p.ndim != 1 or np.isnan(log_p).any() or np.isposinf(log_p).any():  # NaN would rank arbitrarily
                raise ValueError("next_log_probs must return a 1-D array of log-probabilities without NaN or +inf")
            # only a beam's own best beam_width extensions can make the global top beam_width
            for tok in np.argsort(-log_p, kind="stable")[:beam_width]:  # equal log-probs: lower token id first
                candidates.append((tokens + (int(tok),), score + float(log_p[tok])))
        # stable sort: equal scores keep the earlier beam first, then the lower token id within a beam
        candidates.sort(key=lambda c: c[1], reverse=True)
        beams = []
        for tokens, score in candidates[:beam_width]:
            (finished if tokens[-1] == eos else beams).append((tokens, score))
        if not beams:  # every surviving hypothesis has ended
            break
    finished.extend(beams)  # hypotheses cut off by max_len
    scored = [(tokens[1:], score / (len(tokens) - 1) ** alpha) for tokens, score in finished]
    return sorted(scored, key=lambda c: c[1], reverse=True)
