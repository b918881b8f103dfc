"""Impute + standardize numeric columns, impute + one-hot categorical columns; statistics come from fit only."""

from __future__ import annotations

import numpy as np


def _is_missing(col: np.ndarray) -> np.ndarray:
    """Boolean mask of missing entries in an object column: None, or a float NaN as pandas writes it."""
    return np.array([value is None or (isinstance(value, float) and value != value) for value in col], dtype=bool)


def _check(X_num: np.ndarray, X_cat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Two 2-D blocks with the same rows; numeric NaN and categorical None or NaN mark missing values."""
    X_num, X_cat = np.asarray(X_num, dtype=float), np.asarray(X_cat, dtype=object)
    if X_num.ndim != 2 or X_cat.ndim != 2 or len(X_num) != len(X_cat):
        raise ValueError("X_num and X_cat must be 2-D with the same number of rows")
    if np.isinf(X_num).any():
        raise ValueError("numeric columns must not hold infinity")
    return X_num, X_cat


class Preprocessor:
    """fit() learns means, scales, modes and categories from training rows; transform() only applies them."""

    def fit(self, X_num: np.ndarray, X_cat: np.ndarray) -> Preprocessor:
        X_num, X_cat = _check(X_num, X_cat)
        if len(X_num) == 0:
            raise ValueError("fit needs at least one training row")
        if np.isnan(X_num).all(axis=0).any():  # nothing to learn a mean from
            raise ValueError("a numeric column is missing in every training row")
        self.means = np.nanmean(X_num, axis=0)  # imputation values, NaN ignored
        std = np.where(np.isnan(X_num), self.means, X_num).std(axis=0)  # std after imputing
        self.scales = np.where(std == 0, 1.0, std)  # a constant column would divide by zero
        self.modes, self.categories = [], []
        for j, col in enumerate(X_cat.T):
            present = col[~_is_missing(col)]
            if present.size == 0:
                raise ValueError(f"categorical column {j} is missing in every training row")
            values, counts = np.unique(present.astype(str), return_counts=True)
            self.modes.append(values[counts.argmax()])  # most frequent; ties go to the first in sort order
            self.categories.append(values)  # one output column per category seen in training
        return self

    def transform(self, X_num: np.ndarray, X_cat: np.ndarray) -> np.ndarray:
        X_num, X_cat = _check(X_num, X_cat)
        if X_num.shape[1] != len(self.means) or X_cat.shape[1] != len(self.categories):
            raise ValueError("transform got a different number of columns than fit")
        filled = np.where(np.isnan(X_num), self.means, X_num)
        parts = [(filled - self.means) / self.scales]
        for j, col in enumerate(X_cat.T):
            col = np.where(_is_missing(col), self.modes[j], col).astype(str)
            parts.append((col[:, None] == self.categories[j][None, :]).astype(float))  # unseen -> all zeros
        return np.hstack(parts)

    def fit_transform(self, X_num: np.ndarray, X_cat: np.ndarray) -> np.ndarray:
        return self.fit(X_num, X_cat).transform(X_num, X_cat)
