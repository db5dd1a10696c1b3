"""Free-text similarity: hashed TF-IDF vectors, so a new vendor needs no refit."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from sklearn.feature_extraction.text import HashingVectorizer

N_FEATURES = 2**18


class TextModel:
    """Hashed term counts weighted by IDF learned at build time, L2-normalised."""

    def __init__(self) -> None:
        self.vectorizer = HashingVectorizer(
            n_features=N_FEATURES,
            alternate_sign=False,
            norm=None,
            stop_words="english",
            ngram_range=(1, 1),
            dtype=np.float32,
        )
        self.idf: NDArray[np.float32] = np.ones(N_FEATURES, dtype=np.float32)
        self.col_max: NDArray[np.float32] = np.zeros(N_FEATURES, dtype=np.float32)

    def counts(self, texts: list[str]) -> sp.csr_matrix:
        """Raw hashed term counts."""
        return self.vectorizer.transform(texts)

    def fit_idf(self, df: NDArray[np.int64], n_docs: int) -> None:
        """Smooth IDF from document frequencies."""
        self.idf = (np.log((1.0 + n_docs) / (1.0 + df)) + 1.0).astype(np.float32)

    def weigh(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        """Sublinear TF times IDF, rows scaled to unit length."""
        out = counts.astype(np.float32)
        out.data = (1.0 + np.log(out.data)) * self.idf[out.indices]
        rows = np.repeat(np.arange(out.shape[0]), np.diff(out.indptr))
        norms = np.sqrt(np.bincount(rows, weights=out.data**2, minlength=out.shape[0]))
        out.data /= norms[rows].astype(np.float32)
        return out

    def track(self, rows: sp.csr_matrix) -> None:
        """Raise the per-term maxima that bound any vendor's similarity."""
        if rows.nnz:
            np.maximum.at(self.col_max, rows.indices, rows.data)

    def bound(self, query: sp.csr_matrix) -> float:
        """Upper bound of the cosine similarity of ``query`` with any vendor."""
        return min(1.0, float(query.data @ self.col_max[query.indices]))

    def vector(self, text: str) -> sp.csr_matrix:
        """One weighted row for ``text``."""
        return self.weigh(self.counts([text]))
