"""Character and word n-gram vectors of short skill names, hashed so new names need no refit.

Skill names are compared by spelling (character n-grams within words, hashed, so a
vector made today compares with one made before) and by the words they share. IDF
learned from a set of names (see :class:`NameVectors`) makes common words such as
"design" or "services" count for less than rare ones. The same smooth IDF and
sublinear TF-IDF weighting (:func:`smooth_idf`, :func:`weigh`) serve the text factor's
vendor descriptions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import HashingVectorizer

N_FEATURES = 2**20  # wide enough that distinct short grams rarely collide
_SEPARATORS = re.compile(r"[^0-9a-z+#]+")
_NUMBERS = re.compile(r"[0-9]+")


@cache
def char_grams() -> HashingVectorizer:
    """The character n-gram hasher, made on first use: importing scikit-learn takes
    seconds, and most processes that load the library never compare spellings."""
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        analyzer="char_wb",
        ngram_range=(2, 4),
        n_features=N_FEATURES,
        alternate_sign=False,
        norm=None,
        dtype=np.float32,
    )


def plain(text: str) -> str:
    """Lower case words separated by single spaces: 'SAP FI/CO' -> 'sap fi co'."""
    return " ".join(_SEPARATORS.split(text.casefold())).strip()


def unit_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """``matrix`` with every non-empty row scaled to unit length (a new matrix)."""
    out = sp.csr_matrix(matrix, dtype=np.float32, copy=True)
    _normalise(out)
    return out


def _normalise(matrix: sp.csr_matrix) -> None:
    """Scale every non-empty row of ``matrix`` to unit length, in place."""
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    norms = np.sqrt(np.bincount(rows, weights=matrix.data**2, minlength=matrix.shape[0]))
    matrix.data /= np.maximum(norms[rows], 1e-12).astype(np.float32)


def char_vectors(texts: Sequence[str]) -> sp.csr_matrix:
    """Unit-length character n-gram counts: their dot product is a spelling similarity."""
    return unit_rows(char_grams().transform([plain(t) for t in texts]))


class NameVectors:
    """Character n-grams and words of a set of names, each weighted by IDF over that set.

    A word the set never uses gets the largest IDF, so an unknown word in a query
    keeps its weight and lowers the similarity to names that lack it.
    """

    def __init__(self, names: Sequence[str]) -> None:
        texts = [plain(n) for n in names]
        char_counts = char_grams().transform(texts)
        char_df = np.bincount(char_counts.indices, minlength=N_FEATURES)
        self.char_idf = smooth_idf(char_df, len(texts))
        # column-major: a query reads only the columns of its own n-grams
        self.chars = weigh(char_counts, self.char_idf).tocsc()
        self.vocabulary: dict[str, int] = {}
        rows, cols = [], []
        for i, text in enumerate(texts):
            for word in set(text.split()):
                rows.append(i)
                cols.append(self.vocabulary.setdefault(word, len(self.vocabulary)))
        ones = np.ones(len(rows), dtype=np.float32)
        shape = (len(texts), len(self.vocabulary))
        word_counts = sp.csr_matrix((ones, (rows, cols)), shape=shape)
        self.word_idf = smooth_idf(np.bincount(cols, minlength=shape[1]), len(texts))
        self.unseen_idf = float(np.log(1.0 + len(texts)) + 1.0)
        self.words = weigh(word_counts, self.word_idf)

    def similarity(self, text: str) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
        """Cosine similarity of ``text`` with every name: by characters and by words."""
        query = plain(text)
        chars = char_grams().transform([query])
        grams = chars.indices
        weights = (1.0 + np.log(chars.data)) * self.char_idf[grams]
        weights /= max(float(np.sqrt(weights @ weights)), 1e-12)
        by_chars = np.asarray(self.chars[:, grams] @ weights, dtype=np.float32).ravel()
        words = set(query.split())
        known = [self.vocabulary[w] for w in words if w in self.vocabulary]
        weights = self.word_idf[known]
        unseen = len(words) - len(known)
        norm = float(np.sqrt(weights @ weights + unseen * self.unseen_idf**2))
        dense = np.zeros(len(self.vocabulary), dtype=np.float32)
        if norm > 0:
            dense[known] = weights / norm
        by_words = np.asarray(self.words @ dense, dtype=np.float32).ravel()
        return by_chars, by_words


def weigh(counts: sp.csr_matrix, idf: NDArray[np.float32]) -> sp.csr_matrix:
    """Sublinear term counts times IDF, rows scaled to unit length (a new matrix)."""
    return weigh_in_place(sp.csr_matrix(counts, dtype=np.float32, copy=True), idf)


def weigh_in_place(counts: sp.csr_matrix, idf: NDArray[np.float32]) -> sp.csr_matrix:
    """:func:`weigh` for float32 ``counts`` the caller made for it: overwritten, returned."""
    counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
    _normalise(counts)
    return counts


def smooth_idf(df: NDArray[np.int64], n_docs: int) -> NDArray[np.float32]:
    """Smooth IDF per term from document frequencies; unseen terms get the largest value."""
    return (np.log((1.0 + n_docs) / (1.0 + df)) + 1.0).astype(np.float32)


def typo_budget(key: str) -> int:
    """Edits a misspelling of ``key`` may be away: none under five letters (too many short
    words are one edit apart), one up to eight, two from nine."""
    return 0 if len(key) < 5 else 1 if len(key) < 9 else 2


def same_numbers(key: str, other: str) -> bool:
    """Whether two keys hold the same numbers: 'ISO 9001' and 'ISO 27001' differ."""
    return _NUMBERS.findall(key) == _NUMBERS.findall(other)


def is_typo(key: str, other: str) -> bool:
    """Whether two skill keys are within :func:`typo_budget` edits of each other and
    hold the same numbers."""
    budget = min(typo_budget(key), typo_budget(other))
    return (
        abs(len(key) - len(other)) <= budget
        and same_numbers(key, other)
        and edit_distance(key, other) <= budget
    )


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, swaps."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[-1]
