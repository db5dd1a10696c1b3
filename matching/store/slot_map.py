"""Vendor id -> slot, held as two sorted numpy arrays plus a small dict of recent changes.

A dict of a million ids costs ~100 MB (the table and two int objects per entry); the
arrays cost 16 bytes per vendor. Ids written since the arrays were made sit in the dict
(a removal as ``GONE``) and are folded in once there are enough of them.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

GONE = -1  # a removed id, in the dict of recent changes
FOLD_AT = 4096  # recent changes that trigger a fold, at least (else 1/64 of the ids)


class SlotMap:
    """Where each vendor id lives: sorted ``ids`` with their ``slots``, and recent changes."""

    def __init__(self) -> None:
        self.ids: NDArray[np.int64] = np.zeros(0, dtype=np.int64)
        self.slots: NDArray[np.int64] = np.zeros(0, dtype=np.int64)
        self.recent: dict[int, int] = {}
        self.size = 0

    @classmethod
    def of(cls, ids: NDArray[np.int64], alive: NDArray[np.bool_]) -> SlotMap:
        """The map of the live slots of an id column.

        Raises
        ------
        ValueError
            When two live slots hold one id.
        """
        held = cls()
        held.reset(ids, alive)
        return held

    def reset(self, ids: NDArray[np.int64], alive: NDArray[np.bool_]) -> None:
        """Hold exactly the live slots of ``ids`` (recent changes folded in)."""
        live = np.flatnonzero(alive)
        order = np.argsort(ids[live], kind="stable")
        self.ids = np.ascontiguousarray(ids[live][order], dtype=np.int64)
        self.slots = live[order].astype(np.int64)
        if len(self.ids) > 1 and bool((self.ids[1:] == self.ids[:-1]).any()):
            raise ValueError("duplicate vendor id")
        self.recent = {}
        self.size = len(self.ids)

    def __len__(self) -> int:
        return self.size

    def __contains__(self, vendor_id: object) -> bool:
        return isinstance(vendor_id, int | np.integer) and self.get(int(vendor_id)) is not None

    def __getitem__(self, vendor_id: int) -> int:
        slot = self.get(vendor_id)
        if slot is None:
            raise KeyError(vendor_id)
        return slot

    def get(self, vendor_id: int) -> int | None:
        """The slot of ``vendor_id``, or None."""
        slot = self.recent.get(vendor_id)
        if slot is not None:
            return None if slot == GONE else slot
        at = int(np.searchsorted(self.ids, vendor_id))
        if at < len(self.ids) and self.ids[at] == vendor_id:
            return int(self.slots[at])
        return None

    def put(self, vendor_id: int, slot: int) -> None:
        """``vendor_id`` lives in ``slot`` from now on."""
        if self.get(vendor_id) is None:
            self.size += 1
        self.recent[vendor_id] = slot

    def pop(self, vendor_id: int) -> int | None:
        """Forget ``vendor_id``; its slot, or None when it was not held."""
        slot = self.get(vendor_id)
        if slot is not None:
            self.recent[vendor_id] = GONE
            self.size -= 1
        return slot

    def needs_fold(self) -> bool:
        """Enough recent changes that folding them into the arrays pays."""
        return len(self.recent) > max(FOLD_AT, len(self.ids) // 64)
