"""Chosen rows of a CSR matrix times a dense vector, through scipy's compiled kernels.

``matrix[rows] @ vector`` spends most of its time in scipy's Python layers (index
checks, dtype probes, building and validating the gathered matrix) for the few
thousand rows a match scores; the kernels it ends in, a row gather and a sparse
product, cost a fifth of it. Calling them directly gives the same values bit for
bit: the same entries, summed in the same order by the same code.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

try:  # private since scipy 0.x, and what its own row indexing and products call
    from scipy.sparse._sparsetools import csr_matvec, csr_row_index
except ImportError:  # pragma: no cover - a scipy that moved them: the public way below
    csr_matvec = csr_row_index = None


def rows_dot(
    matrix: sp.csr_matrix, rows: NDArray[np.integer], vector: NDArray[Any]
) -> NDArray[Any]:
    """``matrix[rows] @ vector`` (``rows`` in any order), the same values.

    The kernels take the matrix's arrays as they are, so they are used only when
    its indices and offsets share one integer type and its values the vector's
    type; anything else takes scipy's public (slower) way.

    Raises
    ------
    IndexError
        On a row outside the matrix (the kernels do not check).
    """
    indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
    if (
        csr_row_index is None
        or indices.dtype != indptr.dtype
        or data.dtype != vector.dtype
        or vector.shape != (matrix.shape[1],)
        or len(rows) == 0
    ):
        product: NDArray[Any] = matrix[rows] @ vector
        return product
    if rows.min() < 0 or rows.max() >= matrix.shape[0]:
        raise IndexError(f"rows outside a matrix of {matrix.shape[0]} rows")
    at = rows.astype(indptr.dtype, copy=False)
    starts = indptr[at]
    offsets = np.zeros(len(at) + 1, dtype=indptr.dtype)
    np.cumsum(indptr[at + 1] - starts, out=offsets[1:])
    nnz = int(offsets[-1])
    picked_indices = np.empty(nnz, dtype=indices.dtype)
    picked_data = np.empty(nnz, dtype=data.dtype)
    csr_row_index(len(at), at, indptr, indices, data, picked_indices, picked_data)
    out = np.zeros(len(at), dtype=data.dtype)
    csr_matvec(len(at), matrix.shape[1], offsets, picked_indices, picked_data, vector, out)
    return out
