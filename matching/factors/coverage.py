"""Coverage factor: the hours a vendor staffs against the cover a scope asks for.

A vendor staffs ``coverage_hours`` a day (by default the span of its working hours)
on ``coverage_days`` days a week. The score is the share of the asked-for staffed
hours it covers: a 9-5 shop (8 h, 5 days) covers 24% of a 24/7 desk. Business hours
ask for nothing beyond the working day, which the time-zone factor already scores.
Every vendor with the same hours and days scores the same, so the factor is computed
per coverage group and read per vendor through the ``cov`` column. A scope that asks
for more than business hours weighs coverage at least ``ASKED_WEIGHT``.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from ..core.factor import FACTORS, Factor, MatchWeights
from ..core.records import Coverage

# Staffed hours a day and days a week each level asks for.
NEEDS: dict[Coverage, tuple[float, int] | None] = {
    Coverage.BUSINESS_HOURS: None,
    Coverage.EXTENDED: (12.0, 5),
    Coverage.FOLLOW_THE_SUN: (24.0, 5),
    Coverage.ROUND_THE_CLOCK: (24.0, 7),
}
# The least share of the score coverage carries when a scope asks for more than business
# hours. At its default 0.05 a 9-5 desk (24% of a 24/7 desk) lost 0.04 and still ranked
# 4th for the README's 24/7 desk on the demo data; at 0.20 it loses 0.15, which a better
# rating or price alone does not make up.
ASKED_WEIGHT = 0.20
NAMES = {
    Coverage.BUSINESS_HOURS: "business hours",
    Coverage.EXTENDED: "extended hours (12 h on weekdays)",
    Coverage.FOLLOW_THE_SUN: "follow-the-sun cover (24 h on weekdays)",
    Coverage.ROUND_THE_CLOCK: "24/7 cover",
}


def coverage_share(hours: float, days: int, coverage: Coverage) -> float:
    """Share of the staffed hours ``coverage`` asks for that ``hours`` x ``days`` cover."""
    need = NEEDS[coverage]
    if need is None:
        return 1.0
    return min(hours, need[0]) / need[0] * min(days, need[1]) / need[1]


def coverage_lut(groups: list[tuple[float, int]], coverage: Coverage) -> NDArray[np.float32]:
    """Coverage factor per coverage group ((hours a day, days a week) pairs), float32."""
    if NEEDS[coverage] is None:
        return np.ones(len(groups), dtype=np.float32)
    return np.array([coverage_share(h, d, coverage) for h, d in groups], dtype=np.float32)


def uncovered_hours(hours: float, days: int, coverage: Coverage) -> float:
    """Asked-for staffed hours a week that ``hours`` x ``days`` leave uncovered."""
    need = NEEDS[coverage]
    if need is None:
        return 0.0
    return need[0] * need[1] - min(hours, need[0]) * min(days, need[1])


def weigh_coverage(weights: MatchWeights, coverage: Coverage) -> MatchWeights:
    """``weights`` normalised, with coverage at least ``ASKED_WEIGHT`` when it is asked for.

    The other factors keep their proportions. Business hours change nothing: coverage
    is then the same for every vendor and its weight cannot reorder them.
    """
    w = weights.normalised()
    if NEEDS[coverage] is None or w.coverage >= ASKED_WEIGHT:
        return w
    scale = (1.0 - ASKED_WEIGHT) / (1.0 - w.coverage)
    scaled = {name: getattr(w, name) * scale for name in FACTORS if name != Factor.COVERAGE}
    return replace(w, coverage=ASKED_WEIGHT, **scaled)
