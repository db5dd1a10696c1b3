"""Capacity factor: the hours a vendor can give by the deadline against the hours needed.

A vendor's weekly hours are what it declares, else about 35 per head of its team.
Availability scales them: a LIMITED vendor counts at half its hours and at most half
the score (it takes little new work, however large), an UNAVAILABLE one (ranked only
when the scope asks for it) at none.
"""

from __future__ import annotations

from datetime import date

import numpy as np
from numpy.typing import NDArray

from ..core.records import Availability

Floats = NDArray[np.float32]

HOURS_PER_HEAD = 35.0
# Per availability, in AVAILABILITY_CODES order: share of the hours counted, best score.
AVAILABILITY_CODES = (Availability.AVAILABLE, Availability.LIMITED, Availability.UNAVAILABLE)
HOURS_SHARE = (1.0, 0.5, 0.0)
SCORE_CAP = (1.0, 0.5, 0.0)
LIMITED = AVAILABILITY_CODES.index(Availability.LIMITED)
UNAVAILABLE = AVAILABILITY_CODES.index(Availability.UNAVAILABLE)


def weekly_hours(hours_per_week: float | None, team_size: int) -> float:
    """Declared hours a week, or :data:`HOURS_PER_HEAD` per head of the team."""
    if hours_per_week is not None and hours_per_week > 0:
        return float(hours_per_week)
    return HOURS_PER_HEAD * max(team_size, 1)


def availability_code(availability: Availability) -> int:
    """Position of ``availability`` in :data:`AVAILABILITY_CODES` (the column's value)."""
    return AVAILABILITY_CODES.index(Availability(availability))


def window_weeks(start: date, end: date) -> float:
    """Weeks from ``start`` to ``end``, both days included."""
    return ((end - start).days + 1) / 7.0


def capacity_scores(
    capacity: Floats, cap: Floats, weeks: float, needed_hours: float | None
) -> Floats:
    """Capacity factor in [0, 1] per vendor.

    Parameters
    ----------
    capacity : ndarray of float32
        Hours a week each vendor can give (availability already applied).
    cap : ndarray of float32
        Each vendor's best score (1, or less when its availability is limited).
    weeks : float
        Length of the project window in weeks.
    needed_hours : float or None
        The scope's estimated hours; None leaves only the availability cap.

    Returns
    -------
    ndarray of float32
        ``min(capacity * weeks / needed_hours, cap)``: the share of the work the
        vendor can do in time. ``cap`` itself (not a copy) when the hours are unknown.
    """
    if not needed_hours or needed_hours <= 0:
        return cap
    out = np.multiply(capacity, np.float32(weeks / needed_hours))
    np.minimum(out, cap, out=out)
    return out


def finish_date(start: date, needed_hours: float, capacity: float) -> date | None:
    """The first day by which ``capacity`` hours a week cover ``needed_hours``, or None."""
    if capacity <= 0:
        return None
    days = int(np.ceil(needed_hours / capacity * 7.0)) - 1
    return date.fromordinal(start.toordinal() + max(days, 0))
