"""Text similarity between a scope's words and vendor descriptions, for chosen slots only."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from ..core.records import Scope
from ..factors.skill import free_texts
from ..store.vendors import VendorStore


def query_vector(store: VendorStore, scope: Scope) -> sp.csr_matrix:
    """The scope's title, description and free-text skills (those the taxonomy does not
    know, which only text can match) as one weighted row of the store's text model."""
    words = " ".join([scope.title, scope.description, *free_texts(scope.skills, store.taxonomy)])
    return store.text_model.vector(words)


def dense_query(query: sp.csr_matrix) -> NDArray[np.float32] | None:
    """``query`` as a dense vector, or None when it has no known terms."""
    if query.nnz == 0:
        return None
    dense = np.zeros(query.shape[1], dtype=np.float32)
    dense[query.indices] = query.data
    return dense


def text_similarity(
    store: VendorStore, query: NDArray[np.float32] | None, slots: NDArray[np.intp]
) -> NDArray[np.float32]:
    """Cosine similarity of ``slots`` with a dense query (None: no query terms), in [0, 1]."""
    if len(slots) == 0 or query is None:
        return np.zeros(len(slots), dtype=np.float32)
    sims: NDArray[np.float32] = np.clip(store.text.dot(slots, query), 0.0, 1.0)
    return sims
