"""Past outcomes: what happened to vendors on past scopes, as training data."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..core.factor import Factor
from ..core.records import Scope
from ..rank.index import MatchIndex

GOOD_RATING = 4.0


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one vendor on one past scope."""

    scope_key: Hashable
    vendor_id: int
    shortlisted: bool = False
    hired: bool = False
    rating: float | None = None

    @property
    def grade(self) -> int:
        """3 hired and rated >= 4, 2 hired, 1 shortlisted, 0 neither."""
        if self.hired:
            return 3 if self.rating is not None and self.rating >= GOOD_RATING else 2
        return 1 if self.shortlisted else 0


def training_data(
    index: MatchIndex,
    scopes: Mapping[Hashable, Scope],
    outcomes: Iterable[Outcome],
    *,
    today: date,
) -> tuple[NDArray[np.float64], NDArray[np.int_], NDArray[np.int_]]:
    """Factor vectors, grades and group numbers for :class:`WeightLearner`.

    Parameters
    ----------
    index : MatchIndex
        Holds the vendors; outcomes for vendors it lacks are skipped.
    scopes : mapping
        Scope per ``Outcome.scope_key``; outcomes of unknown scopes are skipped.
    outcomes : iterable of Outcome
        One per (scope, vendor) considered; the best grade wins on repeats.
    today : date
        Start of the project window of scopes without dates (see ``MatchIndex.match``).

    Returns
    -------
    X : ndarray of shape (n, 6)
        Factor scores in ``Factor`` order.
    y : ndarray of shape (n,)
        Grades 0-3.
    groups : ndarray of shape (n,)
        Group number per scope.
    """
    by_scope: dict[Hashable, dict[int, int]] = {}
    for o in outcomes:
        if o.scope_key in scopes and o.vendor_id in index:
            grades = by_scope.setdefault(o.scope_key, {})
            grades[o.vendor_id] = max(grades.get(o.vendor_id, 0), o.grade)
    xs: list[NDArray[np.float64]] = []
    ys: list[NDArray[Any]] = []
    gs: list[NDArray[Any]] = []
    for g, (key, grades) in enumerate(by_scope.items()):
        ids = list(grades)
        xs.append(index.factor_matrix(scopes[key], ids, today=today))
        ys.append(np.array([grades[v] for v in ids]))
        gs.append(np.full(len(ids), g))
    if not xs:
        return np.zeros((0, len(Factor))), np.zeros(0, dtype=int), np.zeros(0, dtype=int)
    return np.vstack(xs), np.concatenate(ys), np.concatenate(gs)
