"""Coverage factor: the hours a vendor staffs against the cover a scope asks for.

A vendor staffs ``coverage_hours`` a day (by default the span of its working hours)
on ``coverage_days`` days a week. The score is the share of the asked-for staffed
hours it covers: a 9-5 shop (8 h, 5 days) covers 24% of a 24/7 desk. Business hours
ask for nothing beyond the working day, which the time-zone factor already scores.
Every vendor with the same hours and days scores the same, so the factor is computed
per coverage group and read per vendor through the ``cov`` column.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ..core.records import Coverage

# Staffed hours a day and days a week each level asks for.
NEEDS: dict[Coverage, tuple[float, int] | None] = {
    Coverage.BUSINESS_HOURS: None,
    Coverage.EXTENDED: (12.0, 5),
    Coverage.FOLLOW_THE_SUN: (24.0, 5),
    Coverage.ROUND_THE_CLOCK: (24.0, 7),
}
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
