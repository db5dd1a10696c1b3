"""Working calendars: weekends and public holidays per country from the holidays package."""

from __future__ import annotations

import importlib.resources
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

import holidays
import numpy as np
from numpy.typing import NDArray

from .years import YearTable, days_in_year


@lru_cache(maxsize=4096)
def _country_holidays(country: str, year: int) -> tuple[frozenset[int], dict[date, str]]:
    """Weekend weekdays (0 = Monday) and holidays; Saturday and Sunday when unknown."""
    if not country:
        return frozenset({5, 6}), {}
    try:
        cal = holidays.country_holidays(country, years=year)
    except NotImplementedError:
        return frozenset({5, 6}), {}
    return frozenset(cal.weekend), dict(cal.items())


def _working_row(country: str, year: int) -> NDArray[np.bool_]:
    """Whether each day of ``year`` is a working day in ``country``."""
    weekend, days_off = _country_holidays(country, year)
    return np.array(
        [d.weekday() not in weekend and d not in days_off for d in days_in_year(year)],
        dtype=np.bool_,
    )


WORKING = YearTable(_working_row, np.bool_)


def working_days(countries: Sequence[str], days: Sequence[date]) -> NDArray[np.bool_]:
    """Whether each day is a working day in each country (countries x days)."""
    return WORKING.days(countries, days)


def working_days_between(countries: Sequence[str], start: date, end: date) -> NDArray[np.bool_]:
    """Whether each day from ``start`` to ``end`` inclusive is a working day in each
    country (countries x days); the same as :func:`working_days` over that range."""
    return WORKING.span(countries, start, end)


@lru_cache(maxsize=4096)
def holidays_between(country: str, start: date, end: date) -> list[tuple[date, str]]:
    """Public holidays of ``country`` from ``start`` to ``end``, in date order."""
    found: list[tuple[date, str]] = []
    for year in range(start.year, end.year + 1):
        days, pairs = _holidays_in_order(country, year)
        found.extend(pairs[bisect_left(days, start) : bisect_right(days, end)])
    return found


@lru_cache(maxsize=4096)
def _holidays_in_order(
    country: str, year: int
) -> tuple[tuple[date, ...], tuple[tuple[date, str], ...]]:
    """The dates and (date, name) pairs of ``country``'s holidays in ``year``, in date
    order (one name a date): a window's holidays are one slice, found by bisection."""
    pairs = tuple(sorted(_country_holidays(country, year)[1].items()))
    return tuple(d for d, _ in pairs), pairs


def weekend_of(country: str, year: int) -> frozenset[int]:
    """Weekend weekdays (0 = Monday) of ``country``."""
    return _country_holidays(country, year)[0]


@lru_cache(maxsize=1)
def _zone_countries() -> dict[str, str]:
    """IANA zone -> ISO country, read from the tz database the ``tzdata`` package ships."""
    text = (importlib.resources.files("tzdata") / "zoneinfo" / "zone.tab").read_text()
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            parts = line.split("\t")
            table[parts[2]] = parts[0]
    return table


def country_of_timezone(tz: str) -> str:
    """ISO country of an IANA zone from the tz database's zone.tab, or '' (e.g. for UTC)."""
    return _zone_countries().get(tz, "")
