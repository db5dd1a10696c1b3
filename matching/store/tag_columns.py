"""One skill tag's vendors at a time, read from the column-major skill matrix."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from ..factors.skill import Entries
from .sparse_rows import OverlayMatrix


class TagColumns:
    """Reads one tag's (slots, depths) from the CSC base, overridden by pending rows.

    Build one per match: it captures the pending rows at that moment. A column no
    pending row touches is read as a view of the base; a touched one drops the
    replaced slots by position (the base's columns are sorted by slot) and appends
    the pending entries, so its cost grows with the pending rows, not the column.
    """

    def __init__(self, skills: OverlayMatrix) -> None:
        csc = skills.base_csc
        assert csc is not None, "the skill matrix keeps a CSC copy of its base"
        assert csc.has_sorted_indices, "replaced slots are found by binary search"
        self.csc = csc
        slots, delta = skills.delta_part()
        self.delta_slots = slots
        self.delta = delta.tocsc() if len(slots) else None
        self.replaced = slots[slots < csc.shape[0]]  # sorted, as the delta's slots are
        # Columns the pending rows touch: those of their old base rows and their new ones.
        self.touched: NDArray[np.bool_] | None = None
        if len(slots):
            self.touched = np.zeros(csc.shape[1], dtype=bool)
            self.touched[_columns_of(skills.base, self.replaced)] = True
            self.touched[delta.indices] = True

    def __call__(self, col: int) -> Entries:
        """Slots holding tag column ``col`` and their depths."""
        csc = self.csc
        lo, hi = csc.indptr[col], csc.indptr[col + 1]
        rows, vals = csc.indices[lo:hi], csc.data[lo:hi]
        if self.delta is None or self.touched is None or not self.touched[col]:
            return rows, vals
        at = np.searchsorted(rows, self.replaced)
        inside = at < len(rows)
        stale = at[inside][rows[at[inside]] == self.replaced[inside]].tolist()
        starts, stops = [0, *(i + 1 for i in stale)], [*stale, len(rows)]
        d = self.delta
        dlo, dhi = d.indptr[col], d.indptr[col + 1]
        return (
            np.concatenate(
                [
                    *(rows[a:b] for a, b in zip(starts, stops, strict=True)),
                    self.delta_slots[d.indices[dlo:dhi]],
                ]
            ),
            np.concatenate(
                [*(vals[a:b] for a, b in zip(starts, stops, strict=True)), d.data[dlo:dhi]]
            ),
        )


def _columns_of(csr: sp.csr_matrix, rows: NDArray[np.integer]) -> NDArray[np.integer]:
    """Column indices of every entry in ``rows`` of ``csr`` (with repeats)."""
    if not len(rows):
        return csr.indices[:0]
    starts = csr.indptr[rows]
    lengths = csr.indptr[rows + 1] - starts
    ends = np.cumsum(lengths)
    at: NDArray[np.integer] = np.repeat(starts - (ends - lengths), lengths) + np.arange(ends[-1])
    return csr.indices[at]
