"""What the factors computed for one scope over the whole vendor population."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from ..core.records import Scope
from .cost import Budget
from .culture import CultureFit
from .skill import SkillFit

T = TypeVar("T")


@dataclass(frozen=True)
class Evaluation:
    """Everything computed for one scope: per slot, or per group with the slot's group id.

    ``overlap_mean``, ``overlap_min`` and ``timezone`` are per time-zone group
    (``tzgroup``), ``culture`` per culture profile (``geo``), ``security`` per
    security class (``sec``) and ``coverage`` per coverage group (``cov``); ``cost``,
    ``quality``, ``capacity``, ``responsiveness`` and ``eligible`` per slot. ``joint``
    numbers each slot's (tzgroup, geo, sec, cov) combination, ``joint_parts`` holds
    those four ids per joint group, so the four per-group factors can be read at once.
    ``needed_hours`` is the scope's estimated hours (None when not given) and
    ``weeks`` the length of the project window. ``below_minimum`` marks the slots
    whose minimum project exceeds the budget (None when the total is not known).
    """

    scope: Scope
    buyer_country: str
    start: date
    end: date
    days: list[date]
    budget: Budget
    skill: SkillFit
    culture: CultureFit
    tzgroup: NDArray[np.intp]
    geo: NDArray[np.intp]
    sec: NDArray[np.intp]
    cov: NDArray[np.intp]
    joint: NDArray[np.intp]
    joint_parts: NDArray[np.intp]
    overlap_mean: NDArray[np.float32]
    overlap_min: NDArray[np.float32]
    cost: NDArray[np.float32]
    timezone: NDArray[np.float32]
    quality: NDArray[np.float32]
    security: NDArray[np.float32]
    capacity: NDArray[np.float32]
    responsiveness: NDArray[np.float32]
    coverage: NDArray[np.float32]
    needed_hours: float | None
    weeks: float
    below_minimum: NDArray[np.bool_] | None
    eligible: NDArray[np.bool_]
    excluded: dict[str, int] = field(default_factory=dict)
    # Explanations of this match computed once per group (see ``memo``).
    explained: dict[Hashable, Any] = field(default_factory=dict)

    def memo(self, key: Hashable, make: Callable[[], T]) -> T:
        """``make()`` the first time ``key`` is asked for in this match, then the same value.

        Explanations of vendors sharing a group (a time zone, a culture profile, a
        coverage) repeat; they are computed once per match.
        """
        if key not in self.explained:
            self.explained[key] = make()
        value: T = self.explained[key]
        return value

    def factors(self, slots: NDArray[np.intp]) -> tuple[NDArray[np.float32], ...]:
        """Every factor but skill for ``slots``, in ``Factor`` order."""
        return (
            self.cost[slots],
            self.timezone[self.tzgroup[slots]],
            self.culture.score[self.geo[slots]],
            self.quality[slots],
            self.security[self.sec[slots]],
            self.capacity[slots],
            self.responsiveness[slots],
            self.coverage[self.cov[slots]],
        )
