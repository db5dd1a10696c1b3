"""The fields explanations read for the top-k vendors, gathered once per match in bulk."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

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
    "availability",
    "team_size",
    "hours_week",
    "capacity",
    "cov",
)

NAMES = ("slot", *FIELDS)  # Facts' fields before the per-skill depths


@dataclass(slots=True)  # not frozen: a frozen init sets each of its 22 fields the slow way
class Facts:
    """One vendor's fields as Python values, plus its depth per required skill (read,
    never changed)."""

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
    availability: int
    team_size: int
    hours_week: float
    capacity: float
    cov: int
    exact: tuple[float, ...]
    related: tuple[float, ...]
    listed: tuple[str, ...]


# facts_of builds Facts positionally: fail at import if the fields drift from NAMES.
if tuple(f.name for f in fields(Facts))[: len(NAMES)] != NAMES:
    raise TypeError(f"Facts must start with the fields {NAMES}")


def facts_of(store: VendorStore, ev: Evaluation, slots: NDArray[np.intp]) -> list[Facts]:
    """:class:`Facts` for ``slots``, in order."""
    if len(slots) == 0:
        return []
    columns = [store.cols[name][slots].tolist() for name in FIELDS]
    exact, near, listed = skill_facts(store, ev, slots)
    # Positional: NAMES is the order of Facts' first fields (a dict per vendor costs more).
    return [_facts(row) for row in zip(slots.tolist(), *columns, exact, near, listed, strict=True)]


def _facts(row: tuple[Any, ...]) -> Facts:
    """Facts from one row: the NAMES fields, then exact, related and listed."""
    return Facts(*(*row[:-3], tuple(row[-3]), tuple(row[-2]), tuple(row[-1])))


def skill_facts(
    store: VendorStore, ev: Evaluation, slots: NDArray[np.intp]
) -> tuple[list[list[float]], list[list[float]], list[list[str]]]:
    """Per slot and requirement: the depth of the best skill meeting it, the best partial
    (related or alike) depth, and the name the vendor lists the meeting skill under."""
    needs = ev.skill.needs
    tags = store.skills.dense(slots)
    free_cols = sorted({c for need in needs for c, _ in (*need.free, *need.similar)})
    free = store.free.matrix.dense(slots, np.array(free_cols, np.intp)) if free_cols else None
    at = {c: i for i, c in enumerate(free_cols)}
    names = store.free.names
    exact = np.zeros((len(slots), len(needs)), dtype=np.float32)
    near = np.zeros_like(exact)
    listed = [[""] * len(needs) for _ in range(len(slots))]
    for j, need in enumerate(needs):
        options = [(tags[:, t], name) for t, name in zip(need.tags, need.names, strict=True)]
        options += [(free[:, at[c]], names[c]) for c, _ in need.free] if free is not None else []
        for depths, name in options:
            for i in np.flatnonzero(depths > exact[:, j]).tolist():
                exact[i, j], listed[i][j] = depths[i], name
        if need.related:
            near[:, j] = tags[:, list(need.related)].max(axis=1)
        if need.similar and free is not None:
            alike = free[:, [at[c] for c, _ in need.similar]].max(axis=1)
            near[:, j] = np.maximum(near[:, j], alike)
    return exact.tolist(), near.tolist(), listed
