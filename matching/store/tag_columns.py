"""One skill tag's vendors at a time, read from the column-major skill matrix."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ..factors.skill import Entries
from .sparse_rows import OverlayMatrix


class TagColumns:
    """Reads one tag's (slots, depths) from the CSC base, overridden by pending rows.

    Build one per match: it captures the pending rows at that moment.
    """

    def __init__(self, skills: OverlayMatrix) -> None:
        csc = skills.base_csc
        assert csc is not None, "the skill matrix keeps a CSC copy of its base"
        self.csc = csc
        slots, delta = skills.delta_part()
        self.delta_slots = slots
        self.delta = delta.tocsc() if len(slots) else None
        self.stale: NDArray[np.bool_] | None = None
        if len(slots):
            self.stale = np.zeros(self.csc.shape[0], dtype=bool)
            self.stale[slots[slots < len(self.stale)]] = True

    def __call__(self, col: int) -> Entries:
        """Slots holding tag column ``col`` and their depths."""
        csc = self.csc
        lo, hi = csc.indptr[col], csc.indptr[col + 1]
        rows, vals = csc.indices[lo:hi], csc.data[lo:hi]
        if self.delta is None or self.stale is None:
            return rows, vals
        keep = ~self.stale[rows]
        d = self.delta
        dlo, dhi = d.indptr[col], d.indptr[col + 1]
        return (
            np.concatenate([rows[keep], self.delta_slots[d.indices[dlo:dhi]]]),
            np.concatenate([vals[keep], d.data[dlo:dhi]]),
        )
