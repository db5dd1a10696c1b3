"""A sparse matrix with cheap row replacement: a compacted base plus a delta of new rows."""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from .row_product import rows_dot

Row = tuple[NDArray[np.int32], NDArray[Any]]  # (column indices, values) of one row


class OverlayMatrix:
    """Row-addressable sparse matrix (slots x columns) for a growing, changing population.

    Replaced or appended rows go to a small delta; reads combine base and delta;
    :meth:`compact` folds the delta into the base in one sparse operation.
    """

    def __init__(self, n_cols: int, dtype: type[np.generic] = np.float32) -> None:
        self.n_cols = n_cols
        self.dtype = dtype
        self.base = sp.csr_matrix((0, n_cols), dtype=dtype)
        self.base_csc: sp.csc_matrix | None = None
        self.delta: dict[int, Row] = {}
        self._delta_csr: sp.csr_matrix | None = None
        self._delta_slots: NDArray[np.int64] = np.zeros(0, dtype=np.int64)

    @property
    def n_base(self) -> int:
        """Rows held in the base."""
        return int(self.base.shape[0])

    def set_base(self, matrix: sp.csr_matrix, with_csc: bool = False) -> None:
        """Replace the base and clear the delta."""
        # The matrix becomes the base as it is (no copy when it is CSR of this dtype).
        self.base = matrix.astype(self.dtype, copy=False).tocsr()
        self.base.sort_indices()
        self.base_csc = _with_wide_indices(self.base.tocsc()) if with_csc else None
        self.delta.clear()
        self._delta_csr = None

    def widen(self, n_cols: int) -> None:
        """Add empty columns up to ``n_cols`` (free-text skills grow their vocabulary)."""
        if n_cols <= self.n_cols:
            return
        base = self.base
        self.base = sp.csr_matrix(
            (base.data, base.indices, base.indptr), shape=(base.shape[0], n_cols)
        )
        if self.base_csc is not None:
            csc = self.base_csc
            tail = np.full(n_cols - self.n_cols, csc.indptr[-1], dtype=csc.indptr.dtype)
            indptr = np.concatenate([csc.indptr, tail])
            self.base_csc = _with_wide_indices(
                sp.csc_matrix((csc.data, csc.indices, indptr), shape=(csc.shape[0], n_cols))
            )
        self.n_cols = n_cols
        self._delta_csr = None

    def row(self, slot: int) -> Row:
        """Column indices and values of one row."""
        if slot in self.delta:
            return self.delta[slot]
        if slot >= self.n_base:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=self.dtype)
        lo, hi = self.base.indptr[slot], self.base.indptr[slot + 1]
        return self.base.indices[lo:hi], self.base.data[lo:hi]

    def put(self, slot: int, cols: NDArray[Any], vals: NDArray[Any]) -> None:
        """Replace (or append) one row."""
        self.delta[slot] = (np.asarray(cols, dtype=np.int32), np.asarray(vals, dtype=self.dtype))
        self._delta_csr = None

    def delta_part(self) -> tuple[NDArray[np.int64], sp.csr_matrix]:
        """Slots held in the delta (sorted) and their rows as a CSR matrix."""
        if self._delta_csr is None:
            slots = np.array(sorted(self.delta), dtype=np.int64)
            rows = [self.delta[int(s)] for s in slots]
            self._delta_csr = _stack(rows, self.n_cols, self.dtype)
            self._delta_slots = slots
        return self._delta_slots, self._delta_csr

    def compact(self, n_rows: int, with_csc: bool = False) -> None:
        """Fold the delta into a base of ``n_rows`` rows."""
        slots, delta = self.delta_part()
        keep: NDArray[Any] = np.ones(self.n_base, dtype=self.dtype)
        keep[slots[slots < self.n_base]] = 0
        base = sp.diags(keep, format="csr") @ self.base
        base = sp.vstack([base, sp.csr_matrix((n_rows - self.n_base, self.n_cols))], format="csr")
        placed = sp.csr_matrix(
            (delta.data, delta.indices, _place_indptr(delta.indptr, slots, n_rows)),
            shape=(n_rows, self.n_cols),
        )
        merged = (base + placed).tocsr()
        merged.eliminate_zeros()
        self.set_base(merged, with_csc=with_csc)

    def gather(self, slots: NDArray[np.integer]) -> sp.csr_matrix:
        """Rows for ``slots`` (any order) as CSR, reading the delta where it holds them.

        The base rows are read in one sparse gather and the few rows the delta holds
        (or appended slots it does not) are spliced in, so a pending update costs a
        pass over the gathered entries, not a Python step per slot.
        """
        slots = np.asarray(slots, dtype=np.intp)
        fresh = self._fresh(slots)
        if not fresh.any():
            return self.base[slots]
        where = np.flatnonzero(fresh)
        base = self.base[slots[~fresh]]
        new = _stack([self.row(int(s)) for s in slots[where]], self.n_cols, self.dtype)
        # Row where[i] of the result is new row i, placed before the base row that
        # follows it: entry offset of base row (where[i] - i).
        at_entry = np.repeat(base.indptr[where - np.arange(len(where))], np.diff(new.indptr))
        lengths = np.zeros(len(slots), dtype=np.int64)
        lengths[~fresh] = np.diff(base.indptr)
        lengths[where] = np.diff(new.indptr)
        indptr = np.zeros(len(slots) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        return sp.csr_matrix(
            (
                np.insert(base.data, at_entry, new.data),
                np.insert(base.indices, at_entry, new.indices),
                indptr,
            ),
            shape=(len(slots), self.n_cols),
        )

    def dot(self, slots: NDArray[np.integer], vector: NDArray[Any]) -> NDArray[Any]:
        """Rows for ``slots`` times a dense ``vector``: the values of ``gather(slots) @ vector``.

        Each row's product is its own sum, so the base's rows take the compiled path
        (see :func:`row_product.rows_dot`) and the few the delta holds the sparse one.
        """
        slots = np.asarray(slots, dtype=np.intp)
        fresh = self._fresh(slots)
        if not fresh.any():
            return rows_dot(self.base, slots, vector)
        out = np.zeros(len(slots), dtype=np.result_type(self.dtype, vector.dtype))
        out[~fresh] = rows_dot(self.base, slots[~fresh], vector)
        rows = [self.row(int(s)) for s in slots[fresh]]
        out[fresh] = _stack(rows, self.n_cols, self.dtype) @ vector
        return out

    def dense(
        self, slots: NDArray[np.integer], columns: NDArray[np.intp] | None = None
    ) -> NDArray[Any]:
        """Rows for ``slots`` as a dense array, of every column or of ``columns`` (sorted,
        distinct) in that order: the same values as :meth:`gather`'s rows.

        For the few rows explanations read, one numpy scatter from the base's arrays
        costs a fraction of a sparse gather and its checks; rows the delta holds (or a
        base not in canonical form) take the sparse way.
        """
        slots = np.asarray(slots, dtype=np.intp)
        if self._fresh(slots).any() or not self.base.has_canonical_format:
            rows = self.gather(slots)
            return (rows if columns is None else rows[:, columns]).toarray()
        width = self.n_cols if columns is None else len(columns)
        out = np.zeros((len(slots), width), dtype=self.dtype)
        if width == 0 or len(slots) == 0:
            return out
        indptr = self.base.indptr
        starts = indptr[slots].astype(np.int64)
        lengths = indptr[slots + 1] - starts
        ends = np.cumsum(lengths)
        # Entry positions in the base of each gathered row's entries, rows back to back.
        at = np.arange(ends[-1]) + np.repeat(starts - (ends - lengths), lengths)
        row = np.repeat(np.arange(len(slots)), lengths)
        col, data = self.base.indices[at], self.base.data[at]
        if columns is not None:
            where = np.minimum(np.searchsorted(columns, col), width - 1)
            kept = columns[where] == col
            row, col, data = row[kept], where[kept], data[kept]
        out[row, col] = data
        return out

    def _fresh(self, slots: NDArray[np.integer]) -> NDArray[np.bool_]:
        """Which of ``slots`` the base does not hold as is (appended, or in the delta)."""
        fresh: NDArray[np.bool_] = slots >= self.n_base
        if self.delta:
            held, _ = self.delta_part()
            at = np.minimum(np.searchsorted(held, slots), len(held) - 1)
            fresh |= held[at] == slots
        return fresh


def _with_wide_indices(matrix: sp.csc_matrix) -> sp.csc_matrix:
    """``matrix`` with int64 indices: numpy scatters and gathers skip a cast per read."""
    matrix.indices = matrix.indices.astype(np.int64)
    matrix.indptr = matrix.indptr.astype(np.int64)
    return matrix


def _stack(rows: list[Row], n_cols: int, dtype: type[np.generic]) -> sp.csr_matrix:
    """CSR matrix from (indices, values) rows."""
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indices: NDArray[np.int32]
    data: NDArray[Any]
    if rows:
        np.cumsum([len(r[0]) for r in rows], out=indptr[1:])
        indices = np.concatenate([r[0] for r in rows]).astype(np.int32)
        data = np.concatenate([r[1] for r in rows]).astype(dtype)
    else:
        indices, data = np.zeros(0, np.int32), np.zeros(0, dtype)
    return sp.csr_matrix((data, indices, indptr), shape=(len(rows), n_cols))


def _place_indptr(
    indptr: NDArray[np.integer], slots: NDArray[np.int64], n_rows: int
) -> NDArray[np.int64]:
    """Indptr putting row i of a small CSR at row ``slots[i]`` of an ``n_rows`` matrix."""
    counts = np.zeros(n_rows, dtype=np.int64)
    counts[slots] = np.diff(indptr)
    out = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(counts, out=out[1:])
    return out
