"""What the factors computed for one scope over the whole vendor population."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
from numpy.typing import NDArray

from ..core.records import Scope
from .cost import Budget
from .culture import CultureFit
from .skill import SkillFit


@dataclass(frozen=True)
class Evaluation:
    """Everything computed for one scope: per slot, or per group with the slot's group id.

    ``overlap_mean``, ``overlap_min`` and ``timezone`` are per time-zone group
    (``tzgroup``), ``culture`` per culture profile (``geo``) and ``security``
    per security class (``sec``); ``cost``, ``quality`` and ``eligible`` per slot.
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
    overlap_mean: NDArray[np.float32]
    overlap_min: NDArray[np.float32]
    cost: NDArray[np.float32]
    timezone: NDArray[np.float32]
    quality: NDArray[np.float32]
    security: NDArray[np.float32]
    eligible: NDArray[np.bool_]
    excluded: dict[str, int] = field(default_factory=dict)

    def factors(self, slots: NDArray[np.intp]) -> tuple[NDArray[np.float32], ...]:
        """Cost, time zone, culture, quality and security of ``slots``."""
        return (
            self.cost[slots],
            self.timezone[self.tzgroup[slots]],
            self.culture.score[self.geo[slots]],
            self.quality[slots],
            self.security[self.sec[slots]],
        )
