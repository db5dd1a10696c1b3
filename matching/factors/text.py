"""Free-text similarity: hashed TF-IDF vectors, so a new vendor needs no refit."""

from __future__ import annotations

from collections import Counter

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from ..core.spelling import smooth_idf, weigh, weigh_in_place

N_FEATURES = 2**18


class TextModel:
    """Hashed term counts weighted by IDF learned at build time, L2-normalised."""

    def __init__(self) -> None:
        # scikit-learn is imported by the first index built, not by importing the library.
        from sklearn.feature_extraction.text import HashingVectorizer
        from sklearn.utils import murmurhash3_32

        self._hash = murmurhash3_32
        self.vectorizer = HashingVectorizer(
            n_features=N_FEATURES,
            alternate_sign=False,
            norm=None,
            stop_words="english",
            ngram_range=(1, 1),
            dtype=np.float32,
        )
        self._analyse = self.vectorizer.build_analyzer()
        self.idf: NDArray[np.float32] = np.ones(N_FEATURES, dtype=np.float32)
        self.col_max: NDArray[np.float32] = np.zeros(N_FEATURES, dtype=np.float32)

    def counts(self, texts: list[str]) -> sp.csr_matrix:
        """Raw hashed term counts."""
        return self.vectorizer.transform(texts)

    def fit_idf(self, df: NDArray[np.int64], n_docs: int) -> None:
        """Smooth IDF from document frequencies."""
        self.idf = smooth_idf(df, n_docs)

    def weigh(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        """Sublinear TF times IDF, rows scaled to unit length."""
        return weigh(counts, self.idf)

    def track(self, rows: sp.csr_matrix) -> None:
        """Raise the per-term maxima that bound any vendor's similarity."""
        if rows.nnz:
            np.maximum.at(self.col_max, rows.indices, rows.data)

    def bound(self, query: sp.csr_matrix) -> float:
        """Upper bound of the cosine similarity of ``query`` with any vendor."""
        return min(1.0, float(query.data @ self.col_max[query.indices]))

    def vector(self, text: str) -> sp.csr_matrix:
        """One weighted row for ``text``."""
        return weigh_in_place(self.count(text), self.idf)  # the counts are its own

    def count(self, text: str) -> sp.csr_matrix:
        """Raw hashed term counts of one text, as one row of :meth:`counts`: its words
        hashed the way the vectorizer hashes them, without its batch machinery (a
        third of a match's query cost)."""
        # A few dozen words: counted in Python, which costs less than numpy's unique.
        counts = Counter(abs(self._hash(word, seed=0)) % N_FEATURES for word in self._analyse(text))
        cols = sorted(counts)
        return sp.csr_matrix(
            (
                np.array([counts[c] for c in cols], dtype=np.float32),
                np.array(cols, dtype=np.int32),
                np.array([0, len(cols)]),
            ),
            shape=(1, N_FEATURES),
        )
