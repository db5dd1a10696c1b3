"""Per-day values for keys (time zones, countries), cached one calendar year at a time."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Generic, TypeVar

import numpy as np
from numpy.typing import NDArray

S = TypeVar("S", bound=np.generic)


class YearTable(Generic[S]):
    """A (keys x days-of-year) matrix per year, filled lazily by ``row_fn(key, year)``."""

    def __init__(self, row_fn: Callable[[str, int], NDArray[S]], dtype: type[S]) -> None:
        self.row_fn = row_fn
        self.dtype = dtype
        self._rows: dict[str, int] = {}
        self._years: dict[int, NDArray[S]] = {}

    def _ids(self, keys: Sequence[str]) -> NDArray[np.intp]:
        """Row of each key in the year tables, new keys numbered as they come."""
        rows = self._rows
        return np.array([rows.setdefault(key, len(rows)) for key in keys], dtype=np.intp)

    def _table(self, year: int) -> NDArray[S]:
        """The table of ``year``, with a row for every key numbered so far."""
        table = self._years.get(year)
        done = 0 if table is None else table.shape[0]
        if done < len(self._rows):
            fresh = np.stack([self.row_fn(key, year) for key in list(self._rows)[done:]])
            table = fresh.astype(self.dtype) if table is None else np.vstack([table, fresh])
            self._years[year] = table
        assert table is not None
        return table

    def days(self, keys: Sequence[str], days: Sequence[date]) -> NDArray[S]:
        """Values for every key on each of ``days`` (keys x len(days))."""
        out: NDArray[S] = np.empty((len(keys), len(days)), dtype=self.dtype)
        if not len(keys):
            return out
        ids = self._ids(keys)
        by_year: dict[int, list[int]] = {}
        for i, day in enumerate(days):
            by_year.setdefault(day.year, []).append(i)
        for year, positions in by_year.items():
            first = date(year, 1, 1).toordinal()
            doy = np.array([days[i].toordinal() - first for i in positions], dtype=np.intp)
            out[:, positions] = self._table(year)[ids[:, None], doy]
        return out

    def span(self, keys: Sequence[str], start: date, end: date) -> NDArray[S]:
        """Values for every key on each day from ``start`` to ``end`` inclusive
        (keys x days), read as one slice per calendar year: no step per day."""
        if not len(keys) or end < start:
            return np.empty((len(keys), max(0, (end - start).days + 1)), dtype=self.dtype)
        ids = self._ids(keys)
        parts = []
        for year in range(start.year, end.year + 1):
            first = start if year == start.year else date(year, 1, 1)
            last = end if year == end.year else date(year, 12, 31)
            lo = first.timetuple().tm_yday - 1
            parts.append(self._table(year)[ids, lo : lo + (last - first).days + 1])
        return parts[0] if len(parts) == 1 else np.concatenate(parts, axis=1)


def date_range(start: date, end: date) -> list[date]:
    """Every day from ``start`` to ``end`` inclusive."""
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def days_in_year(year: int) -> list[date]:
    """Every day of ``year``."""
    return date_range(date(year, 1, 1), date(year, 12, 31))
