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

    def _year(self, keys: Sequence[str], year: int) -> NDArray[S]:
        for key in keys:
            self._rows.setdefault(key, len(self._rows))
        table = self._years.get(year)
        done = 0 if table is None else table.shape[0]
        if done < len(self._rows):
            fresh = np.stack([self.row_fn(key, year) for key in list(self._rows)[done:]])
            table = fresh.astype(self.dtype) if table is None else np.vstack([table, fresh])
            self._years[year] = table
        assert table is not None
        return table[[self._rows[key] for key in keys]]

    def days(self, keys: Sequence[str], days: Sequence[date]) -> NDArray[S]:
        """Values for every key on each of ``days`` (keys x len(days))."""
        out: NDArray[S] = np.empty((len(keys), len(days)), dtype=self.dtype)
        if not len(keys):
            return out
        by_year: dict[int, list[int]] = {}
        for i, day in enumerate(days):
            by_year.setdefault(day.year, []).append(i)
        for year, positions in by_year.items():
            doy = [days[i].timetuple().tm_yday - 1 for i in positions]
            out[:, positions] = self._year(keys, year)[:, doy]
        return out


def date_range(start: date, end: date) -> list[date]:
    """Every day from ``start`` to ``end`` inclusive."""
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def days_in_year(year: int) -> list[date]:
    """Every day of ``year``."""
    return date_range(date(year, 1, 1), date(year, 12, 31))
