"""Culture factor: shared languages by proficiency, preferred regions, working calendars.

Every input is a property of the vendor's culture profile (country, region,
continent, languages), so the factor is computed once per profile and read
per vendor through the ``geo`` column.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np

from .calendar import working_days
from .store import VendorStore
from .tables import GeoProfiles

# Credit per proficiency level: none, BASIC, CONVERSATIONAL, FLUENT, NATIVE.
LEVEL_CREDIT = np.array([0.0, 0.25, 0.6, 0.9, 1.0], dtype=np.float32)
MIN_REQUIRED_LEVEL = 2
LANGUAGE_SHARE, REGION_SHARE, CALENDAR_SHARE = 0.5, 0.25, 0.25


@dataclass(frozen=True, slots=True)
class CultureFit:
    """Culture components per profile (``geo`` id), plus per-country calendar counts.

    ``levels`` is languages x profiles; ``shared_days`` is per country id.
    """

    levels: np.ndarray
    language: np.ndarray
    region: np.ndarray
    calendar: np.ndarray
    shared_days: np.ndarray
    buyer_days: int
    score: np.ndarray
    lacks_language: np.ndarray


def language_levels(
    store: VendorStore, profiles: GeoProfiles, codes: tuple[str, ...]
) -> np.ndarray:
    """Proficiency level (0-4) of every profile in each required language (languages x profiles)."""
    out = np.zeros((len(codes), profiles.count), dtype=np.uint8)
    for i, code in enumerate(codes):
        lang = store.languages.get(code.lower())
        if lang is not None and lang < profiles.langs.shape[1]:
            out[i] = profiles.langs[:, lang]
    return out


def region_match(
    store: VendorStore, profiles: GeoProfiles, preferred: tuple[str, ...]
) -> np.ndarray:
    """Whether each profile's region, continent or country is among ``preferred``."""
    if not preferred:
        return np.ones(profiles.count, dtype=bool)
    wanted = {p.casefold() for p in preferred}
    hit = np.zeros(profiles.count, dtype=bool)
    for vocab, ids in (
        (store.regions, profiles.region),
        (store.continents, profiles.continent),
        (store.countries, profiles.country),
    ):
        lut = np.array([key.casefold() in wanted for key in vocab.keys], dtype=bool)
        hit |= lut[ids]
    return hit


@lru_cache(maxsize=256)
def shared_working_days(
    countries: tuple[str, ...], buyer_country: str, start: date, end: date
) -> tuple[np.ndarray, int]:
    """Per country, the buyer's working days from ``start`` to ``end`` it also works;
    and the buyer's working days. Cached per project window."""
    window = [date.fromordinal(d) for d in range(start.toordinal(), end.toordinal() + 1)]
    buyer = working_days([buyer_country], window)[0]
    shared = (working_days(countries, window) & buyer).sum(axis=1)
    shared.flags.writeable = False
    return shared, int(buyer.sum())


def culture_fit(
    store: VendorStore,
    profiles: GeoProfiles,
    languages: tuple[str, ...],
    preferred_regions: tuple[str, ...],
    buyer_country: str,
    start: date,
    end: date,
) -> CultureFit:
    """Culture factor in [0, 1] for every profile over the project from ``start`` to ``end``."""
    levels = language_levels(store, profiles, languages)
    language = (
        LEVEL_CREDIT[levels].mean(axis=0)
        if languages
        else np.ones(profiles.count, dtype=np.float32)
    )
    region = region_match(store, profiles, preferred_regions)
    shared, buyer_days = shared_working_days(tuple(store.countries.keys), buyer_country, start, end)
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
        lacks_language=(levels < MIN_REQUIRED_LEVEL).any(axis=0),
    )
