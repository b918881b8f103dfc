"""TF-IDF that reproduces scikit-learn's TfidfVectorizer defaults (NumPy and re only)."""

from __future__ import annotations

import re

import numpy as np

TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default: words of two or more characters


def _check(docs: list[str]) -> None:
    """A bare string would be iterated character by character, each letter read as a document."""
    if isinstance(docs, str) or not all(isinstance(doc, str) for doc in docs):
        raise TypeError("docs must be a list of strings, not a single string")


class TfidfFromScratch:
    """Raw counts times smooth idf = ln((1 + n) / (1 + df)) + 1, then each row scaled to unit L2 norm."""

    def __init__(self) -> None:
        self.vocabulary: dict[str, int] = {}
        self.idf = np.zeros(0)

    @staticmethod
    def _tokens(doc: str) -> list[str]:
        return TOKEN.findall(doc.lower())

    def _counts(self, docs: list[str]) -> np.ndarray:
        tf = np.zeros((len(docs), len(self.vocabulary)))
        for i, doc in enumerate(docs):
            for tok in self._tokens(doc):
                j = self.vocabulary.get(tok)
                if j is not None:  # words unseen in training are dropped
                    tf[i, j] += 1
        return tf

    def fit(self, docs: list[str]) -> TfidfFromScratch:
        _check(docs)
        terms = sorted({tok for doc in docs for tok in self._tokens(doc)})
        if not terms:
            raise ValueError("empty vocabulary: no document has a token of two or more word characters")
        self.vocabulary = {t: j for j, t in enumerate(terms)}
        df = (self._counts(docs) > 0).sum(axis=0)  # documents containing each term
        n = len(docs)
        self.idf = np.log((1 + n) / (1 + df)) + 1  # as if one extra document held every term once
        return self

    def transform(self, docs: list[str]) -> np.ndarray:
        _check(docs)
        X = self._counts(docs) * self.idf
        norms = np.linalg.norm(X, axis=1, keepdims=True)
        return np.divide(X, norms, out=np.zeros_like(X), where=norms > 0)  # an empty row stays zero

    def fit_transform(self, docs: list[str]) -> np.ndarray:
        return self.fit(docs).transform(docs)
