"""Impute + standardize numeric columns, impute + one-hot categorical columns; statistics come from fit only."""

from __future__ import annotations

import numpy as np


def _is_missing(col: np.ndarray) -> np.ndarray:
    """Boolean mask of None entries in an object column."""
    return np.array([value is None for value in col], dtype=bool)


class Preprocessor:
    """fit() learns means, scales, modes and categories from training rows; transform() only applies them."""

    def fit(self, X_num: np.ndarray, X_cat: np.ndarray) -> Preprocessor:
        X_num = np.asarray(X_num, dtype=float)
        self.means = np.nanmean(X_num, axis=0)  # imputation values, NaN ignored
        std = np.where(np.isnan(X_num), self.means, X_num).std(axis=0)  # std after imputing
        self.scales = np.where(std == 0, 1.0, std)  # a constant column would divide by zero
        self.modes, self.categories = [], []
        for col in np.asarray(X_cat, dtype=object).T:
            present = col[~_is_missing(col)]
            values, counts = np.unique(present.astype(str), return_counts=True)
            self.modes.append(values[counts.argmax()])  # most frequent; ties go to the first in sort order
            self.categories.append(values)  # one output column per category seen in training
        return self

    def transform(self, X_num: np.ndarray, X_cat: np.ndarray) -> np.ndarray:
        X_num = np.asarray(X_num, dtype=float)
        filled = np.where(np.isnan(X_num), self.means, X_num)
        parts = [(filled - self.means) / self.scales]
        for j, col in enumerate(np.asarray(X_cat, dtype=object).T):
            col = np.where(_is_missing(col), self.modes[j], col).astype(str)
            parts.append((col[:, None] == self.categories[j][None, :]).astype(float))  # unseen -> all zeros
        return np.hstack(parts)

    def fit_transform(self, X_num: np.ndarray, X_cat: np.ndarray) -> np.ndarray:
        return self.fit(X_num, X_cat).transform(X_num, X_cat)
