"""Byte-pair-encoding merge learning and encoding on a word-frequency corpus (pure Python)."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

END = "_"  # end-of-word marker, so a suffix piece such as "st_" differs from a word-internal "st"


def _pair_counts(words: dict[tuple[str, ...], int]) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for symbols, freq in words.items():
        for pair in pairwise(symbols):
            counts[pair] += freq  # a pair inside a word seen 5 times counts 5
    return counts


def _merge(symbols: tuple[str, ...], pair: tuple[str, str]) -> tuple[str, ...]:
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            out.append(symbols[i] + symbols[i + 1])
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return tuple(out)


def learn_bpe(word_counts: dict[str, int], n_merges: int) -> list[tuple[str, str]]:
    """Merges in the order learned; each joins the most frequent adjacent pair (ties: the pair that sorts first)."""
    if n_merges < 0 or any(END in word or freq < 1 for word, freq in word_counts.items()):
        raise ValueError(f"need n_merges >= 0, positive counts, and no {END!r} inside a word")
    words = {(*word, END): freq for word, freq in word_counts.items()}
    merges: list[tuple[str, str]] = []
    for _ in range(n_merges):
        counts = _pair_counts(words)
        if not counts:
            break  # every word is a single symbol
        best = min(counts, key=lambda p: (-counts[p], p))
        merges.append(best)
        words = {_merge(symbols, best): freq for symbols, freq in words.items()}
    return merges


def encode_word(word: str, merges: list[tuple[str, str]]) -> list[str]:
    """Segment a word by repeatedly applying the earliest-learned merge that occurs in it."""
    rank = {pair: i for i, pair in enumerate(merges)}
    symbols = (*word, END)
    while len(symbols) > 1:
        pairs = [p for p in pairwise(symbols) if p in rank]
        if not pairs:
            break
        symbols = _merge(symbols, min(pairs, key=rank.__getitem__))
    return list(symbols)
