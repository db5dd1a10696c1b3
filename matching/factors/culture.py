"""Culture factor: shared languages by proficiency, preferred regions, working calendars.

Every input is a property of the vendor's culture profile (country, region,
continent, languages), so the factor is computed once per profile and read
per vendor through the ``geo`` column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from .calendar import working_days_between

# Credit per proficiency level: none, BASIC, CONVERSATIONAL, FLUENT, NATIVE.
LEVEL_CREDIT = np.array([0.0, 0.25, 0.6, 0.9, 1.0], dtype=np.float32)
MIN_REQUIRED_LEVEL = 2
LANGUAGE_SHARE, REGION_SHARE, CALENDAR_SHARE = 0.5, 0.25, 0.25


class CultureProfiles(Protocol):
    """The culture profiles of the vendor population, as the culture factor reads them.

    ``country``, ``region`` and ``continent`` are ids into ``country_names``,
    ``region_names`` and ``continent_names``; ``langs`` is profiles x languages
    (proficiency 0-4), its columns numbered by ``language_ids``.
    """

    @property
    def count(self) -> int: ...
    @property
    def country(self) -> NDArray[np.int32]: ...
    @property
    def region(self) -> NDArray[np.int32]: ...
    @property
    def continent(self) -> NDArray[np.int32]: ...
    @property
    def langs(self) -> NDArray[np.uint8]: ...
    @property
    def language_ids(self) -> Mapping[str, int]: ...
    @property
    def country_names(self) -> Sequence[str]: ...
    @property
    def region_names(self) -> Sequence[str]: ...
    @property
    def continent_names(self) -> Sequence[str]: ...


@dataclass(frozen=True, slots=True)
class CultureFit:
    """Culture components per profile (``geo`` id), plus per-country calendar counts.

    ``levels`` is languages x profiles; ``shared_days`` is per country id.
    """

    levels: NDArray[np.uint8]
    language: NDArray[np.float32]
    region: NDArray[np.bool_]
    calendar: NDArray[np.float32]
    shared_days: NDArray[np.int64]
    buyer_days: int
    score: NDArray[np.float32]
    lacks_language: NDArray[np.bool_]


def language_levels(profiles: CultureProfiles, codes: tuple[str, ...]) -> NDArray[np.uint8]:
    """Proficiency level (0-4) of every profile in each required language (languages x profiles)."""
    out = np.zeros((len(codes), profiles.count), dtype=np.uint8)
    for i, code in enumerate(codes):
        lang = profiles.language_ids.get(code.lower())
        if lang is not None and lang < profiles.langs.shape[1]:
            out[i] = profiles.langs[:, lang]
    return out


def region_match(profiles: CultureProfiles, preferred: tuple[str, ...]) -> NDArray[np.bool_]:
    """Whether each profile's region, continent or country is among ``preferred``."""
    if not preferred:
        return np.ones(profiles.count, dtype=bool)
    wanted = {p.casefold() for p in preferred}
    hit = np.zeros(profiles.count, dtype=bool)
    for names, ids in (
        (profiles.region_names, profiles.region),
        (profiles.continent_names, profiles.continent),
        (profiles.country_names, profiles.country),
    ):
        lut = np.array([key.casefold() in wanted for key in names], dtype=bool)
        hit |= lut[ids]
    return hit


@lru_cache(maxsize=256)
def shared_working_days(
    countries: tuple[str, ...], buyer_country: str, start: date, end: date
) -> tuple[NDArray[np.int64], int]:
    """Per country, the buyer's working days from ``start`` to ``end`` it also works;
    and the buyer's working days. Cached per project window."""
    buyer = working_days_between([buyer_country], start, end)[0]
    shared = (working_days_between(countries, start, end) & buyer).sum(axis=1)
    shared.flags.writeable = False
    return shared, int(buyer.sum())


def culture_fit(
    profiles: CultureProfiles,
    languages: tuple[str, ...],
    preferred_regions: tuple[str, ...],
    buyer_country: str,
    start: date,
    end: date,
) -> CultureFit:
    """Culture factor in [0, 1] for every profile over the project from ``start`` to ``end``."""
    levels = language_levels(profiles, languages)
    language = (
        LEVEL_CREDIT[levels].mean(axis=0)
        if languages
        else np.ones(profiles.count, dtype=np.float32)
    )
    region = region_match(profiles, preferred_regions)
    shared, buyer_days = shared_working_days(
        tuple(profiles.country_names), buyer_country, start, end
    )
    per_country = shared / buyer_days if buyer_days else np.ones(len(shared))
    calendar = per_country.astype(np.float32)[profiles.country]
    score = np.float32(LANGUAGE_SHARE) * language
    score += np.float32(REGION_SHARE) * region
    score += np.float32(CALENDAR_SHARE) * calendar
    return CultureFit(
        levels=levels,
        language=language,
        region=region,
        calendar=calendar,
        shared_days=shared,
        buyer_days=buyer_days,
        score=score.astype(np.float32),
        lacks_language=np.asarray((levels < MIN_REQUIRED_LEVEL).any(axis=0)),
    )
