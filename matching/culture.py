"""Culture factor: shared languages by proficiency, preferred regions, working calendars."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from .calendar import working_days
from .store import VendorStore

# Credit per proficiency level: none, BASIC, CONVERSATIONAL, FLUENT, NATIVE.
LEVEL_CREDIT = np.array([0.0, 0.25, 0.6, 0.9, 1.0], dtype=np.float32)
MIN_REQUIRED_LEVEL = 2
LANGUAGE_SHARE, REGION_SHARE, CALENDAR_SHARE = 0.5, 0.25, 0.25


@dataclass(frozen=True, slots=True)
class CultureFit:
    """Culture components per slot, plus per-country calendar counts for explanations."""

    levels: np.ndarray
    language: np.ndarray
    region: np.ndarray
    calendar: np.ndarray
    shared_days: np.ndarray
    buyer_days: int
    score: np.ndarray


def language_levels(store: VendorStore, codes: tuple[str, ...]) -> np.ndarray:
    """Proficiency level (0-4) of every slot in each required language (languages x slots)."""
    matrix = store.cols.lang_matrix()
    out = np.zeros((len(codes), store.size), dtype=np.uint8)
    for i, code in enumerate(codes):
        lang = store.languages.get(code.lower())
        if lang is not None and lang < matrix.shape[1]:
            out[i] = matrix[:, lang]
    return out


def region_match(store: VendorStore, preferred: tuple[str, ...]) -> np.ndarray:
    """Whether each slot's region, continent or country is among ``preferred``."""
    if not preferred:
        return np.ones(store.size, dtype=bool)
    wanted = {p.casefold() for p in preferred}
    hit = np.zeros(store.size, dtype=bool)
    for vocab, col in (
        (store.regions, "region"),
        (store.continents, "continent"),
        (store.countries, "country"),
    ):
        lut = np.array([key.casefold() in wanted for key in vocab.keys], dtype=bool)
        hit |= lut[store.cols[col]]
    return hit


def culture_fit(
    store: VendorStore,
    languages: tuple[str, ...],
    preferred_regions: tuple[str, ...],
    buyer_country: str,
    window: list[date],
) -> CultureFit:
    """Culture factor in [0, 1] for every slot."""
    levels = language_levels(store, languages)
    language = (
        LEVEL_CREDIT[levels].mean(axis=0) if languages else np.ones(store.size, dtype=np.float32)
    )
    region = region_match(store, preferred_regions)
    buyer = working_days([buyer_country], window)[0]
    vendor = working_days(store.countries.keys, window)
    shared = (vendor & buyer).sum(axis=1)
    buyer_days = int(buyer.sum())
    per_country = shared / buyer_days if buyer_days else np.ones(len(shared))
    calendar = per_country.astype(np.float32)[store.cols["country"]]
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
    )
