"""Vendor ids held in sorted arrays plus recent changes: the index finds every vendor it
holds, and none it does not, across builds, upserts, removals and folds."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from matching import FxRates, MatchIndex
from matching.store import slot_map
from matching.store.slot_map import SlotMap
from matching.synthetic import CURRENCIES, taxonomy, vendors


def test_ids_are_found_after_upserts_removals_and_folds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(slot_map, "FOLD_AT", 3)  # fold every few changes
    records = list(vendors(60))
    # Ids out of order and sparse: slots follow the input, lookups the ids.
    shuffled = [records[i] for i in np.random.default_rng(4).permutation(60)]
    index = MatchIndex(taxonomy(), FxRates("USD", CURRENCIES)).build(
        replace(rec, id=rec.id * 7 + 1) for rec in shuffled
    )
    held = {rec.id * 7 + 1 for rec in records}
    assert len(index) == len(held) and all(i in index for i in held)
    assert 0 not in index and 8 * 60 not in index and "1" not in index
    for step, rec in enumerate(records[:30]):
        new_id = 1000 + step
        index.upsert(replace(rec, id=new_id))
        held.add(new_id)
        gone = rec.id * 7 + 1
        assert index.remove(gone) and not index.remove(gone)
        held.discard(gone)
        if step % 4 == 0:  # back again, in a fresh slot
            index.upsert(replace(rec, id=gone))
            held.add(gone)
        assert len(index) == len(held)
        assert all(i in index for i in held)
        assert not any(i in index for i in range(0, 1100) if i not in held)


def test_a_duplicate_id_is_refused_by_a_build() -> None:
    records = list(vendors(5))
    with pytest.raises(ValueError, match="duplicate vendor id"):
        MatchIndex(taxonomy(), FxRates("USD", CURRENCIES)).build([*records, records[2]])


def test_get_pop_and_fold_on_the_map_itself() -> None:
    ids = np.array([40, 10, 30, 10], dtype=np.int64)
    alive = np.array([True, False, True, True])
    held = SlotMap.of(ids, alive)
    assert (held.get(10), held.get(30), held.get(40), held.get(20)) == (3, 2, 0, None)
    held.put(20, 4)
    assert held.pop(30) == 2 and held.pop(30) is None and held.get(30) is None
    assert len(held) == 3
    with pytest.raises(KeyError):
        held[30]
    ids = np.array([40, 10, 30, 10, 20], dtype=np.int64)
    alive = np.array([True, False, False, True, True])
    held.reset(ids, alive)
    assert held.recent == {} and len(held) == 3
    assert [held.get(i) for i in (10, 20, 30, 40)] == [3, 4, None, 0]
