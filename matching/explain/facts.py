"""The fields explanations read for the top-k vendors, gathered once per match in bulk."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..factors.evaluation import Evaluation
from ..store.vendors import VendorStore

FIELDS = (
    "country",
    "region",
    "tzgroup",
    "geo",
    "rate_min",
    "rate_max",
    "min_budget",
    "certs",
    "verified",
    "review_count",
    "review_mean",
    "on_time",
    "response_hours",
)

NAMES = ("slot", *FIELDS)  # Facts' fields before the per-skill depths


@dataclass(frozen=True, slots=True)
class Facts:
    """One vendor's fields as Python values, plus its depth per required skill."""

    slot: int
    country: int
    region: int
    tzgroup: int
    geo: int
    rate_min: float
    rate_max: float
    min_budget: float
    certs: int
    verified: bool
    review_count: float
    review_mean: float
    on_time: float
    response_hours: float
    exact: tuple[float, ...]
    related: tuple[float, ...]


def facts_of(store: VendorStore, ev: Evaluation, slots: NDArray[np.intp]) -> list[Facts]:
    """:class:`Facts` for ``slots``, in order."""
    if len(slots) == 0:
        return []
    columns = [store.cols[name][slots].tolist() for name in FIELDS]
    fit = ev.skill
    depth = store.skills.gather(slots).toarray()
    exact = depth[:, list(fit.columns)].tolist()
    related = np.zeros((len(slots), len(fit.columns)), dtype=depth.dtype)
    for j, cols in enumerate(fit.related):
        if cols:
            related[:, j] = depth[:, list(cols)].max(axis=1)
    near = related.tolist()
    return [
        Facts(
            **dict(zip(NAMES, row[:-2], strict=True)), exact=tuple(row[-2]), related=tuple(row[-1])
        )
        for row in zip(slots.tolist(), *columns, exact, near, strict=True)
    ]
