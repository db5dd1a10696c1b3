"""Time-zone factor: hours the buyer's and the vendor's working days overlap, DST included."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from numpy.typing import NDArray

from .years import YearTable, days_in_year

MAX_SAMPLES = 26


def _offset_row(tz: str, year: int) -> NDArray[np.float32]:
    """UTC offset in hours at local noon on each day of ``year``."""
    zone = ZoneInfo(tz)
    return np.array(
        [_utc_offset(datetime.combine(d, time(12), zone)) for d in days_in_year(year)],
        dtype=np.float32,
    )


def _utc_offset(moment: datetime) -> float:
    """UTC offset of an aware datetime in hours."""
    offset = moment.utcoffset()
    assert offset is not None  # a ZoneInfo always gives one
    return offset.total_seconds() / 3600.0


OFFSETS = YearTable(_offset_row, np.float32)


def sample_days(start: date, end: date) -> list[date]:
    """Days the overlap is measured on: every day of a short window, else weekly (<= 26)."""
    span = (end - start).days
    step = 1 if span <= 14 else 7
    days = [start + timedelta(days=i) for i in range(0, span + 1, step)]
    if len(days) > MAX_SAMPLES:
        picks = np.linspace(0, len(days) - 1, MAX_SAMPLES).round().astype(int)
        days = [days[i] for i in picks]
    return days


def shift_hours(start: time, end: time) -> tuple[float, float]:
    """Local start and end in hours; an overnight end moves to the next day."""
    lo = start.hour + start.minute / 60
    hi = end.hour + end.minute / 60
    return lo, hi + 24.0 if hi <= lo else hi


def overlap_matrix(
    scope_tz: str,
    scope_hours: tuple[float, float],
    zones: Sequence[str],
    starts: NDArray[np.floating[Any]],
    ends: NDArray[np.floating[Any]],
    days: Sequence[date],
    distinct: tuple[list[str], NDArray[np.intp]] | None = None,
) -> NDArray[np.float32]:
    """Overlap in hours of each (zone, start, end) group with the scope, per day (groups x days).

    Intervals are compared in UTC against the vendor's previous, same and next
    local day, so overnight shifts and zones across the date line count.
    ``distinct`` is :func:`distinct_zones` of ``zones`` when the caller keeps it.
    """
    scope_off = OFFSETS.days([scope_tz], days)[0]
    uniq, inverse = distinct or distinct_zones(zones)
    vendor_off = OFFSETS.days(uniq, days)[inverse]
    s0 = (scope_hours[0] - scope_off)[None, :]
    s1 = (scope_hours[1] - scope_off)[None, :]
    total = np.zeros((len(zones), len(days)), dtype=np.float32)
    for shift in (-24.0, 0.0, 24.0):
        v0 = starts[:, None] - vendor_off + shift
        v1 = ends[:, None] - vendor_off + shift
        total += np.clip(np.minimum(s1, v1) - np.maximum(s0, v0), 0.0, None)
    return total


def distinct_zones(zones: Sequence[str]) -> tuple[list[str], NDArray[np.intp]]:
    """The distinct zones, and for each group the position of its zone among them."""
    uniq, inverse = np.unique(np.asarray(zones), return_inverse=True)
    return [str(z) for z in uniq], inverse


def overlap_window_utc(
    scope_tz: str,
    scope_hours: tuple[float, float],
    zone: str,
    hours: tuple[float, float],
    day: date,
) -> tuple[float, float] | None:
    """The longest shared stretch on ``day`` as UTC hours (start, end), or None."""
    scope_off = float(OFFSETS.days([scope_tz], [day])[0, 0])
    vendor_off = float(OFFSETS.days([zone], [day])[0, 0])
    best: tuple[float, float] | None = None
    for shift in (-24.0, 0.0, 24.0):
        lo = max(scope_hours[0] - scope_off, hours[0] - vendor_off + shift)
        hi = min(scope_hours[1] - scope_off, hours[1] - vendor_off + shift)
        if hi > lo and (best is None or hi - lo > best[1] - best[0]):
            best = (lo % 24.0, lo % 24.0 + (hi - lo))
    return best


def timezone_scores(overlap: NDArray[np.float32], min_overlap_hours: float) -> NDArray[np.float32]:
    """Overlap against what the scope asks for, capped at 1; 1 when it asks for none."""
    if min_overlap_hours <= 0:
        return np.ones_like(overlap)
    return np.minimum(overlap / min_overlap_hours, 1.0)
